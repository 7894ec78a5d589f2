"""Builders for synthetic children in the federal tests: dates as text, sensible defaults."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from safeharbor.domain.federal import Child, Determination, Episode, Kind, Timing, parse_period

GOLDEN = Path(__file__).parent / "golden"
SAFEHARBOR = Path(sys.executable).with_name("safeharbor")
PERIOD = parse_period("2026A")  # 2025-10-01 to 2026-03-31


def day(text: str) -> dt.date:
    """Return the date for ``YYYY-MM-DD``."""
    return dt.date.fromisoformat(text)


def episode(removal: str, exit_date: str | None = None) -> Episode:
    """Return an episode; open unless an exit date is given."""
    return Episode(day(removal), None if exit_date is None else day(exit_date))


def sex(identified_on: str, timing: str = "in_care", *reports: str) -> Determination:
    """Return a sex-trafficking determination with its report dates."""
    return Determination(Kind.SEX, day(identified_on), Timing(timing), tuple(map(day, reports)))


def labor(identified_on: str, timing: str = "in_care", *reports: str) -> Determination:
    """Return a labor-trafficking determination with its report dates."""
    return Determination(Kind.LABOR, day(identified_on), Timing(timing), tuple(map(day, reports)))


def child(
    child_id: str = "c-1",
    born: str = "2010-05-05",
    episodes: tuple[Episode, ...] | None = None,
    determinations: tuple[Determination, ...] = (),
    *,
    completed: bool = False,
) -> Child:
    """Return a child; by default 15 on the end of 2026A and in care since 2025-11-01."""
    return Child(
        child_id,
        day(born),
        (episode("2025-11-01"),) if episodes is None else episodes,
        determinations,
        completed,
    )
