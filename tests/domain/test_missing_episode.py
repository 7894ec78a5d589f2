"""The checks before a missing episode, an effort, a return or a debrief is stored (SPEC §3, §5)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.missing_episode import (
    SKEW,
    EpisodeTimes,
    check_debrief,
    check_details,
    check_effort,
    check_last_seen_correction,
    check_return,
    check_times,
    not_future,
)
from safeharbor.domain.return_debrief import check_answers, question_ids

UTC = dt.UTC
CHICAGO = dt.timezone(dt.timedelta(hours=-6))
NOW = dt.datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)
BORN = dt.date(2010, 5, 1)
OPEN = EpisodeTimes(last_seen_at=NOW - 10 * HOUR, learned_at=NOW - 8 * HOUR)
RETURNED = EpisodeTimes(NOW - 10 * HOUR, NOW - 8 * HOUR, returned_at=NOW - 2 * HOUR)


def _refused(call, *args, **kwargs) -> tuple[str | None, str]:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value.field, caught.value.message


# --- times ----------------------------------------------------------------------------------------


def test_a_time_a_little_ahead_of_the_server_is_not_the_future():
    not_future(NOW + SKEW, now=NOW, field="at", what="the time")
    assert _refused(not_future, NOW + SKEW + HOUR, now=NOW, field="at", what="the time") == (
        "at",
        "the time cannot be in the future",
    )


def test_a_time_without_a_zone_is_refused():
    naive = dt.datetime(2026, 3, 4, 12, 0)  # noqa: DTZ001 - the input under test
    assert _refused(not_future, naive, now=NOW, field="at", what="the time") == (
        "at",
        "the time needs a time zone",
    )


def _times(last_seen_at=OPEN.last_seen_at, learned_at=OPEN.learned_at, born=BORN):
    check_times(last_seen_at=last_seen_at, learned_at=learned_at, born=born, zone=CHICAGO, now=NOW)


def test_the_agency_learns_of_it_after_the_youth_was_last_seen():
    _times(learned_at=OPEN.last_seen_at)  # the same moment is allowed
    assert _refused(_times, learned_at=OPEN.last_seen_at - HOUR) == (
        "learned_at",
        "the agency cannot learn of it before the youth was last seen",
    )


def test_the_birthday_is_compared_on_the_agencys_calendar():
    # 03:00 UTC on May 1 is still April 30 in the agency's zone.
    seen = dt.datetime(2010, 5, 1, 3, 0, tzinfo=UTC)
    assert _refused(_times, last_seen_at=seen, learned_at=seen) == (
        "last_seen_at",
        "the youth cannot have been seen before they were born",
    )
    later = dt.datetime(2010, 5, 1, 7, 0, tzinfo=UTC)
    _times(last_seen_at=later, learned_at=later)


def test_a_corrected_last_seen_time_comes_before_the_return():
    def correct(at, episode=RETURNED):
        check_last_seen_correction(at, episode=episode, born=BORN, zone=CHICAGO, now=NOW)

    correct(RETURNED.last_seen_at - HOUR)
    correct(RETURNED.learned_at, episode=OPEN)
    assert _refused(correct, RETURNED.learned_at + HOUR) == (
        "learned_at",
        "the agency cannot learn of it before the youth was last seen",
    )
    later = EpisodeTimes(NOW - 10 * HOUR, NOW - HOUR, returned_at=NOW - 3 * HOUR)
    assert _refused(correct, NOW - 2 * HOUR, episode=later) == (
        "last_seen_at",
        "the youth returned before that time",
    )


# --- the description ------------------------------------------------------------------------------


def test_the_description_is_stripped_and_kept():
    details = {"hair": "  Dark brown ", "height_inches": 63, "weight_pounds": None, "eyes": ""}
    details |= {"risk_suicide": "yes", "risk_suicide_detail": None}
    assert check_details(details) == {
        "hair": "Dark brown",
        "height_inches": 63,
        "weight_pounds": None,
        "eyes": "",
        "risk_suicide": "yes",
        "risk_suicide_detail": "",
    }


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        ({"colour": "red"}, None, "a missing episode has no field 'colour'"),
        ({"hair": "x" * 81}, "hair", "keep this under 80 characters (it has 81)"),
        ({"risk_pregnancy": "maybe"}, "risk_pregnancy", "answer yes, no or not known"),
        ({"eyes": "violet"}, "eyes", "unknown eye colour 'violet'"),
        (
            {"height_inches": 11},
            "height_inches",
            "a height between 1 ft 0 in and 8 ft 0 in, please",
        ),
        (
            {"height_inches": 97},
            "height_inches",
            "a height between 1 ft 0 in and 8 ft 0 in, please",
        ),
        ({"weight_pounds": 0}, "weight_pounds", "a weight between 1 and 700 pounds, please"),
        ({"weight_pounds": 701}, "weight_pounds", "a weight between 1 and 700 pounds, please"),
    ],
)
def test_impossible_descriptions_are_refused_naming_the_field(details, field, message):
    assert _refused(check_details, details) == (field, message)


# --- the search, the return, the debrief ----------------------------------------------------------


def test_an_effort_is_cleaned():
    effort = check_effort(
        OPEN.last_seen_at, " " + "C" * 210, " Called ", " No answer ", episode=OPEN, now=NOW
    )
    assert effort == {
        "made_at": OPEN.last_seen_at,
        "made_by": "C" * 200,
        "effort": "Called",
        "result": "No answer",
    }


@pytest.mark.parametrize(
    ("made_at", "made_by", "effort", "field", "message"),
    [
        (NOW + HOUR, "Casey", "Called", "made_at", "the effort cannot be in the future"),
        (
            OPEN.last_seen_at - HOUR,
            "Casey",
            "Called",
            "made_at",
            "the effort cannot come before the youth was last seen",
        ),
        (
            RETURNED.returned_at + HOUR,
            "Casey",
            "Called",
            "made_at",
            "the youth had returned by then: log efforts made while they were missing",
        ),
        (NOW - 3 * HOUR, " ", "Called", "made_by", "say who made the effort"),
        (NOW - 3 * HOUR, "Casey", " ", "effort", "say what was done"),
    ],
)
def test_an_effort_outside_the_episode_or_unsaid_is_refused(
    made_at, made_by, effort, field, message
):
    refused = _refused(check_effort, made_at, made_by, effort, "", episode=RETURNED, now=NOW)
    assert refused == (field, message)


def test_a_return_is_cleaned_and_comes_after_the_youth_was_last_seen():
    assert check_return(NOW, " a friend's ", " police ", episode=OPEN, now=NOW) == {
        "returned_at": NOW,
        "found_where": "a friend's",
        "found_by": "police",
    }
    assert _refused(check_return, OPEN.last_seen_at - HOUR, "", "", episode=OPEN, now=NOW) == (
        "returned_at",
        "the return cannot be before the youth was last seen",
    )
    assert _refused(check_return, NOW + HOUR, "", "", episode=OPEN, now=NOW) == (
        "returned_at",
        "the return cannot be in the future",
    )


def test_a_debrief_follows_the_return():
    assert _refused(check_debrief, NOW, "declined", {}, episode=OPEN, now=NOW) == (
        None,
        "record the youth's return first",
    )
    assert _refused(check_debrief, NOW - 3 * HOUR, "declined", {}, episode=RETURNED, now=NOW) == (
        "conducted_at",
        "the debrief cannot come before the return",
    )
    assert _refused(check_debrief, NOW + HOUR, "declined", {}, episode=RETURNED, now=NOW) == (
        "conducted_at",
        "the debrief cannot be in the future",
    )
    assert _refused(check_debrief, NOW, "maybe", {}, episode=RETURNED, now=NOW) == (
        "participation",
        "say whether the youth took part",
    )
    answers = check_debrief(
        NOW, "declined", {"what_would_help": " A bus pass "}, episode=RETURNED, now=NOW
    )
    assert answers["what_would_help"] == "A bus pass"
    assert set(answers) == set(question_ids())


def test_a_youth_who_takes_part_answers_the_two_federal_questions():
    assert _refused(check_answers, {"primary_factors": "A fight"}, "took_part") == (
        "experiences_while_absent",
        "write what the youth said, or choose that they answered some questions or did not want "
        "to talk now",
    )
    check_answers({}, "partly")


def test_unknown_questions_and_long_answers_are_refused():
    assert _refused(check_answers, {"why_did_you_run": "x"}, "declined") == (
        None,
        "the debrief has no question 'why_did_you_run'",
    )
    assert _refused(check_answers, {"special_needs": "x" * 10_001}, "declined") == (
        "special_needs",
        "keep each answer under 10000 characters",
    )
