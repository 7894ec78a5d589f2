"""A period's population and each child's E106-E111 (SPEC §7; 45 CFR 1355.44(d)(5)-(6)).

The file holds every child with an out-of-home-care episode that overlaps the period. The
*current episode* is the latest whose removal date is on or before the period's end; it runs from
its removal date *r* to its exit date or the period's end, whichever is first (*last*). Only sex
trafficking determinations identified on or before *last* count, and only reports dated on or
before the period's end:

- *prior*: identified before *r*, or between *r* and *last* with timing ``before_entry``;
- *in care*: identified between *r* and *last* (both included) with timing ``in_care``.

E106 is 1 with any prior determination, else 0 when the period's detail was completed, else blank
(data not collected is blank, never "no"); E107 (only when E106 is 1) is 1 when a prior
determination has a report, else 0; E108 (only when E107 is 1) is the earliest such report date.
E109-E111 likewise for in-care determinations, except that E111 holds every distinct report date,
ascending. An element that does not apply is blank (``None``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from safeharbor.domain.federal.children import Child, Determination, Episode, Kind, Timing
from safeharbor.domain.federal.mapping import Role
from safeharbor.domain.federal.periods import Period

Value = int | dt.date | tuple[dt.date, ...] | None


@dataclass(frozen=True)
class Counted:
    """A determination that counts for the period, with its reports dated on or before the end."""

    determination: Determination
    reports: tuple[dt.date, ...]  # ascending, repeats kept

    @property
    def identified_on(self) -> dt.date:
        """Return the day the agency identified the youth as a victim."""
        return self.determination.identified_on


@dataclass(frozen=True)
class CurrentEpisode:
    """The current episode of a child in the population and the determinations counted for it."""

    episode: Episode
    last: dt.date  # the exit date or the period's end, whichever is first
    prior: tuple[Counted, ...]
    in_care: tuple[Counted, ...]

    @property
    def removal(self) -> dt.date:
        """Return *r*, the removal date that began the current episode."""
        return self.episode.removal_date


@dataclass(frozen=True)
class Record:
    """One child's sex-trafficking elements for a period, by role; None is blank."""

    child: str
    prior_victim: int | None
    prior_reported: int | None
    prior_report_date: dt.date | None
    in_care_victim: int | None
    in_care_reported: int | None
    in_care_report_dates: tuple[dt.date, ...] | None

    def value(self, role: Role) -> Value:
        """Return the value of the element that plays ``role``."""
        value: Value = getattr(self, role)  # a role is the name of its field
        return value


def in_population(child: Child, period: Period) -> bool:
    """Return whether any of the child's episodes overlaps the period (SPEC §7)."""
    return any(episode.overlaps(period.start, period.end) for episode in child.episodes)


def population(children: Iterable[Child], period: Period) -> tuple[Child, ...]:
    """Return the children in the period's file, sorted by id (SPEC §7)."""
    return tuple(sorted((c for c in children if in_population(c, period)), key=lambda c: c.id))


def current_episode(child: Child, period: Period) -> CurrentEpisode | None:
    """Return the latest episode removed on or before the period's end, with what counts for it."""
    started = [e for e in child.episodes if e.removal_date <= period.end]
    if not started:
        return None
    episode = max(started, key=lambda e: e.removal_date)
    last = period.end if episode.exit_date is None else min(episode.exit_date, period.end)
    counted = [_counted(d, period) for d in child.determinations if _counts(d, last)]
    return CurrentEpisode(
        episode,
        last,
        prior=tuple(c for c in counted if not _in_care(c.determination, episode)),
        in_care=tuple(c for c in counted if _in_care(c.determination, episode)),
    )


def derive_record(child: Child, period: Period) -> Record:
    """Return the child's E106-E111 for the period (45 CFR 1355.44(d)(5)-(6); SPEC §7)."""
    return record_for(child, current_episode(child, period))


def record_for(child: Child, current: CurrentEpisode | None) -> Record:
    """Return E106-E111 from the current episode's counted determinations (SPEC §7)."""
    prior = current.prior if current else ()
    in_care = current.in_care if current else ()
    prior_victim, prior_reported, prior_dates = _side(prior, child.detail_completed)
    in_care_victim, in_care_reported, in_care_dates = _side(in_care, child.detail_completed)
    return Record(
        child.id,
        prior_victim,
        prior_reported,
        prior_dates[0] if prior_dates else None,
        in_care_victim,
        in_care_reported,
        in_care_dates,
    )


def _counts(determination: Determination, last: dt.date) -> bool:
    """Return whether a determination counts: sex trafficking, identified on or before *last*."""
    return determination.kind is Kind.SEX and determination.identified_on <= last


def _in_care(determination: Determination, episode: Episode) -> bool:
    """Return whether a counted determination is in care: ``in_care``, identified from *r* on."""
    in_episode = determination.identified_on >= episode.removal_date
    return in_episode and determination.timing is Timing.IN_CARE


def _counted(determination: Determination, period: Period) -> Counted:
    """Return the determination with its reports dated on or before the period's end."""
    reports = sorted(d for d in determination.reported_to_law_enforcement if d <= period.end)
    return Counted(determination, tuple(reports))


def _side(
    counted: tuple[Counted, ...], completed: bool
) -> tuple[int | None, int | None, tuple[dt.date, ...] | None]:
    """Return (victim, reported, distinct report dates ascending) for prior or in-care (SPEC §7)."""
    if not counted:
        return (0 if completed else None), None, None
    dates = tuple(sorted({day for item in counted for day in item.reports}))
    return (1, 1, dates) if dates else (1, 0, None)
