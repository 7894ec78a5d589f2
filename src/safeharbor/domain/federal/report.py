"""One period's federal file: the records, the findings and the summary (SPEC §7).

``build_file`` is what the app calls with the children it reads from its records, and what the
``safeharbor afcars`` document reader calls with the children it reads from JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal.children import Child, check_child
from safeharbor.domain.federal.elements import Record, current_episode, population, record_for
from safeharbor.domain.federal.findings import (
    ElementSummary,
    Finding,
    findings_for,
    is_exempt,
    summarize,
)
from safeharbor.domain.federal.mapping import ElementMapping, mapping_for
from safeharbor.domain.federal.periods import Period
from safeharbor.domain.federal.values import shown

DEFAULT_DETAIL_MIN_AGE = 12  # seed 002 §VII.C: every youth 12 and older; agency-configurable


@dataclass(frozen=True)
class FederalFile:
    """A period's file: records and findings sorted by child, the summary, the exempt children."""

    period: Period
    mapping: ElementMapping
    detail_min_age: int
    records: tuple[Record, ...]
    findings: tuple[Finding, ...]
    summary: tuple[ElementSummary, ...]
    exempt: tuple[str, ...]


def build_file(
    period: Period,
    children: Iterable[Child],
    *,
    detail_min_age: int = DEFAULT_DETAIL_MIN_AGE,
    mappings: Iterable[ElementMapping] | None = None,
) -> FederalFile:
    """Return the period's records, findings and summary (45 CFR 1355.44(d)(5)-(6), 1355.46)."""
    mapping = mapping_for(period, mappings)
    in_file = population(_checked(children), period)
    records: list[Record] = []
    findings: list[Finding] = []
    for child in in_file:
        current = current_episode(child, period)
        records.append(record_for(child, current))
        findings += findings_for(child, records[-1], current, period, mapping, detail_min_age)
    exempt = tuple(child.id for child in in_file if is_exempt(child, period))
    summary = summarize(records, mapping)
    return FederalFile(
        period, mapping, detail_min_age, tuple(records), tuple(findings), summary, exempt
    )


def _checked(children: Iterable[Child]) -> tuple[Child, ...]:
    """Return the children after checking each one and refusing an id given twice (SPEC §7.1)."""
    given = tuple(children)
    seen: set[str] = set()
    for child in given:
        _check(child)
        if child.id in seen:
            raise InputError(f"child {shown(child.id)} is given twice", field="children")
        seen.add(child.id)
    return given


def _check(child: Child) -> None:
    """Check one child's dates, naming the child in the message."""
    try:
        check_child(child)
    except InputError as error:
        raise InputError(f"child {shown(child.id)}: {error}", field=error.field) from None
