"""The checks the agency runs on a period's file before sending it (SPEC §7), and the summary.

Every finding names the child, the element, the rule and a severity, with a message a person
understands (the child's id, the element in words, what to do):

- ``missing_data`` on E106 or E109 when blank: an ``error`` for a child aged ``detail_min_age``
  or older on the period's end, a ``warning`` for a younger child (45 CFR 1355.46);
- ``victim_not_reported`` (``error``, on E107 or E110) when a counted determination has no report
  and more than one day passed between its identification and the period's end;
- ``report_late`` (``warning``, on E108 or E111) when a determination's first report came more
  than one day after its identification (42 U.S.C. 671(a)(34)(A): within 24 hours);
- ``report_before_removal`` (``error``, on E111) for a report date before the removal date *r*.

A child whose 18th birthday fell before the period began is in the file but exempt from findings.
One finding is made per child, element and rule; when several determinations meet the rule, the
message names each.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from safeharbor.domain.dates import age_on
from safeharbor.domain.federal.children import Child
from safeharbor.domain.federal.elements import Counted, CurrentEpisode, Record
from safeharbor.domain.federal.mapping import Element, ElementMapping, Role
from safeharbor.domain.federal.periods import Period

REPORT_LAW = "42 U.S.C. 671(a)(34)(A)"
ADULT_AGE = 18
_ONE_DAY = dt.timedelta(days=1)


class Rule(enum.StrEnum):
    """The rules a finding is made under (SPEC §7)."""

    MISSING_DATA = "missing_data"
    VICTIM_NOT_REPORTED = "victim_not_reported"
    REPORT_LATE = "report_late"
    REPORT_BEFORE_REMOVAL = "report_before_removal"


class Severity(enum.StrEnum):
    """An ``error`` must be fixed before the file is sent; a ``warning`` asks someone to look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in a child's record: child, element, rule, severity, message and source."""

    child: str
    element: Element
    rule: Rule
    severity: Severity
    message: str
    source: str

    @property
    def sort_key(self) -> tuple[str, int, str]:
        """Return the order of the file: child, element number, rule."""
        return self.child, int(self.element.number[1:]), self.rule.value


@dataclass(frozen=True)
class ElementSummary:
    """How many records an element has, how many are blank, and whether that is over the limit."""

    element: Element
    records: int
    missing: int
    over_limit: bool


@dataclass(frozen=True)
class _Check:
    """What every rule looks at for one child."""

    child: Child
    period: Period
    mapping: ElementMapping
    detail_min_age: int

    def finding(self, role: Role, rule: Rule, severity: Severity, message: str) -> Finding:
        """Return a finding on this child's element ``role``."""
        element = self.mapping[role]
        source = self.mapping.missing_data_citation if rule is Rule.MISSING_DATA else REPORT_LAW
        if rule is Rule.REPORT_BEFORE_REMOVAL:
            source = element.citation
        return Finding(self.child.id, element, rule, severity, message, source)

    def element(self, role: Role) -> str:
        """Return the element as messages name it."""
        return self.mapping[role].described


def is_exempt(child: Child, period: Period) -> bool:
    """Return whether the child's 18th birthday fell before the period began (SPEC §7)."""
    return age_on(child.date_of_birth, period.start - _ONE_DAY) >= ADULT_AGE


def findings_for(
    child: Child,
    record: Record,
    current: CurrentEpisode | None,
    period: Period,
    mapping: ElementMapping,
    detail_min_age: int,
) -> list[Finding]:
    """Return the findings on one child's record, sorted; none when the child is exempt."""
    if is_exempt(child, period):
        return []
    check = _Check(child, period, mapping, detail_min_age)
    found = _missing(check, record, Role.PRIOR_VICTIM) + _missing(
        check, record, Role.IN_CARE_VICTIM
    )
    if current is not None:
        found += _reporting(check, current.prior, Role.PRIOR_REPORTED, Role.PRIOR_REPORT_DATE)
        found += _reporting(
            check, current.in_care, Role.IN_CARE_REPORTED, Role.IN_CARE_REPORT_DATES
        )
        found += _before_removal(check, current)
    return sorted(found, key=lambda finding: finding.sort_key)


def summarize(records: Iterable[Record], mapping: ElementMapping) -> tuple[ElementSummary, ...]:
    """Count records and blanks of E106 and E109; more than 10% blank is over (45 CFR 1355.46)."""
    held = tuple(records)
    return tuple(_summary(held, mapping, role) for role in (Role.PRIOR_VICTIM, Role.IN_CARE_VICTIM))


def _summary(records: tuple[Record, ...], mapping: ElementMapping, role: Role) -> ElementSummary:
    """Summarize one element; exactly the limit is not over it."""
    missing = sum(1 for record in records if record.value(role) is None)
    over = missing * 100 > len(records) * mapping.missing_data_limit_percent
    return ElementSummary(mapping[role], len(records), missing, over)


def _missing(check: _Check, record: Record, role: Role) -> list[Finding]:
    """Find a blank E106 or E109: an error from ``detail_min_age`` on the period's end."""
    if record.value(role) is not None:
        return []
    end = check.period.end
    age = age_on(check.child.date_of_birth, end)
    why = (
        f"Child {check.child.id}: {check.element(role)} is blank because the sex-trafficking "
        f"detail for period {check.period} was not completed. The child is {age} on {end}, "
    )
    if age >= check.detail_min_age:
        todo = (
            f"so the detail is required (age {check.detail_min_age} or older): complete it "
            f"before the file is sent (due {check.period.due})."
        )
        return [check.finding(role, Rule.MISSING_DATA, Severity.ERROR, why + todo)]
    todo = (
        f"younger than {check.detail_min_age}, so the detail is not required, but the blank "
        f"counts toward the {check.mapping.missing_data_limit_percent}% missing-data limit: "
        "complete the detail if the agency knows the answer."
    )
    return [check.finding(role, Rule.MISSING_DATA, Severity.WARNING, why + todo)]


def _reporting(
    check: _Check, counted: tuple[Counted, ...], reported: Role, dates: Role
) -> list[Finding]:
    """Find determinations never reported (on E107/E110) or first reported late (E108/E111)."""
    return _not_reported(check, counted, reported) + _late(check, counted, dates)


def _not_reported(check: _Check, counted: tuple[Counted, ...], role: Role) -> list[Finding]:
    """Find counted determinations with no report, identified more than a day before the end."""
    end = check.period.end
    days = [c.identified_on for c in counted if not c.reports and end - c.identified_on > _ONE_DAY]
    if not days:
        return []
    them = "it" if len(days) == 1 else "them"
    message = (
        f"Child {check.child.id}: for {check.element(role)}, the sex-trafficking "
        f"{_determinations(days)} no report to law enforcement dated on or before {end}. "
        f"Report {them} to law enforcement now and record the date: the law asks for a report "
        f"within 24 hours of identification ({REPORT_LAW})."
    )
    return [check.finding(role, Rule.VICTIM_NOT_REPORTED, Severity.ERROR, message)]


def _late(check: _Check, counted: tuple[Counted, ...], role: Role) -> list[Finding]:
    """Find determinations first reported more than one day after they were identified."""
    late = [c for c in counted if c.reports and c.reports[0] - c.identified_on > _ONE_DAY]
    if not late:
        return []
    message = (
        f"Child {check.child.id}: for {check.element(role)}, {_late_words(late)}. The law asks "
        f"for a report within 24 hours ({REPORT_LAW}): check both dates in the record and, if "
        "they are right, review the delay with the supervisor."
    )
    return [check.finding(role, Rule.REPORT_LATE, Severity.WARNING, message)]


def _before_removal(check: _Check, current: CurrentEpisode) -> list[Finding]:
    """Find in-care report dates before the removal that began the current episode (E111)."""
    removal = current.removal
    days = sorted({day for c in current.in_care for day in c.reports if day < removal})
    if not days:
        return []
    role = Role.IN_CARE_REPORT_DATES
    message = (
        f"Child {check.child.id}: {check.element(role)} holds the report "
        f"{_dates(days, 'date', 'dates')}, before the removal on {removal} that began the "
        "current episode, yet it reports sex trafficking while in foster care. Correct the "
        "report date, or the determination's timing if the trafficking happened before the "
        "child entered care."
    )
    return [check.finding(role, Rule.REPORT_BEFORE_REMOVAL, Severity.ERROR, message)]


def _late_words(late: list[Counted]) -> str:
    """Return which determinations were first reported late, and how late, in words."""
    if len(late) == 1:
        c = late[0]
        return (
            f"the sex-trafficking determination identified on {c.identified_on} was first "
            f"reported to law enforcement on {c.reports[0]}, {_days_later(c)}"
        )
    each = "; ".join(
        f"identified on {c.identified_on}, first reported on {c.reports[0]} ({_days_later(c)})"
        for c in late
    )
    return f"sex-trafficking determinations were first reported late ({each})"


def _days_later(counted: Counted) -> str:
    """Return how long after identification the first report came, e.g. ``3 days later``."""
    return f"{(counted.reports[0] - counted.identified_on).days} days later"


def _determinations(days: list[dt.date]) -> str:
    """Return e.g. ``determination identified on 2026-01-05 has`` (or the plural)."""
    if len(days) == 1:
        return f"determination identified on {days[0]} has"
    return f"determinations identified on {_dates(sorted(days), '', '')} have"


def _dates(days: list[dt.date], one: str, many: str) -> str:
    """Return ``days`` in words: ``date 2026-01-05`` or ``dates 2026-01-05 and 2026-02-01``."""
    words = [str(day) for day in days]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    label = one if len(words) == 1 else many
    return f"{label} {listed}".strip()
