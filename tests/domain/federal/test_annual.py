"""The annual count (42 U.S.C. 671(a)(34)(B)) and the suppression of cells under 5 youth."""

from __future__ import annotations

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal import (
    Cell,
    count_reported_victims,
    fiscal_year_of,
    fiscal_year_span,
    suppress_small_cells,
)
from tests.domain.federal.support import child, day, episode, labor, sex


@pytest.mark.parametrize(
    ("given", "year"),
    [("2025-09-30", 2025), ("2025-10-01", 2026), ("2025-12-31", 2026), ("2026-09-30", 2026)],
)
def test_the_federal_fiscal_year_begins_on_1_october(given, year):
    assert fiscal_year_of(day(given)) == year


def test_a_fiscal_year_runs_from_1_october_to_30_september():
    assert fiscal_year_span(2026) == (day("2025-10-01"), day("2026-09-30"))


@pytest.mark.parametrize("year", [0, 1, 10000, "2026", True, 2026.0])
def test_a_fiscal_year_that_is_not_a_year_is_refused(year):
    with pytest.raises(InputError, match="fiscal_year"):
        fiscal_year_span(year)


def test_a_youth_counts_in_the_year_of_a_report_to_law_enforcement():
    kids = [
        child("first-day", determinations=(sex("2025-09-30", "before_entry", "2025-10-01"),)),
        child("last-day", determinations=(sex("2026-09-30", "in_care", "2026-09-30"),)),
        child("year-before", determinations=(sex("2025-09-01", "before_entry", "2025-09-30"),)),
        child("year-after", determinations=(sex("2026-09-30", "in_care", "2026-10-01"),)),
        child("never-reported", determinations=(sex("2026-01-01"),)),
        child("labor-only", determinations=(labor("2026-01-01", "in_care", "2026-01-01"),)),
    ]
    count = count_reported_victims(kids, 2026)
    assert (count.fiscal_year, count.youth, count.source) == (2026, 2, "42 U.S.C. 671(a)(34)(B)")
    assert (count.start, count.end) == (day("2025-10-01"), day("2026-09-30"))


def test_a_youth_with_several_reports_counts_once():
    kid = child(
        episodes=(episode("2025-11-01"),),
        determinations=(
            sex("2025-12-01", "in_care", "2025-12-01", "2026-02-01"),
            sex("2026-03-01", "in_care", "2026-03-01"),
        ),
    )
    assert count_reported_victims([kid, kid], 2026).youth == 1


def test_a_youth_needs_no_episode_to_be_counted():
    kid = child(episodes=(), determinations=(sex("2026-01-01", "before_entry", "2026-01-01"),))
    assert count_reported_victims([kid], 2026).youth == 1


def test_cells_under_5_are_suppressed_and_marked():
    table = {
        ("pine", "2026-01"): 0,
        ("pine", "2026-02"): 4,
        ("cedar", "2026-01"): 5,
        ("cedar", "2026-02"): 12,
    }
    assert suppress_small_cells(table) == {
        ("pine", "2026-01"): Cell(None, True),
        ("pine", "2026-02"): Cell(None, True),
        ("cedar", "2026-01"): Cell(5, False),
        ("cedar", "2026-02"): Cell(12, False),
    }


def test_a_suppressed_cell_shows_as_under_the_threshold():
    cells = suppress_small_cells({"high_risk": 3, "confirmed": 7})
    assert (cells["high_risk"].text, cells["confirmed"].text) == ("<5", "7")
    assert suppress_small_cells({"x": 9}, below=11)["x"].text == "<11"


def test_the_order_of_the_table_is_kept():
    assert list(suppress_small_cells({"b": 9, "a": 1, "c": 5})) == ["b", "a", "c"]


@pytest.mark.parametrize("count", [-1, 2.5, "7", None, True])
def test_a_cell_that_is_not_a_count_is_refused(count):
    with pytest.raises(InputError, match="expected a count"):
        suppress_small_cells({"pine": count})


def test_a_cell_that_json_cannot_write_is_named_in_python():
    with pytest.raises(InputError, match=r"got datetime\.date\(2026, 1, 1\)"):
        suppress_small_cells({"pine": day("2026-01-01")})
