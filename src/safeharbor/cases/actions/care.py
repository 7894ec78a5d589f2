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
from safeharbor.domain.care import Span, check_exit, check_reasons, check_removal
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


def correct_removal(
    *,
    actor: User,
    episode: CareEpisode,
    seen_version: int,
    removal_date: dt.date,
    reasons: list[str],
) -> CareEpisode:
    """Correct the removal's date and reasons if nobody saved the episode since ``seen_version``;
    the episode still holds its placements and overlaps no other."""
    youth = episode.youth
    require(actor, youth, Action.EDIT)
    check_reasons(reasons, EXCLUSIVE_REASONS)
    others = [e.span() for e in youth.care_episodes.exclude(pk=episode.pk)]
    earlier = [s for s in others if s.start <= removal_date]
    check_removal(
        removal_date, born=youth.date_of_birth, today=timezone.localdate(), episodes=earlier
    )
    _check_still_holds(episode, removal_date, [s for s in others if s.start > removal_date])
    with transaction.atomic(durable=True):
        save_if_current(
            episode,
            seen_version=seen_version,
            changes={"removal_date": removal_date, "removal_reasons": list(reasons)},
            stale="someone else changed this episode of care after you opened it",
        )
        record_event(
            actor=actor,
            action="care.removal_corrected",
            target=episode,
            youth=youth,
            detail={"reasons": list(reasons)},
        )
        return episode


def _check_still_holds(episode: CareEpisode, removal_date: dt.date, later: list[Span]) -> None:
    """Refuse a removal date after a placement began, past the exit, or into a later episode."""
    first = episode.placements.order_by("start_date").first()
    if first is not None and removal_date > first.start_date:
        raise InputError(
            f"a placement began {first.start_date}: the removal cannot be after it",
            field="removal_date",
        )
    if episode.exit_date is not None and removal_date > episode.exit_date:
        raise InputError(
            f"the youth left care {episode.exit_date}: the removal must be before",
            field="removal_date",
        )
    for other in later:
        if episode.exit_date is None or other.start < episode.exit_date:
            raise InputError(
                f"the episode {other.words()} would fall inside this one", field="removal_date"
            )
