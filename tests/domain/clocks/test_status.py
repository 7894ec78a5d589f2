"""status_at: open, overdue or satisfied; on time or late; who is told (SPEC §5.1 boundaries)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from safeharbor.domain.clocks import (
    ClockPolicy,
    EscalateTo,
    Obligation,
    ObligationKind,
    ObligationStatus,
    Status,
    status_at,
)
from safeharbor.domain.errors import InputError
from tests.domain.clocks.conftest import utc

DUE = "2026-07-02T10:00:00"
REPORT = Obligation(
    ObligationKind.REPORT_MISSING_NCMEC,
    utc("2026-07-01T10:00:00"),
    utc(DUE),
    "42 U.S.C. 671(a)(35)(B); seed 004",
    "Report the missing youth to NCMEC",
)


def satisfied(at: str) -> Obligation:
    return dataclasses.replace(REPORT, satisfied_at=utc(at))


@pytest.mark.parametrize(
    ("now", "status", "escalate_to"),
    [
        ("2026-07-01T10:00:00", Status.OPEN, EscalateTo.OWNER),
        ("2026-07-02T09:59:59", Status.OPEN, EscalateTo.OWNER),
        ("2026-07-02T10:00:00", Status.OPEN, EscalateTo.OWNER),  # due == now: not yet overdue
        ("2026-07-02T10:00:01", Status.OVERDUE, EscalateTo.SUPERVISOR),
        ("2026-07-03T09:59:59", Status.OVERDUE, EscalateTo.SUPERVISOR),
        ("2026-07-03T10:00:00", Status.OVERDUE, EscalateTo.SUPERVISOR),  # exactly 24 h late
        ("2026-07-03T10:00:01", Status.OVERDUE, EscalateTo.PROGRAM_ADMINISTRATOR),
        ("2026-08-01T00:00:00", Status.OVERDUE, EscalateTo.PROGRAM_ADMINISTRATOR),
    ],
)
def test_unsatisfied_status_and_escalation_by_moment(now, status, escalate_to, policy):
    state = status_at(REPORT, utc(now), policy)
    assert (state.status, state.on_time, state.escalate_to) == (status, None, escalate_to)


def test_one_microsecond_after_due_is_overdue(policy):
    now = utc(DUE) + dt.timedelta(microseconds=1)
    assert status_at(REPORT, now, policy).status is Status.OVERDUE


def test_satisfied_exactly_at_due_is_on_time(policy):
    state = status_at(satisfied(DUE), utc("2026-07-05T00:00:00"), policy)
    assert state == ObligationStatus(
        Status.SATISFIED,
        on_time=True,
        escalate_to=None,
        reason="satisfied at 2026-07-02T10:00:00Z, on or before the due time 2026-07-02T10:00:00Z",
    )


def test_satisfied_one_second_late_is_late_and_escalates_to_nobody(policy):
    state = status_at(satisfied("2026-07-02T10:00:01"), utc("2026-07-05T00:00:00"), policy)
    assert state == ObligationStatus(
        Status.SATISFIED,
        on_time=False,
        escalate_to=None,
        reason="satisfied at 2026-07-02T10:00:01Z, after the due time 2026-07-02T10:00:00Z",
    )


def test_satisfied_days_late_still_escalates_to_nobody(policy):
    state = status_at(satisfied("2026-07-20T10:00:00"), utc("2026-08-01T00:00:00"), policy)
    assert (state.status, state.on_time, state.escalate_to) == (Status.SATISFIED, False, None)


def test_a_satisfaction_after_now_has_not_happened_yet(policy):
    state = status_at(satisfied("2026-07-02T09:00:00"), utc("2026-07-02T08:00:00"), policy)
    assert (state.status, state.on_time, state.escalate_to) == (Status.OPEN, None, EscalateTo.OWNER)


def test_reasons_say_who_is_told(policy):
    assert status_at(REPORT, utc(DUE), policy).reason == "open, due at 2026-07-02T10:00:00Z"
    assert status_at(REPORT, utc("2026-07-02T11:00:00"), policy).reason == (
        "overdue since 2026-07-02T10:00:00Z: the supervisor is told"
    )
    assert status_at(REPORT, utc("2026-07-03T11:00:00"), policy).reason == (
        "overdue since 2026-07-02T10:00:00Z by more than 24 hours: "
        "the program administrator is told"
    )


def test_the_program_administrator_step_follows_the_policy():
    policy = ClockPolicy(escalate_pa_hours=0.5)
    past_the_step = status_at(REPORT, utc("2026-07-02T10:30:01"), policy)
    at_the_step = status_at(REPORT, utc("2026-07-02T10:30:00"), policy)
    assert past_the_step.escalate_to is EscalateTo.PROGRAM_ADMINISTRATOR
    assert at_the_step.escalate_to is EscalateTo.SUPERVISOR
    assert past_the_step.reason.endswith(
        "by more than 0.5 hours: the program administrator is told"
    )


def test_a_program_administrator_step_beyond_any_time_is_never_reached():
    policy = ClockPolicy(escalate_pa_hours=1e300)
    state = status_at(REPORT, utc("9999-12-31T23:59:59"), policy)
    assert state.escalate_to is EscalateTo.SUPERVISOR


def test_now_in_another_offset_is_the_same_moment(policy):
    minus_five = dt.timezone(dt.timedelta(hours=-5))
    now = dt.datetime(2026, 7, 2, 5, 0, tzinfo=minus_five)  # 10:00Z, the due time
    assert status_at(REPORT, now, policy).status is Status.OPEN


def test_a_naive_now_is_refused(policy):
    with pytest.raises(InputError, match=r"^now: expected a time with a UTC offset"):
        status_at(REPORT, dt.datetime(2026, 7, 2, 10, 0), policy)  # noqa: DTZ001
