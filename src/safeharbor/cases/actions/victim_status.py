"""Victim status (SPEC §7): record a determination once, correct it by amendment, never delete."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import require
from safeharbor.cases.victim_status_models import (
    AMENDABLE_FIELDS,
    KIND_CHOICES,
    SOURCE_CHOICES,
    STATUS_CHOICES,
    TIMING_CHOICES,
    DeterminationAmendment,
    VictimDetermination,
)
from safeharbor.domain.access import Action
from safeharbor.domain.errors import InputError
from safeharbor.writes import create_once, save_if_current

REASON_LIMIT = 2000
DETAIL_LIMIT = 200
STALE = "someone else corrected this determination after you opened it"
_CHOICES = {
    "kind": KIND_CHOICES,
    "source": SOURCE_CHOICES,
    "timing": TIMING_CHOICES,
    "status": STATUS_CHOICES,
}


def record_victim_status(
    *,
    actor: User,
    youth: Youth,
    kind: str,
    identified_on: dt.date,
    source: str,
    timing: str,
    idempotency_key: str,
    source_detail: str = "",
) -> VictimDetermination:
    """Record that the youth was identified as a victim (a double submit keeps one record)."""
    require(actor, youth, Action.EDIT)
    values = _checked(
        youth,
        {
            "kind": kind,
            "identified_on": identified_on,
            "source": source,
            "timing": timing,
            "source_detail": source_detail,
        },
    )
    with transaction.atomic():  # never durable: the screening's confirmation calls it
        row, created = create_once(
            VictimDetermination,
            key={"idempotency_key": idempotency_key},
            create=lambda: _new(actor, youth, values, idempotency_key),
            expect={"youth": youth},
        )
        if created:
            record_event(
                actor=actor,
                action="victim_status.recorded",
                target=row,
                youth=youth,
                detail={"kind": row.kind, "source": row.source, "timing": row.timing},
            )
        return row


def _new(
    actor: User, youth: Youth, values: dict[str, Any], idempotency_key: str
) -> VictimDetermination:
    return VictimDetermination.objects.create(
        youth=youth,
        recorded_by=actor,
        recorded_at=timezone.now(),
        idempotency_key=idempotency_key,
        **values,
    )


def amend_victim_status(
    *,
    actor: User,
    determination: VictimDetermination,
    seen_version: int,
    reason: str,
    **changes: Any,
) -> VictimDetermination:
    """Correct a determination with a reason, keeping the values before and after (SPEC §7)."""
    youth = determination.youth
    require(actor, youth, Action.EDIT)
    reason = _reason(reason)
    changed = _changed(determination, _checked(youth, changes))
    with transaction.atomic():  # never durable: screenings' correction calls it
        before = {name: _plain(getattr(determination, name)) for name in changed}
        save_if_current(determination, seen_version=seen_version, changes=changed, stale=STALE)
        amendment = DeterminationAmendment.objects.create(
            determination=determination,
            amended_by=actor,
            amended_at=timezone.now(),
            reason=reason,
            before=before,
            after={name: _plain(value) for name, value in changed.items()},
        )
        record_event(
            actor=actor,
            action="victim_status.amended",
            target=determination,
            youth=youth,
            reason=reason,
            detail={"fields": sorted(changed), "amendment": amendment.pk},
        )
        return determination


def _checked(youth: Youth, values: dict[str, Any]) -> dict[str, Any]:
    """Return ``values`` if each is allowed, else refuse naming the field."""
    unknown = set(values) - set(AMENDABLE_FIELDS)
    if unknown:
        raise InputError(f"unknown victim-status field(s): {', '.join(sorted(unknown))}")
    for name, choices in _CHOICES.items():
        if name in values and values[name] not in dict(choices):
            raise InputError(f"choose one of the listed values for {name}", field=name)
    if "identified_on" in values:
        _check_day(youth, values["identified_on"])
    if len(values.get("source_detail", "")) > DETAIL_LIMIT:
        raise InputError(f"keep this to {DETAIL_LIMIT} characters", field="source_detail")
    return values


def _check_day(youth: Youth, day: dt.date) -> None:
    if day > timezone.localdate():
        raise InputError("the day identified cannot be in the future", field="identified_on")
    if day < youth.date_of_birth:
        raise InputError(
            "the day identified cannot be before the youth's birth", field="identified_on"
        )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise InputError("say why the determination is corrected", field="reason")
    if len(reason) > REASON_LIMIT:
        raise InputError(f"keep the reason to {REASON_LIMIT} characters", field="reason")
    return reason


def _changed(determination: VictimDetermination, values: dict[str, Any]) -> dict[str, Any]:
    changed = {k: v for k, v in values.items() if getattr(determination, k) != v}
    if not changed:
        raise InputError("nothing was changed: correct at least one value", field="reason")
    return changed


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
