import datetime as dt

import pytest

from safeharbor.domain.dates import (
    add_months,
    age_on,
    format_utc,
    months_window,
    parse_aware_datetime,
    parse_date,
)
from safeharbor.domain.errors import InputError


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 8, 31), -6, dt.date(2026, 2, 28)),
        (dt.date(2028, 8, 31), -6, dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 15), -6, dt.date(2025, 7, 15)),
        (dt.date(2026, 12, 31), 2, dt.date(2027, 2, 28)),
        (dt.date(2026, 5, 10), 0, dt.date(2026, 5, 10)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_six_month_window_is_inclusive_and_clamped():
    assert months_window(dt.date(2026, 8, 31), 6) == (dt.date(2026, 2, 28), dt.date(2026, 8, 31))


@pytest.mark.parametrize(
    "bad",
    ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "", 20260101, "2026-W01-1", "2026W011  "],
)
def test_parse_date_refuses_impossible_or_malformed_dates(bad):
    with pytest.raises(InputError) as caught:
        parse_date(bad, field="as_of")
    assert str(caught.value).startswith("as_of:")


def test_parse_aware_datetime_requires_an_offset():
    with pytest.raises(InputError, match="no UTC offset"):
        parse_aware_datetime("2026-03-08T10:00:00", field="at")
    parsed = parse_aware_datetime("2026-03-08T10:00:00-06:00", field="at")
    assert format_utc(parsed) == "2026-03-08T16:00:00Z"


def test_age_counts_whole_years_and_leap_day_birthdays():
    assert age_on(dt.date(2010, 6, 15), dt.date(2026, 6, 14)) == 15
    assert age_on(dt.date(2010, 6, 15), dt.date(2026, 6, 15)) == 16
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 3, 1)) == 18


def test_a_time_that_leaves_the_calendar_in_utc_is_refused_not_crashed():
    with pytest.raises(InputError, match="out of range"):
        parse_aware_datetime("0001-01-01T00:00:00+05:00", field="at")
