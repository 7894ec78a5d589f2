"""Writes of the youth's record itself: create, edit (refusing a stale edit).

Assigning and moving the case are in ``assignment``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.actions.assignment import start_assignment
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import require
from safeharbor.domain.access import Action, Role
from safeharbor.domain.errors import InputError
from safeharbor.writes import save_if_current


def _next_record_number(district: District) -> str:
    count = Youth.objects.filter(district=district).count() + 1
    while True:
        number = f"{district.code.upper()}-{count:05d}"
        if not Youth.objects.filter(record_number=number).exists():
            return number
        count += 1


YOUTH_FIELDS = (
    "preferred_name",
    "legal_first_name",
    "legal_middle_name",
    "legal_last_name",
    "date_of_birth",
    "gender_identity",
    "pronouns",
    "race",
    "hispanic_latino",
    "primary_language",
    "other_languages",
    "immigration_status",
    "custody_status",
    "closed_reason",
    "state_record_number",
    "photo_reference",
)


def _check_youth_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(YOUTH_FIELDS)
    if unknown:
        raise InputError(f"unknown youth field(s): {', '.join(sorted(unknown))}")


def create_youth(
    *,
    actor: User | None,
    district: District,
    caseworker: User | None = None,
    record_number: str = "",
    **fields: Any,
) -> Youth:
    """Create a youth's record, optionally assigned to a caseworker of the same district."""
    _check_youth_fields(fields)
    if caseworker is not None and (
        caseworker.role != Role.CASEWORKER or caseworker.district_id != district.pk
    ):
        raise InputError("assign the youth to a caseworker of the youth's district")
    now = timezone.now()
    with transaction.atomic():
        youth = Youth.objects.create(
            district=district,
            caseworker=caseworker,
            record_number=record_number or _next_record_number(district),
            created_at=now,
            updated_at=now,
            unit=caseworker.unit if caseworker is not None else None,
            **fields,
        )
        if caseworker is not None and caseworker.unit is not None:
            start_assignment(actor, youth, caseworker.unit, caseworker)
        record_event(actor=actor, action="youth.created", target=youth, youth=youth)
        return youth


def update_youth(*, actor: User, youth: Youth, seen_version: int, **changes: Any) -> Youth:
    """Change a youth's identity fields if nobody saved since ``seen_version`` (else StaleEdit)."""
    _check_youth_fields(changes)
    require(actor, youth, Action.EDIT)
    with transaction.atomic(durable=True):
        changed = {k: v for k, v in changes.items() if getattr(youth, k) != v}
        save_if_current(
            youth,
            seen_version=seen_version,
            changes={**changed, "updated_at": timezone.now()},
            stale=f"{youth.short_name}'s record was changed by someone else after you opened it",
        )
        record_event(
            actor=actor,
            action="youth.updated",
            target=youth,
            youth=youth,
            detail={"fields": sorted(changed)},
        )
        return youth
