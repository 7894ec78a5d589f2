"""Writes for the partners app: referrals, team meetings and their outcomes, needs, the directory.

Every write: keyword-only ``actor``, atomic, audited in the same transaction, clocks started or
satisfied in the action that records the event (ARCHITECTURE §1); idempotent creates and
version-checked saves through ``safeharbor.writes``.
"""

from safeharbor.cases.scope import NotAllowed
from safeharbor.partners.actions.directory import AGENCY_FIELDS, save_service_agency
from safeharbor.partners.actions.meetings import (
    Guest,
    Sharing,
    cancel_meeting,
    end_sharing,
    schedule_meeting,
    seat_of,
)
from safeharbor.partners.actions.needs import record_needs_assessment, update_need
from safeharbor.partners.actions.outcomes import (
    StepInput,
    complete_next_step,
    record_meeting_outcome,
)
from safeharbor.partners.actions.referrals import (
    REFERRAL_EVENTS,
    REPORTING_KINDS,
    record_referral,
    update_referral_status,
)

__all__ = [
    "AGENCY_FIELDS",
    "REFERRAL_EVENTS",
    "REPORTING_KINDS",
    "Guest",
    "NotAllowed",
    "Sharing",
    "StepInput",
    "cancel_meeting",
    "complete_next_step",
    "end_sharing",
    "record_meeting_outcome",
    "record_needs_assessment",
    "record_referral",
    "save_service_agency",
    "schedule_meeting",
    "seat_of",
    "update_need",
    "update_referral_status",
]
