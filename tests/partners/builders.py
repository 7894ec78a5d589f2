"""Referrals, meetings, needs and directory entries for tests, through the real actions."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.partners.actions import (
    Sharing,
    StepInput,
    record_meeting_outcome,
    record_needs_assessment,
    record_referral,
    save_service_agency,
    schedule_meeting,
)
from safeharbor.partners.models import Meeting, Need, NextStep, Referral, ServiceAgency


def key() -> str:
    """Return a fresh idempotency key."""
    return uuid.uuid4().hex


def cac_referral(youth, actor=None, **overrides) -> Referral:
    """Record a CAC referral to convene the MDT, by the youth's caseworker."""
    arguments = {
        "referred_to": "cac",
        "purpose": "convene_mdt",
        "organization": youth.district.cac_name or "Nearest CAC (synthetic)",
        "made_at": timezone.now() - dt.timedelta(minutes=10),
        "information_shared": "All assessed risk factors from today's screening.",
        "shared_with": "Intake coordinator, CAC",
        "basis": "Seed 002 §VII.B",
        "idempotency_key": key(),
    } | overrides
    referral, _ = record_referral(actor=actor or youth.caseworker, youth=youth, **arguments)
    return referral


def referral_for(youth) -> Referral:
    """Return the youth's referral, recording a CAC referral if none."""
    return youth.referrals.first() or cac_referral(youth)


def sharing(days: int = 30, extra=frozenset(), basis="MDT protocol", reason="") -> Sharing:
    """Return a sharing that lasts ``days`` from now: each partner's default and ``extra``."""
    return Sharing(basis, timezone.now() + dt.timedelta(days=days), extra, reason)


def meeting_for(youth, *, starts_in: dt.timedelta = dt.timedelta(hours=2)) -> Meeting:
    """Return the youth's meeting, scheduling a CAC-convened MDT with mdt_partner if none."""
    existing = youth.meetings.first()
    if existing is not None:
        return existing
    start = timezone.now() + starts_in
    meeting, _ = schedule_meeting(
        actor=youth.caseworker,
        youth=youth,
        kind="mdt",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="CAC conference room B",
        invitees=list(User.objects.filter(username="mdt_partner")),
        sharing=sharing(),
        cac_referral=cac_referral(youth),
        idempotency_key=key(),
    )
    return meeting


def step_for(youth) -> NextStep:
    """Return a next step of the youth's meeting, recording the meeting as held if needed."""
    existing = NextStep.objects.filter(meeting__youth=youth).first()
    if existing is not None:
        return existing
    meeting = meeting_for(youth, starts_in=-dt.timedelta(hours=2))
    record_meeting_outcome(
        actor=youth.caseworker,
        meeting=meeting,
        held_at=min(meeting.starts_at, timezone.now()),
        attended=set(meeting.invitees.values_list("pk", flat=True)),
        decisions="Forensic interview at the CAC; no further questioning by staff.",
        safety_plan="Check in daily by phone; the youth has the advocate's number.",
        next_steps=[
            StepInput(
                "Arrange the forensic interview",
                youth.caseworker,
                timezone.now() + dt.timedelta(days=2),
            )
        ],
        seen_version=meeting.version,
    )
    return NextStep.objects.get(meeting=meeting)


def need_for(youth) -> Need:
    """Return the youth's housing need, assessing it if none is recorded."""
    existing = youth.needs.first()
    if existing is not None:
        return existing
    record_needs_assessment(
        actor=youth.caseworker,
        youth=youth,
        assessed_on=timezone.localdate(),
        priorities=["housing"],
        plans={"housing": "Apply for the transitional living program."},
    )
    return youth.needs.get()


def agency(district, name="Harbor Light Youth Services (synthetic)", **overrides) -> ServiceAgency:
    """Add a community agency serving ``district`` to the directory."""
    values = {
        "name": name,
        "needs": ["housing", "food_money"],
        "sexual_assault_support": False,
        "services": "Transitional housing and a food pantry for young people.",
        "phone": "555-0100",
        "email": "",
        "website": "",
        "address": "",
        "contact_person": "Intake desk",
        "languages": "English, Spanish",
        "eligibility": "Ages 12 to 21 in the district.",
        "active": True,
    } | overrides
    return save_service_agency(actor=None, districts=[district], **values)
