"""Writes of placements: each falls within an episode of care and overlaps no other (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import CareEpisode, Placement, Youth
from safeharbor.cases.scope import require
from safeharbor.domain.access import Action
from safeharbor.domain.care import Span, check_placement
from safeharbor.domain.errors import InputError
from safeharbor.writes import create_once


@dataclass(frozen=True)
class NewPlacement:
    """A placement's own fields, as the person typed them."""

    placement_type: str
    start_date: dt.date
    end_date: dt.date | None = None
    provider_name: str = ""
    address: str = ""

    def span(self) -> Span:
        """Return the placement's days for the care rules."""
        return Span(self.start_date, self.end_date)


def add_placement(
    *,
    actor: User | None,
    youth: Youth,
    placement_type: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    provider_name: str = "",
    address: str = "",
    episode: CareEpisode | None = None,
    idempotency_key: str | None = None,
) -> Placement:
    """Record a placement within its episode; a new current one ends the current one that day."""
    if actor is not None:
        require(actor, youth, Action.EDIT)
    fields = NewPlacement(placement_type, start_date, end_date, provider_name, address)
    episode = episode or _episode_on(youth, start_date)
    with transaction.atomic():
        if idempotency_key is None:
            return _place(actor, youth, episode, fields)
        placement, _ = create_once(
            Placement,
            key={"idempotency_key": idempotency_key},
            create=lambda: _place(actor, youth, episode, fields, idempotency_key),
            expect={"youth_id": youth.pk},
        )
        return placement


def _episode_on(youth: Youth, day: dt.date) -> CareEpisode:
    """Return the youth's episode of care that includes ``day``; refuse when there is none."""
    for episode in youth.care_episodes.all():
        if episode.removal_date <= day and (episode.exit_date is None or day <= episode.exit_date):
            return episode
    raise InputError(
        f"the youth was not in out-of-home care on {day}: record the removal first",
        field="start_date",
    )


def _place(
    actor: User | None,
    youth: Youth,
    episode: CareEpisode,
    fields: NewPlacement,
    idempotency_key: str | None = None,
) -> Placement:
    """Check the placement against its episode and the others, end the current one, create it."""
    if episode.youth_id != youth.pk:
        raise InputError("that episode of care is another youth's")
    if fields.end_date is None:
        _end_current_placement(episode, fields.start_date)
    others = [p.span() for p in episode.placements.all()]
    check_placement(
        fields.span(), episode=episode.span(), today=timezone.localdate(), others=others
    )
    placement = Placement.objects.create(
        youth=youth,
        episode=episode,
        idempotency_key=idempotency_key,
        created_at=timezone.now(),
        created_by=actor,
        **asdict(fields),
    )
    record_event(actor=actor, action="placement.added", target=placement, youth=youth)
    return placement


def _end_current_placement(episode: CareEpisode, start_date: dt.date) -> None:
    """End the episode's current placement the day the next one starts (refused if earlier)."""
    current = episode.placements.filter(end_date__isnull=True).first()
    if current is None:
        return
    if start_date < current.start_date:
        raise InputError(
            f"the new placement starts before the current one ({current.start_date})",
            field="start_date",
        )
    current.end_date = start_date
    current.end_reason = current.end_reason or "moved to a new placement"
    current.version += 1
    current.save(update_fields=["end_date", "end_reason", "version"])


def end_placement(
    *, actor: User | None, placement: Placement, end_date: dt.date, reason: str
) -> Placement:
    """End the current placement on ``end_date`` for ``reason``."""
    if actor is not None:
        require(actor, placement.youth, Action.EDIT)
    if placement.end_date is not None:
        raise InputError("this placement has already ended")
    if end_date < placement.start_date:
        raise InputError("a placement cannot end before it starts", field="end_date")
    with transaction.atomic():
        placement.end_date = end_date
        placement.end_reason = reason
        placement.version += 1
        placement.save(update_fields=["end_date", "end_reason", "version"])
        record_event(actor=actor, action="placement.ended", target=placement, youth=placement.youth)
        return placement
