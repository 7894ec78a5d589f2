"""Whether a legally required report is recorded completely enough to count (SPEC §5, §8).

A report to law enforcement, NCMEC or the District Attorney names the agency it went to, how and
when it was made, and the reference the recipient gave (law enforcement: the report number or the
NCIC number; NCMEC: its case number). A correction is a new report linked to the original; it may
change everything but whom the report went to and what it was about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from safeharbor.domain.errors import InputError

# What a correction may change: everything but whom the report was made to and what about.
AMENDABLE = (
    "agency_name",
    "contact",
    "method",
    "reported_at",
    "reference_number",
    "officer",
    "ncic_number",
    "reported_by_name",
    "notes",
)
# The reference each recipient gives, in the words of the refusal when it is missing.
REFERENCE_NAMES = {
    "law_enforcement": "the report or NCIC number",
    "ncmec": "the NCMEC case number",
}
# A form filled on a clock a little ahead of the server's is not "in the future".
SKEW = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class ReportDetails:
    """What a report says of itself: to whom, the agency, how, when, the references given."""

    recipient: str
    agency_name: str
    method: str
    reported_at: dt.datetime
    reference_number: str = ""
    ncic_number: str = ""


def check_report(report: ReportDetails, *, methods: Collection[str], now: dt.datetime) -> None:
    """Refuse a report that is incomplete or impossible, naming the field to fix."""
    if not report.agency_name.strip():
        raise InputError("name the agency the report was made to", field="agency_name")
    if report.method not in methods:
        raise InputError(f"unknown method {report.method!r}", field="method")
    _check_time(report.reported_at, now)
    _check_reference(report)


def _check_time(reported_at: dt.datetime, now: dt.datetime) -> None:
    if reported_at.utcoffset() is None:
        raise InputError("the report time needs a time zone", field="reported_at")
    if reported_at > now + SKEW:
        raise InputError("the report cannot have been made in the future", field="reported_at")


def _check_reference(report: ReportDetails) -> None:
    """Law enforcement gives a report or NCIC number, NCMEC a case number; the DA need not."""
    if report.recipient not in REFERENCE_NAMES:
        return
    given = report.reference_number.strip() or (
        report.recipient == "law_enforcement" and report.ncic_number.strip()
    )
    if not given:
        raise InputError(
            f"enter {REFERENCE_NAMES[report.recipient]} the recipient gave",
            field="reference_number",
        )


def check_reason(reason: str) -> str:
    """Return a correction's reason, trimmed; refuse a correction that gives none."""
    if not reason.strip():
        raise InputError("say what the correction is and why", field="amendment_reason")
    return reason.strip()


def check_corrected(names: Iterable[str]) -> None:
    """Refuse a correction of a field a report does not have or may not change."""
    unknown = sorted(set(names) - set(AMENDABLE))
    if unknown:
        raise InputError(f"a report has no field {unknown[0]!r} to correct")
