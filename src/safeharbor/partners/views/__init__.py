"""Pages for referrals, team meetings, needs and the service directory: thin function views.

Each reads through ``queries``, writes through ``actions`` with ``run_action`` (a refusal is
shown beside its field, with everything typed kept), and renders. One module per topic.
"""

from safeharbor.partners.views.directory import agency_edit, agency_new, directory
from safeharbor.partners.views.meetings import (
    meeting_cancel,
    meeting_detail,
    meeting_ics,
    meeting_new,
    meeting_outcome,
    share_revoke,
    share_widen,
    step_done,
)
from safeharbor.partners.views.needs import need_edit, needs_assess
from safeharbor.partners.views.referrals import referral_detail, referral_new, referral_status
from safeharbor.partners.views.sharing import sharing_defaults

__all__ = [
    "agency_edit",
    "agency_new",
    "directory",
    "meeting_cancel",
    "meeting_detail",
    "meeting_ics",
    "meeting_new",
    "meeting_outcome",
    "need_edit",
    "needs_assess",
    "referral_detail",
    "referral_new",
    "referral_status",
    "share_revoke",
    "share_widen",
    "sharing_defaults",
    "step_done",
]
