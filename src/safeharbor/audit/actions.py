"""Write audit events: always inside the caller's transaction, so a failed write fails the work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import timezone

from safeharbor.audit.catalogue import EVENTS
from safeharbor.audit.context import current_origin
from safeharbor.audit.models import AuditEvent
from safeharbor.domain.audit_chain import GENESIS, digest

if TYPE_CHECKING:
    from safeharbor.accounts.models import User
    from safeharbor.cases.models import Youth

# Any constant shared by every writer: PostgreSQL serialises chain appends on this lock.
_CHAIN_LOCK_KEY = 0x5AFE4A2B


def _lock_chain() -> None:
    """Hold the chain until commit so two writers never link to the same predecessor."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite runs write transactions one at a time (transaction_mode IMMEDIATE in settings).


# The reason of an event whose words are case content: they stay in their encrypted record
# (a sharing's basis, a referral's basis, an override's reason), never in the audit table.
IN_THE_RECORD = "stated in the record"


def record_event(
    *,
    actor: User | None,
    action: str,
    target: Any = None,
    youth: Youth | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event; must run inside the transaction of the read or change it records."""
    if action not in EVENTS:
        raise ValueError(f"unknown audit event {action!r}: add it to audit/catalogue.py")
    if not connection.in_atomic_block:
        raise RuntimeError("record_event must run inside transaction.atomic() with its work")
    event = _event(actor, action, target, youth, reason, detail or {})
    _lock_chain()
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event.prev_hash = last or GENESIS
    event.hash = digest(event.prev_hash, event.chained_fields())
    event.save(force_insert=True)
    return event


def _event(
    actor: User | None,
    action: str,
    target: Any,
    youth: Youth | None,
    reason: str,
    detail: dict[str, Any],
) -> AuditEvent:
    """Return the unsaved event, attributed to the current request's or command's origin."""
    origin = current_origin()
    return AuditEvent(
        at=timezone.now(),
        actor=actor,
        actor_username=actor.get_username() if actor else "system",
        actor_role=actor.role if actor else "",
        action=action,
        target_type=target._meta.model_name if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        youth=youth,
        origin_address=origin.address,
        origin_client=origin.client,
        reason=reason,
        detail=detail,
    )
