"""Writes for screenings, by topic; callers import from ``safeharbor.screenings.actions``.

- ``screening``: record a screening, change its tier by professional judgement;
- ``victim_status``: the victim status a screening proposes, confirmed by the caseworker, and
  victim status recorded or corrected from the youth's page (SPEC §7).
"""

from safeharbor.screenings.actions.screening import (
    DECIDED,
    NotAllowed,
    decide_override,
    override_tier,
    record_screening,
)
from safeharbor.screenings.actions.victim_status import (
    confirm_victim_status,
    correct_victim_status,
    record_other_victim_status,
)

__all__ = [
    "DECIDED",
    "NotAllowed",
    "confirm_victim_status",
    "correct_victim_status",
    "decide_override",
    "override_tier",
    "record_other_victim_status",
    "record_screening",
]
