"""clock_status: the same boundaries as status_at, for a clock no rule of the table opened."""

import datetime as dt

from safeharbor.domain.clocks import ClockPolicy, EscalateTo, Status, clock_status

DUE = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
POLICY = ClockPolicy()


def test_open_until_due_then_supervisor_then_program_administrator():
    assert clock_status(DUE, None, DUE, POLICY).escalate_to is EscalateTo.OWNER
    second = dt.timedelta(seconds=1)
    assert clock_status(DUE, None, DUE + second, POLICY).status is Status.OVERDUE
    assert clock_status(DUE, None, DUE + second, POLICY).escalate_to is EscalateTo.SUPERVISOR
    day = dt.timedelta(hours=24)  # exactly 24 h after due is still the supervisor (SPEC §5.1)
    assert clock_status(DUE, None, DUE + day, POLICY).escalate_to is EscalateTo.SUPERVISOR
    assert (
        clock_status(DUE, None, DUE + day + second, POLICY).escalate_to
        is EscalateTo.PROGRAM_ADMINISTRATOR
    )


def test_satisfied_at_the_due_time_is_on_time_and_escalates_to_nobody():
    state = clock_status(DUE, DUE, DUE + dt.timedelta(days=3), POLICY)
    assert (state.status, state.on_time, state.escalate_to) == (Status.SATISFIED, True, None)
    late = clock_status(DUE, DUE + dt.timedelta(seconds=1), DUE + dt.timedelta(days=3), POLICY)
    assert late.on_time is False
