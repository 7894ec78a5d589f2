"""Writes for obligations, one module a topic; the names other apps call are re-exported here.

- ``clock_events``: ``record_clock_event``, the one entry point for recorded events with a clock;
- ``next_steps``: the next steps a team meeting agreed (``open_next_step``, ``satisfy_next_step``);
- ``not_applicable``: a supervisor sets an obligation aside (``mark_not_applicable``);
- ``legal_reports``: reports to law enforcement, NCMEC or the DA, and their corrections;
- ``settings``: the agency's clock durations and its one-row settings (``save_agency_settings``);
- ``escalation``: telling owners, supervisors and program administrators (``escalate_obligations``);
- ``assignment``: the case to a caseworker or unit, the obligations following it, an owner;
- ``history``: what they share (the history line, the satisfied fields written once).
"""

from safeharbor.domain.reports import AMENDABLE
from safeharbor.obligations.actions.assignment import (
    assign_caseworker,
    assign_obligation_owner,
    move_to_unit,
)
from safeharbor.obligations.actions.clock_events import record_clock_event
from safeharbor.obligations.actions.escalation import escalate_obligations
from safeharbor.obligations.actions.legal_reports import (
    REPORT_EVENTS,
    REPORT_FOR_KIND,
    amend_legal_report,
    link_reports_to,
    record_legal_report,
)
from safeharbor.obligations.actions.next_steps import (
    NEXT_STEP_SOURCE,
    open_next_step,
    satisfy_next_step,
)
from safeharbor.obligations.actions.not_applicable import mark_not_applicable
from safeharbor.obligations.actions.settings import (
    current_policy,
    save_agency_settings,
    update_clock_policy,
)

__all__ = [
    "AMENDABLE",
    "NEXT_STEP_SOURCE",
    "REPORT_EVENTS",
    "REPORT_FOR_KIND",
    "amend_legal_report",
    "assign_caseworker",
    "assign_obligation_owner",
    "current_policy",
    "escalate_obligations",
    "link_reports_to",
    "mark_not_applicable",
    "move_to_unit",
    "open_next_step",
    "record_clock_event",
    "record_legal_report",
    "satisfy_next_step",
    "save_agency_settings",
    "update_clock_policy",
]
