"""Where an obligation stands at ``now``, and who is told about it (SPEC §5, §5.1).

Boundary decisions, each tested:

- *Overdue* means ``now`` is after ``due``: at ``now == due`` the obligation is still ``open``
  (the clock's last instant belongs to the worker: "within 24 hours" includes the 24th hour).
- *On time* means ``satisfied_at`` is at or before ``due``: satisfied exactly at ``due`` is on
  time, one second later is late.
- *Program administrator* once ``now`` is more than ``escalate_pa_hours`` after ``due``
  (SPEC §5.1, revised 2026-12-02): exactly 24 hours after ``due`` is still the supervisor, as
  exactly at ``due`` is still the owner. The supervisor has it for the closed-right interval
  ``(due, due + escalate_pa_hours]``.
- A satisfied obligation escalates to nobody, whether it was satisfied on time or late.
- Status is *as of* ``now``: a satisfaction recorded after ``now`` has not happened yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from safeharbor.domain.clocks.events import as_utc
from safeharbor.domain.clocks.obligation import Obligation
from safeharbor.domain.clocks.policy import ClockPolicy
from safeharbor.domain.dates import format_utc


class Status(StrEnum):
    """Where an obligation stands (SPEC §5.1; ``not_applicable`` is recorded by the app)."""

    OPEN = "open"
    OVERDUE = "overdue"
    SATISFIED = "satisfied"


class EscalateTo(StrEnum):
    """Who is told about an unsatisfied obligation now (SPEC §5)."""

    OWNER = "owner"
    SUPERVISOR = "supervisor"
    PROGRAM_ADMINISTRATOR = "program_administrator"


@dataclass(frozen=True)
class ObligationStatus:
    """An obligation's status at a moment, with the reason in words."""

    status: Status
    on_time: bool | None  # None until satisfied
    escalate_to: EscalateTo | None  # None once satisfied
    reason: str


def status_at(obligation: Obligation, now: dt.datetime, policy: ClockPolicy) -> ObligationStatus:
    """Return the obligation's status, timeliness and escalation step at ``now`` (SPEC §5.1)."""
    return clock_status(obligation.due, obligation.satisfied_at, now, policy)


def clock_status(
    due_at: dt.datetime,
    satisfied_at: dt.datetime | None,
    now: dt.datetime,
    policy: ClockPolicy,
) -> ObligationStatus:
    """Return the status of any clock with a due time, as ``status_at`` does for a rule's.

    For obligations no rule of the table opens, such as a next step a team sets with its own
    due time: the same boundaries and escalation apply.
    """
    now = as_utc(now, field="now")
    due_at = as_utc(due_at, field="due")
    if satisfied_at is not None:
        satisfied_at = as_utc(satisfied_at, field="satisfied_at")
    due = format_utc(due_at)
    if satisfied_at is not None and satisfied_at <= now:
        on_time = satisfied_at <= due_at
        timeliness = "on or before" if on_time else "after"
        reason = f"satisfied at {format_utc(satisfied_at)}, {timeliness} the due time {due}"
        return ObligationStatus(Status.SATISFIED, on_time, None, reason)
    if now <= due_at:
        return ObligationStatus(Status.OPEN, None, EscalateTo.OWNER, f"open, due at {due}")
    if _more_than_hours(now - due_at, policy.escalate_pa_hours):
        reason = (
            f"overdue since {due} by more than {policy.escalate_pa_hours:g} hours: "
            "the program administrator is told"
        )
        return ObligationStatus(Status.OVERDUE, None, EscalateTo.PROGRAM_ADMINISTRATOR, reason)
    reason = f"overdue since {due}: the supervisor is told"
    return ObligationStatus(Status.OVERDUE, None, EscalateTo.SUPERVISOR, reason)


def _more_than_hours(elapsed: dt.timedelta, hours: float) -> bool:
    """Return whether ``elapsed`` exceeds ``hours``; hours beyond any time are never exceeded."""
    try:
        return elapsed > dt.timedelta(hours=hours)
    except OverflowError:
        return False
