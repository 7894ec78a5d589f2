"""Scoped reads for intake: matching a report to a youth (identity only), reading a report."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import case_scope
from safeharbor.domain.access import Action, FieldGroup, Role, decide, visible_fields
from safeharbor.intake.models import IntakeReport

MATCH_LIMIT = 10


def find_youth(
    *, actor: User, last_name: str, first_name: str = "", date_of_birth: dt.date | None = None
) -> list[Youth]:
    """Return up to ``MATCH_LIMIT`` youth an intake report might be about; audit the search.

    Intake workers may find any youth (the access rule's FIND action) and see identity only:
    callers show names, date of birth and district, nothing else.
    """
    if actor.role != Role.INTAKE_WORKER or not last_name.strip():
        return []
    now = timezone.now()
    names = _names_like(last_name.strip(), first_name.strip(), date_of_birth)
    candidates = Youth.objects.filter(names).select_related("district", "caseworker")
    found = [
        youth
        for youth in candidates.order_by("legal_last_name", "legal_first_name", "pk")[:50]
        if decide(actor.to_actor(), case_scope(youth), Action.FIND, now)
    ][:MATCH_LIMIT]
    with transaction.atomic():
        record_event(
            actor=actor,
            action="intake.youth_searched",
            detail={"found": [youth.pk for youth in found]},
        )
    return found


def _names_like(last_name: str, first_name: str, date_of_birth: dt.date | None) -> Q:
    """Match the last name (and the first or preferred name), or the birth date and initial."""
    names = Q(legal_last_name__iexact=last_name)
    if first_name:
        names &= Q(legal_first_name__iexact=first_name) | Q(preferred_name__iexact=first_name)
    if date_of_birth is not None:
        names |= Q(date_of_birth=date_of_birth, legal_last_name__istartswith=last_name[:1])
    return names


def intakes_taken_by(actor: User) -> QuerySet[IntakeReport]:
    """Return the reports the actor took, newest first."""
    return (
        IntakeReport.objects.filter(taken_by=actor)
        .select_related("youth", "youth__district")
        .order_by("-received_at", "-id")
    )


def get_intake(*, actor: User, pk: int) -> IntakeReport:
    """Return report ``pk`` to the intake worker who took it, or to those who see the youth's
    notes (the narrative is a disclosure); 404 alike for missing and forbidden; audited."""
    now = timezone.now()
    with transaction.atomic():
        report = (
            IntakeReport.objects.select_related(
                "youth", "youth__district", "taken_by", "disposition_by", "da_referral"
            )
            .filter(pk=pk)
            .first()
        )
        if report is None:
            raise Http404("No such intake report")
        if report.taken_by_id != actor.pk:
            fields = visible_fields(actor.to_actor(), case_scope(report.youth), now)
            if FieldGroup.NOTES not in fields:
                raise Http404("No such intake report")
        record_event(actor=actor, action="intake.viewed", target=report, youth=report.youth)
        return report


def may_record_disposition(actor: User, report: IntakeReport) -> bool:
    """Return whether the actor may record this report's disposition."""
    if report.taken_by_id == actor.pk:
        return True
    return decide(actor.to_actor(), case_scope(report.youth), Action.EDIT, timezone.now()).allowed
