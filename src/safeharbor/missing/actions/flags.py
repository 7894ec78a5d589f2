"""The response to a pattern flag (a chronic runaway, a possible recruitment): a plan, or a team
meeting scheduled from the flag, so the flag shows who responded and how."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.scope import NotAllowed, case_scope
from safeharbor.domain.access import Action, decide
from safeharbor.domain.errors import InputError
from safeharbor.missing.models import RESPONSE_CHOICES, FlagResponse, PatternFlag
from safeharbor.writes import create_once

PLAN_LIMIT = 4000


def may_respond(actor: User, flag: PatternFlag) -> bool:
    """Return whether ``actor`` may respond: whoever edits the record, or assigns it (a PA)."""
    scope, now = case_scope(flag.youth), timezone.now()
    person = actor.to_actor()
    return decide(person, scope, Action.EDIT, now).allowed or bool(
        decide(person, scope, Action.ASSIGN, now)
    )


def record_flag_response(
    *,
    actor: User,
    flag: PatternFlag,
    how: str,
    idempotency_key: str,
    plan: str = "",
    meeting_id: int | None = None,
    summary: str = "",
) -> FlagResponse:
    """Record how the flag was answered: a plan in words, or the meeting scheduled from it."""
    if not may_respond(actor, flag):
        raise NotAllowed("only the youth's caseworker, supervisor or PA responds to a flag")
    plan = _checked(how, plan.strip(), meeting_id)
    with transaction.atomic():  # never durable: scheduling a meeting from the flag calls it
        row, created = create_once(
            FlagResponse,
            key={"idempotency_key": idempotency_key},
            expect={"flag": flag},
            create=lambda: FlagResponse.objects.create(
                flag=flag,
                how=how,
                plan=plan,
                meeting_id=meeting_id,
                summary=summary[:300],
                responded_by=actor,
                responded_at=timezone.now(),
                idempotency_key=idempotency_key,
            ),
        )
        if created:
            record_event(
                actor=actor,
                action="missing.flag_responded",
                target=row,
                youth=flag.youth,
                detail={"flag": flag.pk, "how": how},
            )
        return row


def _checked(how: str, plan: str, meeting_id: int | None) -> str:
    if how not in dict(RESPONSE_CHOICES):
        raise InputError("choose how the flag is answered", field="how")
    if how == "plan" and not plan:
        raise InputError("write the plan: who does what, by when", field="plan")
    if len(plan) > PLAN_LIMIT:
        raise InputError(f"keep the plan to {PLAN_LIMIT} characters", field="plan")
    if how != "plan" and meeting_id is None:
        raise InputError("schedule the meeting from the flag to record it", field="how")
    return plan
