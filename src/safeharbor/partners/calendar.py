"""Calendar invitations (RFC 5545, through the ``icalendar`` library) for team meetings.

An invitation leaves the agency and lives on in phones and shared calendars long after the
meeting, so it carries no case details: no youth's name, no record number, no reason for the
meeting — only the time, the place, who is invited and a link back through SafeHarbor's access
rules. Times are written in the agency's zone with its VTIMEZONE, so every client shows the hour
the caseworker chose.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event, vCalAddress, vText

from safeharbor.accounts.models import User
from safeharbor.partners.models import Meeting

PRODID = "-//SafeHarbor//Team meetings//EN"
SUMMARY = {"mdt": "MDT meeting (SafeHarbor)", "consultation": "Consultation meeting (SafeHarbor)"}


def meeting_link(meeting: Meeting) -> str:
    """Return the meeting page's path (the link goes back through the access rules)."""
    return reverse("partners:meeting", args=[meeting.youth_id, meeting.pk])


def uid_of(meeting: Meeting) -> str:
    """Return the meeting's stable calendar UID: updates and cancellations replace the entry."""
    return f"{meeting.uid}@safeharbor"


def _address(user: User, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["CN"] = vText(user.get_full_name() or user.username)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def invitation(
    meeting: Meeting, attendees: list[User], *, stamp: dt.datetime, cancel: bool = False
) -> bytes:
    """Return the iCalendar file inviting ``attendees`` to ``meeting`` (or cancelling it)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    calendar.add_component(_event(meeting, attendees, stamp=stamp, cancel=cancel))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(meeting: Meeting, attendees: list[User], *, stamp: dt.datetime, cancel: bool) -> Event:
    """Return the meeting as a VEVENT in the agency's zone, addressed to ``attendees``."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", uid_of(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", SUMMARY[meeting.kind])
    event.add("location", meeting.location)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add(
        "description",
        "Details for those invited are in SafeHarbor: "
        f"{settings.SAFEHARBOR_BASE_URL}{meeting_link(meeting)}\n"
        "This invitation carries no case details on purpose.",
    )
    organizer = meeting.scheduled_by
    event.add("organizer", _address(organizer))
    for person in attendees:
        if person.email:
            event.add(
                "attendee",
                _address(person, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE"),
                encode=False,
            )
    return event
