"""Out-of-home care: an episode runs from the removal to the exit; its placements fall within it and
never overlap (SPEC §3, §7). Pure rules over plain dates; each refusal names the form field.

A placement ends the day the next begins (the move day belongs to both, as AFCARS counts moves),
so two placements overlap only when one starts before the other has ended. An episode may begin on
the day the previous one ended, as in ``domain.federal.children``. A missing spell is a living
arrangement within the episode, never its exit (SPEC §7 "a missing spell ... not an exit").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from safeharbor.domain.errors import InputError


@dataclass(frozen=True)
class Span:
    """A stretch of days from ``start`` to ``end`` (None: still running)."""

    start: dt.date
    end: dt.date | None = None

    def words(self) -> str:
        """Return ``2026-01-05 to 2026-03-01`` or ``2026-01-05 to now``."""
        return f"{self.start} to {self.end or 'now'}"

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share more than a move day."""
        starts_before_other_ends = other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts


def check_not_future(day: dt.date, today: dt.date, field: str) -> None:
    """Refuse a day after ``today``: a removal, move or exit is recorded once it has happened."""
    if day > today:
        raise InputError(f"{day} is in the future; record it once it has happened", field=field)


def check_removal(
    removal: dt.date, *, born: dt.date, today: dt.date, episodes: Iterable[Span]
) -> None:
    """Refuse a removal before birth, in the future, or inside or before another episode."""
    check_not_future(removal, today, "removal_date")
    if removal < born:
        raise InputError(f"{removal} is before the youth's birth date {born}", field="removal_date")
    for episode in episodes:
        if episode.end is None:
            raise InputError(
                f"the youth is still in care since {episode.start}: record that exit first",
                field="removal_date",
            )
        if removal < episode.end:
            raise InputError(
                f"{removal} falls within or before an earlier episode ({episode.words()})",
                field="removal_date",
            )


def check_placement(
    placement: Span, *, episode: Span, today: dt.date, others: Iterable[Span]
) -> None:
    """Refuse a placement outside its episode, in the future, or overlapping another placement."""
    check_not_future(placement.start, today, "start_date")
    if placement.end is not None:
        check_not_future(placement.end, today, "end_date")
        if placement.end < placement.start:
            raise InputError("a placement cannot end before it starts", field="end_date")
    _check_within(placement, episode)
    for other in others:
        if placement.overlaps(other):
            raise InputError(
                f"overlaps the placement {other.words()}; placements may not overlap",
                field="start_date",
            )


def _check_within(placement: Span, episode: Span) -> None:
    """Refuse a placement that starts before the removal or runs past the exit."""
    if placement.start < episode.start:
        raise InputError(
            f"{placement.start} is before the removal ({episode.start}); a placement falls "
            "within its episode of care",
            field="start_date",
        )
    if episode.end is None:
        return
    if placement.start > episode.end:
        raise InputError(
            f"{placement.start} is after the exit from care ({episode.end})", field="start_date"
        )
    if placement.end is None or placement.end > episode.end:
        raise InputError(
            f"the episode ended {episode.end}: the placement must end by then", field="end_date"
        )


def check_exit(
    exit_date: dt.date, *, removal: dt.date, today: dt.date, placements: Iterable[Span]
) -> None:
    """Refuse an exit in the future, before the removal, or before a placement began or ended.

    The placement still running is not refused: the exit ends it that day.
    """
    check_not_future(exit_date, today, "exit_date")
    if exit_date < removal:
        raise InputError(
            f"{exit_date} is before the removal ({removal}); an exit follows its removal",
            field="exit_date",
        )
    for placement in placements:
        if placement.start > exit_date or (placement.end is not None and placement.end > exit_date):
            raise InputError(
                f"the placement {placement.words()} runs past {exit_date}; correct it first",
                field="exit_date",
            )


def check_reasons(reasons: Iterable[str], exclusive: Iterable[frozenset[str]]) -> None:
    """Refuse removal reasons that cannot be given together (runaway / whereabouts unknown)."""
    chosen = set(reasons)
    if not chosen:
        raise InputError("choose at least one reason for the removal", field="reasons")
    for group in exclusive:
        if len(chosen & group) > 1:
            raise InputError(
                "choose only one of: " + ", ".join(sorted(group)).replace("_", " "),
                field="reasons",
            )
