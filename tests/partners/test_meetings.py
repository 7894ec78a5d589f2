"""Team meetings: the required table, calendar invitations, sharing, outcomes, next steps."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from icalendar import Calendar

from safeharbor.cases.models import CaseShare
from safeharbor.domain.access import FieldGroup
from safeharbor.domain.errors import InputError
from safeharbor.notifications.actions import deliver_emails
from safeharbor.notifications.models import Notification
from safeharbor.obligations.actions import record_clock_event
from safeharbor.obligations.models import Obligation
from safeharbor.partners.actions import (
    Guest,
    StepInput,
    cancel_meeting,
    complete_next_step,
    record_meeting_outcome,
    schedule_meeting,
)
from safeharbor.partners.models import Meeting
from tests.partners.builders import cac_referral, key, sharing

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
START = dt.datetime(2026, 12, 3, 14, 30, tzinfo=CHICAGO)  # 20:30 UTC


def _schedule(team, invitees, *, kind="mdt", actor=None, start=START, **kw):
    return schedule_meeting(
        actor=actor or team.caseworker,
        youth=team.youth,
        kind=kind,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Cedar County office, room 2",
        invitees=invitees,
        sharing=kw.pop("sharing", sharing()),
        idempotency_key=key(),
        **kw,
    )


@pytest.fixture(autouse=True)
def _before_the_meeting(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 9, 0, tzinfo=CHICAGO), tick=False)


def test_a_district_without_a_cac_cannot_schedule_without_the_required_invitees(cedar):
    with pytest.raises(InputError) as refused:
        _schedule(cedar, [cedar.supervisor, cedar.police, cedar.da])
    assert refused.value.message == (
        "invite a sexual assault advocate before scheduling (seed 002 §VII.B.2; SPEC §4.3)"
    )
    assert refused.value.field == "invitees"
    assert (Meeting.objects.count(), CaseShare.objects.count(), Notification.objects.count()) == (
        0,
        0,
        0,
    )


def test_the_district_mdt_with_every_required_invitee_is_scheduled_and_shares(cedar):
    with transaction.atomic():
        record_clock_event(
            actor=cedar.caseworker,
            youth=cedar.youth,
            event_type="screening_completed",
            at=timezone.now(),
            tier="high_risk",
        )
    meeting, created = _schedule(
        cedar,
        [cedar.supervisor, cedar.police, cedar.da, cedar.advocate],
        guests=(Guest("Dana Reyes", "foster parent"),),
    )
    assert created
    assert (meeting.convened_by, meeting.status) == ("district", "scheduled")
    seats = sorted(meeting.invitees.values_list("seat", flat=True))
    assert seats == [
        "caseworker",
        "district_attorney",
        "law_enforcement",
        "other",
        "sexual_assault_advocate",
        "supervisor",
    ]
    shares = CaseShare.objects.filter(youth=cedar.youth).order_by("partner__username")
    assert [s.partner.username for s in shares] == ["cedar_advocate", "cedar_da", "cedar_police"]
    # Each partner sees what their kind sees by default, nothing more (issue 15).
    assert [set(s.fields) for s in shares] == [
        {"identity", "meetings", "needs"},
        {"identity", "meetings", "missing"},
        {"identity", "meetings", "missing", "missing_risk"},
    ]
    assert all(s.approved_by is None and s.approval_reason == "" for s in shares)
    assert all(s.basis == "MDT protocol" and s.expires_at is not None for s in shares)
    assert {i.share_id for i in meeting.invitees.exclude(user__role="caseworker")} > {None}
    # Forming the MDT is what refer_cac_mdt asks of a district without a CAC.
    refer = Obligation.objects.get(youth=cedar.youth, kind="refer_cac_mdt")
    assert (refer.status, refer.satisfied_record) == ("satisfied", str(meeting))


def test_a_district_with_a_cac_needs_the_cac_referral_first(youth_record, mdt_partner):
    team = type("T", (), {"youth": youth_record, "caseworker": youth_record.caseworker})
    with pytest.raises(InputError, match="record the CAC referral that convenes the MDT first"):
        _schedule(team, [mdt_partner])
    meeting, _ = _schedule(team, [mdt_partner], cac_referral=cac_referral(youth_record))
    assert meeting.convened_by == "cac"


def test_a_consultation_needs_a_program_administrator_and_a_supervisor(cedar):
    with pytest.raises(InputError) as refused:
        _schedule(cedar, [cedar.supervisor], kind="consultation")
    assert refused.value.message == (
        "invite a Program Administrator or Assistant Program Administrator before scheduling "
        "(seed 002 §VII.B.3)"
    )
    with pytest.raises(InputError, match="invite a supervisor before scheduling"):
        _schedule(cedar, [cedar.apa], kind="consultation")
    meeting, _ = _schedule(cedar, [cedar.apa, cedar.supervisor], kind="consultation")
    assert meeting.convened_by == "agency"
    assert CaseShare.objects.count() == 0  # no partner, nothing shared


def test_staff_who_cannot_see_the_youth_cannot_be_invited(cedar, other_caseworker):
    with pytest.raises(InputError, match="cannot see Riley Cedarfield's record"):
        _schedule(cedar, [cedar.apa, cedar.supervisor, other_caseworker], kind="consultation")


def test_only_the_supervisor_shares_the_placement_address(cedar):
    everyone = [cedar.supervisor, cedar.police, cedar.da, cedar.advocate]
    with_address = sharing(extra={FieldGroup.PLACEMENT_ADDRESS}, reason="A court order")
    with pytest.raises(
        InputError, match="only the unit supervisor may share the placement address"
    ):
        _schedule(cedar, everyone, sharing=with_address)
    assert CaseShare.objects.count() == 0
    _schedule(cedar, [cedar.caseworker, *everyone], sharing=with_address, actor=cedar.supervisor)
    assert all("placement_address" in s.fields for s in CaseShare.objects.all())


def test_each_invitee_gets_a_calendar_file_with_the_agency_time_and_every_attendee(cedar):
    meeting, _ = _schedule(cedar, [cedar.supervisor, cedar.police, cedar.da, cedar.advocate])
    note = Notification.objects.get(recipient=cedar.police)
    expected = "Invitation: Multidisciplinary team (MDT) meeting for Riley Cedarfield, "
    assert note.subject == expected + "Thu Dec 03, 2026 02:30 PM CST"
    event = Calendar.from_ical(note.calendar).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start == START
    assert start.utcoffset() == dt.timedelta(hours=-6)
    assert str(start.tzinfo) == "America/Chicago"
    assert event.decoded("dtend") - start == dt.timedelta(hours=1)
    assert Calendar.from_ical(note.calendar)["method"] == "REQUEST"
    assert sorted(str(a) for a in event.get("attendee")) == [
        "mailto:cedar.cw@example.org",
        "mailto:cedar.sup@example.org",
        "mailto:cedar_advocate@example.org",
        "mailto:cedar_da@example.org",
        "mailto:cedar_police@example.org",
    ]
    assert str(event["organizer"]) == "mailto:cedar.cw@example.org"
    assert "Cedarfield" not in note.calendar
    assert "Riley" not in note.calendar
    assert Notification.objects.filter(calendar__contains=str(meeting.uid)).count() == 5

    assert deliver_emails() == 5
    sent = next(m for m in mail.outbox if m.to == ["cedar_police@example.org"])
    name, content, mimetype = sent.attachments[0]
    assert (name, mimetype) == ("invite.ics", "text/calendar; method=REQUEST")
    assert Calendar.from_ical(content).walk("VEVENT")[0].decoded("dtstart") == START


def test_cancelling_tells_everyone_and_ends_the_sharing(cedar):
    meeting, _ = _schedule(cedar, [cedar.supervisor, cedar.police, cedar.da, cedar.advocate])
    cancel_meeting(
        actor=cedar.supervisor,
        meeting=meeting,
        reason="The youth asked to reschedule.",
        seen_version=meeting.version,
    )
    assert all(s.revoked_at is not None for s in CaseShare.objects.all())
    cancelled = Notification.objects.get(recipient=cedar.da, subject__startswith="Cancelled")
    calendar = Calendar.from_ical(cancelled.calendar)
    assert calendar["method"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["sequence"] == 1
    with pytest.raises(InputError, match="held, cancelled or changed"):
        cancel_meeting(actor=cedar.supervisor, meeting=meeting, reason="x", seen_version=1)


def _held(team, meeting, steps, **kw):
    return record_meeting_outcome(
        actor=team.caseworker,
        meeting=meeting,
        held_at=kw.pop("held_at", meeting.starts_at),
        attended=kw.pop("attended", set(meeting.invitees.values_list("pk", flat=True))),
        decisions=kw.pop("decisions", "Forensic interview at the regional CAC."),
        safety_plan="Daily check-in; the advocate's number is in the youth's phone.",
        next_steps=steps,
        seen_version=kw.pop("seen_version", meeting.version),
    )


def test_next_steps_open_obligations_with_their_owner_and_due_time(cedar, time_machine):
    meeting, _ = _schedule(cedar, [cedar.supervisor, cedar.police, cedar.da, cedar.advocate])
    time_machine.move_to(START + dt.timedelta(hours=2), tick=False)
    due = START + dt.timedelta(days=3)
    _held(
        cedar,
        meeting,
        [
            StepInput("Ask the detective for the hotel-records timeline", cedar.caseworker, due),
            StepInput("Approve the transitional-living referral", cedar.supervisor, due),
        ],
    )
    meeting.refresh_from_db()
    assert meeting.status == "held"
    steps = list(meeting.next_steps.order_by("pk"))
    rows = [s.obligation for s in steps]
    assert [(o.kind, o.owner, o.due, o.status) for o in rows] == [
        ("meeting_next_step", cedar.caseworker, due, "open"),
        ("meeting_next_step", cedar.supervisor, due, "open"),
    ]
    assert rows[0].title == "Ask the detective for the hotel-records timeline"
    with connection.cursor() as cursor:
        cursor.execute("SELECT decisions, safety_plan FROM partners_meeting")
        assert all(value.startswith("gAAAAA") for value in cursor.fetchone())
    complete_next_step(actor=cedar.caseworker, step=steps[0], note="Timeline received.")
    rows[0].refresh_from_db()
    assert (rows[0].status, rows[0].on_time) == ("satisfied", True)


def test_a_partner_cannot_own_a_next_step_and_nothing_is_saved(cedar, time_machine):
    meeting, _ = _schedule(cedar, [cedar.supervisor, cedar.police, cedar.da, cedar.advocate])
    time_machine.move_to(START + dt.timedelta(hours=2), tick=False)
    with pytest.raises(InputError, match="cannot own a next step"):
        _held(
            cedar, meeting, [StepInput("Pull records", cedar.police, START + dt.timedelta(days=1))]
        )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.next_steps.count(), meeting.decisions) == ("scheduled", 0, "")


def test_holding_a_consultation_satisfies_its_clock(cedar, time_machine):
    with transaction.atomic():
        record_clock_event(
            actor=cedar.caseworker,
            youth=cedar.youth,
            event_type="screening_completed",
            at=timezone.now(),
            tier="moderate_risk",
        )
    meeting, _ = _schedule(cedar, [cedar.apa, cedar.supervisor], kind="consultation")
    time_machine.move_to(START + dt.timedelta(hours=1), tick=False)
    _held(cedar, meeting, [])
    row = Obligation.objects.get(youth=cedar.youth, kind="consultation_meeting")
    assert (row.status, row.satisfied_at, row.on_time) == ("satisfied", START, True)


def test_a_stale_record_is_refused_and_a_held_meeting_is_corrected(cedar, time_machine):
    meeting, _ = _schedule(cedar, [cedar.apa, cedar.supervisor], kind="consultation")
    time_machine.move_to(START + dt.timedelta(hours=1), tick=False)
    first = _held(cedar, meeting, [])
    with pytest.raises(InputError, match="someone else recorded this meeting"):
        _held(cedar, meeting, [], decisions="Other words", seen_version=1)
    corrected = _held(cedar, first, [], decisions="Corrected decisions.")
    assert corrected.decisions == "Corrected decisions."
    with pytest.raises(InputError, match="held in the future"):
        _held(cedar, corrected, [], held_at=timezone.now() + dt.timedelta(hours=1))
