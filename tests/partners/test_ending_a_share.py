"""Ending a sharing ends what it showed (issue 15): the partner's notifications stop naming the
youth, and meetings they can no longer attend are cancelled for them (notification and .ics)."""

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from safeharbor.cases.models import CaseShare
from safeharbor.notifications.actions import deliver_emails
from safeharbor.notifications.models import WITHDRAWN_SUBJECT, Notification
from safeharbor.partners.actions import cancel_meeting, end_sharing, schedule_meeting
from tests.partners.builders import key, sharing

NAME = "Riley Cedarfield"


def _schedule(team, days=2, share_days=30):
    start = timezone.now() + dt.timedelta(days=days)
    meeting, _ = schedule_meeting(
        actor=team.caseworker,
        youth=team.youth,
        kind="mdt",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Cedar County office, room 2",
        invitees=[team.supervisor, team.police, team.da, team.advocate],
        sharing=sharing(days=share_days),
        idempotency_key=key(),
    )
    return meeting


def _inbox(client, person):
    client.force_login(person)
    return client.get(reverse("notifications:inbox")).content.decode()


def test_a_revoked_partners_inbox_no_longer_names_the_youth_and_gets_a_cancellation(client, cedar):
    meeting = _schedule(cedar)
    assert NAME in _inbox(client, cedar.police)
    share = CaseShare.objects.get(partner=cedar.police)
    end_sharing(actor=cedar.caseworker, share=share, reason="The detective left the case.")

    inbox = _inbox(client, cedar.police)
    assert NAME not in inbox
    assert "Riley" not in inbox
    assert WITHDRAWN_SUBJECT in inbox
    assert "Cancelled for you: Multidisciplinary team (MDT) meeting" in inbox
    cancellation = Notification.objects.get(recipient=cedar.police, subject__startswith="Cancelled")
    assert (cancellation.youth, cancellation.link) == (None, "")
    ics = Calendar.from_ical(cancellation.calendar)
    event = ics.walk("VEVENT")[0]
    assert ics["method"] == "CANCEL"
    assert str(event["uid"]) == f"{meeting.uid}@safeharbor"
    assert event["sequence"] == 1  # above the invitation's, so calendars replace it
    assert [str(a) for a in [event.get("attendee")]] == ["mailto:cedar_police@example.org"]
    # Everyone else still sees the meeting and the youth's name.
    assert NAME in _inbox(client, cedar.da)


def test_opening_a_withdrawn_notification_leads_back_to_the_inbox(client, cedar):
    _schedule(cedar)
    end_sharing(
        actor=cedar.caseworker, share=CaseShare.objects.get(partner=cedar.da), reason="Ended."
    )
    note = Notification.objects.filter(recipient=cedar.da, youth__isnull=False).get()
    client.force_login(cedar.da)
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("notifications:inbox")


def test_an_invitation_not_yet_e_mailed_when_the_sharing_ends_is_never_sent(cedar):
    _schedule(cedar)
    end_sharing(
        actor=cedar.caseworker, share=CaseShare.objects.get(partner=cedar.police), reason="Ended."
    )
    deliver_emails()
    to_police = [m for m in mail.outbox if m.to == ["cedar_police@example.org"]]
    assert [m.subject.split(":")[0] for m in to_police] == ["Cancelled for you"]
    assert all(NAME not in m.subject + m.body for m in to_police)
    held = Notification.objects.get(recipient=cedar.police, youth__isnull=False)
    assert held.email_sent_at is None
    assert held.email_error == "not sent: the sharing ended first"


def test_when_a_sharing_expires_the_notification_stops_naming_the_youth(
    client, cedar, time_machine
):
    meeting = _schedule(cedar, days=2, share_days=5)
    assert NAME in _inbox(client, cedar.advocate)
    share = CaseShare.objects.get(partner=cedar.advocate)
    time_machine.move_to(share.expires_at + dt.timedelta(minutes=1))
    inbox = _inbox(client, cedar.advocate)
    assert NAME not in inbox
    assert WITHDRAWN_SUBJECT in inbox
    assert meeting.starts_at < share.expires_at  # an expiry never falls before its meeting


def test_cancelling_a_meeting_tells_partners_without_naming_the_youth_after_sharing_ends(
    client, cedar
):
    meeting = _schedule(cedar)
    cancel_meeting(actor=cedar.caseworker, meeting=meeting, reason="Rescheduled", seen_version=1)
    police = Notification.objects.filter(recipient=cedar.police).order_by("id")
    assert police.last().subject.startswith("Cancelled: Multidisciplinary team (MDT) meeting, ")
    assert NAME not in _inbox(client, cedar.police)
    staff = Notification.objects.filter(recipient=cedar.supervisor).order_by("id").last()
    assert NAME in staff.subject  # staff still see the youth
    assert Calendar.from_ical(police.last().calendar)["method"] == "CANCEL"


def test_ending_a_sharing_twice_sends_one_cancellation(cedar):
    _schedule(cedar)
    share = CaseShare.objects.get(partner=cedar.police)
    end_sharing(actor=cedar.caseworker, share=share, reason="Ended.")
    share.refresh_from_db()
    end_sharing(actor=cedar.caseworker, share=share, reason="Again.")
    cancellations = Notification.objects.filter(
        recipient=cedar.police, subject__startswith="Cancelled"
    )
    assert cancellations.count() == 1
