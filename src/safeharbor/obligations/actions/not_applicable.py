"""Setting an obligation aside: a supervisor's decision, with the reason (SPEC §5)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.scope import NotAllowed, case_scope
from safeharbor.domain.access import Action, decide
from safeharbor.domain.errors import InputError
from safeharbor.obligations.actions.history import write_history
from safeharbor.obligations.models import Obligation
from safeharbor.writes import save_if_current

STALE = "this obligation was satisfied or changed by someone else after you opened it"


def mark_not_applicable(
    *, actor: User, obligation: Obligation, reason: str, seen_version: int | None = None
) -> Obligation:
    """Set an open obligation aside for a stated reason: a supervisor's decision (SPEC §5)."""
    _require_supervisor(actor, obligation)
    reason = _reason(reason)
    now = timezone.now()
    with transaction.atomic(durable=True):  # only the obligation page calls it
        save_if_current(
            obligation,
            seen_version=obligation.version if seen_version is None else seen_version,
            where={"status": "open"},
            changes=_set_aside(actor, reason, now),
            stale=STALE,
        )
        write_history(obligation, actor, now, "not_applicable", f"Marked not applicable: {reason}")
        record_event(
            actor=actor,
            action="obligation.not_applicable",
            target=obligation,
            youth=obligation.youth,
            reason=reason,
            detail={"kind": obligation.kind},
        )
    return obligation


def _require_supervisor(actor: User, obligation: Obligation) -> None:
    """Only the supervisor of the youth's unit (the access rule's APPROVE) sets one aside."""
    if not decide(actor.to_actor(), case_scope(obligation.youth), Action.APPROVE, timezone.now()):
        raise NotAllowed(
            "only the supervisor of the youth's unit may mark an obligation not applicable"
        )


def _reason(reason: str) -> str:
    if not reason.strip():
        raise InputError("say why this obligation does not apply", field="reason")
    return reason.strip()


def _set_aside(actor: User, reason: str, now: dt.datetime) -> dict[str, object]:
    """Return the fields that set an obligation aside (it is never escalated again)."""
    return {
        "status": "not_applicable",
        "not_applicable_reason": reason,
        "not_applicable_by": actor,
        "not_applicable_at": now,
        "next_escalation_at": None,
    }
