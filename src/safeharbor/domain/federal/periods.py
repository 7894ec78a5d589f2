"""AFCARS report periods ``YYYYA`` and ``YYYYB``: days and due dates (SPEC §7; 45 CFR 1355.43).

Period ``YYYYA`` runs 1 October of the year before to 31 March (report date E2 ``YYYY03``), due
15 May; ``YYYYB`` runs 1 April to 30 September (E2 ``YYYY09``), due 14 November. A due day on a
Saturday or Sunday moves to the Monday after it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal.values import shown

FIRST_YEAR = 2  # period 0002A starts on 0001-10-01, the first October a date can hold
LAST_YEAR = 9999
_NAME = re.compile(r"([0-9]{4})([AB])")
_SATURDAY = 5


@dataclass(frozen=True, order=True)
class Period:
    """One six-month AFCARS report period: a year and a half (``"A"`` or ``"B"``)."""

    year: int
    half: str

    def __post_init__(self) -> None:
        if self.half not in ("A", "B") or not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise InputError(f"period: no AFCARS period {self.year}{self.half}", field="period")

    @property
    def name(self) -> str:
        """Return the period's name, e.g. ``"2026A"``."""
        return f"{self.year:04d}{self.half}"

    @functools.cached_property
    def start(self) -> dt.date:
        """Return the first day: 1 October of the year before (A) or 1 April (B)."""
        return dt.date(self.year - 1, 10, 1) if self.half == "A" else dt.date(self.year, 4, 1)

    @functools.cached_property
    def end(self) -> dt.date:
        """Return the last day: 31 March (A) or 30 September (B)."""
        return dt.date(self.year, 3, 31) if self.half == "A" else dt.date(self.year, 9, 30)

    @property
    def report_date(self) -> str:
        """Return the AFCARS report date E2, ``YYYY03`` (A) or ``YYYY09`` (B)."""
        return f"{self.year:04d}{'03' if self.half == 'A' else '09'}"

    @functools.cached_property
    def due(self) -> dt.date:
        """Return the day the file is due: 15 May (A) or 14 November (B), off the weekend."""
        day = dt.date(self.year, 5, 15) if self.half == "A" else dt.date(self.year, 11, 14)
        return next_weekday(day)

    def next(self) -> Period:
        """Return the period after this one."""
        return Period(self.year, "B") if self.half == "A" else Period(self.year + 1, "A")

    def previous(self) -> Period:
        """Return the period before this one."""
        return Period(self.year - 1, "B") if self.half == "A" else Period(self.year, "A")

    def __contains__(self, day: object) -> bool:
        """Return whether ``day`` falls within the period (both ends included)."""
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return self.name


def next_weekday(day: dt.date) -> dt.date:
    """Return ``day``, or the Monday after it when it is a Saturday or a Sunday (SPEC §7)."""
    weekday = day.weekday()
    return day + dt.timedelta(days=7 - weekday) if weekday >= _SATURDAY else day


def parse_period(value: object, *, field: str = "period") -> Period:
    """Parse ``"YYYYA"`` or ``"YYYYB"``; refuse anything else with an ``InputError`` naming it."""
    match = _NAME.fullmatch(value) if isinstance(value, str) else None
    if match is None or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise InputError(
            f"{field}: {shown(value)} is not an AFCARS period (expected YYYYA for 1 October-"
            '31 March or YYYYB for 1 April-30 September, e.g. "2026A")',
            field=field,
        )
    return Period(int(match[1]), match[2])


def period_containing(day: dt.date) -> Period:
    """Return the AFCARS period that ``day`` falls in (October-March is A of the next year)."""
    if day.month >= 10:
        if day.year == LAST_YEAR:
            raise InputError(f"{day.isoformat()} falls in no period up to {LAST_YEAR}B")
        return Period(day.year + 1, "A")
    return Period(day.year, "A" if day.month <= 3 else "B")
