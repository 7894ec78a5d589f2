"""The ``safeharbor afcars`` JSON documents (SPEC §7.1): read the input, write the output.

Pure: takes the already-decoded JSON value and returns plain dicts; reading files and printing
belong to the CLI. Every problem raises ``InputError`` with one line naming the field, e.g.
``children[2].episodes[0].exit_date: 2026-01-01 is before the episode's removal date 2026-02-01
(child "c-17")``. Keys the contract does not name are ignored inside a child, an episode or a
determination (tools may carry their own identifiers), but refused at the top level, where a
misspelt ``detail_min_age`` would silently leave the default age in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from safeharbor.domain.dates import parse_date
from safeharbor.domain.errors import InputError
from safeharbor.domain.federal.children import (
    Child,
    Determination,
    Episode,
    Kind,
    Timing,
    check_child,
)
from safeharbor.domain.federal.elements import Record
from safeharbor.domain.federal.findings import ElementSummary, Finding
from safeharbor.domain.federal.mapping import ElementMapping, Role
from safeharbor.domain.federal.periods import Period, parse_period
from safeharbor.domain.federal.report import DEFAULT_DETAIL_MIN_AGE, FederalFile, build_file
from safeharbor.domain.federal.values import (
    as_age,
    as_bool,
    as_list,
    as_object,
    as_text,
    required,
    shown,
)

FIELDS = ("period", "detail_min_age", "children")
_CHILD = 'an object with "id", "date_of_birth", "episodes", "determinations", "detail_completed"'
_DETERMINATION = (
    'an object with "kind", "identified_on", "timing" and "reported_to_law_enforcement"'
)
_Choice = TypeVar("_Choice", bound=StrEnum)


@dataclass(frozen=True)
class FederalInput:
    """A parsed input document: the period, the agency's detail age and the children."""

    period: Period
    detail_min_age: int
    children: tuple[Child, ...]


def run_document(
    document: object, mappings: Iterable[ElementMapping] | None = None
) -> dict[str, object]:
    """Return the output document for an input document (what ``safeharbor afcars`` prints)."""
    parsed = parse_document(document)
    return render_file(
        build_file(
            parsed.period,
            parsed.children,
            detail_min_age=parsed.detail_min_age,
            mappings=mappings,
        )
    )


def parse_document(document: object) -> FederalInput:
    """Parse ``{"period", "detail_min_age"?, "children"}``; raise ``InputError`` on a problem."""
    if not isinstance(document, dict):
        raise InputError('the input must be a JSON object with "period" and "children"')
    unknown = [key for key in document if key not in FIELDS]
    if unknown:
        raise InputError(
            f'{unknown[0]}: unknown field (the input holds "period", "detail_min_age" and '
            '"children"; is a name misspelt?)',
            field=unknown[0],
        )
    period = parse_period(required(document, "period", ""))
    min_age = as_age(document.get("detail_min_age", DEFAULT_DETAIL_MIN_AGE), field="detail_min_age")
    raw = as_list(required(document, "children", ""), field="children", expected="a list")
    return FederalInput(period, min_age, _children(raw))


def render_file(file: FederalFile) -> dict[str, object]:
    """Return the SPEC §7.1 output: dates ISO, element dates ``YYYYMMDD``, blanks as null."""
    period, mapping = file.period, file.mapping
    return {
        "period": period.name,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "due": period.due.isoformat(),
        "report_date": period.report_date,
        "mapping": mapping.version,
        "detail_min_age": file.detail_min_age,
        "records": _records(file.records, mapping),
        "findings": [_finding(finding) for finding in file.findings],
        "summary": {item.element.number: _summary(item) for item in file.summary},
        "exempt": list(file.exempt),
    }


def _children(items: list[object]) -> tuple[Child, ...]:
    """Parse every child, refusing an id given twice."""
    children: list[Child] = []
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        child = _child(item, f"children[{index}]")
        if child.id in first:
            raise InputError(
                f"children[{index}].id: {shown(child.id)} is given twice "
                f"(also children[{first[child.id]}])",
                field=f"children[{index}].id",
            )
        first[child.id] = index
        children.append(child)
    return tuple(children)


def _child(item: object, where: str) -> Child:
    """Parse one child; a problem names the field and the child's id."""
    data = as_object(item, field=where, expected=_CHILD)
    child_id = as_text(required(data, "id", where), field=f"{where}.id")
    try:
        return _child_fields(data, child_id)
    except InputError as error:
        raise InputError(
            f"{where}.{error} (child {shown(child_id)})", field=f"{where}.{error.field}"
        ) from None


def _child_fields(data: dict[str, object], child_id: str) -> Child:
    """Parse a child's fields (paths relative to the child) and check their dates agree."""
    born = parse_date(required(data, "date_of_birth", ""), field="date_of_birth")
    episodes = as_list(required(data, "episodes", ""), field="episodes", expected="a list")
    found = as_list(required(data, "determinations", ""), field="determinations", expected="a list")
    completed = as_bool(required(data, "detail_completed", ""), field="detail_completed")
    child = Child(
        child_id,
        born,
        tuple(_episode(item, f"episodes[{i}]") for i, item in enumerate(episodes)),
        tuple(_determination(item, f"determinations[{i}]") for i, item in enumerate(found)),
        completed,
    )
    check_child(child)
    return child


def _episode(item: object, where: str) -> Episode:
    """Parse ``{"removal_date", "exit_date"}``; the exit date is a date or null."""
    data = as_object(item, field=where, expected='an object with "removal_date" and "exit_date"')
    removal = parse_date(required(data, "removal_date", where), field=f"{where}.removal_date")
    exit_value = required(data, "exit_date", where)
    exit_date = None if exit_value is None else parse_date(exit_value, field=f"{where}.exit_date")
    return Episode(removal, exit_date)


def _determination(item: object, where: str) -> Determination:
    """Parse ``{"kind", "identified_on", "timing", "reported_to_law_enforcement"}``."""
    data = as_object(item, field=where, expected=_DETERMINATION)
    kind = _choice(required(data, "kind", where), Kind, f"{where}.kind")
    identified = parse_date(required(data, "identified_on", where), field=f"{where}.identified_on")
    timing = _choice(required(data, "timing", where), Timing, f"{where}.timing")
    reports = _reports(required(data, "reported_to_law_enforcement", where), where)
    return Determination(kind, identified, timing, reports)


def _reports(value: object, where: str) -> tuple[dt.date, ...]:
    """Parse the list of report dates."""
    field = f"{where}.reported_to_law_enforcement"
    days = as_list(value, field=field, expected='a list of dates as "YYYY-MM-DD"')
    return tuple(parse_date(day, field=f"{field}[{i}]") for i, day in enumerate(days))


def _choice(value: object, choices: type[_Choice], field: str) -> _Choice:
    """Return the member of ``choices`` named ``value``; refuse anything else, listing them."""
    for member in choices:
        if value == member.value and isinstance(value, str):
            return member
    known = " or ".join(shown(member.value) for member in choices)
    name = field.rsplit(".", 1)[-1]
    raise InputError(f"{field}: unknown {name} {shown(value)} (expected {known})", field=field)


def _records(records: Iterable[Record], mapping: ElementMapping) -> list[dict[str, object]]:
    """Return each record as ``{"child", "E106", ...}``: 1/0/null, dates ``YYYYMMDD``."""
    numbers = [(mapping[role].number, role) for role in Role]
    return [
        {"child": record.child} | {number: _value(record.value(role)) for number, role in numbers}
        for record in records
    ]


def _value(value: int | dt.date | tuple[dt.date, ...] | None) -> object:
    """Return an element value as JSON: a date as ``YYYYMMDD``, a list of dates as a list."""
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    if isinstance(value, tuple):
        return [day.strftime("%Y%m%d") for day in value]
    return value


def _finding(finding: Finding) -> dict[str, object]:
    """Return a finding with its element number, rule, severity, message and source."""
    return {
        "child": finding.child,
        "element": finding.element.number,
        "rule": finding.rule.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "source": finding.source,
    }


def _summary(item: ElementSummary) -> dict[str, object]:
    """Return ``{"records", "missing", "over_limit"}``."""
    return {"records": item.records, "missing": item.missing, "over_limit": item.over_limit}
