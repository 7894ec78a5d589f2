"""Record a youth missing, and correct what is known about the episode later.

The agency learning of it starts the report clocks (SPEC §5.1 ``youth_missing``) in the
transaction that records the episode; the patterns of ``domain.missing_patterns`` are looked for
then, and again when a correction moves the episode in time or place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Placement, Youth
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.missing_episode import check_details, check_last_seen_correction, check_times
from safeharbor.missing import patterns
from safeharbor.missing.actions._access import require_edit
from safeharbor.missing.actions.policy import current_pattern_policy
from safeharbor.missing.models import MissingEpisode
from safeharbor.obligations.actions import record_clock_event
from safeharbor.writes import create_once, save_if_current

REUSED = "this form was already used for another youth; reload the page"
STALE = "someone else changed this episode after you opened it"
Unchanged = Literal["unchanged"]


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

    ``details`` are the description (``domain.missing_episode.DETAIL_FIELDS``); the same
    ``idempotency_key`` (a double click, a retry) returns the episode already recorded.
    """
    require_edit(actor, youth)
    check_times(last_seen_at=last_seen_at, learned_at=learned_at, **_calendar(youth))
    _check_placement(youth, placement)
    times = {"last_seen_at": last_seen_at, "learned_at": learned_at}
    fields = {**check_details(details), **times, "placement": placement}
    with transaction.atomic():
        episode, created = _create_episode(actor, youth, idempotency_key, fields)
        if created:
            _episode_recorded(actor, episode)
        return episode


def _episode_recorded(actor: User | None, episode: MissingEpisode) -> None:
    """Audit the new episode, start its report clocks, and look for the patterns it completes."""
    youth = episode.youth
    record_event(actor=actor, action="missing.recorded", target=episode, youth=youth)
    record_clock_event(
        actor=actor,
        youth=youth,
        event_type=EventType.YOUTH_MISSING,
        at=episode.learned_at,
        record=episode,
    )
    patterns.raise_flags(actor=actor, episode=episode, policy=current_pattern_policy())


def _create_episode(
    actor: User | None, youth: Youth, idempotency_key: str | None, fields: dict[str, Any]
) -> tuple[MissingEpisode, bool]:
    """Insert the episode once per form key; refuse, in words, a second open episode."""
    try:
        if not idempotency_key:  # the demo loader's episodes come from no form
            with transaction.atomic():
                return _new_episode(actor, youth, None, fields), True
        return create_once(
            MissingEpisode,
            key={"idempotency_key": idempotency_key},
            create=lambda: _new_episode(actor, youth, idempotency_key, fields),
            expect={"youth_id": youth.pk},
            reused=REUSED,
        )
    except IntegrityError:
        # Not a replay (create_once replays keys): the one-open-episode-per-youth constraint.
        if not youth.missing_episodes.filter(returned_at__isnull=True).exists():
            raise
        raise InputError(
            f"{youth.short_name} is already recorded as missing; record the return of that "
            "episode first, or add what you know to it"
        ) from None


def _new_episode(
    actor: User | None, youth: Youth, idempotency_key: str | None, fields: dict[str, Any]
) -> MissingEpisode:
    return MissingEpisode.objects.create(
        youth=youth,
        created_at=timezone.now(),
        created_by=actor,
        idempotency_key=idempotency_key,
        **fields,
    )


def update_missing_details(
    *,
    actor: User,
    episode: MissingEpisode,
    seen_version: int,
    last_seen_at: dt.datetime | None = None,
    placement: Placement | Unchanged | None = "unchanged",
    **details: Any,
) -> MissingEpisode:
    """Correct or add to what is known about an episode; refuse a save on a stale version.

    When the agency learned of it is not changed here: that moment started the report clocks.
    """
    youth = episode.youth
    require_edit(actor, youth)
    changes = _corrections(episode, last_seen_at, placement, details)
    if not changes:
        return episode
    with transaction.atomic(durable=True):
        save_if_current(episode, seen_version=seen_version, changes=changes, stale=STALE)
        _episode_corrected(actor, episode, sorted(changes))
    return episode


def _episode_corrected(actor: User, episode: MissingEpisode, changed: list[str]) -> None:
    """Audit a correction (field names only: the values are disclosures), and look for patterns
    again when the episode moved in time or place."""
    record_event(
        actor=actor,
        action="missing.updated",
        target=episode,
        youth=episode.youth,
        detail={"changed": changed},
    )
    if "placement" in changed or "last_seen_at" in changed:
        patterns.raise_flags(actor=actor, episode=episode, policy=current_pattern_policy())


def _corrections(
    episode: MissingEpisode,
    last_seen_at: dt.datetime | None,
    placement: Placement | Unchanged | None,
    details: dict[str, Any],
) -> dict[str, Any]:
    """Return the checked corrections that differ from what the episode holds now."""
    corrected = check_details(details)
    if last_seen_at is not None:
        check_last_seen_correction(
            last_seen_at, episode=episode.times(), **_calendar(episode.youth)
        )
        corrected["last_seen_at"] = last_seen_at
    if not isinstance(placement, str):
        _check_placement(episode.youth, placement)
        corrected["placement"] = placement
    return {name: value for name, value in corrected.items() if getattr(episode, name) != value}


def _calendar(youth: Youth) -> dict[str, Any]:
    """Return what the time checks compare with: the youth's birth, the agency's zone, now."""
    return {
        "born": youth.date_of_birth,
        "zone": timezone.get_current_timezone(),
        "now": timezone.now(),
    }


def _check_placement(youth: Youth, placement: Placement | None) -> None:
    if placement is not None and placement.youth_id != youth.pk:
        raise InputError("that placement is another youth's", field="placement")
