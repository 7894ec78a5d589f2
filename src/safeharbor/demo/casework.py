"""Demo casework for supervisors who act (issue 12): a youth new at intake awaiting assignment
with its screening clock, a youth with a confirmed victim status and the report that followed,
and a chronic-runaway flag with the supervisor's recorded plan (the recruitment flag is left
without a response, so the supervisor's home has one to act on)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.cases.models import Youth
from safeharbor.domain.screening import YES
from safeharbor.intake.actions import record_disposition, record_intake
from safeharbor.missing.actions import record_flag_response
from safeharbor.missing.models import PatternFlag
from safeharbor.obligations.actions import record_legal_report
from safeharbor.screenings.actions import confirm_victim_status, record_screening

HOUR = dt.timedelta(hours=1)
PLAN = (
    "Weekly visits by the caseworker; the group home's staff check in each evening; a safety "
    "plan with the youth by Friday; the MDT reviews at its next meeting."
)


def add_demo_casework(youth: list[Youth], staff: dict[str, User], now: dt.datetime) -> None:
    """Add the youth new at intake, the confirmed victim status, and the answered flag."""
    _new_at_intake(staff["intake"], now)
    mine = [y for y in youth if y.caseworker == staff["caseworker"]]
    quiet = [y for y in mine if not y.screenings.exists() and not y.missing_episodes.exists()]
    _confirmed_victim(quiet[0], staff["caseworker"], now)
    _answer_chronic_runaway_flag(staff["supervisor"], mine)


def _key() -> str:
    return uuid.uuid4().hex


def _new_at_intake(intake: User, now: dt.datetime) -> None:
    """A school's call about a youth unknown to the agency, screened in: awaiting assignment."""
    report, _ = record_intake(
        actor=intake,
        received_at=now - 5 * HOUR,
        reporter_type="school",
        narrative="The school counsellor saw messages offering the student money to meet an "
        "older man after school.",
        alleges_htcsec=True,
        idempotency_key=_key(),
        new_youth={
            "district": District.objects.get(code="magnolia"),
            "legal_first_name": "Sage",
            "legal_last_name": "Willowmere",
            "date_of_birth": timezone.localdate(now) - dt.timedelta(days=15 * 365 + 40),
            "custody_status": "receiving_services",
        },
    )
    record_disposition(
        actor=intake,
        intake=report,
        disposition="screened_in",
        at=now - 3 * HOUR,
        seen_version=report.version,
        note="Screened in for child welfare intervention; awaiting a caseworker.",
    )


def _confirmed_victim(youth: Youth, caseworker: User, now: dt.datetime) -> None:
    """Law enforcement identified the youth; the caseworker confirmed it and reported it."""
    screening = record_screening(
        actor=caseworker,
        youth=youth,
        as_of=timezone.localdate(now - 2 * HOUR),
        answers={"identified_by_law_enforcement": YES},
        occasion="caseworker_concern",
    )
    confirm_victim_status(
        actor=caseworker,
        screening=screening,
        kind="sex",
        identified_on=screening.as_of,
        timing="before_entry",
        idempotency_key=_key(),
        seen_version=screening.version,
        source_detail="Magnolia Police Department vice unit (synthetic)",
    )
    record_legal_report(
        actor=caseworker,
        youth=youth,
        recipient="law_enforcement",
        about="sex_trafficking",
        agency_name="Magnolia Police Department (synthetic)",
        method="phone",
        reported_at=now - HOUR,
        reference_number=f"MPD-26-{youth.pk:05d}",
        officer="Det. Juniper Ashgrove (synthetic)",
        idempotency_key=_key(),
    )


def _answer_chronic_runaway_flag(supervisor: User, mine: list[Youth]) -> None:
    """The supervisor answers the chronic-runaway flag with a plan."""
    flag = PatternFlag.objects.filter(youth__in=mine, kind="chronic_runaway").first()
    if flag is None:
        return
    record_flag_response(actor=supervisor, flag=flag, how="plan", plan=PLAN, idempotency_key=_key())
