"""What every obligation write shares: the line in its history, and the fields that close it.

An obligation is satisfied in two ways, by its event (``record_clock_event``) or by a person
(``satisfy_next_step``); both go through ``satisfy``, so the satisfied fields are written once.
"""

from __future__ import annotations

import datetime as dt

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.obligations.models import LegalReport, Obligation, ObligationHistory, record_key

SATISFIED_FIELDS = [
    "status",
    "satisfied_at",
    "on_time",
    "satisfied_by",
    "satisfied_event",
    "satisfied_record",
    "satisfied_record_key",
    "satisfied_report",
    "next_escalation_at",
    "version",
]


def describe(record: object) -> str:
    """Return the record that opened or satisfied an obligation, in words that fit its field."""
    return "" if record is None else str(record)[:200]


def timeliness(on_time: bool) -> str:
    """Return "on time" or "late", for the history line."""
    return "on time" if on_time else "late"


def write_history(
    row: Obligation, actor: User | None, at: dt.datetime, what: str, detail: str
) -> ObligationHistory:
    """Add one line to the obligation's history: what happened, when, by whom."""
    return ObligationHistory.objects.create(
        obligation=row, at=at, what=what, detail=detail[:500], actor=actor
    )


def satisfy(
    row: Obligation,
    *,
    actor: User | None,
    at: dt.datetime,
    on_time: bool,
    event: str,
    record: object,
    note: str,
    now: dt.datetime,
) -> None:
    """Close a locked open ``row`` as satisfied at ``at`` by ``record``; write history and audit.

    ``event`` names what satisfied it (an event type, or ``next_step_done``); ``note`` is the
    history line.
    """
    _write_satisfied(row, actor, at, on_time, event, record)
    write_history(row, actor, now, "satisfied", note)
    record_event(
        actor=actor,
        action="obligation.satisfied",
        target=row,
        youth=row.youth,
        detail={"kind": row.kind, "on_time": on_time, "event": event},
    )


def _write_satisfied(
    row: Obligation, actor: User | None, at: dt.datetime, on_time: bool, event: str, record: object
) -> None:
    """Write the fields that say ``row`` is satisfied; one more version (the row is locked)."""
    row.status = "satisfied"
    row.satisfied_at = at
    row.on_time = on_time
    row.satisfied_by = actor
    row.satisfied_event = event
    row.satisfied_record = describe(record)
    row.satisfied_record_key = record_key(record)
    row.satisfied_report = record if isinstance(record, LegalReport) else None
    row.next_escalation_at = None
    row.version += 1
    row.save(update_fields=SATISFIED_FIELDS)
