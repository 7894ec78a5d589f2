"""The agency's clock durations, and the one way an agency's settings row is saved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.scope import NotAllowed
from safeharbor.domain.access import Role
from safeharbor.domain.clocks import ClockPolicy, policy_keys
from safeharbor.obligations.models import AgencyClockPolicy
from safeharbor.writes import save_if_current

SettingsRow = TypeVar("SettingsRow", bound=models.Model)


def current_policy() -> ClockPolicy:
    """Return the agency's clock policy in force now (the defaults until an administrator edits)."""
    row = AgencyClockPolicy.objects.first()
    return ClockPolicy() if row is None else row.to_policy()


def update_clock_policy(
    *, actor: User, values: dict[str, object], seen_version: int
) -> AgencyClockPolicy:
    """Change the configurable durations (administrators); applies to obligations opened later."""
    if actor.role != Role.ADMINISTRATOR:
        raise NotAllowed("only an administrator changes the agency's clock durations")
    policy = ClockPolicy.from_mapping(values)  # InputError names the key
    with transaction.atomic(durable=True):  # only the settings page calls it
        return save_agency_settings(
            AgencyClockPolicy,
            actor=actor,
            values={key: policy.hours(key) for key in policy_keys()},
            seen_version=seen_version,
            what="durations",
            action="clock_policy.updated",
        )


def save_agency_settings(
    model: type[SettingsRow],
    *,
    actor: User,
    values: Mapping[str, float],
    seen_version: int,
    what: str,
    action: str,
) -> SettingsRow:
    """Store already-validated values in an agency's one settings row, never over a newer change.

    The row is created on first save (version 0, so the first form saves version 1); the audit
    event names each changed setting with its old and new value (settings are not case content).
    Not durable: ``missing`` saves its thresholds through it from its own action.
    """
    with transaction.atomic():
        row, _ = model._default_manager.get_or_create(pk=1, defaults={"version": 0})
        before = _values(row)
        # The version check also guards ``before``: a change saved since it was read is refused.
        save_if_current(
            row,
            seen_version=seen_version,
            changes={**values, "updated_at": timezone.now(), "updated_by": actor},
            stale=f"someone else changed the {what} after you opened this page",
        )
        changed = _changes(before, _values(row))
        record_event(actor=actor, action=action, target=row, detail={"changed": changed})
        return row


def _values(row: models.Model) -> dict[str, float]:
    """Return a settings row's values by key (every agency settings model has ``values()``)."""
    values: dict[str, float] = row.values()  # type: ignore[attr-defined]  # not on Model itself
    return values


def _changes(before: Mapping[str, float], after: Mapping[str, float]) -> dict[str, list[float]]:
    return {key: [before[key], after[key]] for key in before if before[key] != after[key]}
