"""Writes for screenings: score with the instrument's own version, audit, start the protocol;
change the tier by professional judgement, a lowering decided by the unit supervisor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import IN_THE_RECORD, record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import NotAllowed, require
from safeharbor.domain.access import Action
from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import Answer, Instrument, MissingEpisode, score
from safeharbor.domain.screening.recording import check_override, check_screening_day, lowers
from safeharbor.domain.screening.stored import (
    answers_document,
    episodes_document,
    result_document,
)
from safeharbor.obligations.actions import record_clock_event
from safeharbor.screenings.instruments import instrument_for
from safeharbor.screenings.models import OCCASION_CHOICES, Screening, TierOverride
from safeharbor.screenings.queries import episodes_as_of, may_approve, pending_override
from safeharbor.ui.forms import SKEW
from safeharbor.writes import save_if_current

__all__ = ["NotAllowed", "decide_override", "override_tier", "record_screening"]

DECIDED = "this change of tier has already been decided"


def record_screening(
    *,
    actor: User,
    youth: Youth,
    as_of: dt.date,
    answers: Mapping[str, Answer],
    occasion: str,
    instrument_id: str | None = None,
    interviewed_at: dt.datetime | None = None,
) -> Screening:
    """Score and store a screening with the latest version of the instrument; audit it.

    The protocol's clocks start at ``interviewed_at`` (now when not given): when the agency
    received the information, not when it was typed in (SPEC §5).
    """
    require(actor, youth, Action.EDIT)
    now = timezone.now()
    if interviewed_at is not None and interviewed_at > now + SKEW:
        raise InputError("the interview cannot be in the future", field="interviewed_at")
    if occasion not in dict(OCCASION_CHOICES):
        raise InputError(f"unknown occasion {occasion!r}", field="occasion")
    check_screening_day(as_of, today=timezone.localdate(), born=youth.date_of_birth)
    instrument = instrument_for(instrument_id)
    episodes = episodes_as_of(youth, as_of)
    with transaction.atomic():
        screening = _new_screening(actor, youth, instrument, answers, episodes, as_of, occasion)
        screening.interviewed_at = min(interviewed_at or now, now)  # a clock a minute fast
        screening.save(update_fields=["interviewed_at"])
        record_event(
            actor=actor,
            action="screening.recorded",
            target=screening,
            youth=youth,
            detail={"tier": screening.computed_tier, "version": instrument.version},
        )
        _start_protocol(actor, screening, screening.computed_tier)
        return screening


def _new_screening(
    actor: User,
    youth: Youth,
    instrument: Instrument,
    answers: Mapping[str, Answer],
    episodes: list[MissingEpisode],
    as_of: dt.date,
    occasion: str,
) -> Screening:
    """Score the answers and episodes as of ``as_of`` and store them with the result."""
    result = score(instrument, answers, episodes, as_of)
    return Screening.objects.create(
        youth=youth,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        as_of=as_of,
        occasion=occasion,
        answers=answers_document(answers),
        episodes=episodes_document(episodes),
        result=result_document(result),
        computed_tier=result.tier,
        final_tier=result.tier,
        screened_by=actor,
        screened_at=timezone.now(),
    )


def _start_protocol(actor: User, screening: Screening, tier: str) -> None:
    """Tell the clocks a screening was completed with ``tier`` (SPEC §5.1 screening_completed).

    The clocks start when the interview took place (SPEC §5: when the information arrived).
    """
    record_clock_event(
        actor=actor,
        youth=screening.youth,
        event_type="screening_completed",
        at=screening.information_at,
        tier=tier,
        record=screening,
    )


def override_tier(*, actor: User, screening: Screening, tier: str, reason: str) -> TierOverride:
    """Change the tier by professional judgement (SPEC §4.6).

    Raising applies at once. Lowering applies at once only when the unit supervisor does it;
    asked by anyone else it waits, pending, for the supervisor's approval.
    """
    youth = screening.youth
    require(actor, youth, Action.EDIT)
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    current = screening.final_tier
    reason = check_override(instrument, current=current, tier=tier, reason=reason)
    lowering = lowers(instrument, current, tier)
    if lowering and pending_override(screening) is not None:
        raise InputError("a lowering already awaits the supervisor's decision", field="tier")
    decided = lowering and may_approve(actor, youth)
    with transaction.atomic():
        override = _new_override(actor, screening, tier, reason, lowering=lowering, decided=decided)
        _audit_override(actor, override)
        if override.status == "applied":
            _apply(actor, screening, override, raised=not lowering)
        return override


def _new_override(
    actor: User, screening: Screening, tier: str, reason: str, *, lowering: bool, decided: bool
) -> TierOverride:
    """Store the change: pending when a lowering awaits the supervisor, else applied."""
    now = timezone.now()
    return TierOverride.objects.create(
        screening=screening,
        from_tier=screening.final_tier,
        to_tier=tier,
        reason=reason,
        requested_by=actor,
        requested_at=now,
        status="pending" if lowering and not decided else "applied",
        decided_by=actor if decided else None,
        decided_at=now if decided else None,
    )


def _audit_override(actor: User, override: TierOverride) -> None:
    pending = override.status == "pending"
    record_event(
        actor=actor,
        action="screening.override_requested" if pending else "screening.overridden",
        target=override.screening,
        youth=override.screening.youth,
        reason=IN_THE_RECORD,
        detail={"from": override.from_tier, "to": override.to_tier},
    )


def decide_override(
    *, actor: User, override: TierOverride, approve: bool, reason: str
) -> TierOverride:
    """Approve or refuse a pending lowering; only the unit supervisor, never the requester."""
    screening = override.screening
    require(actor, screening.youth, Action.APPROVE)
    if override.status != "pending":
        raise InputError(DECIDED)
    if override.requested_by_id == actor.pk:
        raise NotAllowed("someone other than the requester must decide")
    if not reason.strip():
        raise InputError("write the reason for your decision", field="reason")
    with transaction.atomic(durable=True):
        _decide_once(actor, override, "applied" if approve else "refused", reason.strip())
        record_event(
            actor=actor,
            action="screening.override_approved" if approve else "screening.override_refused",
            target=screening,
            youth=screening.youth,
            reason=IN_THE_RECORD,
            detail={"from": override.from_tier, "to": override.to_tier},
        )
        if approve:
            _apply(actor, screening, override, raised=False)
        return override


def _decide_once(actor: User, override: TierOverride, status: str, reason: str) -> None:
    """Record the decision on the override while it is still pending; refuse a second one.

    A change of tier has no version: its status is the condition (decided once, never again).
    """
    decision = {"decided_by": actor, "decided_at": timezone.now(), "decision_reason": reason}
    updated = TierOverride.objects.filter(pk=override.pk, status="pending").update(
        status=status, **decision
    )
    if not updated:
        raise InputError(DECIDED)
    override.refresh_from_db()


def _apply(actor: User, screening: Screening, override: TierOverride, *, raised: bool) -> None:
    """Make the override the final tier; a raised tier starts its own protocol clocks."""
    save_if_current(
        screening,
        seen_version=screening.version,
        changes={"final_tier": override.to_tier},
        where={"final_tier": override.from_tier},
        stale="the tier was changed by someone else meanwhile",
    )
    if raised:
        _start_protocol(actor, screening, override.to_tier)
