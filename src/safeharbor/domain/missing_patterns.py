"""Patterns across missing episodes that call for more than the single episode's reports.

Sources:
- seed 001, "High-Risk Victims Model": chronic runaways are a "target for immediate intervention /
  investigative team response"; the profile of the child trafficking victim includes the chronic
  runaway.
- seed 004: traffickers "manipulate children, and it is not uncommon for them to force children to
  recruit others in schools or group homes"; agencies "should be aware of these tactics so they
  can have an early identification and response plan in place".

Two rules, each returning flags that say why they were raised:
- ``chronic_runaway``: a youth with ``chronic_episodes`` or more episodes reported in the
  ``chronic_months`` calendar months up to and including the day the newest was reported (the
  window of SPEC §4.2: both ends inclusive, month ends clamped).
- ``same_placement``: two or more *different* youth who went missing from the same placement with
  their last-seen times at most ``same_placement_hours`` apart (inclusive).

The numbers are the agency's (``PatternPolicy``); the app stores them beside the clock durations.
Pure: the app passes the episodes and derives each placement's key (``placement_key``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from safeharbor.domain.dates import months_window
from safeharbor.domain.errors import InputError

CHRONIC_SOURCE = "seed 001 (High-Risk Victims Model: chronic runaways)"
SAME_PLACEMENT_SOURCE = "seed 004 (traffickers force children to recruit others in group homes)"


class FlagKind(StrEnum):
    """The patterns the rules recognise."""

    CHRONIC_RUNAWAY = "chronic_runaway"
    SAME_PLACEMENT = "same_placement"


# Bounds an agency may choose within: wide enough for any written policy, narrow enough that a
# typo (0, 3000) is refused rather than silently switching a rule off.
_LIMITS: dict[str, tuple[float, float]] = {
    "chronic_episodes": (2, 50),
    "chronic_months": (1, 60),
    "same_placement_hours": (1, 24 * 90),
}
_WHOLE = frozenset({"chronic_episodes", "chronic_months"})


@dataclass(frozen=True)
class PatternPolicy:
    """The agency's pattern thresholds; defaults are those of the issue and the seeds."""

    chronic_episodes: int = 3
    chronic_months: int = 12
    same_placement_hours: float = 72

    def __post_init__(self) -> None:
        for key in policy_keys():
            _check(key, getattr(self, key))

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> PatternPolicy:
        """Build a policy from ``{key: value}``; refuse unknown keys and out-of-range values."""
        known = policy_keys()
        for key in values:
            if key not in known:
                raise InputError(
                    f"unknown pattern setting {key!r} (known: {', '.join(known)})", field=key
                )
        checked: dict[str, Any] = {key: _check(key, value) for key, value in values.items()}
        return cls(**checked)

    @property
    def window(self) -> dt.timedelta:
        """Return the same-placement window as a duration."""
        return dt.timedelta(hours=self.same_placement_hours)


def policy_keys() -> tuple[str, ...]:
    """Return the policy keys in declaration order."""
    return tuple(field.name for field in fields(PatternPolicy))


def _check(key: str, value: object) -> float:
    """Return ``value`` if it is a number within the key's bounds (whole where it must be)."""
    low, high = _LIMITS[key]
    unit = "hours" if key == "same_placement_hours" else key.removeprefix("chronic_")
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        raise InputError(f"{key}: expected {low:g} to {high:g} {unit}, got {value!r}", field=key)
    if key in _WHOLE and value != int(value):
        raise InputError(f"{key}: expected a whole number of {unit}, got {value!r}", field=key)
    return int(value) if key in _WHOLE else value


@dataclass(frozen=True)
class Episode:
    """One missing episode as the rules see it; ``ref`` and ``youth_ref`` are the app's ids."""

    ref: int
    youth_ref: int
    reported_on: dt.date  # the day the agency learned of it, in the agency's zone
    last_seen_at: dt.datetime  # aware
    placement_key: str | None = None  # equal keys mean the same placement (``placement_key``)
    placement_words: str = "placement"  # e.g. "group home", for the reason

    def __post_init__(self) -> None:
        if self.last_seen_at.utcoffset() is None:
            raise InputError("last_seen_at needs a time zone", field="last_seen_at")


@dataclass(frozen=True)
class Flag:
    """A pattern found for one youth's episode, with the episodes it counted and why."""

    kind: FlagKind
    youth_ref: int
    episode_ref: int
    related: tuple[int, ...]  # the other episodes counted (refs), oldest first
    reason: str
    source: str


def placement_key(address: str, provider: str = "") -> str | None:
    """Return a comparison key for a placement: its address, else its provider, normalised.

    Case, punctuation and spacing are ignored ("12 Oak St." and "12 oak st" are the same place);
    a placement with neither has no key and is never matched.
    """
    for text in (address, provider):
        words = re.findall(r"[0-9a-z]+", text.casefold())
        if words:
            return " ".join(words)
    return None


def chronic_runaway(
    history: Sequence[Episode], episode: Episode, policy: PatternPolicy
) -> Flag | None:
    """Flag ``episode``'s youth as a high-risk chronic runaway when the window holds enough.

    ``history`` is the youth's episodes (it may include ``episode`` and other youth's, which are
    ignored). Counts episodes reported in ``[reported_on - chronic_months, reported_on]``.
    """
    start, end = months_window(episode.reported_on, policy.chronic_months)
    counted = {
        e.ref: e
        for e in (*history, episode)
        if e.youth_ref == episode.youth_ref and start <= e.reported_on <= end
    }
    if len(counted) < policy.chronic_episodes:
        return None
    related = tuple(
        e.ref
        for e in sorted(counted.values(), key=lambda e: (e.reported_on, e.ref))
        if e.ref != episode.ref
    )
    reason = (
        f"{len(counted)} missing episodes reported between {_day(start)} and {_day(end)}: "
        f"the agency treats {policy.chronic_episodes} or more in {_months(policy)} as a "
        "high-risk chronic runaway, for an immediate team response"
    )
    return Flag(
        FlagKind.CHRONIC_RUNAWAY, episode.youth_ref, episode.ref, related, reason, CHRONIC_SOURCE
    )


def same_placement(
    others: Sequence[Episode], episode: Episode, policy: PatternPolicy
) -> list[Flag]:
    """Return a flag for every youth missing from ``episode``'s placement within the window.

    Empty unless another youth's episode has the same placement key and a last-seen time at
    most ``same_placement_hours`` from ``episode``'s. The first flag is ``episode``'s youth's,
    then one per other youth (on their nearest episode), each naming the others' count only:
    the app decides whom a flag may name.
    """
    if episode.placement_key is None:
        return []
    nearest: dict[int, Episode] = {}
    for other in others:
        if other.youth_ref == episode.youth_ref or other.placement_key != episode.placement_key:
            continue
        gap = abs(other.last_seen_at - episode.last_seen_at)
        if gap > policy.window:
            continue
        held = nearest.get(other.youth_ref)
        if held is None or gap < abs(held.last_seen_at - episode.last_seen_at):
            nearest[other.youth_ref] = other
    if not nearest:
        return []
    cluster = sorted((episode, *nearest.values()), key=lambda e: (e.last_seen_at, e.ref))
    return [_same_placement_flag(member, cluster, policy) for member in _first(episode, cluster)]


def _first(episode: Episode, cluster: list[Episode]) -> list[Episode]:
    return [episode, *(e for e in cluster if e is not episode)]


def _same_placement_flag(member: Episode, cluster: list[Episode], policy: PatternPolicy) -> Flag:
    others = [e for e in cluster if e is not member]
    widest = max(abs(e.last_seen_at - member.last_seen_at) for e in others)
    count = len(others)
    youth = "another youth" if count == 1 else f"{count} other youth"
    reason = (
        f"{youth} went missing from the same {member.placement_words} within "
        f"{_span(widest)} of this youth (the agency's window is {_hours(policy)}): "
        "traffickers may use youth to recruit others in group homes; the supervisor should "
        "look at the placement"
    )
    return Flag(
        FlagKind.SAME_PLACEMENT,
        member.youth_ref,
        member.ref,
        tuple(e.ref for e in others),
        reason,
        SAME_PLACEMENT_SOURCE,
    )


def _day(day: dt.date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def _months(policy: PatternPolicy) -> str:
    months = int(policy.chronic_months)
    return "1 month" if months == 1 else f"{months} months"


def _hours(policy: PatternPolicy) -> str:
    return f"{policy.same_placement_hours:g} hours"


def _span(gap: dt.timedelta) -> str:
    """Return a duration in hours and minutes, e.g. ``18 h 30 min`` (never rounded up)."""
    minutes = int(gap.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"
