"""Forms for missing episodes: the episode, its reports, the search, the return, the debrief, and
the agency's pattern thresholds. Times are typed in the agency's zone; free text is checked for
words that describe a youth as an offender (SPEC §2, ``domain.language``)."""

from safeharbor.missing.forms.episodes import (
    DESCRIBED,
    DESCRIPTION_FIELDS,
    EpisodeForm,
    correction_initial,
    episode_initial,
    new_episode_initial,
    placement_words,
    risk_names,
)
from safeharbor.missing.forms.flags import FlagResponseForm
from safeharbor.missing.forms.policy import PatternPolicyForm
from safeharbor.missing.forms.reports import (
    NCMEC_NAME,
    REPORT_FORMS,
    LawEnforcementReportForm,
    NcmecReportForm,
    amendment_form,
    report_fields,
)
from safeharbor.missing.forms.returns import DebriefForm, ReturnForm, debrief_initial
from safeharbor.missing.forms.search import LocateEffortForm

__all__ = [
    "DESCRIBED",
    "DESCRIPTION_FIELDS",
    "NCMEC_NAME",
    "REPORT_FORMS",
    "DebriefForm",
    "EpisodeForm",
    "FlagResponseForm",
    "LawEnforcementReportForm",
    "LocateEffortForm",
    "NcmecReportForm",
    "PatternPolicyForm",
    "ReturnForm",
    "amendment_form",
    "correction_initial",
    "debrief_initial",
    "episode_initial",
    "new_episode_initial",
    "placement_words",
    "report_fields",
    "risk_names",
]
