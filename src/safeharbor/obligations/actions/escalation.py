"""Telling people about obligations: the owner as one opens, then each escalation step once.

Who is told, when and in what words is ``safeharbor.obligations.escalation`` (reads only); this
module sends the notifications and records that they were sent.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.notifications.actions import notify
from safeharbor.obligations import escalation
from safeharbor.obligations.actions.history import write_history
from safeharbor.obligations.models import Obligation, Step

log = logging.getLogger(__name__)


def escalate_obligations(*, now: dt.datetime | None = None, batch: int = 100) -> int:
    """Tell everyone an obligation now concerns, once per step; return how many were told.

    Safe to run on several hosts at once and to rerun after a crash: rows are claimed with
    ``SELECT … FOR UPDATE SKIP LOCKED`` in batches, each notification has a unique key, and a
    batch's notifications commit with the rows' new step or not at all.
    """
    now = now or timezone.now()
    told = 0
    while True:
        # Durable: only the command and the worker run passes, each batch its own transaction.
        with transaction.atomic(durable=True):
            rows = _claim(now, batch)
            told += sum(tell(row, now) for row in rows)
        if len(rows) < batch:
            return told


def _claim(now: dt.datetime, batch: int) -> list[Obligation]:
    """Lock up to ``batch`` rows due a look at ``now`` that no other pass holds."""
    return list(
        Obligation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("youth", "youth__caseworker", "unassigned_owner")
        .filter(next_escalation_at__lte=now)
        .order_by("next_escalation_at", "id")[:batch]
    )


def tell(row: Obligation, now: dt.datetime) -> int:
    """Send the steps ``now`` calls for on one claimed row; return how many people were told."""
    steps = escalation.steps_to_send(row, now)
    told = sum(_tell_step(row, step, now) for step in steps)
    if steps:
        row.escalation_step = steps[-1]
        record_event(
            actor=None,
            action="obligation.escalated",
            target=row,
            youth=row.youth,
            detail={"steps": [step.name.lower() for step in steps]},
        )
    row.next_escalation_at = _next_look(row, now, stuck=not steps)
    row.save(update_fields=["escalation_step", "next_escalation_at"])
    return told


def _tell_step(row: Obligation, step: Step, now: dt.datetime) -> int:
    """Notify everyone ``step`` concerns, once each; write who was told in the history."""
    people = escalation.recipients(row, step)
    message = escalation.message(row, step)
    told = sum(_notify(row, step, person, message) for person in people)
    names = ", ".join(str(person) for person in people) or "nobody (no one holds that role)"
    write_history(row, None, now, "told", f"Told {step.label}: {names}")
    return told


def _notify(row: Obligation, step: Step, person: User, message: tuple[str, str, str]) -> int:
    """Notify one person of one step; return 1 when the notification is new."""
    subject, body, link = message
    _, created = notify(
        recipient=person,
        dedupe_key=escalation.dedupe_key(row, step, person),
        subject=subject,
        body=body,
        link=link,
        youth=row.youth,
        email=escalation.email(row, step),
    )
    return int(created)


def _next_look(row: Obligation, now: dt.datetime, *, stuck: bool) -> dt.datetime | None:
    """Return when a pass must look at the row again (``stuck``: nothing was sent this time)."""
    look = escalation.next_look(row)
    if look is not None and look <= now and stuck:
        # Never spin on a row whose next step cannot be decided yet; look again shortly.
        log.warning("obligation %s: no step due at %s; looking again in an hour", row.pk, now)
        return now + dt.timedelta(hours=1)
    return look
