"""Writes for missing episodes: audited, one open episode per youth."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Placement, Youth
from safeharbor.cases.scope import case_scope
from safeharbor.domain.access import Action, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.missing.models import MissingEpisode
from safeharbor.obligations.actions import record_clock_event


def _require_edit(actor: User | None, youth: Youth) -> None:
    if actor is None:
        return
    decision = decide(actor.to_actor(), case_scope(youth), Action.EDIT, timezone.now())
    if not decision.allowed:
        raise InputError(decision.reason)


def record_missing(
    *,
    actor: User | None,
    youth: Youth,
    last_seen_at: dt.datetime,
    learned_at: dt.datetime,
    placement: Placement | None = None,
    last_seen_where: str = "",
    last_seen_with: str = "",
    circumstances: str = "",
    risk_notes: str = "",
) -> MissingEpisode:
    """Record that a youth is missing; the agency learning of it starts the report clocks."""
    _require_edit(actor, youth)
    if learned_at < last_seen_at:
        raise InputError(
            "the agency cannot learn of it before the youth was last seen", field="learned_at"
        )
    if learned_at > timezone.now() + dt.timedelta(minutes=5):
        raise InputError(
            "when the agency learned of it cannot be in the future", field="learned_at"
        )
    try:
        with transaction.atomic():
            episode = MissingEpisode.objects.create(
                youth=youth,
                placement=placement,
                last_seen_at=last_seen_at,
                last_seen_where=last_seen_where,
                last_seen_with=last_seen_with,
                learned_at=learned_at,
                circumstances=circumstances,
                risk_notes=risk_notes,
                created_at=timezone.now(),
                created_by=actor,
            )
            record_event(actor=actor, action="missing.recorded", target=episode, youth=youth)
            record_clock_event(
                actor=actor,
                youth=youth,
                event_type=EventType.YOUTH_MISSING,
                at=learned_at,
                record=episode,
            )
            return episode
    except IntegrityError:
        if youth.missing_episodes.filter(returned_at__isnull=True).exists():
            raise InputError(
                f"{youth.short_name} is already recorded as missing; record the return first"
            ) from None
        raise


def record_return(
    *,
    actor: User | None,
    episode: MissingEpisode,
    returned_at: dt.datetime,
    found_where: str = "",
    found_by: str = "",
) -> MissingEpisode:
    """Record a youth's return from a missing episode."""
    _require_edit(actor, episode.youth)
    if episode.returned_at is not None:
        raise InputError("this episode already has a return recorded")
    if returned_at < episode.last_seen_at:
        raise InputError("the return cannot be before the youth was last seen", field="returned_at")
    with transaction.atomic():
        episode.returned_at = returned_at
        episode.found_where = found_where
        episode.found_by = found_by
        episode.version += 1
        episode.save(update_fields=["returned_at", "found_where", "found_by", "version"])
        record_event(actor=actor, action="missing.returned", target=episode, youth=episode.youth)
        record_clock_event(
            actor=actor,
            youth=episode.youth,
            event_type=EventType.YOUTH_RETURNED,
            at=returned_at,
            record=episode,
        )
        return episode
