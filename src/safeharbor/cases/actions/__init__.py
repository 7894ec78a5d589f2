"""Writes for youth records, by topic: keyword-only actor, atomic, audited, refusing stale edits.

Each reads as the steps of its rule: check, write, audit, notify. ``durable=True`` marks the
actions only views call (a caller's transaction around them would be a mistake); the others also
run inside intake's, partners' and the demo's transactions. Everything is re-exported here, so
callers import from ``safeharbor.cases.actions``.
"""

from safeharbor.cases.actions.assignment import assign_youth, move_youth_to_unit
from safeharbor.cases.actions.care import correct_removal, record_exit, record_removal
from safeharbor.cases.actions.emergency import (
    EMERGENCY_MINUTES,
    EMERGENCY_ROLES,
    MIN_REASON_LENGTH,
    EmergencyAccess,
    emergency_reviewers,
    request_emergency_access,
    review_emergency_access,
)
from safeharbor.cases.actions.placements import add_placement, correct_placement, end_placement
from safeharbor.cases.actions.records import Upload, amend_note, upload_photo, write_note
from safeharbor.cases.actions.shared_text import refuse_placement_address
from safeharbor.cases.actions.sharing import (
    grant_address_access,
    partner_still_sees,
    revoke_share,
    set_sharing_default,
    share_youth,
    widen_share,
)
from safeharbor.cases.actions.victim_status import amend_victim_status, record_victim_status
from safeharbor.cases.actions.youth import YOUTH_FIELDS, create_youth, update_youth
from safeharbor.cases.scope import NotAllowed
from safeharbor.writes import StaleEdit

__all__ = [
    "EMERGENCY_MINUTES",
    "EMERGENCY_ROLES",
    "MIN_REASON_LENGTH",
    "YOUTH_FIELDS",
    "EmergencyAccess",
    "NotAllowed",
    "StaleEdit",
    "Upload",
    "add_placement",
    "amend_note",
    "amend_victim_status",
    "assign_youth",
    "correct_placement",
    "correct_removal",
    "create_youth",
    "emergency_reviewers",
    "end_placement",
    "grant_address_access",
    "move_youth_to_unit",
    "partner_still_sees",
    "record_exit",
    "record_removal",
    "record_victim_status",
    "refuse_placement_address",
    "request_emergency_access",
    "review_emergency_access",
    "revoke_share",
    "set_sharing_default",
    "share_youth",
    "update_youth",
    "upload_photo",
    "widen_share",
    "write_note",
]
