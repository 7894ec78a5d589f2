"""AFCARS report periods: names, days, report dates, due dates off the weekend, neighbours."""

from __future__ import annotations

import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal import Period, next_weekday, parse_period, period_containing
from tests.domain.federal.support import day


def test_period_a_runs_from_1_october_of_the_year_before_to_31_march():
    period = parse_period("2026A")
    assert (period.start, period.end) == (day("2025-10-01"), day("2026-03-31"))
    assert (period.name, period.report_date) == ("2026A", "202603")


def test_period_b_runs_from_1_april_to_30_september():
    period = parse_period("2026B")
    assert (period.start, period.end) == (day("2026-04-01"), day("2026-09-30"))
    assert (period.name, period.report_date) == ("2026B", "202609")


@pytest.mark.parametrize(
    ("name", "due"),
    [
        ("2026A", "2026-05-15"),  # a Friday
        ("2026B", "2026-11-16"),  # 14 November is a Saturday
        ("2027A", "2027-05-17"),  # 15 May is a Saturday
        ("2027B", "2027-11-15"),  # 14 November is a Sunday
        ("2028A", "2028-05-15"),  # a Monday
    ],
)
def test_a_due_date_on_a_weekend_moves_to_the_monday(name, due):
    assert parse_period(name).due == day(due)


@pytest.mark.parametrize(
    ("given", "moved"),
    [
        ("2026-11-13", "2026-11-13"),
        ("2026-11-14", "2026-11-16"),
        ("2026-11-15", "2026-11-16"),
        ("2026-11-16", "2026-11-16"),
    ],
)
def test_next_weekday_moves_only_saturday_and_sunday(given, moved):
    assert next_weekday(day(given)) == day(moved)


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("2025-09-30", "2025B"),
        ("2025-10-01", "2026A"),
        ("2025-12-31", "2026A"),
        ("2026-01-01", "2026A"),
        ("2026-03-31", "2026A"),
        ("2026-04-01", "2026B"),
        ("2026-09-30", "2026B"),
    ],
)
def test_the_period_for_a_date(given, name):
    assert period_containing(day(given)).name == name


def test_a_date_in_the_last_quarter_of_9999_is_in_no_period():
    with pytest.raises(InputError, match="falls in no period"):
        period_containing(day("9999-10-01"))


def test_the_period_after_and_before():
    assert parse_period("2026A").next() == Period(2026, "B")
    assert parse_period("2026B").next() == Period(2027, "A")
    assert parse_period("2026A").previous() == Period(2025, "B")
    assert parse_period("2026B").previous() == Period(2026, "A")


def test_next_and_previous_cover_every_day_without_a_gap():
    period = parse_period("2024A")
    for _ in range(8):
        following = period.next()
        assert following.start == period.end + dt.timedelta(days=1)
        assert following.previous() == period
        period = following


def test_a_period_contains_its_first_and_last_day_only():
    period = parse_period("2026A")
    assert day("2025-10-01") in period
    assert day("2026-03-31") in period
    assert day("2025-09-30") not in period
    assert day("2026-04-01") not in period
    assert "2026-01-01" not in period


def test_periods_sort_in_time_order():
    names = ["2027A", "2026B", "2026A", "2025B"]
    assert [p.name for p in sorted(map(parse_period, names))] == [
        "2025B",
        "2026A",
        "2026B",
        "2027A",
    ]


@pytest.mark.parametrize(
    "value", ["2026C", "2026a", "26A", "2026", "2026AB", " 2026A", "0000A", 2026, None]
)
def test_anything_but_yyyya_or_yyyyb_is_refused_naming_it(value):
    with pytest.raises(InputError, match="is not an AFCARS period") as caught:
        parse_period(value)
    assert caught.value.field == "period"


def test_a_period_built_by_hand_is_checked():
    with pytest.raises(InputError):
        Period(2026, "C")
    with pytest.raises(InputError):
        Period(10000, "A")


def test_a_period_prints_as_its_name():
    assert str(parse_period("2026B")) == "2026B"
