"""The out-of-home-care rules: placements within their episode, never overlapping (SPEC §3)."""

import datetime as dt

import pytest

from safeharbor.domain.care import (
    Span,
    check_exit,
    check_placement,
    check_reasons,
    check_removal,
)
from safeharbor.domain.errors import InputError

D = dt.date
TODAY = D(2026, 12, 2)
EPISODE = Span(D(2026, 1, 5), None)


def _refusal(call) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


def test_overlapping_placements_are_refused():
    error = _refusal(
        lambda: check_placement(
            Span(D(2026, 3, 1), D(2026, 4, 1)),
            episode=EPISODE,
            today=TODAY,
            others=[Span(D(2026, 2, 1), D(2026, 3, 15))],
        )
    )
    assert (error.field, error.message) == (
        "start_date",
        "overlaps the placement 2026-02-01 to 2026-03-15; placements may not overlap",
    )


def test_a_move_day_belongs_to_both_placements():
    check_placement(
        Span(D(2026, 3, 15), None),
        episode=EPISODE,
        today=TODAY,
        others=[Span(D(2026, 2, 1), D(2026, 3, 15))],
    )


def test_a_placement_before_the_removal_is_outside_its_episode():
    error = _refusal(
        lambda: check_placement(Span(D(2026, 1, 4)), episode=EPISODE, today=TODAY, others=[])
    )
    assert error.field == "start_date"
    assert "before the removal (2026-01-05)" in error.message


def test_a_placement_running_past_the_exit_is_outside_its_episode():
    closed = Span(D(2026, 1, 5), D(2026, 6, 1))
    error = _refusal(
        lambda: check_placement(
            Span(D(2026, 5, 1), D(2026, 6, 2)), episode=closed, today=TODAY, others=[]
        )
    )
    assert (error.field, error.message) == (
        "end_date",
        "the episode ended 2026-06-01: the placement must end by then",
    )


@pytest.mark.parametrize(
    ("span", "field"),
    [(Span(D(2026, 12, 3)), "start_date"), (Span(D(2026, 2, 1), D(2027, 1, 1)), "end_date")],
)
def test_future_placement_dates_are_refused(span, field):
    error = _refusal(lambda: check_placement(span, episode=EPISODE, today=TODAY, others=[]))
    assert error.field == field
    assert "in the future" in error.message


def test_an_exit_before_the_removal_is_refused():
    error = _refusal(
        lambda: check_exit(D(2026, 1, 4), removal=D(2026, 1, 5), today=TODAY, placements=[])
    )
    assert (error.field, error.message) == (
        "exit_date",
        "2026-01-04 is before the removal (2026-01-05); an exit follows its removal",
    )


def test_an_exit_before_a_placement_ended_is_refused_but_the_current_one_is_ended_by_it():
    placements = [Span(D(2026, 1, 5), D(2026, 5, 1)), Span(D(2026, 5, 1))]
    check_exit(D(2026, 6, 1), removal=D(2026, 1, 5), today=TODAY, placements=placements)
    error = _refusal(
        lambda: check_exit(D(2026, 4, 1), removal=D(2026, 1, 5), today=TODAY, placements=placements)
    )
    assert error.field == "exit_date"


def test_a_removal_needs_the_last_episode_closed_and_behind_it():
    born = D(2010, 5, 17)
    open_one = [Span(D(2025, 1, 1))]
    assert (
        "record that exit first"
        in _refusal(
            lambda: check_removal(D(2026, 1, 1), born=born, today=TODAY, episodes=open_one)
        ).message
    )
    closed = [Span(D(2025, 1, 1), D(2025, 6, 1))]
    check_removal(D(2025, 6, 1), born=born, today=TODAY, episodes=closed)  # the exit day is fine
    assert (
        _refusal(
            lambda: check_removal(D(2025, 5, 1), born=born, today=TODAY, episodes=closed)
        ).field
        == "removal_date"
    )
    assert (
        "before the youth's birth"
        in _refusal(
            lambda: check_removal(D(2009, 1, 1), born=born, today=TODAY, episodes=[])
        ).message
    )


def test_runaway_and_whereabouts_unknown_are_never_given_together():
    exclusive = (frozenset({"runaway", "whereabouts_unknown"}),)
    check_reasons(["sex_trafficking", "runaway"], exclusive)
    assert _refusal(lambda: check_reasons([], exclusive)).field == "reasons"
    assert (
        _refusal(lambda: check_reasons(["runaway", "whereabouts_unknown"], exclusive)).message
        == "choose only one of: runaway, whereabouts unknown"
    )
