"""Writes for screenings: score with the instrument's own version, audit, start the protocol."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import NotAllowed, case_scope, require
from safeharbor.domain.access import Action, decide
from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import Answer, MissingEpisode, ScreeningResult, score
from safeharbor.missing.models import MissingEpisode as EpisodeRow
from safeharbor.screenings.instruments import instrument_for
from safeharbor.screenings.models import OCCASION_CHOICES, Screening, TierOverride


def episodes_as_of(youth: Youth, as_of: dt.date) -> list[MissingEpisode]:
    """Return the youth's recorded missing episodes as the instrument counts them on ``as_of``.

    An episode counts by the day the agency learned of it in the agency's zone (SPEC §4.2
    "reported missing"); one reported after ``as_of`` did not exist yet, and a return after
    ``as_of`` had not happened yet.
    """
    recorded = [
        MissingEpisode(
            timezone.localdate(row.learned_at),
            timezone.localdate(row.returned_at) if row.returned_at else None,
        )
        for row in EpisodeRow.objects.filter(youth=youth).order_by("learned_at")
    ]
    return episodes_on(recorded, as_of)


def episodes_on(episodes: list[MissingEpisode], as_of: dt.date) -> list[MissingEpisode]:
    """Return the episodes as they stood on ``as_of``: later ones dropped, later returns undone."""
    return [
        MissingEpisode(
            e.reported_missing, e.returned if e.returned and e.returned <= as_of else None
        )
        for e in episodes
        if e.reported_missing <= as_of
    ]


def result_document(result: ScreeningResult) -> dict[str, object]:
    """Return a result as it is stored: plain JSON values (lists, not tuples)."""
    return json.loads(json.dumps(result.to_dict()))


def _episodes_json(episodes: list[MissingEpisode]) -> list[dict[str, str | None]]:
    return [
        {
            "reported_missing": e.reported_missing.isoformat(),
            "returned": e.returned.isoformat() if e.returned else None,
        }
        for e in episodes
    ]


def _answers_json(answers: Mapping[str, Answer]) -> dict[str, dict[str, str]]:
    return {
        key: {
            "value": a.value.value,
            "source": a.source.value if a.source else "",
            "note": a.note,
        }
        for key, a in answers.items()
    }


def record_screening(
    *,
    actor: User,
    youth: Youth,
    as_of: dt.date,
    answers: Mapping[str, Answer],
    occasion: str,
    instrument_id: str | None = None,
) -> Screening:
    """Score and store a screening with the latest version of the instrument; audit it."""
    require(actor, youth, Action.EDIT)
    if occasion not in dict(OCCASION_CHOICES):
        raise InputError(f"unknown occasion {occasion!r}", field="occasion")
    today = timezone.localdate()
    if as_of > today:
        raise InputError("a screening cannot describe a day in the future", field="as_of")
    if as_of < youth.date_of_birth:
        raise InputError(
            "a screening cannot describe a day before the youth was born", field="as_of"
        )
    instrument = instrument_for(instrument_id)
    episodes = episodes_as_of(youth, as_of)
    result = score(instrument, answers, episodes, as_of)
    with transaction.atomic():
        screening = Screening.objects.create(
            youth=youth,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            as_of=as_of,
            occasion=occasion,
            answers=_answers_json(answers),
            episodes=_episodes_json(episodes),
            result=result_document(result),
            computed_tier=result.tier,
            final_tier=result.tier,
            screened_by=actor,
            screened_at=timezone.now(),
        )
        record_event(
            actor=actor,
            action="screening.recorded",
            target=screening,
            youth=youth,
            detail={"tier": result.tier, "version": instrument.version},
        )
        _start_protocol(actor, screening, result.tier)
        return screening


def _start_protocol(actor: User, screening: Screening, tier: str) -> None:
    """Tell the clocks a screening was completed with ``tier`` (SPEC §5.1 screening_completed)."""
    from safeharbor.obligations.actions import record_clock_event

    record_clock_event(
        actor=actor,
        youth=screening.youth,
        event_type="screening_completed",
        at=screening.screened_at,
        tier=tier,
        record=screening,
    )


def _rank(screening: Screening, tier_id: str) -> int:
    """Return a tier's precedence in the screening's own instrument version (higher is graver)."""
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    return instrument.tier(tier_id).precedence


def override_tier(*, actor: User, screening: Screening, tier: str, reason: str) -> TierOverride:
    """Change the tier by professional judgement (SPEC §4.6).

    Raising applies at once. Lowering applies at once only when the unit supervisor does it;
    asked by anyone else it waits, pending, for the supervisor's approval.
    """
    youth = screening.youth
    require(actor, youth, Action.EDIT)
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    if tier not in {t.id for t in instrument.tiers}:
        raise InputError(f"{tier!r} is not a tier of this instrument", field="tier")
    if tier == screening.final_tier:
        raise InputError("choose a tier different from the current one", field="tier")
    if not reason.strip():
        raise InputError("write the reason for changing the tier", field="reason")
    lowering = _rank(screening, tier) < _rank(screening, screening.final_tier)
    supervisor = decide(actor.to_actor(), case_scope(youth), Action.APPROVE, timezone.now()).allowed
    if lowering and screening.overrides.filter(status="pending").exists():
        raise InputError("a lowering already awaits the supervisor's decision", field="tier")
    now = timezone.now()
    with transaction.atomic():
        override = TierOverride.objects.create(
            screening=screening,
            from_tier=screening.final_tier,
            to_tier=tier,
            reason=reason.strip(),
            requested_by=actor,
            requested_at=now,
            status="pending" if lowering and not supervisor else "applied",
            decided_by=actor if lowering and supervisor else None,
            decided_at=now if lowering and supervisor else None,
        )
        record_event(
            actor=actor,
            action="screening.override_requested"
            if override.status == "pending"
            else "screening.overridden",
            target=screening,
            youth=youth,
            reason=override.reason,
            detail={"from": override.from_tier, "to": tier},
        )
        if override.status == "applied":
            _apply(actor, screening, override, raised=not lowering)
        return override


def decide_override(
    *, actor: User, override: TierOverride, approve: bool, reason: str
) -> TierOverride:
    """Approve or refuse a pending lowering; only the unit supervisor, never the requester."""
    screening = override.screening
    require(actor, screening.youth, Action.APPROVE)
    if override.status != "pending":
        raise InputError("this change of tier has already been decided")
    if override.requested_by_id == actor.pk:
        raise NotAllowed("someone other than the requester must decide")
    if not reason.strip():
        raise InputError("write the reason for your decision", field="reason")
    with transaction.atomic():
        updated = TierOverride.objects.filter(pk=override.pk, status="pending").update(
            status="applied" if approve else "refused",
            decided_by=actor,
            decided_at=timezone.now(),
            decision_reason=reason.strip(),
        )
        if not updated:
            raise InputError("this change of tier has already been decided")
        override.refresh_from_db()
        record_event(
            actor=actor,
            action="screening.override_approved" if approve else "screening.override_refused",
            target=screening,
            youth=screening.youth,
            reason=override.decision_reason,
            detail={"from": override.from_tier, "to": override.to_tier},
        )
        if approve:
            _apply(actor, screening, override, raised=False)
        return override


def _apply(actor: User, screening: Screening, override: TierOverride, *, raised: bool) -> None:
    """Make the override the final tier; a raised tier starts its own protocol clocks."""
    updated = Screening.objects.filter(pk=screening.pk, final_tier=override.from_tier).update(
        final_tier=override.to_tier, version=screening.version + 1
    )
    if not updated:
        raise InputError("the tier was changed by someone else meanwhile; reload and try again")
    screening.refresh_from_db()
    if raised:
        _start_protocol(actor, screening, override.to_tier)
