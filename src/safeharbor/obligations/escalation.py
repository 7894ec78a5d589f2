"""Who is told about an obligation, when, and in what words (SPEC §5 "escalate without anyone
having to look"). Reads only: ``actions.escalate_obligations`` does the telling.

The steps, each sent once per obligation and person:

1. ``opened`` — the owner, as the obligation opens;
2. ``reminder`` — the owner again at ``REMINDER_FRACTION`` of the window (for a 24-hour clock,
   6 hours before it is due; for 14 days, 3½ days before);
3. ``supervisor`` — the owner's unit supervisor once it is overdue (the domain's ``status_at``);
4. ``program_administrator`` — the district's program administrators once it is overdue by more
   than the obligation's ``escalate_pa_hours`` (``status_at`` again; exactly 24 hours after the
   due time is still the supervisor's, SPEC §5.1).

A pass that finds an obligation late (the worker was down) sends the steps it missed, except a
reminder that would arrive after the due time.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.domain.access import Role
from safeharbor.domain.clocks import EscalateTo
from safeharbor.obligations.models import Obligation, Step

# The owner's reminder comes when this share of the window has passed: a clear constant rather
# than a setting, so every clock reminds in proportion (6 h before a 24-hour report is due).
REMINDER_FRACTION = 0.75
_TICK = dt.timedelta(microseconds=1)  # "overdue" and "more than" mean strictly after


def reminder_at(row: Obligation) -> dt.datetime:
    """Return when the owner is reminded: ``REMINDER_FRACTION`` of the way to the due time."""
    return row.opened_at + (row.due - row.opened_at) * REMINDER_FRACTION


def target_step(row: Obligation, now: dt.datetime) -> Step:
    """Return the furthest step the obligation has reached at ``now``."""
    state = row.clock_state(now)
    if state.escalate_to is None or not row.is_open:
        return Step(row.escalation_step)
    if state.escalate_to is EscalateTo.PROGRAM_ADMINISTRATOR:
        return Step.PROGRAM_ADMINISTRATOR
    if state.escalate_to is EscalateTo.SUPERVISOR:
        return Step.SUPERVISOR
    return Step.REMINDER if now >= reminder_at(row) else Step.OPENED


def steps_to_send(row: Obligation, now: dt.datetime) -> list[Step]:
    """Return the steps not yet sent that ``now`` calls for, in order."""
    target = target_step(row, now)
    steps = [Step(value) for value in range(row.escalation_step + 1, target + 1)]
    if target > Step.REMINDER:  # a reminder after the due time helps nobody
        steps = [step for step in steps if step is not Step.REMINDER]
    return steps


def next_look(row: Obligation) -> dt.datetime | None:
    """Return when the next step falls due for this row, or None when nothing is left to tell."""
    if not row.is_open:
        return None
    step = row.escalation_step
    if step < Step.OPENED:
        return row.opened_at
    if step < Step.REMINDER:
        return reminder_at(row)
    if step < Step.SUPERVISOR:
        return row.due + _TICK
    if step < Step.PROGRAM_ADMINISTRATOR:
        return row.due + dt.timedelta(hours=row.escalate_pa_hours) + _TICK
    return None


def owner_of(row: Obligation) -> User | None:
    """Return the obligation's owner: the one named (a next step's), the youth's caseworker, or
    else who recorded the event."""
    return row.owner or row.youth.caseworker or row.unassigned_owner


def recipients(row: Obligation, step: Step) -> list[User]:
    """Return who is told at ``step``; ownerless obligations go to the district's supervisors."""
    youth = row.youth
    district_staff = User.objects.filter(is_active=True, district_id=youth.district_id)
    supervisors = district_staff.filter(role=Role.SUPERVISOR)
    if step in (Step.OPENED, Step.REMINDER):
        owner = owner_of(row)
        if owner is not None:
            return [owner]
        return list(supervisors.order_by("pk"))
    if step is Step.SUPERVISOR:
        if youth.holding_unit_id is not None:
            supervisors = supervisors.filter(unit_id=youth.holding_unit_id)
        return list(supervisors.order_by("pk"))
    return list(district_staff.filter(role=Role.PROGRAM_ADMIN).order_by("pk"))


def dedupe_key(row: Obligation, step: Step, person: User) -> str:
    """Return the notification key: one notification per obligation, step and person."""
    return f"obligation:{row.pk}:{step.name.lower()}:{person.pk}"


def message(row: Obligation, step: Step) -> tuple[str, str, str]:
    """Return subject, body and link; no case detail beyond the youth's short name (e-mail)."""
    name = row.youth.short_name
    due = timezone.localtime(row.due).strftime("%b %d, %Y %I:%M %p %Z")
    owner = owner_of(row)
    owned = f" Owner: {owner}." if owner else " It has no owner yet."
    subject = {
        Step.OPENED: f"New obligation for {name}, due {due}",
        Step.REMINDER: f"Due soon for {name}: {due}",
        Step.SUPERVISOR: f"Overdue for {name} since {due}",
        Step.PROGRAM_ADMINISTRATOR: (
            f"Overdue by more than {row.escalate_pa_hours:g} hours for {name}"
        ),
    }[step]
    body = (
        f"A required action on {name}'s record is due {due}.{owned} "
        "Open SafeHarbor to see what it is, its rule and who owns it."
    )
    return subject, body, reverse("obligations:detail", args=[row.pk])
