"""The youth's last months as one picture: placements as bands, missing episodes as bars, and
marks for reports, returns, debriefs and screenings (drawn as SVG by ``cases/_picture.html``).

Positions are on a 0 to 1000 scale across the window, so the template only copies numbers into SVG
attributes (no inline styles: the Content-Security-Policy allows none). The list of entries
under the picture says the same in words, for screen readers and for printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from safeharbor.cases.models import Placement
from safeharbor.cases.timeline import TimelineEntry
from safeharbor.domain.dates import add_months

WIDTH = 1000
MIN_BAR = 6  # a one-day episode still shows


@dataclass(frozen=True)
class Band:
    """A stretch of time: a placement or a missing episode."""

    x: float
    width: float
    kind: str
    label: str
    shade: int = 0  # alternating placements: 0 or 1


@dataclass(frozen=True)
class Mark:
    """One moment: a report, a return, a debrief or a screening."""

    x: float
    kind: str
    label: str

    @property
    def left(self) -> float:
        """Return where a 14-wide shape centred on the mark starts."""
        return round(self.x - 7, 1)

    @property
    def right(self) -> float:
        """Return where a 14-wide shape centred on the mark ends."""
        return round(self.x + 7, 1)


@dataclass
class Picture:
    """What the SVG draws, and the summary a screen reader hears."""

    start: dt.date
    end: dt.date
    placements: list[Band] = field(default_factory=list)
    missing: list[Band] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    months: list[tuple[float, str]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """Return the picture in one sentence."""
        counts = {
            "placement": len(self.placements),
            "missing episode": len(self.missing),
            "report": sum(1 for m in self.marks if m.kind == "report"),
            "return": sum(1 for m in self.marks if m.kind == "returned"),
            "screening": sum(1 for m in self.marks if m.kind == "screening"),
        }
        shown = ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for what, n in counts.items())
        return f"From {self.start:%b %d, %Y} to {self.end:%b %d, %Y}: {shown}."


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = max((end - start).days, 1)
    clipped = min(max(day, start), end)
    return round((clipped - start).days / span * WIDTH, 1)


def _band(first: dt.date, last: dt.date, start: dt.date, end: dt.date) -> tuple[float, float]:
    x = _x(first, start, end)
    return x, max(_x(last, start, end) - x, MIN_BAR)


def draw(entries: Sequence[TimelineEntry], today: dt.date, months: int = 12) -> Picture | None:
    """Return the picture of timeline ``entries`` (``cases.timeline``) over the last months.

    None when nothing falls in the window.
    """
    start = add_months(today, -months)
    picture = Picture(start, today)
    for entry in sorted(entries, key=lambda e: e.day):
        _add(picture, entry, today)
    picture.months = _months(start, today)
    if not (picture.placements or picture.missing or picture.marks):
        return None
    return picture


def _add(picture: Picture, entry: TimelineEntry, today: dt.date) -> None:
    # The kind says what the item is: a placement view, or an episode (missing) from the app
    # that contributed it; cases imports no such app, so the item is read by its attributes.
    item: Any = entry.item
    if entry.kind == "placement":
        _add_placement(picture, item.placement, today)
    elif entry.kind == "missing":
        _add_missing(picture, entry.day, item.returned_at, today)
    elif entry.day >= picture.start:
        x = _x(entry.day, picture.start, picture.end)
        picture.marks.append(Mark(x, entry.kind, _mark_label(entry)))


def _add_placement(picture: Picture, placement: Placement, today: dt.date) -> None:
    """Add a placement's band, from its start to its end (or today)."""
    last = placement.end_date or today
    if last < picture.start:
        return
    x, width = _band(placement.start_date, last, picture.start, picture.end)
    shade = len(picture.placements) % 2
    label = f"{placement.get_placement_type_display()} from {placement.start_date:%b %d, %Y}"
    picture.placements.append(Band(x, width, "placement", label, shade))


def _add_missing(
    picture: Picture, seen: dt.date, returned_at: dt.datetime | None, today: dt.date
) -> None:
    """Add a missing episode's band, from the day last seen to the return (or today)."""
    last = timezone.localdate(returned_at) if returned_at else today
    if last < picture.start:
        return
    x, width = _band(seen, last, picture.start, picture.end)
    words = "missing now" if returned_at is None else f"missing until {last:%b %d}"
    picture.missing.append(Band(x, width, "missing", f"Last seen {seen:%b %d}, {words}"))


def _mark_label(entry: TimelineEntry) -> str:
    words = {
        "report": "Report",
        "returned": "Returned",
        "debrief": "Return debrief",
        "screening": "Screening",
        "removal": "Removed into care",
        "exit": "Left care",
    }.get(entry.kind, entry.kind)
    return f"{words}, {entry.day:%b %d}"


def _months(start: dt.date, end: dt.date) -> list[tuple[float, str]]:
    ticks = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            label = f"{day:%b}" if day.month != 1 else f"{day:%b %Y}"
            ticks.append((_x(day, start, end), label))
        day = add_months(day, 1)
    return ticks
