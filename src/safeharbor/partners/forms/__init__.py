"""Forms for referrals, team meetings, needs and the service directory, by topic.

Free text entered by staff is checked for harmful words (``ui.forms.WordingChecked``): each is
named with a respectful alternative, and the worker may take it or keep their wording when
quoting someone.
"""

from safeharbor.partners.forms.directory import ServiceAgencyForm
from safeharbor.partners.forms.meetings import (
    DURATION_CHOICES,
    FIELD_GROUP_LABELS,
    NEXT_STEP_ROWS,
    CancelForm,
    InviteeChoice,
    MeetingForm,
    OutcomeForm,
    RevokeForm,
    SharingDefaultForm,
    StepDoneForm,
    WidenForm,
    group_labels,
)
from safeharbor.partners.forms.needs import PRIORITY_CHOICES, NeedForm, NeedsAssessmentForm
from safeharbor.partners.forms.referrals import ReferralForm, ReferralStatusForm

__all__ = [
    "DURATION_CHOICES",
    "FIELD_GROUP_LABELS",
    "NEXT_STEP_ROWS",
    "PRIORITY_CHOICES",
    "CancelForm",
    "InviteeChoice",
    "MeetingForm",
    "NeedForm",
    "NeedsAssessmentForm",
    "OutcomeForm",
    "ReferralForm",
    "ReferralStatusForm",
    "RevokeForm",
    "ServiceAgencyForm",
    "SharingDefaultForm",
    "StepDoneForm",
    "WidenForm",
    "group_labels",
]
