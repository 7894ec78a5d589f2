"""Writes for survivor needs (SPEC §6): the assessment, each need's plan and status.

Services are unconditional (seed 001): nothing here asks whether the youth cooperates with an
investigation, and no status closes a need for that reason. Young adults (18-21) keep their
plan (seed 003): no write depends on the youth's age.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import require
from safeharbor.domain.errors import InputError
from safeharbor.domain.needs import check_assessment
from safeharbor.partners.models import NEED_STATUS_CHOICES, Need, NeedsAssessment
from safeharbor.writes import save_if_current

_STATUSES = {choice for choice, _ in NEED_STATUS_CHOICES}


def record_needs_assessment(
    *,
    actor: User,
    youth: Youth,
    assessed_on: dt.date,
    priorities: list[str],
    plans: dict[str, str],
    in_youth_words: str = "",
    youth_took_part: bool = True,
) -> NeedsAssessment:
    """Record what the youth needs, their own priorities first; return the assessment.

    ``plans`` maps each need identified to its plan (may be empty). A need already on the plan
    keeps its status; a new plan text replaces the old one (the audit trail keeps the change).
    Not durable: the demo assesses inside its own transaction.
    """
    require(actor, youth)
    ordered = check_assessment(
        priorities, plans, assessed_on=assessed_on, today=timezone.localdate()
    )
    now = timezone.now()
    with transaction.atomic():
        assessment = NeedsAssessment.objects.create(
            youth=youth,
            assessed_on=assessed_on,
            priorities=ordered,
            in_youth_words=in_youth_words.strip(),
            youth_took_part=youth_took_part,
            assessed_by=actor,
            recorded_at=now,
        )
        for need_id, plan in plans.items():
            _plan_need(actor, assessment, need_id, plan.strip())
        record_event(
            actor=actor,
            action="needs.assessed",
            target=assessment,
            youth=youth,
            detail={"needs": sorted(plans), "priorities": ordered},
        )
    return assessment


def update_need(*, actor: User, need: Need, plan: str, status: str, seen_version: int) -> Need:
    """Change a need's plan or status, refusing a change made over someone else's."""
    require(actor, need.youth)
    if status not in _STATUSES:
        raise InputError(f"unknown status {status!r}", field="status")
    with transaction.atomic(durable=True):
        save_if_current(
            need,
            seen_version=seen_version,
            changes={
                "plan": plan.strip(),
                "status": status,
                "updated_at": timezone.now(),
                "updated_by": actor,
            },
            stale="someone else changed this need after you opened it",
        )
        record_event(
            actor=actor,
            action="need.updated",
            target=need,
            youth=need.youth,
            detail={"kind": need.kind, "status": status},
        )
    return need


def _plan_need(actor: User, assessment: NeedsAssessment, need_id: str, plan: str) -> None:
    """Add the need to the youth's plan, or give the one there the new plan (its status stays)."""
    now = assessment.recorded_at
    need = Need.objects.filter(youth=assessment.youth, kind=need_id).first()
    if need is None:
        Need.objects.create(
            youth=assessment.youth,
            kind=need_id,
            plan=plan,
            identified_by=assessment,
            updated_at=now,
            updated_by=actor,
        )
    elif plan and plan != need.plan:
        need.plan = plan
        need.updated_at, need.updated_by = now, actor
        need.version += 1
        need.save(update_fields=["plan", "updated_at", "updated_by", "version"])
