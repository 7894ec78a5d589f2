"""Writes for the service directory: administrators add and correct community agencies."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.scope import NotAllowed
from safeharbor.domain.access import Role
from safeharbor.domain.errors import InputError
from safeharbor.domain.needs import need_kind
from safeharbor.partners.models import ServiceAgency

AGENCY_FIELDS = (
    "name",
    "needs",
    "sexual_assault_support",
    "services",
    "phone",
    "email",
    "website",
    "address",
    "contact_person",
    "languages",
    "eligibility",
    "active",
)


def _check(values: dict[str, Any], districts: list[District]) -> None:
    unknown = set(values) - set(AGENCY_FIELDS)
    if unknown:
        raise InputError(f"unknown directory field(s): {', '.join(sorted(unknown))}")
    if not str(values.get("name", "")).strip():
        raise InputError("name the agency", field="name")
    if not districts:
        raise InputError("choose at least one district the agency serves", field="districts")
    for need in values.get("needs", []):
        need_kind(need)
    if not values.get("needs") and not values.get("sexual_assault_support"):
        raise InputError(
            "say which needs the agency meets (or that it provides sexual assault support)",
            field="needs",
        )
    if not str(values.get("phone", "")).strip() and not str(values.get("email", "")).strip():
        raise InputError("give a phone number or an e-mail address", field="phone")


def save_service_agency(
    *,
    actor: User | None,
    districts: list[District],
    agency: ServiceAgency | None = None,
    seen_version: int | None = None,
    **values: Any,
) -> ServiceAgency:
    """Add an agency to the directory, or correct one (administrators; stale edits refused)."""
    if actor is not None and actor.role != Role.ADMINISTRATOR:
        raise NotAllowed("only an administrator maintains the service directory")
    _check(values, districts)
    now = timezone.now()
    with transaction.atomic():
        if agency is None:
            agency = ServiceAgency.objects.create(updated_at=now, updated_by=actor, **values)
            action = "directory.agency_added"
        else:
            fresh = ServiceAgency.objects.select_for_update().get(pk=agency.pk)
            if seen_version is not None and fresh.version != seen_version:
                raise InputError(
                    f"someone else changed {fresh.name} after you opened it; reload to see "
                    "their change, then make yours again"
                )
            for key, value in values.items():
                setattr(fresh, key, value)
            fresh.updated_at, fresh.updated_by = now, actor
            fresh.version += 1
            fresh.save()
            agency = fresh
            action = "directory.agency_changed"
        agency.districts.set(districts)
        record_event(
            actor=actor,
            action=action,
            target=agency,
            detail={"name": agency.name, "active": agency.active},
        )
        return agency
