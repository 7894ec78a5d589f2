"""Recorded events with a clock: the one entry point that opens, moves and satisfies obligations.

Every app that records an event with a clock calls ``record_clock_event`` inside its own
transaction, so the obligation opens or closes with the record that caused it (no signals).
The rules are the domain's: this module persists what ``apply_event`` decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.domain.access import Role
from safeharbor.domain.clocks import Changes, ClockPolicy, DueMove, Event, apply_event
from safeharbor.domain.clocks import Obligation as DueObligation
from safeharbor.domain.clocks.events import parse_event_type
from safeharbor.obligations import escalation
from safeharbor.obligations.actions import prior_actions
from safeharbor.obligations.actions.escalation import tell
from safeharbor.obligations.actions.history import describe, satisfy, timeliness, write_history
from safeharbor.obligations.actions.settings import current_policy
from safeharbor.obligations.models import APP_KINDS, Obligation, PriorAction, Step

# The open rows of one youth, by id (the domain's ``ref``).
Rows = dict[int | str | None, Obligation]


@dataclass(frozen=True)
class _Cause:
    """The event being recorded: who recorded it, the event, its record, and when it was saved."""

    actor: User | None
    event: Event
    record: object
    now: dt.datetime


def record_clock_event(
    *,
    actor: User | None,
    youth: Youth,
    event_type: str,
    at: dt.datetime,
    tier: str | None = None,
    alleges_htcsec: bool | None = None,
    identified_victim: bool | None = None,
    record: object = None,
) -> Changes:
    """Open, move and satisfy the youth's obligations for one recorded event; return the changes.

    Call it inside the transaction that saves ``record`` (the model instance that is the event):
    the obligations commit or roll back with it. A report, referral or meeting that satisfies
    nothing is kept and counts for a protocol obligation that opens later (SPEC §5 "done already
    counts"). Raises ``InputError`` for an unknown event
    type or tier, a naive time, or a missing ``tier``/``alleges_htcsec``.
    """
    event = Event(
        parse_event_type(event_type, field="event_type"),
        at,
        alleges_htcsec=alleges_htcsec,
        identified_victim=identified_victim,
        tier=tier,  # type: ignore[arg-type]  # Event validates and converts the id
    )
    policy = current_policy()
    cause = _Cause(actor, event, record, timezone.now())
    with transaction.atomic():  # never durable: every caller records its event in its own
        rows = _lock_open_obligations(youth)
        kept = prior_actions.unused_prior_actions(youth)
        open_now = [row.to_domain() for row in rows.values()]
        changes = apply_event(open_now, event, policy, prior_actions.as_events(kept))
        _write(changes, rows, youth, cause, policy, kept)
    return changes


def _lock_open_obligations(youth: Youth) -> Rows:
    """Lock the youth, then its open clock obligations: one youth's events apply one at a time.

    The no-duplicate rule is per youth. Next steps are left out: people set them, not the rules.
    """
    Youth.objects.select_for_update().filter(pk=youth.pk).first()
    open_rows = (
        Obligation.objects.select_for_update()
        .filter(youth=youth, status="open")
        .exclude(kind__in=APP_KINDS)
    )
    return {row.pk: row for row in open_rows.select_related("youth")}


def _write(
    changes: Changes,
    rows: Rows,
    youth: Youth,
    cause: _Cause,
    policy: ClockPolicy,
    kept: dict[int, PriorAction],
) -> None:
    """Persist what the event changes (satisfied, moved, opened, credited), or that it matched
    nothing; keep the record when it may count for an obligation that opens later."""
    for satisfaction in changes.satisfied:
        _satisfy(rows[satisfaction.obligation.ref], cause, satisfaction.on_time)
    for move in changes.moved:
        _move(rows[move.obligation.ref], cause, move)
    opened = {id(item): _open(youth, cause, item, policy) for item in changes.opened}
    for given in changes.credited:
        prior = kept[given.event.ref]  # type: ignore[index]  # refs are the kept rows' ids
        prior_actions.credit(opened[id(given.obligation)], prior, given, cause.now)
    for row in opened.values():
        _tell_if_open(row, cause.now)
    prior_actions.keep_if_unmatched(changes, youth, cause.actor, cause.record, cause.now)
    if changes.changes_nothing:
        record_event(
            actor=cause.actor,
            action="obligation.event_unmatched",
            target=cause.record,
            youth=youth,
            detail={"event": cause.event.type.value, "at": cause.event.at.isoformat()},
        )


def _satisfy(row: Obligation, cause: _Cause, on_time: bool) -> None:
    event = cause.event.type.value
    satisfy(
        row,
        actor=cause.actor,
        at=cause.event.at,
        on_time=on_time,
        event=event,
        record=cause.record,
        note=f"Satisfied {timeliness(on_time)} by {event}",
        now=cause.now,
    )


def _move(row: Obligation, cause: _Cause, move: DueMove) -> None:
    before, event = row.due, cause.event.type.value
    row.due, row.source, row.title = move.due, move.source, move.title
    row.next_escalation_at = escalation.next_look(row)
    row.version += 1
    row.save(update_fields=["due", "source", "title", "next_escalation_at", "version"])
    moved = f"Due time moved from {before.isoformat()} to {move.due.isoformat()} by {event}"
    write_history(row, cause.actor, cause.now, "moved", f"{moved} ({move.source})")
    record_event(
        actor=cause.actor,
        action="obligation.due_moved",
        target=row,
        youth=row.youth,
        detail={"from": before.isoformat(), "to": move.due.isoformat(), "event": event},
    )


def _open(youth: Youth, cause: _Cause, opened: DueObligation, policy: ClockPolicy) -> Obligation:
    row = _new_obligation(youth, cause, opened, policy)
    event = cause.event.type.value
    write_history(row, cause.actor, cause.now, "opened", f"Opened by {event}: {row.opened_record}")
    record_event(
        actor=cause.actor,
        action="obligation.opened",
        target=row,
        youth=youth,
        detail={"kind": row.kind, "due": row.due.isoformat(), "event": event},
    )
    return row


def _tell_if_open(row: Obligation, now: dt.datetime) -> None:
    """Tell the owner of a new obligation as it opens, unless a record already satisfied it.

    An obligation recorded already overdue (an event entered after the fact) waits for the next
    pass, so a worker entering an episode and its report together alarms nobody.
    """
    if row.is_open and escalation.target_step(row, now) <= Step.REMINDER:
        tell(row, now)


def _new_obligation(
    youth: Youth, cause: _Cause, opened: DueObligation, policy: ClockPolicy
) -> Obligation:
    return Obligation.objects.create(
        youth=youth,
        kind=opened.kind.value,
        title=opened.title,
        source=opened.source,
        opened_by_event=cause.event.type.value,
        opened_record=describe(cause.record),
        opened_at=opened.opened_at,
        due=opened.due,
        escalate_pa_hours=policy.escalate_pa_hours,
        unassigned_owner=_unassigned_owner(cause.actor),
        escalation_step=Step.NONE,
        next_escalation_at=opened.opened_at,
    )


def _unassigned_owner(actor: User | None) -> User | None:
    """Return who owns an obligation while its youth has no caseworker: who recorded the event."""
    if actor is not None and actor.role in (Role.INTAKE_WORKER, Role.CASEWORKER, Role.SUPERVISOR):
        return actor
    return None
