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
from safeharbor.partners.models import AGENCY_FIELDS, ServiceAgency
from safeharbor.writes import save_if_current

__all__ = ["AGENCY_FIELDS", "save_service_agency"]


def save_service_agency(
    *,
    actor: User | None,
    districts: list[District],
    agency: ServiceAgency | None = None,
    seen_version: int | None = None,
    **values: Any,
) -> ServiceAgency:
    """Add an agency to the directory, or correct one (administrators; stale edits refused).

    ``seen_version`` is the version the administrator opened; without it, the version the caller
    holds. Not durable: the demo builds its directory inside its own transaction.
    """
    if actor is not None and actor.role != Role.ADMINISTRATOR:
        raise NotAllowed("only an administrator maintains the service directory")
    _check(values, districts)
    with transaction.atomic():
        if agency is None:
            saved = _add(actor, values)
        else:
            saved = _correct(actor, agency, seen_version, values)
        saved.districts.set(districts)
        record_event(
            actor=actor,
            action="directory.agency_changed" if agency else "directory.agency_added",
            target=saved,
            detail={"name": saved.name, "active": saved.active},
        )
    return saved


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


def _add(actor: User | None, values: dict[str, Any]) -> ServiceAgency:
    return ServiceAgency.objects.create(updated_at=timezone.now(), updated_by=actor, **values)


def _correct(
    actor: User | None, agency: ServiceAgency, seen_version: int | None, values: dict[str, Any]
) -> ServiceAgency:
    return save_if_current(
        agency,
        seen_version=agency.version if seen_version is None else seen_version,
        changes={**values, "updated_at": timezone.now(), "updated_by": actor},
        stale=f"someone else changed {agency.name} after you opened it",
    )
