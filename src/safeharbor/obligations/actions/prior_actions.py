"""Done already counts (SPEC §5): records that satisfied nothing yet, and the credit they earn.

A report, referral or meeting recorded while no obligation of its kind is open is kept as a
``PriorAction``. When a protocol obligation of that kind opens later, the domain's ``apply_event``
credits it to the latest such record within ``prior_action_credit_hours``; this module writes the
credit: the obligation is satisfied at once, at the record's time, by the record, and the record
counts for nothing else.
"""

from __future__ import annotations

import datetime as dt

from safeharbor.accounts.models import User
from safeharbor.cases.models import Youth
from safeharbor.domain.clocks import CREDITED_KINDS, Changes, Credit, Event, EventType
from safeharbor.domain.clocks.rules import kinds_satisfied_by
from safeharbor.obligations.actions.history import describe, satisfy, timeliness
from safeharbor.obligations.models import LegalReport, Obligation, PriorAction, record_key

# The event types that earn credit: those that satisfy a protocol obligation.
CREDITED_EVENTS = frozenset(
    event for event in EventType if set(kinds_satisfied_by(event)) & CREDITED_KINDS
)


def unused_prior_actions(youth: Youth) -> dict[int, PriorAction]:
    """Return the youth's records that satisfied nothing yet, by id (the domain ``ref``)."""
    rows = PriorAction.objects.filter(youth=youth, credited_to__isnull=True)
    return {row.pk: row for row in rows.select_related("report", "recorded_by")}


def as_events(rows: dict[int, PriorAction]) -> list[Event]:
    """Return the records as the clocks see them, oldest first."""
    ordered = sorted(rows.values(), key=lambda row: (row.at, row.pk))
    return [Event(EventType(row.event), row.at, ref=row.pk) for row in ordered]


def keep_if_unmatched(
    changes: Changes, youth: Youth, actor: User | None, record: object, now: dt.datetime
) -> PriorAction | None:
    """Keep the event's record when it could earn credit and satisfied nothing of its kind."""
    event = changes.event
    if event.type not in CREDITED_EVENTS:
        return None
    kinds = set(kinds_satisfied_by(event.type))
    if any(done.obligation.kind in kinds for done in changes.satisfied):
        return None
    return PriorAction.objects.create(
        youth=youth,
        event=event.type.value,
        at=event.at,
        record_key=record_key(record),
        record_label=describe(record) or event.type.value,
        report=record if isinstance(record, LegalReport) else None,
        recorded_by=actor,
        recorded_at=now,
    )


def credit(row: Obligation, prior: PriorAction, given: Credit, now: dt.datetime) -> None:
    """Satisfy the just-opened ``row`` at once by the earlier record ``prior`` (done already)."""
    satisfy(
        row,
        actor=prior.recorded_by,
        at=prior.at,
        on_time=given.on_time,
        event=prior.event,
        record=prior.report or prior.record_label,
        note=f"Already done, {timeliness(given.on_time)}: {prior.record_label}",
        now=now,
    )
    row.already_done = True
    row.satisfied_record_key = prior.record_key
    row.save(update_fields=["already_done", "satisfied_record_key"])
    prior.credited_to = row
    prior.save(update_fields=["credited_to"])
