"""The missing episodes' entries on the youth's timeline: missing, returned, return debriefs."""

from __future__ import annotations

from collections.abc import Iterable

from safeharbor.cases.queries import YouthRecord
from safeharbor.cases.timeline import TimelineEntry, dated
from safeharbor.domain.access import FieldGroup
from safeharbor.missing.models import MissingEpisode, ReturnDebrief


def entries(record: YouthRecord) -> list[TimelineEntry]:
    """Return each episode (and its return) and each debrief, when the actor may see them."""
    if not record.shows(FieldGroup.MISSING):
        return []
    found = [e for episode in record.youth.missing_episodes.all() for e in _episode(episode)]
    return found + [dated("debrief", d, d.conducted_at) for d in _debriefs(record)]


def _episode(episode: MissingEpisode) -> list[TimelineEntry]:
    """Return the episode's start, and its end once the youth returned."""
    found = [dated("missing", episode, episode.last_seen_at)]
    if episode.returned_at is not None:
        found.append(dated("returned", episode, episode.returned_at))
    return found


def _debriefs(record: YouthRecord) -> list[ReturnDebrief]:
    """Return the return debriefs (that one happened, not what was said)."""
    return list(
        ReturnDebrief.objects.filter(episode__youth=record.youth).select_related("conducted_by")
    )


def missing_now(timeline: Iterable[TimelineEntry]) -> bool:
    """Return whether the timeline shows an episode still open (the page's "Missing now")."""
    return any(
        entry.kind == "missing" and isinstance(entry.item, MissingEpisode) and entry.item.is_open
        for entry in timeline
    )
