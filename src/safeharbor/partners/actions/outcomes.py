"""Writes for what a team meeting decided: who came, the decisions, the safety plan, next steps.

Each next step opens an obligation for its owner (``obligations.open_next_step``) and is done
through ``complete_next_step``, which satisfies it on time or late (seed 002 §VII.B).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.actions import refuse_placement_address
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import case_scope, require
from safeharbor.domain.access import Action, Role, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.meetings import MeetingKind, check_held, check_step
from safeharbor.obligations.actions import open_next_step, record_clock_event, satisfy_next_step
from safeharbor.partners.actions.meetings import STAFF_SEATS
from safeharbor.partners.models import Meeting, NextStep
from safeharbor.writes import save_if_current

__all__ = ["StepInput", "complete_next_step", "record_meeting_outcome"]


@dataclass(frozen=True)
class StepInput:
    """A next step as the form gives it."""

    description: str
    owner: User
    due: dt.datetime
    field: str = "next_steps"  # the form field it came from, for a refusal beside it


def record_meeting_outcome(
    *,
    actor: User,
    meeting: Meeting,
    held_at: dt.datetime,
    attended: set[int],
    decisions: str,
    safety_plan: str,
    next_steps: list[StepInput],
    seen_version: int,
) -> Meeting:
    """Record that the meeting was held: who came, what was decided, the safety plan, next steps.

    Each next step opens an obligation with its owner and due time. Holding a consultation is
    the ``consultation_held`` clock event. Recording again corrects attendance, decisions and
    the plan (never silently over someone else's change) and adds further next steps. Not
    durable: the demo records inside its own transaction.
    """
    require(actor, meeting.youth)
    _check_outcome(meeting, held_at, attended, decisions, next_steps)
    refuse_placement_address(
        meeting.youth,
        {
            "decisions": ("What the team decided", decisions),
            "safety_plan": ("The safety plan", safety_plan),
            **{step.field: ("This next step", step.description) for step in next_steps},
        },
    )
    first_time = meeting.status == "scheduled"
    with transaction.atomic():
        save_if_current(
            meeting,
            seen_version=seen_version,
            changes={
                "status": "held",
                "held_at": held_at,
                "decisions": decisions.strip(),
                "safety_plan": safety_plan.strip(),
            },
            stale="someone else recorded this meeting after you opened it",
        )
        _take_attendance(meeting, attended)
        for step in next_steps:
            _add_step(actor, meeting, step)
        _audit_outcome(actor, meeting, first_time, attended, next_steps)
        if first_time:
            _record_consultation_held(actor, meeting, held_at)
    return meeting


def complete_next_step(*, actor: User, step: NextStep, note: str = "") -> NextStep:
    """Record that a next step was done; its obligation is satisfied (on time or late)."""
    youth = step.meeting.youth
    require(actor, youth, Action.VIEW if actor.pk == step.owner_id else Action.EDIT)
    refuse_placement_address(youth, {"note": ("What was done", note)})
    now = timezone.now()
    with transaction.atomic(durable=True):
        # Done once: the condition on done_at refuses a second "done", no version needed.
        updated = NextStep.objects.filter(pk=step.pk, done_at__isnull=True).update(
            done_at=now, done_by=actor, done_note=note.strip()
        )
        if not updated:
            raise InputError("this next step was already recorded as done")
        step.refresh_from_db()
        if step.obligation is not None:
            satisfy_next_step(actor=actor, obligation=step.obligation, at=now, record=step)
        record_event(actor=actor, action="meeting.next_step_done", target=step, youth=youth)
    return step


def _check_outcome(
    meeting: Meeting,
    held_at: dt.datetime,
    attended: set[int],
    decisions: str,
    next_steps: list[StepInput],
) -> None:
    if meeting.status == "cancelled":
        raise InputError("this meeting was cancelled; schedule a new one")
    check_held(
        held_at,
        starts_at=meeting.starts_at,
        now=timezone.now(),
        decisions=decisions,
        attended=attended,
        invited=meeting.invitees.values_list("pk", flat=True),
    )
    for step in next_steps:
        check_step(step.description, step.due, held_at=held_at)
        _check_owner(step.owner, meeting.youth)


def _check_owner(owner: User, youth: Youth) -> None:
    """A next step is owned by agency staff who can see the youth's record."""
    if Role(owner.role) not in STAFF_SEATS or not decide(
        owner.to_actor(), case_scope(youth), Action.VIEW, timezone.now()
    ):
        raise InputError(
            f"{owner} cannot own a next step: owners are agency staff who can see the "
            "youth's record (a partner's task is owned by the worker who follows it up)",
            field="next_steps",
        )


def _take_attendance(meeting: Meeting, attended: set[int]) -> None:
    meeting.invitees.filter(pk__in=attended).update(attendance="attended")
    meeting.invitees.exclude(pk__in=attended).update(attendance="absent")


def _add_step(actor: User, meeting: Meeting, step: StepInput) -> NextStep:
    row = NextStep.objects.create(
        meeting=meeting, description=step.description.strip(), owner=step.owner, due=step.due
    )
    row.obligation = open_next_step(
        actor=actor,
        youth=meeting.youth,
        title=row.description,
        owner=step.owner,
        due=step.due,
        record=meeting,
    )
    row.save(update_fields=["obligation"])
    record_event(
        actor=actor,
        action="meeting.next_step_added",
        target=row,
        youth=meeting.youth,
        detail={"owner": step.owner.pk, "due": step.due.isoformat()},
    )
    return row


def _record_consultation_held(actor: User, meeting: Meeting, held_at: dt.datetime) -> None:
    """Holding a consultation is the consultation_held clock event (seed 002 §VII.B.3)."""
    if meeting.kind == MeetingKind.CONSULTATION:
        record_clock_event(
            actor=actor,
            youth=meeting.youth,
            event_type=EventType.CONSULTATION_HELD,
            at=held_at,
            record=meeting,
        )


def _audit_outcome(
    actor: User, meeting: Meeting, first_time: bool, attended: set[int], steps: list[StepInput]
) -> None:
    record_event(
        actor=actor,
        action="meeting.held" if first_time else "meeting.record_corrected",
        target=meeting,
        youth=meeting.youth,
        detail={"attended": len(attended), "next_steps": len(steps)},
    )
