"""The youth's last months as one picture: placements as bands, missing episodes as bars, and
marks for reports, returns, debriefs and screenings (drawn as SVG by ``cases/_picture.html``).

Positions are on a 0 to 1000 scale across the window, so the template only copies numbers into SVG
attributes (no inline styles: the Content-Security-Policy allows none). The list of entries
under the picture says the same in words, for screen readers and for printing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

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


def draw(entries: list, today: dt.date, months: int = 12) -> Picture | None:  # type: ignore[type-arg]
    """Return the picture of ``entries`` (``cases.queries.TimelineEntry``) over the last months.

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


def _add(picture: Picture, entry, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    start, end = picture.start, picture.end
    item = entry.item
    if entry.kind == "placement":
        placement = item.placement
        last = placement.end_date or today
        if last < start:
            return
        x, width = _band(placement.start_date, last, start, end)
        shade = len(picture.placements) % 2
        label = f"{placement.get_placement_type_display()} from {placement.start_date:%b %d, %Y}"
        picture.placements.append(Band(x, width, "placement", label, shade))
    elif entry.kind == "missing":
        last = timezone.localdate(item.returned_at) if item.returned_at else today
        if last < start:
            return
        x, width = _band(entry.day, last, start, end)
        words = "missing now" if item.returned_at is None else f"missing until {last:%b %d}"
        picture.missing.append(Band(x, width, "missing", f"Last seen {entry.day:%b %d}, {words}"))
    elif entry.day >= start:
        picture.marks.append(Mark(_x(entry.day, start, end), entry.kind, _mark_label(entry)))


def _mark_label(entry) -> str:  # type: ignore[no-untyped-def]
    words = {
        "report": "Report",
        "returned": "Returned",
        "debrief": "Return debrief",
        "screening": "Screening",
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
