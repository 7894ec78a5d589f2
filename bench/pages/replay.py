"""Replay one youth's events through the clock rules and keep every obligation they leave.

The obligations are not invented: ``domain.clocks.apply_event`` opens, moves and satisfies them
as the app's ``record_clock_event`` would, and each ends in the escalation step the worker would
have reached by now (``obligations.escalation``), with its history rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from safeharbor.accounts.models import User
    from safeharbor.cases.models import Youth


@dataclass
class Happening:
    """A recorded event as the clocks see it, with the record it is and who recorded it."""

    at: dt.datetime
    type: str
    record: Any = None
    actor: User | None = None
    tier: str | None = None
    alleges_htcsec: bool | None = None


@dataclass
class Records:
    """One batch's unsaved rows by model, in the order they are saved."""

    placements: list[Any] = field(default_factory=list)
    intakes: list[Any] = field(default_factory=list)
    episodes: list[Any] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)
    debriefs: list[Any] = field(default_factory=list)
    efforts: list[Any] = field(default_factory=list)
    flags: list[Any] = field(default_factory=list)
    screenings: list[Any] = field(default_factory=list)
    obligations: list[Any] = field(default_factory=list)
    history: list[Any] = field(default_factory=list)


def replay(youth: Youth, happenings: list[Happening], now: dt.datetime, records: Records) -> None:
    """Run the youth's events through the clock rules in time order and keep every obligation."""
    from safeharbor.domain.clocks import ClockPolicy, Event, apply_event

    policy = ClockPolicy()
    ledger: dict[int, tuple[Any, Any]] = {}  # ref -> (domain obligation, row)
    for happening in sorted(happenings, key=lambda h: h.at):
        event = Event(
            happening.type,
            happening.at,
            alleges_htcsec=happening.alleges_htcsec,
            tier=happening.tier,
        )
        changes = apply_event([d for d, _ in ledger.values() if d.is_open], event, policy)
        for done in changes.satisfied:
            ref = done.obligation.ref
            _satisfy(ledger[ref][1], happening, done.on_time, records)
            ledger[ref] = (done.satisfied, ledger[ref][1])
        for move in changes.moved:
            ref = move.obligation.ref
            _move(ledger[ref][1], move, happening, records)
            ledger[ref] = (move.moved, ledger[ref][1])
        for opened in changes.opened:
            ref = len(ledger)
            row = _open(youth, opened, happening, policy, records)
            ledger[ref] = (dataclasses.replace(opened, ref=ref), row)
    for _, row in ledger.values():
        _settle(row, now)


def _describe(record: Any) -> str:
    return "" if record is None else str(record)[:200]


def _open(youth: Youth, opened: Any, happening: Happening, policy: Any, records: Records) -> Any:
    from safeharbor.obligations.models import Obligation, ObligationHistory

    actor = happening.actor
    row = Obligation(
        youth=youth,
        kind=opened.kind.value,
        title=opened.title,
        source=opened.source,
        opened_by_event=happening.type,
        opened_record=_describe(happening.record),
        opened_at=opened.opened_at,
        due=opened.due,
        escalate_pa_hours=policy.escalate_pa_hours,
        unassigned_owner=actor
        if actor and actor.role in ("intake_worker", "caseworker", "supervisor")
        else None,
    )
    records.obligations.append(row)
    detail = f"Opened by {happening.type}: {row.opened_record}"
    records.history.append(
        ObligationHistory(
            obligation=row, at=opened.opened_at, what="opened", detail=detail[:500], actor=actor
        )
    )
    return row


def _satisfy(row: Any, happening: Happening, on_time: bool, records: Records) -> None:
    from safeharbor.obligations.escalation import target_step
    from safeharbor.obligations.models import LegalReport, ObligationHistory

    row.escalation_step = target_step(row, happening.at)  # what was told before it was done
    row.status, row.satisfied_at, row.on_time = "satisfied", happening.at, on_time
    row.satisfied_by = happening.actor
    row.satisfied_event = happening.type
    row.satisfied_record = _describe(happening.record)
    row.satisfied_report = happening.record if isinstance(happening.record, LegalReport) else None
    records.history.append(
        ObligationHistory(
            obligation=row,
            at=happening.at,
            what="satisfied",
            detail=f"Satisfied by {happening.type} ({'on time' if on_time else 'late'})",
            actor=happening.actor,
        )
    )


def _move(row: Any, move: Any, happening: Happening, records: Records) -> None:
    from safeharbor.obligations.models import ObligationHistory

    before = row.due
    row.due, row.source, row.title = move.due, move.source, move.title
    records.history.append(
        ObligationHistory(
            obligation=row,
            at=happening.at,
            what="moved",
            detail=f"Due time moved from {before.isoformat()} to {move.due.isoformat()} by "
            f"{happening.type}"[:500],
            actor=happening.actor,
        )
    )


def _settle(row: Any, now: dt.datetime) -> None:
    """Give an open obligation the escalation state the worker would have left it in by now."""
    from safeharbor.obligations.escalation import next_look, target_step

    if row.status == "open":
        row.escalation_step = target_step(row, now)
        row.next_escalation_at = next_look(row)
