"""The youth's timeline as one picture: placements as bands, marks placed by day."""

from __future__ import annotations

import datetime as dt

from safeharbor.cases.picture import draw
from safeharbor.cases.queries import TimelineEntry


class _Placement:
    def __init__(self, start, end=None):
        self.start_date, self.end_date = start, end

    def get_placement_type_display(self):
        return "Group home"


class _View:
    def __init__(self, placement):
        self.placement = placement


def test_the_picture_places_things_by_day_over_twelve_months():
    today = dt.date(2026, 12, 31)  # the window is Dec 31, 2025 to Dec 31, 2026: 365 days
    entries = [
        TimelineEntry(dt.date(2025, 6, 1), "placement", _View(_Placement(dt.date(2025, 6, 1)))),
        TimelineEntry(dt.date(2026, 7, 1), "screening", object()),
        TimelineEntry(dt.date(2025, 1, 1), "report", object()),  # before the window
    ]

    picture = draw(entries, today)

    assert picture is not None
    assert [(b.x, b.width) for b in picture.placements] == [(0.0, 1000.0)]
    assert [(m.x, m.kind) for m in picture.marks] == [(498.6, "screening")]  # 182 of 365 days
    assert picture.months[0] == (2.7, "Jan 2026")
    assert picture.summary == (
        "From Dec 31, 2025 to Dec 31, 2026: 1 placement, 0 missing episodes, 0 reports, "
        "0 returns, 1 screening."
    )


def test_nothing_in_the_window_draws_no_picture():
    assert (
        draw([TimelineEntry(dt.date(2020, 1, 1), "report", object())], dt.date(2026, 1, 1)) is None
    )
