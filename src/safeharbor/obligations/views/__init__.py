"""Obligation pages, by topic: ``pages`` (my work, the boards, one obligation, the clock
durations) and ``assignment`` (assigning the youth's case and an obligation's owner)."""

from safeharbor.obligations.views.assignment import assign, obligation_owner
from safeharbor.obligations.views.pages import (
    amend_report,
    board,
    clock_settings,
    detail,
    my_work,
    not_applicable,
    record_report,
)

__all__ = [
    "amend_report",
    "assign",
    "board",
    "clock_settings",
    "detail",
    "my_work",
    "not_applicable",
    "obligation_owner",
    "record_report",
]
