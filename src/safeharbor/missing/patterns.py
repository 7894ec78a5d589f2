"""Raise the flags of ``domain.missing_patterns`` when an episode is recorded, and tell people.

Called by ``missing.actions`` inside the transaction that records the episode, so a flag exists
exactly when its episode does. A chronic runaway is for an immediate team response (seed 001):
the youth's caseworker and unit supervisor are told. A same-placement flag is for the supervisor
(seed 004): the supervisor of each youth involved is told. Messages carry the youth's short name
and the kind of flag only; the reason is read in SafeHarbor.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.domain.access import Role
from safeharbor.domain.missing_patterns import (
    Episode,
    Flag,
    FlagKind,
    PatternPolicy,
    chronic_runaway,
    placement_key,
    same_placement,
)
from safeharbor.missing.models import MissingEpisode, PatternFlag
from safeharbor.notifications.actions import notify
from safeharbor.writes import create_once


def as_pattern_episode(row: MissingEpisode) -> Episode:
    """Return an episode as the pattern rules see it (the placement compared by its address)."""
    placement = row.placement
    key = None if placement is None else placement_key(placement.address, placement.provider_name)
    words = "placement" if placement is None else placement.get_placement_type_display().lower()
    return Episode(
        ref=row.pk,
        youth_ref=row.youth_id,
        reported_on=timezone.localdate(row.learned_at),
        last_seen_at=row.last_seen_at,
        placement_key=key,
        placement_words=words,
    )


def raise_flags(
    *, actor: User | None, episode: MissingEpisode, policy: PatternPolicy
) -> list[PatternFlag]:
    """Find and store the flags ``episode`` raises; notify; return the flags new this time."""
    mine = as_pattern_episode(episode)
    history = [as_pattern_episode(row) for row in _youth_episodes(episode)]
    found: list[Flag] = []
    chronic = chronic_runaway(history, mine, policy)
    if chronic is not None:
        found.append(chronic)
    nearby = [as_pattern_episode(row) for row in _nearby_episodes(episode, policy)]
    found += same_placement(nearby, mine, policy)
    return [flag for flag in (_store(actor, episode, f) for f in found) if flag is not None]


def _youth_episodes(episode: MissingEpisode) -> QuerySet[MissingEpisode]:
    return MissingEpisode.objects.filter(youth_id=episode.youth_id).select_related("placement")


def _nearby_episodes(episode: MissingEpisode, policy: PatternPolicy) -> QuerySet[MissingEpisode]:
    """Other youth's episodes from a placement, last seen within the window of this one."""
    if episode.placement_id is None:
        return MissingEpisode.objects.none()
    window = policy.window
    return (
        MissingEpisode.objects.filter(
            placement__isnull=False,
            last_seen_at__gte=episode.last_seen_at - window,
            last_seen_at__lte=episode.last_seen_at + window,
        )
        .exclude(youth_id=episode.youth_id)
        .select_related("placement")
    )


def _store(actor: User | None, trigger: MissingEpisode, flag: Flag) -> PatternFlag | None:
    """Store one flag unless this trigger already raised it; audit it and tell people."""
    episode = trigger if flag.episode_ref == trigger.pk else _episode(flag.episode_ref)
    key = {"kind": flag.kind.value, "episode": episode, "trigger": trigger}
    row, created = create_once(PatternFlag, key=key, create=lambda: _new_flag(flag, key))
    if not created:
        return None
    row.related.set(flag.related)
    record_event(
        actor=actor,
        action="missing.flag_raised",
        target=row,
        youth=episode.youth,
        detail={"kind": flag.kind.value, "episodes": [flag.episode_ref, *flag.related]},
    )
    _tell(row, episode)
    return row


def _new_flag(flag: Flag, key: dict[str, Any]) -> PatternFlag:
    return PatternFlag.objects.create(
        **key,
        youth_id=flag.youth_ref,
        reason=flag.reason[:500],
        source=flag.source,
        raised_at=timezone.now(),
    )


def _episode(pk: int) -> MissingEpisode:
    return MissingEpisode.objects.select_related("youth", "youth__caseworker").get(pk=pk)


def _tell(flag: PatternFlag, episode: MissingEpisode) -> None:
    youth = episode.youth
    people = supervisors_of(youth)
    if flag.kind == FlagKind.CHRONIC_RUNAWAY and youth.caseworker is not None:
        people = [youth.caseworker, *people]
    words = dict(PatternFlag._meta.get_field("kind").choices or [])[flag.kind]
    link = reverse("missing:episode", args=[youth.pk, episode.pk])
    for person in people:
        notify(
            recipient=person,
            dedupe_key=f"missing-flag:{flag.pk}:{person.pk}",
            subject=f"{words}: {youth.short_name}",
            body=(
                f"A pattern was flagged on {youth.short_name}'s missing episode. Open SafeHarbor "
                "to see why it was raised and to plan the team's response."
            ),
            link=link,
            youth=youth,
        )


def supervisors_of(youth: Youth) -> list[User]:
    """Return the youth's unit supervisors, or the district's while the youth is unassigned."""
    supervisors = User.objects.filter(
        is_active=True, role=Role.SUPERVISOR, district_id=youth.district_id
    )
    if youth.holding_unit_id is not None:
        supervisors = supervisors.filter(unit_id=youth.holding_unit_id)
    return list(supervisors.order_by("pk"))
