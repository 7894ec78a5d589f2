"""The annual count of sex-trafficking victims reported to law enforcement; small-cell suppression.

42 U.S.C. 671(a)(34)(B) asks the agency, every federal fiscal year (1 October - 30 September),
for the number of children and youth identified as sex-trafficking victims; SPEC §7 draws it from
the same determinations and reports as E106-E111. A youth counts once in a fiscal year when a
sex-trafficking determination of theirs was reported to law enforcement on a day in that year.

De-identified figures (SPEC §7, ISSUE 14) suppress every cell under 5 youth, zero included:
``suppress_small_cells`` returns each cell with its count, or none and the suppression marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal.children import Child, Kind
from safeharbor.domain.federal.values import shown

COUNT_SOURCE = "42 U.S.C. 671(a)(34)(B)"
SUPPRESS_BELOW = 5
_Key = TypeVar("_Key", bound=Hashable)


@dataclass(frozen=True)
class AnnualCount:
    """The youth reported to law enforcement as sex-trafficking victims in one fiscal year."""

    fiscal_year: int
    start: dt.date
    end: dt.date
    youth: int
    source: str = COUNT_SOURCE


@dataclass(frozen=True)
class Cell:
    """One cell of a de-identified table: its count, or None when it is suppressed."""

    count: int | None
    suppressed: bool
    below: int = SUPPRESS_BELOW

    @property
    def text(self) -> str:
        """Return the cell as a page shows it: the count, or ``<5`` when suppressed."""
        return f"<{self.below}" if self.suppressed else str(self.count)


def fiscal_year_of(day: dt.date) -> int:
    """Return the federal fiscal year of ``day``: October to December belong to the next year."""
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_span(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a federal fiscal year (1 October - 30 September)."""
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        raise InputError(f"fiscal_year: expected a year, got {shown(fiscal_year)}")
    if not 2 <= fiscal_year <= 9999:
        raise InputError(f"fiscal_year: {fiscal_year} is out of range", field="fiscal_year")
    return dt.date(fiscal_year - 1, 10, 1), dt.date(fiscal_year, 9, 30)


def count_reported_victims(children: Iterable[Child], fiscal_year: int) -> AnnualCount:
    """Count youth with a sex-trafficking report to law enforcement in the year (671(a)(34)(B))."""
    start, end = fiscal_year_span(fiscal_year)
    youth = {child.id for child in children if _reported_within(child, start, end)}
    return AnnualCount(fiscal_year, start, end, len(youth))


def suppress_small_cells(
    table: Mapping[_Key, int], *, below: int = SUPPRESS_BELOW
) -> dict[_Key, Cell]:
    """Return every cell of ``table``, suppressing counts under ``below`` (de-identified)."""
    for key, count in table.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InputError(f"cell {key!r}: expected a count, 0 or more, got {shown(count)}")
    return {key: _cell(count, below) for key, count in table.items()}


def _cell(count: int, below: int) -> Cell:
    """Return one cell, suppressed when its count is under ``below``."""
    return Cell(None, True, below) if count < below else Cell(count, False, below)


def _reported_within(child: Child, start: dt.date, end: dt.date) -> bool:
    """Return whether a sex-trafficking determination was reported between ``start`` and ``end``."""
    return any(
        start <= day <= end
        for determination in child.determinations
        if determination.kind is Kind.SEX
        for day in determination.reported_to_law_enforcement
    )
