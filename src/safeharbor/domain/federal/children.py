"""The children of a federal file as plain dataclasses (SPEC §7.1 input), and their consistency.

The app builds these from its records and the ``safeharbor afcars`` document reader from JSON;
both call ``check_child`` so that an exit before its removal, overlapping episodes, a removal or
determination before birth and an ``in_care`` determination on a date in no episode are refused
the same way, each as an ``InputError`` naming the field.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from dataclasses import dataclass
from typing import NoReturn

from safeharbor.domain.errors import InputError


class Kind(enum.StrEnum):
    """What a determination found the youth a victim of (SPEC §7)."""

    SEX = "sex"
    LABOR = "labor"


class Timing(enum.StrEnum):
    """When the victimization happened, relative to the episode it was identified in (SPEC §7)."""

    BEFORE_ENTRY = "before_entry"  # before entering that episode of care, or outside care
    IN_CARE = "in_care"


@dataclass(frozen=True)
class Episode:
    """An out-of-home-care episode: removal date and exit date (None while it is open)."""

    removal_date: dt.date
    exit_date: dt.date | None

    def includes(self, day: dt.date) -> bool:
        """Return whether ``day`` falls within the episode (removal and exit days included)."""
        return self.removal_date <= day and (self.exit_date is None or day <= self.exit_date)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Return whether the episode shares at least one day with ``start``-``end``."""
        return self.removal_date <= end and (self.exit_date is None or self.exit_date >= start)


@dataclass(frozen=True)
class Determination:
    """A youth identified as a victim: kind, day identified, timing, law-enforcement report days."""

    kind: Kind
    identified_on: dt.date
    timing: Timing
    reported_to_law_enforcement: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class Child:
    """One child of the file: id, birth date, episodes, determinations, detail completed."""

    id: str
    date_of_birth: dt.date
    episodes: tuple[Episode, ...]
    determinations: tuple[Determination, ...]
    detail_completed: bool


def check_child(child: Child) -> None:
    """Refuse a child whose dates contradict one another (SPEC §7.1), naming the field."""
    for index, episode in enumerate(child.episodes):
        _check_episode(episode, child.date_of_birth, f"episodes[{index}]")
    _check_no_overlap(child.episodes)
    for index, determination in enumerate(child.determinations):
        _check_determination(determination, child, f"determinations[{index}]")


def _check_episode(episode: Episode, born: dt.date, where: str) -> None:
    """Refuse a removal before birth or an exit before its removal."""
    if episode.removal_date < born:
        _refuse(f"{where}.removal_date", f"{episode.removal_date} is before the birth date {born}")
    if episode.exit_date is not None and episode.exit_date < episode.removal_date:
        _refuse(
            f"{where}.exit_date",
            f"{episode.exit_date} is before the episode's removal date {episode.removal_date}",
        )


def _check_no_overlap(episodes: tuple[Episode, ...]) -> None:
    """Refuse two episodes that share a day; a removal on the day of the last exit is allowed."""
    order = sorted(range(len(episodes)), key=lambda i: episodes[i].removal_date)
    for before, after in itertools.pairwise(order):
        first, second = episodes[before], episodes[after]
        if (
            first.exit_date is None
            or second.removal_date < first.exit_date
            or (second.removal_date == first.removal_date)
        ):
            _refuse(
                f"episodes[{after}]",
                f"overlaps episodes[{before}] ({_span(first)}); episodes may not overlap",
            )


def _check_determination(determination: Determination, child: Child, where: str) -> None:
    """Refuse a determination or report before birth, or ``in_care`` on a day in no episode."""
    born = child.date_of_birth
    if determination.identified_on < born:
        _refuse(
            f"{where}.identified_on",
            f"{determination.identified_on} is before the birth date {born}",
        )
    for index, day in enumerate(determination.reported_to_law_enforcement):
        if day < born:
            _refuse(
                f"{where}.reported_to_law_enforcement[{index}]",
                f"{day} is before the birth date {born}",
            )
    in_no_episode = not any(e.includes(determination.identified_on) for e in child.episodes)
    if determination.timing is Timing.IN_CARE and in_no_episode:
        _refuse(
            f"{where}.identified_on",
            f"an in_care determination identified on {determination.identified_on} falls in no "
            "episode of care (use before_entry, or correct the date or the episodes)",
        )


def _span(episode: Episode) -> str:
    """Return an episode's dates in words, e.g. ``2026-01-02 to 2026-02-03`` or ``... to open``."""
    end = "open" if episode.exit_date is None else str(episode.exit_date)
    return f"{episode.removal_date} to {end}"


def _refuse(field: str, problem: str) -> NoReturn:
    """Raise the ``InputError`` for ``field``."""
    raise InputError(f"{field}: {problem}", field=field)
