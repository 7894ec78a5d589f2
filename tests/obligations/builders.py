"""Build intake reports and obligations for tests through the real actions."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from safeharbor.cases.models import Youth
from safeharbor.domain.access import Role
from safeharbor.intake.actions import record_intake
from safeharbor.intake.models import IntakeReport
from safeharbor.obligations.actions import record_clock_event
from safeharbor.obligations.models import LegalReport, Obligation
from tests import factories


def key() -> str:
    """Return a fresh idempotency key."""
    return uuid.uuid4().hex


def obligation_for(
    youth: Youth, event_type: str = "youth_missing", hours_ago: float = 2
) -> Obligation:
    """Open the obligations of one event for ``youth``; return the first."""
    record_clock_event(
        actor=youth.caseworker,
        youth=youth,
        event_type=event_type,
        at=timezone.now() - dt.timedelta(hours=hours_ago),
    )
    return Obligation.objects.filter(youth=youth).order_by("pk").first()


def intake_for(
    youth: Youth, *, taken_by=None, alleges_htcsec: bool = True, hours_ago: float = 1
) -> IntakeReport:
    """Record an intake report about ``youth``, by a new intake worker unless one is given."""
    worker = taken_by or factories.staff(Role.INTAKE_WORKER)
    report, _ = record_intake(
        actor=worker,
        received_at=timezone.now() - dt.timedelta(hours=hours_ago),
        reporter_type="school",
        narrative="A teacher saw an older adult collect the youth after school with gifts.",
        alleges_htcsec=alleges_htcsec,
        idempotency_key=key(),
        youth=youth,
    )
    return report


def da_report_for(youth: Youth) -> LegalReport:
    """Record a high-risk screening's report to the District Attorney; return the report.

    The screening event opens the DA obligation, which the report satisfies.
    """
    from safeharbor.obligations.actions import record_legal_report

    record_clock_event(
        actor=youth.caseworker,
        youth=youth,
        event_type="screening_completed",
        tier="high_risk",
        at=timezone.now() - dt.timedelta(hours=3),
    )
    report, _ = record_legal_report(
        actor=youth.caseworker,
        youth=youth,
        recipient="district_attorney",
        about="sex_trafficking",
        agency_name="Pine County District Attorney's Office (synthetic)",
        method="phone",
        reported_at=timezone.now() - dt.timedelta(hours=1),
        reference_number="DA-26-0099",
        officer="Intake specialist Morrow",
        idempotency_key=key(),
    )
    return report
