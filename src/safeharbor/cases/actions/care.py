"""Writes of out-of-home-care episodes: the removal opens one, the exit closes it (SPEC §3)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.care_models import EXCLUSIVE_REASONS, EXIT_REASON_CHOICES, CareEpisode
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import require
from safeharbor.domain.access import Action
from safeharbor.domain.care import check_exit, check_reasons, check_removal
from safeharbor.domain.errors import InputError
from safeharbor.writes import create_once, save_if_current


def record_removal(
    *,
    actor: User | None,
    youth: Youth,
    removal_date: dt.date,
    reasons: list[str],
    idempotency_key: str | None = None,
) -> CareEpisode:
    """Open an episode of care on the removal date, for the reasons given."""
    if actor is not None:
        require(actor, youth, Action.EDIT)
    check_reasons(reasons, EXCLUSIVE_REASONS)
    with transaction.atomic():
        if idempotency_key is None:
            return _open_episode(actor, youth, removal_date, reasons, None)
        episode, _ = create_once(
            CareEpisode,
            key={"idempotency_key": idempotency_key},
            create=lambda: _open_episode(actor, youth, removal_date, reasons, idempotency_key),
            expect={"youth_id": youth.pk},
        )
        return episode


def _open_episode(
    actor: User | None,
    youth: Youth,
    removal_date: dt.date,
    reasons: list[str],
    idempotency_key: str | None,
) -> CareEpisode:
    earlier = [e.span() for e in youth.care_episodes.all()]
    check_removal(
        removal_date, born=youth.date_of_birth, today=timezone.localdate(), episodes=earlier
    )
    episode = CareEpisode.objects.create(
        youth=youth,
        removal_date=removal_date,
        removal_reasons=list(reasons),
        idempotency_key=idempotency_key,
        created_at=timezone.now(),
        created_by=actor,
    )
    record_event(
        actor=actor,
        action="care.removal_recorded",
        target=episode,
        youth=youth,
        detail={"reasons": list(reasons)},
    )
    return episode


def record_exit(
    *,
    actor: User | None,
    episode: CareEpisode,
    exit_date: dt.date,
    exit_reason: str,
    seen_version: int,
) -> CareEpisode:
    """Close the episode on the exit date; the placement still running ends that day."""
    youth = episode.youth
    if actor is not None:
        require(actor, youth, Action.EDIT)
    if exit_reason not in dict(EXIT_REASON_CHOICES):
        raise InputError("choose why the youth left care", field="exit_reason")
    if episode.exit_date is not None:
        raise InputError(f"this episode already ended on {episode.exit_date}")
    with transaction.atomic():
        placements = [p.span() for p in episode.placements.all()]
        check_exit(
            exit_date,
            removal=episode.removal_date,
            today=timezone.localdate(),
            placements=placements,
        )
        save_if_current(
            episode,
            seen_version=seen_version,
            changes={"exit_date": exit_date, "exit_reason": exit_reason},
            stale="someone else changed this episode of care after you opened it",
        )
        _end_placement_on_exit(episode, exit_date)
        record_event(
            actor=actor,
            action="care.exit_recorded",
            target=episode,
            youth=youth,
            detail={"reason": exit_reason},
        )
        return episode


def _end_placement_on_exit(episode: CareEpisode, exit_date: dt.date) -> None:
    """End the placement still running on the day the youth left care."""
    episode.placements.filter(end_date__isnull=True).update(
        end_date=exit_date, end_reason="left care", version=F("version") + 1
    )
