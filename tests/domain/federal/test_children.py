"""A child's dates must agree: ``check_child`` refuses what SPEC §7.1 lists, naming the field."""

from __future__ import annotations

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal import build_file, check_child
from tests.domain.federal.support import PERIOD, child, episode, labor, sex


def refused(kid) -> InputError:
    with pytest.raises(InputError) as caught:
        check_child(kid)
    return caught.value


def test_a_consistent_child_passes():
    check_child(
        child(
            episodes=(episode("2024-01-01", "2024-06-30"), episode("2025-11-01")),
            determinations=(
                sex("2024-03-01", "in_care", "2024-03-01"),
                labor("2023-05-01", "before_entry"),
            ),
        )
    )


def test_an_exit_before_its_removal_is_refused():
    error = refused(child(episodes=(episode("2025-11-01", "2025-10-31"),)))
    assert error.field == "episodes[0].exit_date"
    assert str(error) == (
        "episodes[0].exit_date: 2025-10-31 is before the episode's removal date 2025-11-01"
    )


def test_an_exit_on_the_day_of_removal_is_allowed():
    check_child(child(episodes=(episode("2025-11-01", "2025-11-01"),)))


def test_episodes_that_share_a_day_are_refused_whatever_their_order():
    error = refused(child(episodes=(episode("2025-11-01"), episode("2025-06-01", "2025-11-02"))))
    assert error.field == "episodes[0]"
    assert "overlaps episodes[1] (2025-06-01 to 2025-11-02)" in str(error)


def test_a_removal_on_the_day_of_the_last_exit_is_allowed():
    check_child(child(episodes=(episode("2025-06-01", "2025-11-01"), episode("2025-11-01"))))


def test_an_open_episode_followed_by_another_is_refused():
    error = refused(child(episodes=(episode("2024-01-01"), episode("2025-11-01"))))
    assert "overlaps episodes[0] (2024-01-01 to open)" in str(error)


def test_two_episodes_removed_on_one_day_are_refused():
    error = refused(
        child(episodes=(episode("2025-11-01", "2025-11-01"), episode("2025-11-01", "2025-12-01")))
    )
    assert error.field == "episodes[1]"


def test_a_removal_before_birth_is_refused():
    error = refused(child(born="2010-05-05", episodes=(episode("2010-05-04"),)))
    assert str(error) == "episodes[0].removal_date: 2010-05-04 is before the birth date 2010-05-05"


def test_a_removal_on_the_day_of_birth_is_allowed():
    check_child(child(born="2010-05-05", episodes=(episode("2010-05-05"),)))


def test_a_determination_before_birth_is_refused():
    error = refused(child(determinations=(labor("2010-05-04", "before_entry"),)))
    assert error.field == "determinations[0].identified_on"


def test_a_report_before_birth_is_refused():
    error = refused(child(determinations=(sex("2025-12-01", "in_care", "2010-05-04"),)))
    assert error.field == "determinations[0].reported_to_law_enforcement[0]"


@pytest.mark.parametrize("determination", [sex("2025-10-31"), labor("2025-10-31")])
def test_an_in_care_determination_on_a_day_in_no_episode_is_refused(determination):
    error = refused(child(determinations=(determination,)))
    assert error.field == "determinations[0].identified_on"
    assert "falls in no episode of care" in str(error)


def test_a_before_entry_determination_may_fall_outside_every_episode():
    check_child(child(determinations=(sex("2025-10-31", "before_entry"),)))


def test_an_in_care_determination_on_the_exit_day_is_in_the_episode():
    check_child(
        child(
            episodes=(episode("2025-11-01", "2025-12-01"),),
            determinations=(sex("2025-12-01"),),
        )
    )


def test_build_file_checks_the_children_the_app_hands_it():
    with pytest.raises(InputError) as caught:
        build_file(PERIOD, [child("c-9", episodes=(episode("2025-11-01", "2025-10-01"),))])
    assert str(caught.value).startswith('child "c-9": episodes[0].exit_date: 2025-10-01 is before')


def test_build_file_refuses_a_child_id_given_twice():
    with pytest.raises(InputError, match='child "c-1" is given twice'):
        build_file(PERIOD, [child("c-1"), child("c-1")])
