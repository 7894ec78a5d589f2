"""The agency's thresholds for the patterns of ``domain.missing_patterns``."""

from __future__ import annotations

from safeharbor.accounts.models import User
from safeharbor.cases.scope import NotAllowed
from safeharbor.domain.access import Role
from safeharbor.domain.missing_patterns import PatternPolicy, policy_keys
from safeharbor.missing.models import MissingPatternPolicy
from safeharbor.obligations.actions import save_agency_settings


def current_pattern_policy() -> PatternPolicy:
    """Return the agency's pattern thresholds in force (the defaults until an admin edits)."""
    row = MissingPatternPolicy.objects.first()
    return PatternPolicy() if row is None else PatternPolicy.from_mapping(row.values())


def update_pattern_policy(
    *, actor: User, values: dict[str, object], seen_version: int
) -> MissingPatternPolicy:
    """Change the pattern thresholds (administrators); they apply to episodes recorded later."""
    if actor.role != Role.ADMINISTRATOR:
        raise NotAllowed("only an administrator changes the agency's pattern thresholds")
    policy = PatternPolicy.from_mapping(values)  # InputError names the setting
    return save_agency_settings(
        MissingPatternPolicy,
        actor=actor,
        values={key: getattr(policy, key) for key in policy_keys()},
        seen_version=seen_version,
        what="thresholds",
        action="missing_policy.updated",
    )
