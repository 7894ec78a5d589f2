"""Demo referrals, team meetings, needs plans and the service directory (seed 002 §VII.B; SPEC §6).

Built through the partners actions by each youth's own caseworker, so sharing, invitations and
clocks happen exactly as they would in the agency: a past MDT convened by the Magnolia CAC with
its decisions, safety plan and next steps; an upcoming one; an upcoming MDT formed by Riverbend
(no CAC) with its required invitees; a consultation held; youth with needs plans, young adults
among them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.cases.models import Youth
from safeharbor.demo.people import caseworker_of
from safeharbor.partners.actions import (
    Sharing,
    StepInput,
    record_meeting_outcome,
    record_needs_assessment,
    record_referral,
    save_service_agency,
    schedule_meeting,
)
from safeharbor.partners.models import Meeting, Referral

DIRECTORY = (
    # name, districts, needs, sexual assault support, services, phone, languages, eligibility
    (
        "Harbor Light Youth Housing (synthetic)",
        ("magnolia",),
        ["housing", "basic_needs", "life_skills"],
        False,
        "Transitional living apartments and a drop-in centre for young people.",
        "555-0110",
        "English, Spanish",
        "Ages 16 to 21 in Magnolia District, including young adults leaving care.",
    ),
    (
        "Magnolia Rape Crisis and Advocacy (synthetic)",
        ("magnolia",),
        ["psychological", "therapy_support", "safety"],
        True,
        "24-hour hotline, hospital and court accompaniment, trauma-focused counselling.",
        "555-0111",
        "English, Spanish, Vietnamese",
        "Any survivor aged 12 or older; no police report needed.",
    ),
    (
        "Bayou Works Youth Employment (synthetic)",
        ("magnolia", "riverbend"),
        ["education_employment", "food_money", "identification"],
        False,
        "Paid internships, GED classes and help getting birth certificates and state IDs.",
        "555-0112",
        "English",
        "Ages 16 to 24.",
    ),
    (
        "Magnolia Community Health Clinic (synthetic)",
        ("magnolia",),
        ["medical", "substance_use", "childcare"],
        False,
        "Primary care, sexual health, substance-use treatment and a drop-in nursery.",
        "555-0113",
        "English, Spanish",
        "Everyone; sliding-scale fees, free for youth in care.",
    ),
    (
        "Legal Aid for Survivors (synthetic)",
        ("magnolia", "riverbend"),
        ["immigration_relief", "record_repair", "victim_centred_investigation"],
        False,
        "Vacatur of records, T-visa and SIJS applications, credit repair, victim-rights advocacy.",
        "555-0114",
        "English, Spanish, French",
        "Survivors of trafficking of any age.",
    ),
    (
        "Riverbend Sexual Assault Services (synthetic)",
        ("riverbend",),
        ["psychological", "therapy_support", "dignity"],
        True,
        "Advocates on call for forensic interviews and hospital exams, support groups.",
        "555-0120",
        "English",
        "Survivors aged 12 or older in Riverbend District.",
    ),
    (
        "Riverbend Family Pantry (synthetic)",
        ("riverbend",),
        ["food_money", "basic_needs"],
        False,
        "Weekly groceries, clothing closet, emergency cash assistance for utilities.",
        "555-0121",
        "English, Spanish",
        "Any household in Riverbend District.",
    ),
    (
        "New Roots Faith Community (synthetic)",
        ("riverbend",),
        ["faith_community", "life_skills"],
        False,
        "Mentors, a weekly youth dinner and life-skills classes, open to every faith or none.",
        "555-0122",
        "English",
        "Young people 12 to 21.",
    ),
)


def load_partner_demo(
    youth: list[Youth], staff: dict[str, User], districts: dict[str, District]
) -> dict[str, int]:
    """Build the directory, needs plans, referrals and meetings; return what was made."""
    _directory(districts)
    planned = _needs(youth)
    meetings = [
        _held_cac_mdt(youth[1], staff),
        _upcoming_cac_mdt(youth[3], staff),
        _district_mdt(youth[2], staff),
        _held_consultation(youth[5], staff),
    ]
    return {"agencies": len(DIRECTORY), "needs_plans": planned, "meetings": len(meetings)}


def _directory(districts: dict[str, District]) -> None:
    for name, codes, needs, sas, services, phone, languages, eligibility in DIRECTORY:
        save_service_agency(
            actor=None,
            districts=[districts[code] for code in codes],
            name=name,
            needs=needs,
            sexual_assault_support=sas,
            services=services,
            phone=phone,
            email=f"intake@{name.split()[0].lower()}.demo.safeharbor.invalid",
            website="",
            address="",
            contact_person="Intake coordinator",
            languages=languages,
            eligibility=eligibility,
            active=True,
        )


PLANS = {
    "housing": "Apply to Harbor Light's transitional living program; keep the bed at the current "
    "placement until then.",
    "education_employment": "GED classes and a paid internship through Bayou Works.",
    "food_money": "Pantry card this week; a bank account in the youth's own name.",
    "medical": "Clinic appointment for a check-up and sexual health care, with the youth's "
    "consent.",
    "therapy_support": "Weekly trauma-focused counselling; the same advocate throughout.",
    "identification": "Birth certificate and state ID through Bayou Works.",
}


def _needs(youth: list[Youth]) -> int:
    """Give needs plans to the caseworker's first youth and to three young adults."""
    young_adults = [y for y in youth if y.custody_status == "young_adult" and y.caseworker][:3]
    chosen = list(dict.fromkeys([y for y in youth[:6] if y.caseworker] + young_adults))
    orders = (
        ["housing", "education_employment", "food_money"],
        ["food_money", "housing"],
        ["education_employment", "identification"],
    )
    for index, record in enumerate(chosen):
        priorities = orders[index % len(orders)]
        plans = {need: PLANS[need] for need in [*priorities, "medical", "therapy_support"]}
        record_needs_assessment(
            actor=caseworker_of(record),
            youth=record,
            assessed_on=timezone.localdate() - dt.timedelta(days=3 + index),
            priorities=priorities,
            plans=plans,
            in_youth_words="I want my own place and a job so nobody can hold things over me.",
        )
    return len(chosen)


def _key(name: str, youth: Youth) -> str:
    return f"demo-{name}-{youth.pk}"


def _cac_referral(youth: Youth, days_ago: float, purpose: str = "convene_mdt") -> Referral:
    referral, _ = record_referral(
        actor=caseworker_of(youth),
        youth=youth,
        referred_to="cac",
        purpose=purpose,
        organization=youth.district.cac_name,
        contact="Intake coordinator, 555-0100",
        made_at=timezone.now() - dt.timedelta(days=days_ago),
        information_shared="All assessed risk factors from the screening, and the missing "
        "episodes on record.",
        shared_with="CAC intake coordinator",
        basis="The agency's HTCSEC policy (seed 002 §VII.B.1-2)",
        idempotency_key=_key(f"cac-{purpose}", youth),
    )
    return referral


def _at(days: float, hour: int) -> dt.datetime:
    day = timezone.localtime() + dt.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def _schedule(
    youth: Youth,
    kind: str,
    start: dt.datetime,
    location: str,
    invitees: list[User],
    cac_referral: Referral | None = None,
) -> Meeting:
    meeting, _ = schedule_meeting(
        actor=caseworker_of(youth),
        youth=youth,
        kind=kind,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location=location,
        invitees=invitees,
        sharing=Sharing(
            "MDT meeting under the agency's HTCSEC policy (seed 002 §VII.B)",
            max(start, timezone.now()) + dt.timedelta(days=60),
        ),
        cac_referral=cac_referral,
        idempotency_key=_key(f"meeting-{kind}", youth),
    )
    return meeting


def _held_cac_mdt(youth: Youth, staff: dict[str, User]) -> Meeting:
    start = _at(-6, 10)
    meeting = _schedule(
        youth,
        "mdt",
        start,
        "Magnolia Child Advocacy Center, conference room B",
        [staff["supervisor"], staff["partner"], staff["partner_da"], staff["partner_cac"]],
        _cac_referral(youth, days_ago=8),
    )
    steps = [
        ("Confirm the forensic interview time with the CAC and tell the youth", None, 1),
        ("Approve the transitional-living referral", staff["supervisor"], 4),
    ]
    return _hold(meeting, start, CAC_MDT_RECORD, steps)


def _upcoming_cac_mdt(youth: Youth, staff: dict[str, User]) -> Meeting:
    return _schedule(
        youth,
        "mdt",
        _at(3, 14),
        "Magnolia Child Advocacy Center, conference room A",
        [staff["partner"], staff["partner_cac"], staff["partner_da"]],
        _cac_referral(youth, days_ago=1),
    )


def _district_mdt(youth: Youth, staff: dict[str, User]) -> Meeting:
    return _schedule(
        youth,
        "mdt",
        _at(5, 9),
        "Riverbend District office, room 3 (video link on request)",
        [
            staff["supervisor3"],
            staff["partner_rb"],
            staff["partner_da_rb"],
            staff["partner_advocate"],
        ],
    )


def _held_consultation(youth: Youth, staff: dict[str, User]) -> Meeting:
    start = _at(-2, 15)
    meeting = _schedule(
        youth,
        "consultation",
        start,
        "Riverbend District office",
        [staff["apa"], staff["supervisor3"]],
    )
    steps = [("Arrange weekend visits with the grandmother", None, 6)]
    return _hold(meeting, start, CONSULTATION_RECORD, steps)


# What each held meeting decided, and its safety plan.
CAC_MDT_RECORD = (
    "Forensic interview at the CAC on Thursday with the advocate present; no further questioning "
    "by staff. The detective follows up on the hotel information without contacting the youth "
    "directly.",
    "The youth keeps the advocate's number in their phone. Daily check-in by text at 6 pm; if "
    "missed, the caseworker calls, then the on-call supervisor.",
)
CONSULTATION_RECORD = (
    "Running away follows weekend visits; plan visits with the grandmother instead. Refer to "
    "Riverbend Sexual Assault Services for support groups.",
    "A trusted adult at school; the youth has the caseworker's cell number.",
)


def _hold(
    meeting: Meeting,
    start: dt.datetime,
    record: tuple[str, str],
    steps: Sequence[tuple[str, User | None, int]],
) -> Meeting:
    """Record the meeting held at ``start`` by everyone invited, with ``steps`` (description,
    owner or None for the caseworker, days until due)."""
    caseworker = caseworker_of(meeting.youth)
    decisions, safety_plan = record
    record_meeting_outcome(
        actor=caseworker,
        meeting=meeting,
        held_at=start,
        attended=set(meeting.invitees.values_list("pk", flat=True)),
        decisions=decisions,
        safety_plan=safety_plan,
        next_steps=[
            StepInput(words, owner or caseworker, timezone.now() + dt.timedelta(days=days))
            for words, owner, days in steps
        ],
        seen_version=meeting.version,
    )
    return meeting
