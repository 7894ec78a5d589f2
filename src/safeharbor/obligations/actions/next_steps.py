"""Next steps a team meeting agreed: obligations with an owner and a due time a person set."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.domain.errors import InputError
from safeharbor.obligations.actions.escalation import tell
from safeharbor.obligations.actions.history import describe, satisfy, timeliness, write_history
from safeharbor.obligations.actions.settings import current_policy
from safeharbor.obligations.models import APP_KINDS, MEETING_NEXT_STEP, Obligation, Step

NEXT_STEP_SOURCE = "seed 002 §VII.B: the team forms next steps to attain safety and services"


def open_next_step(
    *,
    actor: User,
    youth: Youth,
    title: str,
    owner: User,
    due: dt.datetime,
    record: object,
) -> Obligation:
    """Open the obligation for a next step a team meeting agreed: its owner, its due time.

    Call inside the transaction that records the meeting (``record``). The owner is told as it
    opens; the escalation pass reminds them and, once overdue, tells the youth's supervisor.
    """
    if due.utcoffset() is None:
        raise InputError("the next step's due time needs a time zone", field="due")
    now = timezone.now()
    with transaction.atomic():  # never durable: the meeting's action calls it
        row = _new_next_step(youth, title, owner, due, record, now)
        write_history(row, actor, now, "opened", f"Agreed at {row.opened_record}; owner {owner}")
        record_event(
            actor=actor,
            action="obligation.opened",
            target=row,
            youth=youth,
            detail={"kind": row.kind, "due": row.due.isoformat(), "owner": owner.pk},
        )
        tell(row, now)
    return row


def _new_next_step(
    youth: Youth, title: str, owner: User, due: dt.datetime, record: object, now: dt.datetime
) -> Obligation:
    return Obligation.objects.create(
        youth=youth,
        kind=MEETING_NEXT_STEP,
        title=title.strip()[:300],
        source=NEXT_STEP_SOURCE,
        opened_by_event="meeting_held",
        opened_record=describe(record),
        opened_at=now,
        due=due,
        escalate_pa_hours=current_policy().escalate_pa_hours,
        owner=owner,
        escalation_step=Step.NONE,
        next_escalation_at=now,
    )


def satisfy_next_step(
    *, actor: User, obligation: Obligation, at: dt.datetime, record: object
) -> Obligation:
    """Record a next step's obligation as done at ``at`` (on time when at or before its due)."""
    if obligation.kind not in APP_KINDS:
        raise InputError("only a next step is satisfied this way; its event satisfies the others")
    now = timezone.now()
    with transaction.atomic():  # never durable: the meeting's action calls it
        row = Obligation.objects.select_for_update().get(pk=obligation.pk)
        if row.is_open:  # done already: a second report of it changes nothing
            on_time = at <= row.due
            note = f"Done {timeliness(on_time)}: {describe(record)}"
            satisfy(
                row,
                actor=actor,
                at=at,
                on_time=on_time,
                event="next_step_done",
                record=record,
                note=note,
                now=now,
            )
        return row
