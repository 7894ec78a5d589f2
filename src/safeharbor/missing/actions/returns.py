"""Record the youth's return, then the return debrief (SPEC §5).

The return opens the debrief and re-screening clocks (``youth_returned``); the debrief satisfies
its own (``return_debrief_completed``); each in the transaction of the record that is the event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.missing_episode import (
    FOUND_RECIPIENTS,
    check_debrief,
    check_found_notice,
    check_return,
)
from safeharbor.missing.actions._access import require_edit
from safeharbor.missing.models import MissingEpisode, ReturnDebrief
from safeharbor.obligations.actions import record_clock_event
from safeharbor.writes import StaleEdit, create_once, save_if_current

ALREADY_RETURNED = "this episode already has a return recorded"
CORRECTED_MEANWHILE = "someone else changed this episode while you recorded the return"


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
    require_edit(actor, episode.youth)
    now = timezone.now()
    fields = check_return(returned_at, found_where, found_by, episode=episode.times(), now=now)
    with transaction.atomic():
        if not _return_once(episode, {**fields, "return_recorded_by": actor}):
            return episode  # the same return, submitted again
        youth = episode.youth
        record_event(actor=actor, action="missing.returned", target=episode, youth=youth)
        record_clock_event(
            actor=actor,
            youth=youth,
            event_type=EventType.YOUTH_RETURNED,
            at=returned_at,
            record=episode,
        )
        return episode


def _return_once(episode: MissingEpisode, changes: dict[str, Any]) -> bool:
    """Write the return onto the episode while it is open; False when this return is already on
    it. Another return already recorded is refused, naming the field."""
    episode.refresh_from_db()
    open_now = {"returned_at__isnull": True}
    try:
        save_if_current(
            episode,
            seen_version=episode.version,
            changes=changes,
            where=open_now,
            stale=CORRECTED_MEANWHILE,
        )
    except StaleEdit:
        episode.refresh_from_db()
        if episode.returned_at is None:
            raise  # a correction was saved at this very moment: reload and record the return
        if episode.returned_at == changes["returned_at"]:
            return False
        raise InputError(ALREADY_RETURNED, field="returned_at") from None
    return True


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
    require_edit(actor, episode.youth)
    now = timezone.now()
    cleaned = check_debrief(conducted_at, participation, answers, episode=episode.times(), now=now)
    fields = {"conducted_at": conducted_at, "participation": participation, **cleaned}
    with transaction.atomic():
        debrief, created = create_once(
            ReturnDebrief,
            key={"episode": episode},
            create=lambda: ReturnDebrief.objects.create(
                episode=episode, conducted_by=actor, recorded_at=timezone.now(), **fields
            ),
            expect={"conducted_by_id": actor.pk},
            reused=_recorded_by_someone_else,
        )
        if created:
            _debrief_recorded(actor, debrief)
        return debrief, created


def _recorded_by_someone_else(debrief: ReturnDebrief) -> str:
    return (
        f"{debrief.conducted_by} already recorded the debrief for this episode; add to the case "
        "notes instead"
    )


def _debrief_recorded(actor: User, debrief: ReturnDebrief) -> None:
    """Audit the debrief and satisfy the debrief clock with it."""
    youth = debrief.episode.youth
    record_event(
        actor=actor,
        action="missing.debrief_recorded",
        target=debrief,
        youth=youth,
        detail={"participation": debrief.participation},
    )
    record_clock_event(
        actor=actor,
        youth=youth,
        event_type=EventType.RETURN_DEBRIEF_COMPLETED,
        at=debrief.conducted_at,
        record=debrief,
    )


def record_found_notice(
    *, actor: User, episode: MissingEpisode, recipient: str, told_at: dt.datetime
) -> MissingEpisode:
    """Record that law enforcement or NCMEC was told the youth is found (SPEC §3), so the NCIC
    entry and the NCMEC case close; when, and by whom. Once per recipient; the same again (a
    double click) keeps the one recorded."""
    require_edit(actor, episode.youth)
    check_found_notice(recipient, told_at, returned_at=episode.returned_at, now=timezone.now())
    at_field, by_field = f"found_told_{recipient}_at", f"found_told_{recipient}_by"
    with transaction.atomic():
        still_untold = MissingEpisode.objects.filter(pk=episode.pk, **{f"{at_field}__isnull": True})
        if not still_untold.update(**{at_field: told_at, by_field: actor}):
            episode.refresh_from_db()
            if getattr(episode, at_field) == told_at:
                return episode  # the same notice, submitted again
            words = FOUND_RECIPIENTS[recipient]
            raise InputError(
                f"telling {words} the youth is found is already recorded", field="told_at"
            )
        episode.refresh_from_db()
        record_event(
            actor=actor,
            action="missing.found_told",
            target=episode,
            youth=episode.youth,
            detail={"recipient": recipient, "at": told_at.isoformat()},
        )
        return episode
