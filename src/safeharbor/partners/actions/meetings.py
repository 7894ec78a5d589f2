"""Writes for team meetings: schedule (invitations, sharing), record what was decided, cancel.

Seed 002 §VII.B: the MDT shares information, plans safety and forms next steps; a district
without a CAC forms it with the required invitees (``domain.meetings``); a moderate-risk youth
gets a consultation with a PA or APA and a supervisor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.actions import revoke_share, share_youth
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import case_scope, require
from safeharbor.domain.access import Action, FieldGroup, Role, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.meetings import MeetingKind, Seat, describe_missing, missing_seats
from safeharbor.notifications.actions import notify
from safeharbor.obligations.actions import open_next_step, record_clock_event, satisfy_next_step
from safeharbor.partners import calendar
from safeharbor.partners.models import Meeting, MeetingInvitee, NextStep, Referral

STAFF_SEATS = {
    Role.CASEWORKER: Seat.CASEWORKER,
    Role.SUPERVISOR: Seat.SUPERVISOR,
    Role.PROGRAM_ADMIN: Seat.PROGRAM_ADMIN,
}
# A meeting's sharing always lets the partner open the youth and the meeting itself.
MEETING_SHARE_MINIMUM = frozenset({FieldGroup.IDENTITY, FieldGroup.MEETINGS})
MAX_SHARE_DAYS = 180  # a sharing outlives its meeting by at most this: renew it, don't forget it
MAX_MEETING_HOURS = 8
_SKEW = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Sharing:
    """What scheduling shares with each partner invitee, chosen explicitly on the form."""

    fields: frozenset[FieldGroup]
    basis: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class Guest:
    """An invitee without an account (a foster parent, a teacher): named, never e-mailed."""

    name: str
    role: str


@dataclass(frozen=True)
class StepInput:
    """A next step as the form gives it."""

    description: str
    owner: User
    due: dt.datetime


def seat_of(user: User) -> Seat | None:
    """Return the seat an account fills at the table, or None for roles never invited."""
    role = Role(user.role)
    if role in STAFF_SEATS:
        return STAFF_SEATS[role]
    if role is Role.MDT_PARTNER:
        return Seat(user.partner_kind) if user.partner_kind in set(Seat) else Seat.OTHER
    return None


def _check_invitee(user: User, youth: Youth, now: dt.datetime) -> Seat:
    seat = seat_of(user)
    if seat is None or not user.is_active:
        raise InputError(f"{user} cannot be invited to a team meeting", field="invitees")
    if user.role != Role.MDT_PARTNER and not decide(
        user.to_actor(), case_scope(youth), Action.VIEW, now
    ):
        raise InputError(
            f"{user} cannot see {youth.short_name}'s record; invite the youth's caseworker, "
            "their supervisor or the district's program administrator",
            field="invitees",
        )
    return seat


def _check_time(starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime) -> None:
    if starts_at.utcoffset() is None or ends_at.utcoffset() is None:
        raise InputError("the meeting time needs a time zone", field="starts_at")
    if ends_at <= starts_at:
        raise InputError("the meeting must end after it starts", field="ends_at")
    if ends_at - starts_at > dt.timedelta(hours=MAX_MEETING_HOURS):
        raise InputError(
            f"a meeting lasts at most {MAX_MEETING_HOURS} hours; check the times", field="ends_at"
        )
    if abs(starts_at - now) > dt.timedelta(days=365):
        raise InputError("the meeting must be within a year of today", field="starts_at")


def _check_sharing(sharing: Sharing, starts_at: dt.datetime) -> frozenset[FieldGroup]:
    if not sharing.basis.strip():
        raise InputError("say on what basis the youth is shared with the partners", field="basis")
    if sharing.expires_at.utcoffset() is None:
        raise InputError("the sharing's end needs a time zone", field="share_expires_at")
    if sharing.expires_at <= max(starts_at, timezone.now()):
        raise InputError("the sharing must last until after the meeting", field="share_expires_at")
    if sharing.expires_at > starts_at + dt.timedelta(days=MAX_SHARE_DAYS):
        raise InputError(
            f"a meeting's sharing ends at most {MAX_SHARE_DAYS} days after the meeting",
            field="share_expires_at",
        )
    return frozenset(sharing.fields) | MEETING_SHARE_MINIMUM


def _convened_by(kind: MeetingKind, youth: Youth, cac_referral: Referral | None) -> str:
    if kind is MeetingKind.CONSULTATION:
        return "agency"
    if not youth.district.has_cac:
        return "district"
    if cac_referral is None:
        raise InputError(
            f"{youth.district.name} has a Child Advocacy Center: record the CAC referral that "
            "convenes the MDT first (seed 002 §VII.B.1-2)",
            field="cac_referral",
        )
    if cac_referral.youth_id != youth.pk or cac_referral.referred_to != "cac":
        raise InputError("choose a CAC referral of this youth", field="cac_referral")
    return "cac"


def schedule_meeting(
    *,
    actor: User,
    youth: Youth,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str,
    invitees: list[User],
    sharing: Sharing,
    idempotency_key: str,
    guests: tuple[Guest, ...] = (),
    cac_referral: Referral | None = None,
) -> tuple[Meeting, bool]:
    """Schedule a team meeting: check the table, share with partners, send each invitation.

    Returns the meeting and whether it is new (the same key keeps one meeting).
    """
    require(actor, youth)
    existing = Meeting.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.youth_id != youth.pk or existing.scheduled_by_id != actor.pk:
            raise InputError("this form was already used for another meeting; reload the page")
        return existing, False
    if kind not in set(MeetingKind):
        raise InputError(f"unknown kind of meeting {kind!r}", field="kind")
    meeting_kind = MeetingKind(kind)
    now = timezone.now()
    _check_time(starts_at, ends_at, now)
    if not location.strip():
        raise InputError("say where the team meets (or the call's link)", field="location")
    people = list(dict.fromkeys([actor, *invitees]))  # the one who schedules sits at the table
    seats = {person.pk: _check_invitee(person, youth, now) for person in people}
    missing = missing_seats(
        meeting_kind, district_has_cac=youth.district.has_cac, seats=seats.values()
    )
    if missing:
        raise InputError(describe_missing(missing), field="invitees")
    convened_by = _convened_by(meeting_kind, youth, cac_referral)
    partners = [person for person in people if person.role == Role.MDT_PARTNER]
    fields = _check_sharing(sharing, starts_at) if partners else frozenset()
    for guest in guests:
        if not guest.name.strip():
            raise InputError("give each guest's name", field="guests")
    if not idempotency_key or len(idempotency_key) > 64:
        raise InputError("the form is missing its key; reload the page", field="idempotency_key")
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                youth=youth,
                kind=meeting_kind.value,
                convened_by=convened_by,
                cac_referral=cac_referral,
                starts_at=starts_at,
                ends_at=ends_at,
                location=location.strip(),
                scheduled_by=actor,
                scheduled_at=now,
                idempotency_key=idempotency_key,
            )
            for person in people:
                share = None
                if person.role == Role.MDT_PARTNER:
                    share = share_youth(
                        actor=actor,
                        youth=youth,
                        partner=person,
                        fields=fields,
                        basis=sharing.basis.strip(),
                        expires_at=sharing.expires_at,
                    )
                MeetingInvitee.objects.create(
                    meeting=meeting, user=person, seat=seats[person.pk].value, share=share
                )
            for guest in guests:
                MeetingInvitee.objects.create(
                    meeting=meeting,
                    guest_name=guest.name.strip()[:120],
                    guest_role=guest.role.strip()[:120],
                    seat=Seat.OTHER.value,
                )
            record_event(
                actor=actor,
                action="meeting.scheduled",
                target=meeting,
                youth=youth,
                detail={
                    "kind": meeting.kind,
                    "convened_by": convened_by,
                    "invitees": [person.pk for person in people],
                    "guests": len(guests),
                },
            )
            if convened_by == "district":
                # Without a CAC, forming the MDT is what the refer_cac_mdt clock asks for.
                record_clock_event(
                    actor=actor,
                    youth=youth,
                    event_type=EventType.CAC_REFERRAL_MADE,
                    at=now,
                    record=meeting,
                )
            _invite(meeting, people, now)
            return meeting, True
    except IntegrityError:
        raced = Meeting.objects.filter(idempotency_key=idempotency_key).first()
        if raced is None:
            raise
        return raced, False


def _invite(meeting: Meeting, people: list[User], now: dt.datetime, cancel: bool = False) -> None:
    """Notify every invitee with an account, with the calendar file (future meetings only)."""
    if meeting.starts_at <= now:
        return  # a meeting recorded after the fact needs no invitation
    ics = calendar.invitation(meeting, people, stamp=now, cancel=cancel).decode()
    when = timezone.localtime(meeting.starts_at).strftime("%a %b %d, %Y %I:%M %p %Z")
    label = meeting.get_kind_display()
    verb = "Cancelled" if cancel else "Invitation"
    for person in people:
        notify(
            recipient=person,
            dedupe_key=f"meeting:{meeting.pk}:{meeting.sequence}:{person.pk}",
            subject=f"{verb}: {label} for {meeting.youth.short_name}, {when}",
            body=(
                f"{label} on {when} at {meeting.location}. "
                + ("It is cancelled." if cancel else "The calendar invitation is attached.")
            ),
            link=calendar.meeting_link(meeting),
            youth=meeting.youth,
            calendar=ics,
        )


def _people(meeting: Meeting) -> list[User]:
    return [i.user for i in meeting.invitees.select_related("user") if i.user is not None]


def cancel_meeting(*, actor: User, meeting: Meeting, reason: str, seen_version: int) -> Meeting:
    """Cancel a scheduled meeting: tell the invitees and end what it shared with partners."""
    require(actor, meeting.youth)
    if not reason.strip():
        raise InputError("say why the meeting is cancelled", field="reason")
    now = timezone.now()
    with transaction.atomic():
        updated = Meeting.objects.filter(
            pk=meeting.pk, version=seen_version, status="scheduled"
        ).update(
            status="cancelled",
            cancelled_reason=reason.strip(),
            sequence=F("sequence") + 1,
            version=F("version") + 1,
        )
        if not updated:
            raise InputError(
                "this meeting was held, cancelled or changed after you opened it; reload to see it"
            )
        meeting.refresh_from_db()
        for invitee in meeting.invitees.select_related("share"):
            if invitee.share is not None and invitee.share.revoked_at is None:
                revoke_share(actor=actor, share=invitee.share, reason="the meeting was cancelled")
        record_event(
            actor=actor,
            action="meeting.cancelled",
            target=meeting,
            youth=meeting.youth,
            reason=reason.strip(),
        )
        _invite(meeting, _people(meeting), now, cancel=True)
        return meeting


def _check_step(step: StepInput, meeting: Meeting, held_at: dt.datetime) -> None:
    if not step.description.strip():
        raise InputError("say what each next step is", field="next_steps")
    if len(step.description.strip()) > 300:
        raise InputError("keep each next step under 300 characters", field="next_steps")
    if step.due.utcoffset() is None:
        raise InputError("each next step's due time needs a time zone", field="next_steps")
    if step.due <= held_at:
        raise InputError(
            f"the next step “{step.description.strip()[:60]}” must be due after the meeting",
            field="next_steps",
        )
    if Role(step.owner.role) not in STAFF_SEATS or not decide(
        step.owner.to_actor(), case_scope(meeting.youth), Action.VIEW, timezone.now()
    ):
        raise InputError(
            f"{step.owner} cannot own a next step: owners are agency staff who can see the "
            "youth's record (a partner's task is owned by the worker who follows it up)",
            field="next_steps",
        )


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
    the plan (never silently over someone else's change) and adds further next steps.
    """
    require(actor, meeting.youth)
    if meeting.status == "cancelled":
        raise InputError("this meeting was cancelled; schedule a new one")
    if held_at.utcoffset() is None:
        raise InputError("when the meeting was held needs a time zone", field="held_at")
    if held_at > timezone.now() + _SKEW:
        raise InputError("a meeting cannot be recorded as held in the future", field="held_at")
    if held_at < meeting.starts_at - dt.timedelta(days=1):
        raise InputError(
            "the meeting was held more than a day before it was scheduled; check the date",
            field="held_at",
        )
    if not decisions.strip():
        raise InputError("write down what the team decided", field="decisions")
    invitee_ids = set(meeting.invitees.values_list("pk", flat=True))
    if not attended <= invitee_ids:
        raise InputError("attendance names someone who was not invited", field="attended")
    for step in next_steps:
        _check_step(step, meeting, held_at)
    first_time = meeting.status == "scheduled"
    with transaction.atomic():
        updated = Meeting.objects.filter(pk=meeting.pk, version=seen_version).update(
            status="held",
            held_at=held_at,
            decisions=decisions.strip(),
            safety_plan=safety_plan.strip(),
            version=F("version") + 1,
        )
        if not updated:
            raise InputError(
                "someone else recorded this meeting after you opened it; reload to see their "
                "record, then add yours"
            )
        meeting.refresh_from_db()
        meeting.invitees.filter(pk__in=attended).update(attendance="attended")
        meeting.invitees.exclude(pk__in=attended).update(attendance="absent")
        for step in next_steps:
            _add_step(actor, meeting, step)
        record_event(
            actor=actor,
            action="meeting.held" if first_time else "meeting.record_corrected",
            target=meeting,
            youth=meeting.youth,
            detail={"attended": len(attended), "next_steps": len(next_steps)},
        )
        if first_time and meeting.kind == MeetingKind.CONSULTATION:
            record_clock_event(
                actor=actor,
                youth=meeting.youth,
                event_type=EventType.CONSULTATION_HELD,
                at=held_at,
                record=meeting,
            )
        return meeting


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


def complete_next_step(*, actor: User, step: NextStep, note: str = "") -> NextStep:
    """Record that a next step was done; its obligation is satisfied (on time or late)."""
    youth = step.meeting.youth
    if actor.pk != step.owner_id:
        require(actor, youth)
    else:
        require(actor, youth, Action.VIEW)
    now = timezone.now()
    with transaction.atomic():
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
