"""Countdowns shown beside a due time, in words a caseworker reads at a glance."""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from safeharbor.domain.clocks.rules import EventType

register = template.Library()


def _span(delta: dt.timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    if minutes >= 48 * 60:  # days only once the clock is longer than the 24-hour ones
        days, rest = divmod(minutes, 24 * 60)
        return f"{days} d {rest // 60} h"
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


@register.filter
def countdown(remaining: dt.timedelta) -> str:
    """Return "due in 5 h 12 min" or "overdue by 2 h 3 min" for a time left."""
    if remaining.total_seconds() >= 0:
        return f"due in {_span(remaining)}"
    return f"overdue by {_span(remaining)}"


# What each clock event (SPEC §5.1 ids) is called on a page.
EVENT_WORDS = {
    EventType.INTAKE_RECEIVED: "Intake report received",
    EventType.INTAKE_SCREENED_IN: "Intake screened in",
    EventType.INTAKE_REFERRED_DA: "Intake referred to the district attorney",
    EventType.YOUTH_MISSING: "Youth reported missing",
    EventType.MISSING_REPORTED_LAW_ENFORCEMENT: "Missing youth reported to law enforcement",
    EventType.MISSING_REPORTED_NCMEC: "Missing youth reported to NCMEC",
    EventType.YOUTH_RETURNED: "Youth returned",
    EventType.RETURN_DEBRIEF_COMPLETED: "Return debrief completed",
    EventType.SCREENING_COMPLETED: "Screening completed",
    EventType.REPORTED_LAW_ENFORCEMENT: "Reported to law enforcement",
    EventType.REPORTED_DISTRICT_ATTORNEY: "Reported to the district attorney",
    EventType.CAC_REFERRAL_MADE: "CAC referral made",
    EventType.CONSULTATION_HELD: "Consultation held",
    EventType.COMMUNITY_REFERRALS_MADE: "Community referrals made",
    "meeting_held": "Meeting held",
}
_EVENT_ID = re.compile(r"\b(" + "|".join(sorted(EVENT_WORDS, key=len, reverse=True)) + r")\b")
_UTC_STAMP = re.compile(r"\b(\d{4}-\d\d-\d\d) (\d\d:\d\d)Z\b")


def _local_stamp(match: re.Match[str]) -> str:
    at = dt.datetime.fromisoformat(f"{match[1]}T{match[2]}+00:00")
    return date_format(timezone.localtime(at), "M j, Y g:i A T")


@register.filter
def event_words(text: object) -> str:
    """Return ``text`` with clock event ids in words and UTC stamps in the agency's local time.

    Obligations store what opened them as written then ("Opened by intake_received: Intake report
    received 2026-12-01 22:40Z"); a person reads "Intake report received: … Dec 1, 2026 4:40 PM
    CST".
    """
    words = _EVENT_ID.sub(lambda m: EVENT_WORDS[m[1]], str(text or ""))
    return _UTC_STAMP.sub(_local_stamp, words)
