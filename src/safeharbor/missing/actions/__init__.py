"""Writes for missing episodes: record, correct, search, return, debrief; audited, one open
episode per youth. The clocks start and stop here, in the transaction of the record that is the
event (SPEC §5.1: ``youth_missing``, ``youth_returned``, ``return_debrief_completed``); the
reports themselves are ``obligations.actions.record_legal_report``.
"""

from safeharbor.cases.scope import NotAllowed
from safeharbor.missing.actions.episodes import record_missing, update_missing_details
from safeharbor.missing.actions.flags import may_respond, record_flag_response
from safeharbor.missing.actions.policy import current_pattern_policy, update_pattern_policy
from safeharbor.missing.actions.returns import record_debrief, record_return
from safeharbor.missing.actions.search import record_locate_effort

__all__ = [
    "NotAllowed",
    "current_pattern_policy",
    "may_respond",
    "record_debrief",
    "record_flag_response",
    "record_locate_effort",
    "record_missing",
    "record_return",
    "update_missing_details",
    "update_pattern_policy",
]
