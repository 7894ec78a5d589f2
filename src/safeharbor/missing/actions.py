"""Writes for missing episodes: record, correct, search, return, debrief; audited, one open
episode per youth. The clocks start and stop here, in the transaction of the record that is the
event (SPEC §5.1: ``youth_missing``, ``youth_returned``, ``return_debrief_completed``); the
reports themselves are ``obligations.actions.record_legal_report``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Placement, Youth
from safeharbor.cases.scope import NotAllowed, require
from safeharbor.domain.access import Role
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.missing_patterns import PatternPolicy, policy_keys
from safeharbor.domain.return_debrief import REQUIRED_WHEN_TAKING_PART, question_ids
from safeharbor.missing import patterns
from safeharbor.missing.models import (
    EYE_CHOICES,
    PARTICIPATION_CHOICES,
    RISK_ANSWERS,
    RISKS,
    LocateEffort,
    MissingEpisode,
    MissingPatternPolicy,
    ReturnDebrief,
)
from safeharbor.obligations.actions import record_clock_event, save_agency_settings

SKEW = dt.timedelta(minutes=5)  # a form filled on a clock a little ahead is not "the future"

# What a worker describes about an episode, and may correct later (never the clock's start).
TEXT_LIMITS = {
    "last_seen_where": 200,
    "last_seen_with": 200,
    "hair": 80,
    "clothing": 300,
    "photo_reference": 200,
    "circumstances": 10_000,
    "risk_notes": 10_000,
    "marks": 2_000,
    **{f"risk_{name}_detail": 2_000 for name, _ in RISKS},
}
RISK_FIELDS = tuple(f"risk_{name}" for name, _ in RISKS)
DETAIL_FIELDS = (*TEXT_LIMITS, *RISK_FIELDS, "height_inches", "weight_pounds", "eyes")


def _require_edit(actor: User | None, youth: Youth) -> None:
    if actor is None:
        return  # the system itself (the demo loader)
    require(actor, youth)


def _aware(moment: dt.datetime, field: str, what: str) -> None:
    if moment.utcoffset() is None:
        raise InputError(f"{what} needs a time zone", field=field)


def _not_future(moment: dt.datetime, field: str, what: str) -> None:
    _aware(moment, field, what)
    if moment > timezone.now() + SKEW:
        raise InputError(f"{what} cannot be in the future", field=field)


def _check_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """Return the details cleaned (text stripped); refuse unknown fields and impossible values."""
    unknown = sorted(set(details) - set(DETAIL_FIELDS))
    if unknown:
        raise InputError(f"a missing episode has no field {unknown[0]!r}")
    cleaned: dict[str, Any] = {}
    for name, value in details.items():
        if name in TEXT_LIMITS:
            value = (value or "").strip()
            if len(value) > TEXT_LIMITS[name]:
                raise InputError(
                    f"keep this under {TEXT_LIMITS[name]} characters (it has {len(value)})",
                    field=name,
                )
        elif name in RISK_FIELDS and value not in dict(RISK_ANSWERS):
            raise InputError("answer yes, no or not known", field=name)
        elif name == "eyes" and value not in dict(EYE_CHOICES):
            raise InputError(f"unknown eye colour {value!r}", field=name)
        elif name == "height_inches" and value is not None and not 12 <= value <= 96:
            raise InputError("a height between 1 ft 0 in and 8 ft 0 in, please", field=name)
        elif name == "weight_pounds" and value is not None and not 1 <= value <= 700:
            raise InputError("a weight between 1 and 700 pounds, please", field=name)
        cleaned[name] = value
    return cleaned


def _check_times(youth: Youth, last_seen_at: dt.datetime, learned_at: dt.datetime) -> None:
    _not_future(last_seen_at, "last_seen_at", "when the youth was last seen")
    _not_future(learned_at, "learned_at", "when the agency learned of it")
    if learned_at < last_seen_at:
        raise InputError(
            "the agency cannot learn of it before the youth was last seen", field="learned_at"
        )
    if timezone.localdate(last_seen_at) < youth.date_of_birth:
        raise InputError(
            "the youth cannot have been seen before they were born", field="last_seen_at"
        )


def _check_placement(youth: Youth, placement: Placement | None) -> None:
    if placement is not None and placement.youth_id != youth.pk:
        raise InputError("that placement is another youth's", field="placement")


# --- the episode --------------------------------------------------------------------------------


def record_missing(
    *,
    actor: User | None,
    youth: Youth,
    last_seen_at: dt.datetime,
    learned_at: dt.datetime,
    placement: Placement | None = None,
    idempotency_key: str | None = None,
    **details: Any,
) -> MissingEpisode:
    """Record that a youth is missing; the agency learning of it starts the report clocks.

    ``details`` are the description fields (``DETAIL_FIELDS``). The same ``idempotency_key``
    (a double click, a retry) returns the episode already recorded. Looks for the patterns of
    ``domain.missing_patterns`` and tells the people a flag concerns.
    """
    _require_edit(actor, youth)
    if idempotency_key:
        existing = MissingEpisode.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _same_episode(existing, youth)
    _check_times(youth, last_seen_at, learned_at)
    _check_placement(youth, placement)
    cleaned = _check_details(details)
    try:
        with transaction.atomic():
            episode = MissingEpisode.objects.create(
                youth=youth,
                placement=placement,
                last_seen_at=last_seen_at,
                learned_at=learned_at,
                created_at=timezone.now(),
                created_by=actor,
                idempotency_key=idempotency_key or None,
                **cleaned,
            )
            record_event(actor=actor, action="missing.recorded", target=episode, youth=youth)
            record_clock_event(
                actor=actor,
                youth=youth,
                event_type=EventType.YOUTH_MISSING,
                at=learned_at,
                record=episode,
            )
            patterns.raise_flags(actor=actor, episode=episode, policy=current_pattern_policy())
            return episode
    except IntegrityError:
        if idempotency_key:
            raced = MissingEpisode.objects.filter(idempotency_key=idempotency_key).first()
            if raced is not None:
                return _same_episode(raced, youth)
        if youth.missing_episodes.filter(returned_at__isnull=True).exists():
            raise InputError(
                f"{youth.short_name} is already recorded as missing; record the return of that "
                "episode first, or add what you know to it"
            ) from None
        raise


def _same_episode(episode: MissingEpisode, youth: Youth) -> MissingEpisode:
    if episode.youth_id != youth.pk:
        raise InputError("this form was already used for another youth; reload the page")
    return episode


def update_missing_details(
    *,
    actor: User,
    episode: MissingEpisode,
    seen_version: int,
    last_seen_at: dt.datetime | None = None,
    placement: Placement | str | None = "unchanged",
    **details: Any,
) -> MissingEpisode:
    """Correct or add to what is known about an episode; refuse a save on a stale version.

    When the agency learned of it is not changed here: that moment started the report clocks.
    """
    youth = episode.youth
    _require_edit(actor, youth)
    cleaned = _check_details(details)
    if last_seen_at is not None:
        _check_times(youth, last_seen_at, episode.learned_at)
        if episode.returned_at is not None and episode.returned_at < last_seen_at:
            raise InputError("the youth returned before that time", field="last_seen_at")
        cleaned["last_seen_at"] = last_seen_at
    if placement != "unchanged":
        _check_placement(youth, placement)  # type: ignore[arg-type]
        cleaned["placement"] = placement
    changed = [name for name, value in cleaned.items() if getattr(episode, name) != value]
    if not changed:
        return episode
    with transaction.atomic():
        updated = MissingEpisode.objects.filter(pk=episode.pk, version=seen_version).update(
            version=F("version") + 1
        )
        if not updated:
            raise InputError(
                "someone else changed this episode after you opened it; reload to see their "
                "change, then add yours"
            )
        for name in changed:
            setattr(episode, name, cleaned[name])
        episode.version = seen_version + 1
        episode.save(update_fields=changed)
        # Field names only: the values are disclosures and never go into the audit detail.
        record_event(
            actor=actor,
            action="missing.updated",
            target=episode,
            youth=youth,
            detail={"changed": sorted(changed)},
        )
        if "placement" in changed or "last_seen_at" in changed:
            patterns.raise_flags(actor=actor, episode=episode, policy=current_pattern_policy())
    return episode


# --- the search ---------------------------------------------------------------------------------


def record_locate_effort(
    *,
    actor: User,
    episode: MissingEpisode,
    made_at: dt.datetime,
    made_by: str,
    effort: str,
    idempotency_key: str,
    result: str = "",
) -> tuple[LocateEffort, bool]:
    """Add one effort to find the youth to the episode's log; return it and whether it is new.

    An effort made while the youth was missing may be entered after the return, never one dated
    after it.
    """
    _require_edit(actor, episode.youth)
    existing = LocateEffort.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.episode_id != episode.pk:
            raise InputError("this form was already used for another episode; reload the page")
        return existing, False
    _not_future(made_at, "made_at", "the effort")
    if made_at < episode.last_seen_at:
        raise InputError("the effort cannot come before the youth was last seen", field="made_at")
    if episode.returned_at is not None and made_at > episode.returned_at:
        raise InputError(
            "the youth had returned by then: log efforts made while they were missing",
            field="made_at",
        )
    made_by, effort, result = made_by.strip(), effort.strip(), result.strip()
    if not made_by:
        raise InputError("say who made the effort", field="made_by")
    if not effort:
        raise InputError("say what was done", field="effort")
    if not idempotency_key or len(idempotency_key) > 64:
        raise InputError("the form is missing its key; reload the page", field="idempotency_key")
    with transaction.atomic():
        row = LocateEffort.objects.create(
            episode=episode,
            made_at=made_at,
            made_by=made_by[:200],
            effort=effort,
            result=result,
            recorded_by=actor,
            recorded_at=timezone.now(),
            idempotency_key=idempotency_key,
        )
        record_event(
            actor=actor, action="missing.locate_effort_recorded", target=row, youth=episode.youth
        )
        return row, True


# --- the return ---------------------------------------------------------------------------------


def record_return(
    *,
    actor: User | None,
    episode: MissingEpisode,
    returned_at: dt.datetime,
    found_where: str = "",
    found_by: str = "",
) -> MissingEpisode:
    """Record a youth's return; it opens the debrief and re-screening clocks (SPEC §5).

    Submitting the same return twice (a double click) keeps the one recorded.
    """
    _require_edit(actor, episode.youth)
    _not_future(returned_at, "returned_at", "the return")
    if returned_at < episode.last_seen_at:
        raise InputError("the return cannot be before the youth was last seen", field="returned_at")
    found_where, found_by = found_where.strip()[:200], found_by.strip()[:200]
    with transaction.atomic():
        updated = MissingEpisode.objects.filter(pk=episode.pk, returned_at__isnull=True).update(
            returned_at=returned_at,
            found_where=found_where,
            found_by=found_by,
            return_recorded_by=actor,
            version=F("version") + 1,
        )
        episode.refresh_from_db()
        if not updated:
            if episode.returned_at == returned_at:
                return episode  # the same return, submitted again
            raise InputError("this episode already has a return recorded", field="returned_at")
        record_event(actor=actor, action="missing.returned", target=episode, youth=episode.youth)
        record_clock_event(
            actor=actor,
            youth=episode.youth,
            event_type=EventType.YOUTH_RETURNED,
            at=returned_at,
            record=episode,
        )
        return episode


def record_debrief(
    *,
    actor: User,
    episode: MissingEpisode,
    conducted_at: dt.datetime,
    participation: str,
    answers: Mapping[str, str],
) -> tuple[ReturnDebrief, bool]:
    """Record the return debrief; it satisfies the debrief clock. Once per episode.

    A youth who declines to talk is never pressed: the debrief is then the agency's review.
    """
    _require_edit(actor, episode.youth)
    existing = ReturnDebrief.objects.filter(episode=episode).first()
    if existing is not None:
        return _same_debrief(existing, actor), False
    if episode.returned_at is None:
        raise InputError("record the youth's return first")
    _not_future(conducted_at, "conducted_at", "the debrief")
    if conducted_at < episode.returned_at:
        raise InputError("the debrief cannot come before the return", field="conducted_at")
    if participation not in dict(PARTICIPATION_CHOICES):
        raise InputError("say whether the youth took part", field="participation")
    cleaned = _check_answers(answers, participation)
    try:
        with transaction.atomic():
            debrief = ReturnDebrief.objects.create(
                episode=episode,
                conducted_at=conducted_at,
                conducted_by=actor,
                participation=participation,
                recorded_at=timezone.now(),
                **cleaned,
            )
            record_event(
                actor=actor,
                action="missing.debrief_recorded",
                target=debrief,
                youth=episode.youth,
                detail={"participation": participation},
            )
            record_clock_event(
                actor=actor,
                youth=episode.youth,
                event_type=EventType.RETURN_DEBRIEF_COMPLETED,
                at=conducted_at,
                record=debrief,
            )
            return debrief, True
    except IntegrityError:
        raced = ReturnDebrief.objects.filter(episode=episode).first()
        if raced is None:
            raise
        return _same_debrief(raced, actor), False


def _check_answers(answers: Mapping[str, str], participation: str) -> dict[str, str]:
    known = question_ids()
    unknown = sorted(set(answers) - set(known))
    if unknown:
        raise InputError(f"the debrief has no question {unknown[0]!r}")
    cleaned = {key: (answers.get(key) or "").strip() for key in known}
    if participation == "took_part":
        for key in REQUIRED_WHEN_TAKING_PART:
            if not cleaned[key]:
                raise InputError(
                    "write what the youth said, or choose that they answered some questions "
                    "or did not want to talk now",
                    field=key,
                )
    for key, value in cleaned.items():
        if len(value) > 10_000:
            raise InputError("keep each answer under 10000 characters", field=key)
    return cleaned


def _same_debrief(debrief: ReturnDebrief, actor: User) -> ReturnDebrief:
    if debrief.conducted_by_id != actor.pk:
        raise InputError(
            f"{debrief.conducted_by} already recorded the debrief for this episode; add to the "
            "case notes instead"
        )
    return debrief


# --- the agency's pattern thresholds ------------------------------------------------------------


def current_pattern_policy() -> PatternPolicy:
    """Return the agency's pattern thresholds in force (the defaults until an admin edits)."""
    row = MissingPatternPolicy.objects.first()
    return PatternPolicy() if row is None else PatternPolicy.from_mapping(row.values())


def update_pattern_policy(
    *, actor: User, values: dict[str, object], seen_version: int
) -> MissingPatternPolicy:
    """Change the pattern thresholds (administrators); they apply to episodes recorded later."""
    if actor.role != Role.ADMINISTRATOR:
        raise NotAllowed("only an administrator changes the agency's pattern thresholds")
    policy = PatternPolicy.from_mapping(values)  # InputError names the setting
    return save_agency_settings(
        MissingPatternPolicy,
        actor=actor,
        values={key: getattr(policy, key) for key in policy_keys()},
        seen_version=seen_version,
        what="thresholds",
        action="missing_policy.updated",
    )
