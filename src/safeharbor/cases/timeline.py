"""Entries on a youth's timeline, and the placements the base record contributes to it.

The timeline is composed above the apps (``web.youth``): each app that records dated things about
a youth has a ``timeline.py`` whose ``entries(record)`` returns them, only for the field groups
the record shows. ``cases`` knows no app built on it, so it only defines the entry and draws the
picture (``cases.picture``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:  # queries imports this module for the entry; the record is only a type here
    from safeharbor.cases.queries import YouthRecord


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing on a youth's timeline: ``kind`` says which template draws it.

    Kinds: placement, removal and exit (the item is the episode of care), missing, returned
    (the item is the missing episode), report, debrief, screening, assigned (an assignment),
    victim_status (a determination).
    ``at`` orders entries within a day (placements have only a day).
    """

    day: dt.date
    kind: str
    item: object
    at: dt.datetime | None = None

    def order(self) -> tuple[dt.date, float]:
        """Return the sort key: the day, then the moment within it."""
        return self.day, self.at.timestamp() if self.at is not None else 0.0


def dated(kind: str, item: object, at: dt.datetime) -> TimelineEntry:
    """Return an entry for something that happened at ``at``, on that day in the agency's zone."""
    return TimelineEntry(timezone.localdate(at), kind, item, at)


def newest_first(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Return ``entries`` on one line of time, newest first."""
    return sorted(entries, key=TimelineEntry.order, reverse=True)


def entries(record: YouthRecord) -> list[TimelineEntry]:
    """Return the removals, placements and exits (empty when they are not shared with the actor)
    and who held the case when (for those who see its obligations)."""
    found = [TimelineEntry(p.placement.start_date, "placement", p) for p in record.placements()]
    for view in record.care_episodes():
        episode = view.episode
        # Before the placement that begins the same day: entries are drawn newest first.
        found.append(TimelineEntry(episode.removal_date, "removal", episode, _START_OF_DAY))
        if episode.exit_date is not None:
            found.append(TimelineEntry(episode.exit_date, "exit", episode, _END_OF_DAY))
    return found + [dated("assigned", a, a.started_at) for a in record.assignments()]


# Orders a removal before, and an exit after, whatever else is dated only by its day.
_START_OF_DAY = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days=1)
_END_OF_DAY = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
