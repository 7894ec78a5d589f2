"""The chronic-runaway and same-placement rules at their boundaries (seeds 001, 004)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeharbor.domain.dates import add_months
from safeharbor.domain.errors import InputError
from safeharbor.domain.missing_patterns import (
    CHRONIC_SOURCE,
    SAME_PLACEMENT_SOURCE,
    Episode,
    FlagKind,
    PatternPolicy,
    chronic_runaway,
    placement_key,
    policy_keys,
    same_placement,
)

UTC = dt.UTC
CHICAGO = dt.timezone(dt.timedelta(hours=-5))
DEFAULT = PatternPolicy()
T0 = dt.datetime(2026, 3, 4, 22, 0, tzinfo=UTC)


def ep(ref, youth=1, day=dt.date(2026, 8, 31), seen=T0, key="12 oak st", words="group home"):
    return Episode(ref, youth, day, seen, key, words)


# --- chronic runaway ---------------------------------------------------------------------------


def test_three_episodes_in_twelve_months_flag_a_chronic_runaway():
    history = [ep(1, day=dt.date(2025, 8, 31)), ep(2, day=dt.date(2026, 1, 10))]
    newest = ep(3, day=dt.date(2026, 8, 31))

    flag = chronic_runaway(history, newest, DEFAULT)

    assert flag is not None
    assert (flag.kind, flag.youth_ref, flag.episode_ref, flag.related) == (
        FlagKind.CHRONIC_RUNAWAY,
        1,
        3,
        (1, 2),
    )
    assert flag.reason == (
        "3 missing episodes reported between Aug 31, 2025 and Aug 31, 2026: the agency treats "
        "3 or more in 12 months as a high-risk chronic runaway, for an immediate team response"
    )
    assert flag.source == CHRONIC_SOURCE


def test_the_first_day_of_the_window_counts_and_the_day_before_does_not():
    newest = ep(3, day=dt.date(2026, 8, 31))
    inside = [ep(1, day=dt.date(2025, 8, 31)), ep(2, day=dt.date(2026, 8, 31))]
    outside = [ep(1, day=dt.date(2025, 8, 30)), ep(2, day=dt.date(2026, 8, 31))]

    assert chronic_runaway(inside, newest, DEFAULT) is not None
    assert chronic_runaway(outside, newest, DEFAULT) is None


def test_two_episodes_are_not_yet_chronic():
    assert chronic_runaway([ep(1)], ep(2), DEFAULT) is None


def test_a_month_end_window_is_clamped_like_the_screening_window():
    policy = PatternPolicy(chronic_episodes=2, chronic_months=6)
    newest = ep(2, day=dt.date(2026, 8, 31))

    flag = chronic_runaway([ep(1, day=dt.date(2026, 2, 28))], newest, policy)

    assert flag is not None
    assert "between Feb 28, 2026 and Aug 31, 2026" in flag.reason
    assert "2 or more in 6 months" in flag.reason
    assert chronic_runaway([ep(1, day=dt.date(2026, 2, 27))], newest, policy) is None


def test_other_youth_and_the_episode_itself_are_counted_once_and_only_for_this_youth():
    history = [ep(1), ep(2, youth=7), ep(3, youth=7), ep(4)]
    assert chronic_runaway(history, ep(4), DEFAULT) is None  # episodes 1 and 4 of youth 1
    flag = chronic_runaway([*history, ep(5)], ep(5), DEFAULT)
    assert flag is not None
    assert flag.related == (1, 4)


def test_a_later_episode_entered_late_is_not_counted_before_it_happened():
    later = ep(9, day=dt.date(2026, 9, 1))
    assert chronic_runaway([ep(1), later], ep(2), DEFAULT) is None


# --- same placement ------------------------------------------------------------------------------


def test_two_youth_from_the_same_placement_72_hours_apart_are_both_flagged():
    first = ep(1, youth=1, seen=T0)
    second = ep(2, youth=2, seen=T0 + dt.timedelta(hours=72))

    flags = same_placement([first], second, DEFAULT)

    assert [(f.youth_ref, f.episode_ref, f.related) for f in flags] == [(2, 2, (1,)), (1, 1, (2,))]
    assert {f.kind for f in flags} == {FlagKind.SAME_PLACEMENT}
    assert flags[0].reason == (
        "another youth went missing from the same group home within 72 h of this youth (the "
        "agency's window is 72 hours): traffickers may use youth to recruit others in group "
        "homes; the supervisor should look at the placement"
    )
    assert flags[0].source == SAME_PLACEMENT_SOURCE


def test_one_microsecond_past_the_window_is_not_flagged():
    first = ep(1, youth=1, seen=T0)
    second = ep(2, youth=2, seen=T0 + dt.timedelta(hours=72, microseconds=1))
    assert same_placement([first], second, DEFAULT) == []


def test_the_window_looks_back_as_well_as_forward():
    recorded_late = ep(2, youth=2, seen=T0 - dt.timedelta(hours=18, minutes=30))
    flags = same_placement([ep(1, youth=1, seen=T0)], recorded_late, DEFAULT)
    assert [f.youth_ref for f in flags] == [2, 1]
    assert "within 18 h 30 min of this youth" in flags[0].reason


def test_times_in_different_offsets_are_compared_as_instants():
    first = ep(1, youth=1, seen=T0)
    same_instant = ep(2, youth=2, seen=T0.astimezone(CHICAGO) + dt.timedelta(minutes=5))
    flags = same_placement([first], same_instant, DEFAULT)
    assert "within 5 min of this youth" in flags[0].reason


def test_the_same_youth_running_twice_is_not_recruitment():
    assert same_placement([ep(1, youth=1)], ep(2, youth=1), DEFAULT) == []


def test_a_different_placement_or_an_unknown_one_is_never_matched():
    assert same_placement([ep(1, youth=1, key="14 oak st")], ep(2, youth=2), DEFAULT) == []
    assert same_placement([ep(1, youth=1, key=None)], ep(2, youth=2, key=None), DEFAULT) == []


def test_a_configured_window_applies():
    policy = PatternPolicy(same_placement_hours=24)
    first = ep(1, youth=1, seen=T0)
    assert same_placement([first], ep(2, youth=2, seen=T0 + dt.timedelta(hours=24)), policy)
    assert same_placement([first], ep(2, youth=2, seen=T0 + dt.timedelta(hours=25)), policy) == []


def test_three_youth_each_get_a_flag_naming_how_many_others():
    others = [ep(1, youth=1, seen=T0), ep(2, youth=2, seen=T0 + dt.timedelta(hours=5))]
    flags = same_placement(others, ep(3, youth=3, seen=T0 + dt.timedelta(hours=10)), DEFAULT)

    assert [(f.youth_ref, f.related) for f in flags] == [(3, (1, 2)), (1, (2, 3)), (2, (1, 3))]
    assert flags[0].reason.startswith(
        "2 other youth went missing from the same group home within 10 h"
    )


def test_a_youth_with_two_episodes_in_the_window_is_counted_once_by_the_nearest():
    others = [ep(1, youth=1, seen=T0), ep(2, youth=1, seen=T0 + dt.timedelta(hours=40))]
    flags = same_placement(others, ep(3, youth=2, seen=T0 + dt.timedelta(hours=50)), DEFAULT)
    assert [(f.youth_ref, f.episode_ref, f.related) for f in flags] == [(2, 3, (2,)), (1, 2, (3,))]


def test_placement_keys_ignore_case_punctuation_and_spacing():
    assert placement_key("12 Oak St.,\n Pine City") == placement_key("12 oak st pine city")
    assert placement_key("", "Sunrise Group Home") == "sunrise group home"
    assert placement_key("  ", "") is None


# --- policy --------------------------------------------------------------------------------------


def test_policy_defaults_are_three_in_twelve_months_and_72_hours():
    assert (DEFAULT.chronic_episodes, DEFAULT.chronic_months, DEFAULT.same_placement_hours) == (
        3,
        12,
        72,
    )
    assert policy_keys() == ("chronic_episodes", "chronic_months", "same_placement_hours")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"chronic_episode": 3}, "unknown pattern setting 'chronic_episode'"),
        ({"chronic_episodes": 1}, "chronic_episodes: expected 2 to 50 episodes, got 1"),
        ({"chronic_episodes": 2.5}, "chronic_episodes: expected a whole number of episodes"),
        ({"chronic_months": 0}, "chronic_months: expected 1 to 60 months, got 0"),
        ({"chronic_months": True}, "chronic_months: expected 1 to 60 months, got True"),
        ({"same_placement_hours": float("nan")}, "same_placement_hours: expected 1 to 2160 hours"),
        (
            {"same_placement_hours": "72"},
            "same_placement_hours: expected 1 to 2160 hours, got '72'",
        ),
    ],
)
def test_bad_policy_values_are_refused_naming_the_setting(values, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        PatternPolicy.from_mapping(values)
    assert caught.value.field == next(iter(values))


def test_whole_floats_from_a_form_become_whole_numbers():
    policy = PatternPolicy.from_mapping({"chronic_episodes": 4.0, "same_placement_hours": 36.5})
    assert (policy.chronic_episodes, policy.same_placement_hours) == (4, 36.5)
    assert isinstance(policy.chronic_episodes, int)


# --- properties ----------------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(days, min_size=0, max_size=6),
    days,
    st.integers(2, 5),
    st.integers(1, 18),
)
def test_chronic_flag_exactly_when_enough_episodes_fall_in_the_window(others, newest, n, months):
    policy = PatternPolicy(chronic_episodes=n, chronic_months=months)
    history = [ep(i, day=day) for i, day in enumerate(others, start=1)]
    episode = ep(100, day=newest)
    start = add_months(newest, -months)
    expected = 1 + sum(1 for day in others if start <= day <= newest)

    flag = chronic_runaway(history, episode, policy)

    assert (flag is not None) == (expected >= n)
    if flag is not None:
        assert flag.reason.startswith(f"{expected} missing episodes")


@settings(max_examples=60, deadline=None)
@given(st.integers(-200 * 60, 200 * 60), st.sampled_from(["12 oak st", "9 elm rd"]))
def test_same_placement_is_symmetric(minutes, key_b):
    a = ep(1, youth=1, seen=T0)
    b = ep(2, youth=2, seen=T0 + dt.timedelta(minutes=minutes), key=key_b)
    from_b = {(f.youth_ref, f.related) for f in same_placement([a], b, DEFAULT)}
    from_a = {(f.youth_ref, f.related) for f in same_placement([b], a, DEFAULT)}
    assert from_a == from_b
    assert bool(from_a) == (key_b == "12 oak st" and abs(minutes) <= 72 * 60)


def test_the_nearest_episode_is_kept_whatever_order_they_come_in():
    others = [ep(2, youth=1, seen=T0 + dt.timedelta(hours=40)), ep(1, youth=1, seen=T0)]
    flags = same_placement(others, ep(3, youth=2, seen=T0 + dt.timedelta(hours=50)), DEFAULT)
    assert flags[0].related == (2,)


def test_a_one_month_window_reads_as_one_month():
    policy = PatternPolicy(chronic_episodes=2, chronic_months=1)
    flag = chronic_runaway([ep(1, day=dt.date(2026, 8, 1))], ep(2), policy)
    assert flag is not None
    assert "2 or more in 1 month as" in flag.reason


def test_an_episode_without_a_time_zone_is_refused():
    with pytest.raises(InputError, match="last_seen_at needs a time zone"):
        ep(1, seen=dt.datetime(2026, 3, 4, 22, 0))  # noqa: DTZ001 - the point of the test
