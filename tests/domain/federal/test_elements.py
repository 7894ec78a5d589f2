"""The population, the current episode, prior versus in care, and E106-E111 (SPEC §7)."""

from __future__ import annotations

import pytest

from safeharbor.domain.federal import (
    Record,
    Role,
    current_episode,
    derive_record,
    in_population,
    parse_period,
    population,
)
from tests.domain.federal.support import PERIOD, child, day, episode, labor, sex


def record(kid) -> tuple:
    found = derive_record(kid, PERIOD)
    return (
        found.prior_victim,
        found.prior_reported,
        found.prior_report_date,
        found.in_care_victim,
        found.in_care_reported,
        found.in_care_report_dates,
    )


@pytest.mark.parametrize(
    ("removal", "exit_date", "inside"),
    [
        ("2025-06-01", "2025-09-30", False),  # ended the day before the period began
        ("2025-06-01", "2025-10-01", True),  # exited on its first day
        ("2026-03-31", None, True),  # removed on its last day
        ("2026-04-01", None, False),  # removed the day after it ended
        ("2019-05-20", None, True),  # open for years
        ("2025-11-01", "2025-12-01", True),  # wholly inside
        ("2025-01-01", "2026-12-31", True),  # spans it
    ],
)
def test_the_population_is_every_child_with_an_episode_overlapping_the_period(
    removal, exit_date, inside
):
    assert in_population(child(episodes=(episode(removal, exit_date),)), PERIOD) is inside


def test_a_child_with_no_episode_is_not_in_the_population():
    kid = child(episodes=())
    assert not in_population(kid, PERIOD)
    assert current_episode(kid, PERIOD) is None


def test_the_population_is_sorted_by_id():
    kids = [
        child("c-3"),
        child("c-10"),
        child("c-1"),
        child("out", episodes=(episode("2027-01-01"),)),
    ]
    assert [kid.id for kid in population(kids, PERIOD)] == ["c-1", "c-10", "c-3"]


def test_the_current_episode_is_the_latest_removed_on_or_before_the_end():
    kid = child(
        episodes=(
            episode("2026-04-10"),
            episode("2025-10-10", "2025-11-30"),
            episode("2026-01-15", "2026-03-01"),
        )
    )
    current = current_episode(kid, PERIOD)
    assert current is not None
    assert (current.removal, current.last) == (day("2026-01-15"), day("2026-03-01"))


def test_last_is_the_period_end_for_an_open_or_later_exit():
    assert current_episode(child(), PERIOD).last == day("2026-03-31")
    later = child(episodes=(episode("2025-11-01", "2026-06-01"),))
    assert current_episode(later, PERIOD).last == day("2026-03-31")


def test_identified_before_removal_is_prior_whatever_its_timing():
    kid = child(
        episodes=(episode("2025-10-10", "2025-11-30"), episode("2026-01-15")),
        determinations=(sex("2025-11-01", "in_care"), sex("2025-08-01", "before_entry")),
    )
    current = current_episode(kid, PERIOD)
    assert [c.identified_on for c in current.prior] == [day("2025-11-01"), day("2025-08-01")]
    assert current.in_care == ()


def test_before_entry_between_removal_and_last_is_prior():
    current = current_episode(child(determinations=(sex("2026-01-10", "before_entry"),)), PERIOD)
    assert (len(current.prior), len(current.in_care)) == (1, 0)


def test_in_care_between_removal_and_last_inclusive_is_in_care():
    kid = child(
        episodes=(episode("2025-11-01", "2026-01-31"),),
        determinations=(sex("2025-11-01"), sex("2026-01-31")),
    )
    current = current_episode(kid, PERIOD)
    assert (len(current.prior), len(current.in_care)) == (0, 2)


def test_identified_after_last_does_not_count():
    kid = child(
        episodes=(episode("2025-11-01", "2026-01-31"),),
        determinations=(sex("2026-02-01", "before_entry"), sex("2026-04-01", "before_entry")),
    )
    current = current_episode(kid, PERIOD)
    assert (current.prior, current.in_care) == ((), ())


def test_labor_determinations_do_not_count():
    kid = child(
        determinations=(labor("2025-08-01", "before_entry", "2025-08-01"), labor("2026-01-01"))
    )
    assert record(kid) == (None, None, None, None, None, None)


def test_only_reports_dated_on_or_before_the_end_count():
    kid = child(determinations=(sex("2026-03-31", "in_care", "2026-04-01", "2026-03-31"),))
    current = current_episode(kid, PERIOD)
    assert current.in_care[0].reports == (day("2026-03-31"),)


def test_blank_when_nothing_is_known_and_the_detail_is_not_completed():
    assert record(child(completed=False)) == (None, None, None, None, None, None)


def test_zero_when_the_detail_is_completed_without_a_determination():
    assert record(child(completed=True)) == (0, None, None, 0, None, None)


def test_a_determination_sets_its_element_to_1_even_without_the_detail():
    kid = child(determinations=(sex("2026-01-10", "in_care", "2026-01-10"),), completed=False)
    assert record(kid) == (None, None, None, 1, 1, (day("2026-01-10"),))


def test_reported_is_0_when_no_counted_determination_has_a_report():
    kid = child(determinations=(sex("2025-12-01", "before_entry"),), completed=True)
    assert record(kid) == (1, 0, None, 0, None, None)


def test_e108_is_the_earliest_report_of_any_prior_determination():
    kid = child(
        episodes=(episode("2025-10-20"),),
        determinations=(
            sex("2025-12-01", "before_entry", "2025-12-01"),
            sex("2025-07-01", "before_entry", "2025-07-02", "2025-07-01"),
        ),
        completed=True,
    )
    assert record(kid) == (1, 1, day("2025-07-01"), 0, None, None)


def test_e111_is_every_distinct_report_date_ascending():
    kid = child(
        determinations=(
            sex("2025-12-19", "in_care", "2026-02-10", "2025-12-20"),
            sex("2025-11-05", "in_care", "2025-12-20", "2025-11-05"),
        ),
        completed=True,
    )
    dates = (day("2025-11-05"), day("2025-12-20"), day("2026-02-10"))
    assert record(kid) == (0, None, None, 1, 1, dates)


def test_a_record_gives_each_value_by_role():
    found = derive_record(child(completed=True), PERIOD)
    assert isinstance(found, Record)
    assert found.child == "c-1"
    assert [found.value(role) for role in Role] == [0, None, None, 0, None, None]


def test_the_same_child_in_the_next_period_counts_what_happened_since():
    kid = child(determinations=(sex("2026-05-01", "in_care", "2026-05-01"),), completed=False)
    assert record(kid)[3] is None
    after = derive_record(kid, parse_period("2026B"))
    assert (after.in_care_victim, after.in_care_report_dates) == (1, (day("2026-05-01"),))
