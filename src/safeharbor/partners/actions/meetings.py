"""Writes for team meetings: schedule (invitations, sharing) and cancel.

Seed 002 §VII.B: the MDT shares information, plans safety and forms next steps; a district
without a CAC forms it with the required invitees (``domain.meetings``); a moderate-risk youth
gets a consultation with a PA or APA and a supervisor. What was decided: ``outcomes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import IN_THE_RECORD, record_event
from safeharbor.cases.actions import (
    partner_still_sees,
    refuse_placement_address,
    revoke_share,
    share_youth,
)
from safeharbor.cases.models import CaseShare, Youth
from safeharbor.cases.scope import case_scope, default_fields, require
from safeharbor.domain.access import Action, FieldGroup, Role, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.meetings import (
    ChosenReferral,
    Convener,
    MeetingKind,
    Seat,
    SeatTaker,
    check_guests,
    check_local_seats,
    check_schedule,
    check_sharing,
    convener,
    describe_missing,
    missing_seats,
)
from safeharbor.domain.sharing import partner_kind
from safeharbor.notifications.actions import notify
from safeharbor.obligations.actions import record_clock_event
from safeharbor.partners import calendar
from safeharbor.partners.models import Meeting, MeetingInvitee, Referral
from safeharbor.writes import create_once, save_if_current

__all__ = [
    "STAFF_SEATS",
    "Guest",
    "Sharing",
    "cancel_meeting",
    "end_sharing",
    "schedule_meeting",
    "seat_of",
]

STAFF_SEATS = {
    Role.CASEWORKER: Seat.CASEWORKER,
    Role.SUPERVISOR: Seat.SUPERVISOR,
    Role.PROGRAM_ADMIN: Seat.PROGRAM_ADMIN,
}
# A meeting's sharing always lets the partner open the youth and the meeting itself.
MEETING_SHARE_MINIMUM = frozenset({FieldGroup.IDENTITY, FieldGroup.MEETINGS})
REUSED = "this form was already used for another meeting; reload the page"


@dataclass(frozen=True)
class Sharing:
    """What scheduling shares with the partner invitees: each sees their kind's default
    (``domain.sharing``) and the ``extra`` groups, which the unit supervisor approves with
    ``approval_reason``; on a stated basis, until ``expires_at``."""

    basis: str
    expires_at: dt.datetime
    extra: frozenset[FieldGroup] = frozenset()
    approval_reason: str = ""


@dataclass(frozen=True)
class Guest:
    """An invitee without an account (a foster parent, a teacher): named, never e-mailed."""

    name: str
    role: str


@dataclass(frozen=True)
class _Table:
    """Who sits at the table, checked: who convenes, the accounts with their seats, the guests."""

    convened_by: Convener
    people: list[User]
    seats: dict[int, Seat]
    guests: tuple[Guest, ...]

    @property
    def partners(self) -> bool:
        """Return whether an MDT partner is invited (the youth is then shared with them)."""
        return any(person.role == Role.MDT_PARTNER for person in self.people)


def seat_of(user: User) -> Seat | None:
    """Return the seat an account fills at the table, or None for roles never invited."""
    role = Role(user.role)
    if role in STAFF_SEATS:
        return STAFF_SEATS[role]
    if role is Role.MDT_PARTNER:
        return Seat(user.partner_kind) if user.partner_kind in set(Seat) else Seat.OTHER
    return None


# Long only for its signature: the meeting's details by name, as the views, the demo and the
# tests pass them. The body is the rule's steps: check, create once, seat, audit, clock, notify.
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

    Returns the meeting and whether it is new (the same key keeps one meeting). Not durable:
    the demo schedules inside its own transaction.
    """
    require(actor, youth)
    now = timezone.now()
    meeting_kind = check_schedule(
        kind, starts_at=starts_at, ends_at=ends_at, location=location, now=now
    )
    refuse_placement_address(youth, {"location": ("The meeting place", location)})
    table = _check_table(actor, youth, meeting_kind, invitees, guests, cac_referral, now)
    if table.partners:
        check_sharing(sharing.basis, sharing.expires_at, starts_at=starts_at, now=now)
    check_guests(guest.name for guest in guests)
    with transaction.atomic():
        meeting, created = create_once(
            Meeting,
            key={"idempotency_key": idempotency_key},
            create=lambda: Meeting.objects.create(
                youth=youth,
                kind=meeting_kind.value,
                convened_by=table.convened_by.value,
                cac_referral=cac_referral,
                starts_at=starts_at,
                ends_at=ends_at,
                location=location.strip(),
                scheduled_by=actor,
                scheduled_at=now,
                idempotency_key=idempotency_key,
            ),
            expect={"youth_id": youth.pk, "scheduled_by_id": actor.pk},
            reused=REUSED,
        )
        if created:
            _seat_the_table(actor, meeting, table, sharing)
            _audit_scheduled(actor, meeting, table)
            _record_district_mdt(actor, meeting, now)
            _invite(meeting, table.people, now)
    return meeting, created


def cancel_meeting(*, actor: User, meeting: Meeting, reason: str, seen_version: int) -> Meeting:
    """Cancel a scheduled meeting: tell the invitees and end what it shared with partners."""
    require(actor, meeting.youth)
    if not reason.strip():
        raise InputError("say why the meeting is cancelled", field="reason")
    now = timezone.now()
    with transaction.atomic(durable=True):
        save_if_current(
            meeting,
            seen_version=seen_version,
            changes={
                "status": "cancelled",
                "cancelled_reason": reason.strip(),
                "sequence": F("sequence") + 1,
            },
            where={"status": "scheduled"},
            stale="this meeting was held, cancelled or changed after you opened it",
        )
        _end_sharing(actor, meeting)
        record_event(
            actor=actor,
            action="meeting.cancelled",
            target=meeting,
            youth=meeting.youth,
            reason=IN_THE_RECORD,
        )
        _invite(meeting, _people(meeting), now, cancel=True)
    return meeting


# --- checks ---------------------------------------------------------------------------------


def _check_table(
    actor: User,
    youth: Youth,
    kind: MeetingKind,
    invitees: list[User],
    guests: tuple[Guest, ...],
    cac_referral: Referral | None,
    now: dt.datetime,
) -> _Table:
    """Return the checked table: every required seat filled, each invitee allowed to come."""
    people = list(dict.fromkeys([actor, *invitees]))  # the one who schedules sits at the table
    seats = {person.pk: _check_invitee(person, youth, now) for person in people}
    missing = missing_seats(kind, district_has_cac=youth.district.has_cac, seats=seats.values())
    if missing:
        raise InputError(describe_missing(missing), field="invitees")
    check_local_seats(
        kind,
        district_has_cac=youth.district.has_cac,
        district_name=youth.district.name,
        takers=[SeatTaker(seats[p.pk], str(p), p.district_id == youth.district_id) for p in people],
    )
    convened_by = convener(
        kind,
        district_name=youth.district.name,
        district_has_cac=youth.district.has_cac,
        cac_referral=_chosen(youth, cac_referral),
    )
    return _Table(convened_by, people, seats, guests)


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


def _chosen(youth: Youth, referral: Referral | None) -> ChosenReferral | None:
    if referral is None:
        return None
    return ChosenReferral(
        of_this_youth=referral.youth_id == youth.pk, to_cac=referral.referred_to == "cac"
    )


# --- writes ---------------------------------------------------------------------------------


def _seat_the_table(actor: User, meeting: Meeting, table: _Table, sharing: Sharing) -> None:
    """Invite each account (sharing the youth with each partner) and name each guest."""
    for person in table.people:
        share = _share(actor, meeting, person, sharing)
        MeetingInvitee.objects.create(
            meeting=meeting, user=person, seat=table.seats[person.pk].value, share=share
        )
    for guest in table.guests:
        MeetingInvitee.objects.create(
            meeting=meeting,
            guest_name=guest.name.strip()[:120],
            guest_role=guest.role.strip()[:120],
            seat=Seat.OTHER.value,
        )


def _share(actor: User, meeting: Meeting, person: User, sharing: Sharing) -> CaseShare | None:
    """Share the youth with a partner invitee for as long as the sharing lasts (staff: None)."""
    if person.role != Role.MDT_PARTNER:
        return None
    default = default_fields(partner_kind(person.partner_kind))
    try:
        return share_youth(
            actor=actor,
            youth=meeting.youth,
            partner=person,
            fields=default | sharing.extra | MEETING_SHARE_MINIMUM,
            basis=sharing.basis.strip(),
            expires_at=sharing.expires_at,
            approval_reason=sharing.approval_reason,
        )
    except InputError as refused:  # name the meeting form's fields
        refused.field = _SHARING_FIELDS.get(refused.field or "", refused.field)
        raise


_SHARING_FIELDS = {"fields": "share_extra", "approval_reason": "approval_reason"}


def _end_sharing(actor: User, meeting: Meeting) -> None:
    for invitee in meeting.invitees.select_related("share"):
        if invitee.share is not None and invitee.share.revoked_at is None:
            revoke_share(actor=actor, share=invitee.share, reason="the meeting was cancelled")


def _audit_scheduled(actor: User, meeting: Meeting, table: _Table) -> None:
    record_event(
        actor=actor,
        action="meeting.scheduled",
        target=meeting,
        youth=meeting.youth,
        detail={
            "kind": meeting.kind,
            "convened_by": meeting.convened_by,
            "invitees": [person.pk for person in table.people],
            "guests": len(table.guests),
        },
    )


def _record_district_mdt(actor: User, meeting: Meeting, now: dt.datetime) -> None:
    """Without a CAC, forming the MDT is what the refer_cac_mdt clock asks for."""
    if meeting.convened_by == Convener.DISTRICT:
        record_clock_event(
            actor=actor,
            youth=meeting.youth,
            event_type=EventType.CAC_REFERRAL_MADE,
            at=now,
            record=meeting,
        )


# --- notifications --------------------------------------------------------------------------


def _invite(meeting: Meeting, people: list[User], now: dt.datetime, cancel: bool = False) -> None:
    """Notify every invitee with an account, with the calendar file (future meetings only).

    A partner's notification names the youth only while their sharing lasts (after it, the inbox
    shows neutral words); one whose sharing has already ended is told without the youth's name.
    """
    if meeting.starts_at <= now:
        return  # a meeting recorded after the fact needs no invitation
    ics = calendar.invitation(meeting, people, stamp=now, cancel=cancel).decode()
    ends = _sharing_ends(meeting, now)
    verb = "Cancelled" if cancel else "Invitation"
    for person in people:
        end = ends.get(person.pk)
        named = end is None or end > now
        notify(
            recipient=person,
            dedupe_key=f"meeting:{meeting.pk}:{meeting.sequence}:{person.pk}",
            subject=f"{verb}: {_what(meeting, named)}, {_when(meeting)}",
            body=(
                f"{meeting.get_kind_display()} on {_when(meeting)} at {meeting.location}. "
                + ("It is cancelled." if cancel else "The calendar invitation is attached.")
            ),
            link=calendar.meeting_link(meeting) if named else "",
            youth=meeting.youth if named else None,
            calendar=ics,
            names_youth_until=end,
        )


def _when(meeting: Meeting) -> str:
    return timezone.localtime(meeting.starts_at).strftime("%a %b %d, %Y %I:%M %p %Z")


def _what(meeting: Meeting, named: bool) -> str:
    label = meeting.get_kind_display()
    return f"{label} for {meeting.youth.short_name}" if named else label


def _sharing_ends(meeting: Meeting, now: dt.datetime) -> dict[int, dt.datetime]:
    """Return when each partner invitee's sharing ends, by account (a revoked one: by now)."""
    ends = {}
    for invitee in meeting.invitees.select_related("share"):
        share = invitee.share
        if share is not None and invitee.user_id is not None:
            revoked = [now] if share.revoked_at is not None else []
            times = [t for t in (share.expires_at, *revoked) if t is not None]
            if times:
                ends[invitee.user_id] = min(times)
    return ends


def end_sharing(*, actor: User, share: CaseShare, reason: str) -> CaseShare:
    """End a partner's sharing now; when they no longer see the youth, cancel their meetings.

    Ending a sharing ends what it showed (issue 15): ``revoke_share`` makes the partner's
    notifications about the youth neutral, and each scheduled meeting about the youth they were
    invited to gets a cancellation (notification and ``METHOD:CANCEL`` calendar file) for them.
    """
    with transaction.atomic(durable=True):
        already = share.revoked_at is not None
        ended = revoke_share(actor=actor, share=share, reason=reason)
        if not already and not partner_still_sees(share.partner, share.youth):
            _uninvite(actor, share.partner, share.youth, timezone.now())
    return ended


def _uninvite(actor: User, partner: User, youth: Youth, now: dt.datetime) -> None:
    meetings = Meeting.objects.filter(
        youth=youth, invitees__user=partner, status="scheduled", starts_at__gt=now
    )
    for meeting in meetings:
        Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
        meeting.refresh_from_db(fields=["sequence"])
        notify(
            recipient=partner,
            dedupe_key=f"meeting:{meeting.pk}:{meeting.sequence}:{partner.pk}",
            subject=f"Cancelled for you: {meeting.get_kind_display()}, {_when(meeting)}",
            body="The agency's sharing with you ended, so this meeting is off for you.",
            calendar=calendar.invitation(meeting, [partner], stamp=now, cancel=True).decode(),
        )
        record_event(
            actor=actor,
            action="meeting.uninvited",
            target=meeting,
            youth=youth,
            detail={"partner": partner.pk},
        )


def _people(meeting: Meeting) -> list[User]:
    return [i.user for i in meeting.invitees.select_related("user") if i.user is not None]
