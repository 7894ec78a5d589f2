"""The agency-configurable clock durations (SPEC §5, "agency-configurable"), with their defaults.

Every value is a number of elapsed hours. The defaults are the seed policy's and the law's; an
agency overrides them as data an administrator edits. A value that is not a positive, finite
number (booleans are not numbers) and a key that is not one of these are refused with an
``InputError`` naming them, so a misspelt override never silently leaves a default in force.
``report_missing_hours`` may be shortened by a state's law but never lengthened beyond the
federal 24 hours (``MAX_HOURS``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

from safeharbor.domain.clocks.events import shown
from safeharbor.domain.errors import InputError


@dataclass(frozen=True)
class ClockPolicy:
    """Agency-configurable durations in elapsed hours; build with overrides or ``from_mapping``."""

    complete_screening_hours: float = 72  # seed 002 §VII.A.1
    return_debrief_hours: float = 24  # 42 U.S.C. 671(a)(35)(A); Florida and Missouri policy
    refer_cac_mdt_hours: float = 72  # 34 U.S.C. 20304(c)(2)(C), the federal CAC outer limit
    high_risk_da_report_hours: float = 72  # seed 002 Appendix A
    consultation_meeting_hours: float = 168  # seed 002 §VII.B.3: 7 days
    community_referrals_hours: float = 336  # seed 002 §VII.B.4: 14 days
    escalate_pa_hours: float = 24  # SPEC §5: program administrator once overdue this much more
    prior_action_credit_hours: float = 168  # SPEC §5 "done already counts": how far back
    report_missing_hours: float = 24  # 42 U.S.C. 671(a)(35)(B): a state may be stricter only

    def __post_init__(self) -> None:
        for key in policy_keys():
            _check_hours(key, getattr(self, key))

    @classmethod
    def from_mapping(cls, overrides: Mapping[str, object]) -> ClockPolicy:
        """Build a policy from ``{key: hours}`` overrides; refuse unknown keys and bad values."""
        known = policy_keys()
        for key in overrides:
            if key not in known:
                raise InputError(
                    f"policy: unknown key {shown(key)} (known keys: {', '.join(known)})",
                    field=f"policy.{key}",
                )
        checked = {key: _check_hours(key, value) for key, value in overrides.items()}
        return cls(**checked)

    def hours(self, key: str) -> float:
        """Return the hours configured under ``key``."""
        if key not in policy_keys():
            raise KeyError(key)
        value: float = getattr(self, key)
        return value


MAX_HOURS: dict[str, float] = {"report_missing_hours": 24}  # 42 U.S.C. 671(a)(35)(B)


def policy_keys() -> tuple[str, ...]:
    """Return the policy keys, in declaration order."""
    return tuple(field.name for field in fields(ClockPolicy))


def _check_hours(key: str, value: object) -> float:
    """Return ``value`` if it is a positive, finite number of hours; else raise ``InputError``."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not math.isfinite(value))
        or value <= 0
    ):
        raise InputError(
            f"policy.{key}: expected a positive number of hours, got {shown(value)}",
            field=f"policy.{key}",
        )
    ceiling = MAX_HOURS.get(key)
    if ceiling is not None and value > ceiling:
        raise InputError(
            f"policy.{key}: {shown(value)} is above {ceiling:g} hours, the federal limit "
            "(42 U.S.C. 671(a)(35)(B)); a state may set a shorter window, never a longer one",
            field=f"policy.{key}",
        )
    return value
