"""The AFCARS element mapping as versioned data (SPEC §7): ``mappings/<version>.toml``.

A mapping gives each element SafeHarbor derives (by its role, e.g. ``prior_victim``) its AFCARS
number, XML name, words and citation, and says from when to when it is in force. A period uses
the one mapping in force for the whole of it; a period with none is refused with a clear message.
The rules (``elements.py``, ``findings.py``) speak of roles, so a new list that only renumbers or
renames elements is a new data file, not new code.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal.periods import Period
from safeharbor.domain.federal.values import shown

MAPPINGS_FOLDER = os.path.join(os.path.dirname(__file__), "mappings")
_NUMBER = re.compile(r"E[0-9]+")
_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_ELEMENT_KEYS = ("number", "xml_name", "label", "citation")


class Role(enum.StrEnum):
    """What an element says about a child (45 CFR 1355.44(d)(5)-(6)), in the order of the file."""

    PRIOR_VICTIM = "prior_victim"
    PRIOR_REPORTED = "prior_reported"
    PRIOR_REPORT_DATE = "prior_report_date"
    IN_CARE_VICTIM = "in_care_victim"
    IN_CARE_REPORTED = "in_care_reported"
    IN_CARE_REPORT_DATES = "in_care_report_dates"


@dataclass(frozen=True)
class Element:
    """One AFCARS element: its number, XML name, words for people and regulation citation."""

    role: Role
    number: str
    xml_name: str
    label: str
    citation: str

    @property
    def described(self) -> str:
        """Return the element as a message names it, e.g. ``E106 (victim of ... care)``."""
        return f"{self.number} ({self.label})"


@dataclass(frozen=True)
class ElementMapping:
    """One version of the element list and the dates it is in force (``until`` None: no end)."""

    version: str
    title: str
    in_force_from: dt.date
    in_force_until: dt.date | None
    missing_data_citation: str
    missing_data_limit_percent: int
    elements: Mapping[Role, Element]

    def __getitem__(self, role: Role) -> Element:
        """Return the element that plays ``role``."""
        return self.elements[role]

    def covers(self, period: Period) -> bool:
        """Return whether the mapping is in force on every day of ``period``."""
        ends_in_time = self.in_force_until is None or period.end <= self.in_force_until
        return self.in_force_from <= period.start and ends_in_time

    @property
    def in_force(self) -> str:
        """Return the dates in force in words, e.g. ``2022-10-01 to 2028-09-30``."""
        until = "no end date" if self.in_force_until is None else self.in_force_until.isoformat()
        return f"{self.in_force_from.isoformat()} to {until}"


def mapping_for(period: Period, mappings: Iterable[ElementMapping] | None = None) -> ElementMapping:
    """Return the one mapping in force for all of ``period``; refuse a period with none."""
    held = tuple(bundled_mappings() if mappings is None else mappings)
    found = [mapping for mapping in held if mapping.covers(period)]
    if len(found) == 1:
        return found[0]
    span = f"{period.name} ({period.start.isoformat()} to {period.end.isoformat()})"
    if found:
        versions = ", ".join(mapping.version for mapping in found)
        raise InputError(
            f"period: {span} has more than one element mapping ({versions})", field="period"
        )
    lists = "; ".join(f"{m.version} (in force {m.in_force})" for m in held) or "none"
    raise InputError(
        f"period: no AFCARS element mapping is in force for {span}; the mappings held: "
        f"{lists}. A new element list is added as a mapping file (docs/federal.md)",
        field="period",
    )


@functools.cache
def bundled_mappings() -> tuple[ElementMapping, ...]:
    """Return the mappings shipped in ``mappings/``, oldest first."""
    return mappings_from_folder(MAPPINGS_FOLDER)


def mappings_from_folder(folder: str | os.PathLike[str]) -> tuple[ElementMapping, ...]:
    """Read every ``<version>.toml`` in ``folder``; its version must be its file name."""
    names = sorted(name for name in os.listdir(folder) if name.endswith(".toml"))
    mappings = tuple(_read_file(os.path.join(folder, name)) for name in names)
    for name, mapping in zip(names, mappings, strict=True):
        if name != f"{mapping.version}.toml":
            raise InputError(f"mappings/{name}: its version {mapping.version!r} is not its name")
    return mappings


def _read_file(path: str) -> ElementMapping:
    """Read and check one mapping file."""
    with open(path, encoding="utf-8") as file:
        return parse_mapping(file.read(), origin=f"mappings/{os.path.basename(path)}")


def parse_mapping(text: str, *, origin: str) -> ElementMapping:
    """Parse a mapping's TOML text; raise ``InputError`` naming ``origin`` and the first problem."""
    try:
        data = tomllib.loads(text)
        return _mapping(data)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{origin}: not valid TOML ({error})") from None
    except InputError as error:
        raise InputError(f"{origin}: {error}", field=error.field) from None


def _mapping(data: dict[str, object]) -> ElementMapping:
    """Build a mapping from decoded TOML."""
    start = _date(data, "in_force_from")
    until = _date(data, "in_force_until") if "in_force_until" in data else None
    if until is not None and until < start:
        raise InputError("in_force_until: before in_force_from", field="in_force_until")
    return ElementMapping(
        version=_text(data, "version"),
        title=_text(data, "title"),
        in_force_from=start,
        in_force_until=until,
        missing_data_citation=_text(data, "missing_data_citation"),
        missing_data_limit_percent=_percent(data, "missing_data_limit_percent"),
        elements=_elements(data.get("elements")),
    )


def _elements(table: object) -> dict[Role, Element]:
    """Build the six elements, one per role, with distinct numbers."""
    if not isinstance(table, dict):
        raise InputError("elements: expected a table per element", field="elements")
    unknown = sorted(set(table) - set(Role))
    if unknown:
        raise InputError(f"elements: unknown role {shown(unknown[0])}", field="elements")
    elements = {role: _element(role, table.get(role)) for role in Role}
    numbers = [element.number for element in elements.values()]
    if len(set(numbers)) != len(numbers):
        raise InputError("elements: two roles share one element number", field="elements")
    return elements


def _element(role: Role, data: object) -> Element:
    """Build one element, refusing a missing key or a malformed number or XML name."""
    where = f"elements.{role}"
    if not isinstance(data, dict):
        raise InputError(f"{where}: missing", field=where)
    number, xml_name, label, citation = (_text(data, key, where) for key in _ELEMENT_KEYS)
    if not _NUMBER.fullmatch(number):
        raise InputError(f"{where}.number: {shown(number)} is not like E106", field=where)
    if not _XML_NAME.fullmatch(xml_name):
        raise InputError(f"{where}.xml_name: {shown(xml_name)} is not an XML name", field=where)
    return Element(role, number, xml_name, label, citation)


def _text(data: dict[str, object], key: str, where: str = "") -> str:
    """Return a non-empty string value."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        path = f"{where}.{key}" if where else key
        raise InputError(f"{path}: expected text, got {shown(value)}", field=path)
    return value


def _date(data: dict[str, object], key: str) -> dt.date:
    """Return a TOML date (not a date and time)."""
    value = data.get(key)
    if type(value) is not dt.date:
        raise InputError(f"{key}: expected a date like 2028-10-01, got {value!r}", field=key)
    return value


def _percent(data: dict[str, object], key: str) -> int:
    """Return a whole percentage from 0 to 100."""
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise InputError(f"{key}: expected a whole percentage, got {shown(value)}", field=key)
    return value
