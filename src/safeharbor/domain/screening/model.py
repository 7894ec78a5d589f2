"""What a screening instrument is: indicators, named rules, tiers and protocol actions.

An ``Instrument`` is built by the loader from a definition file (one file per version) and is
never edited afterwards. Source of the shape: SPEC §4 and §4.5 (instruments are data).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from safeharbor.domain.screening.plan import Plan


class Counted(StrEnum):
    """Records a derived indicator can be worked out from."""

    MISSING_EPISODES = "missing_episodes"


@dataclass(frozen=True)
class Derivation:
    """Yes when ``at_least`` records fall in the last ``within_months`` (None: any on record)."""

    counts: Counted
    at_least: int
    within_months: int | None


@dataclass(frozen=True)
class Condition:
    """Fires when the number of ``of`` that hold is within ``[at_least, at_most]``.

    ``any`` is the condition with ``at_least = 1`` and no upper bound.
    """

    kind: str  # "any" or "count", as written in the definition
    of: tuple[str, ...]
    at_least: int
    at_most: int | None


@dataclass(frozen=True)
class Indicator:
    """One question the worker answers yes, no or unknown; its tier groups it on the form."""

    id: str
    tier: str
    question: str
    help: str
    source: str
    derived: Derivation | None = None


@dataclass(frozen=True)
class Rule:
    """A named condition over indicators that a tier can use and report as a reason."""

    id: str
    label: str
    source: str
    when: Condition


@dataclass(frozen=True)
class Action:
    """A protocol step a tier calls for."""

    id: str
    label: str
    source: str


@dataclass(frozen=True)
class Tier:
    """A result level: the highest-precedence tier whose condition fires wins.

    The tier with no condition (``when is None``) is the fallback when nothing else fires.
    """

    id: str
    label: str
    meaning: str
    precedence: int
    actions: tuple[str, ...]
    source: str
    when: Condition | None


@dataclass(frozen=True)
class Statement:
    """A sentence the instrument shows the worker, with where it comes from."""

    text: str
    source: str


@dataclass(frozen=True)
class Term:
    """A word the questions use, defined for the worker."""

    term: str
    meaning: str
    source: str


@dataclass(frozen=True)
class Section:
    """A tier and the indicators grouped under it, for the screening form."""

    tier: Tier
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, eq=False)
class Instrument:
    """One version of a screening instrument; ``tiers`` are highest precedence first."""

    id: str
    version: str
    title: str
    source: str
    notice: Statement
    guidance: Statement | None
    terms: tuple[Term, ...]
    indicators: tuple[Indicator, ...]
    rules: tuple[Rule, ...]
    tiers: tuple[Tier, ...]
    actions: tuple[Action, ...]

    @cached_property
    def plan(self) -> Plan:
        """Compile the rules once so that scoring does no lookups by name."""
        from safeharbor.domain.screening.plan import compile_plan

        return compile_plan(self)

    def indicator(self, indicator_id: str) -> Indicator:
        """Return the indicator with this id; raise KeyError if there is none."""
        return _find(self.indicators, indicator_id)

    def rule(self, rule_id: str) -> Rule:
        """Return the named rule with this id; raise KeyError if there is none."""
        return _find(self.rules, rule_id)

    def tier(self, tier_id: str) -> Tier:
        """Return the tier with this id; raise KeyError if there is none."""
        return _find(self.tiers, tier_id)

    def action(self, action_id: str) -> Action:
        """Return the protocol action with this id; raise KeyError if there is none."""
        return _find(self.actions, action_id)

    def label(self, item_id: str) -> str:
        """Return the words for an indicator (its question) or a named rule (its label)."""
        if any(i.id == item_id for i in self.indicators):
            return self.indicator(item_id).question
        return self.rule(item_id).label

    def sections(self) -> tuple[Section, ...]:
        """Group the indicators by tier, highest tier first, in instrument order within each."""
        groups = ((t, tuple(i for i in self.indicators if i.tier == t.id)) for t in self.tiers)
        return tuple(Section(tier, members) for tier, members in groups if members)

    @property
    def fallback(self) -> Tier:
        """Return the tier that applies when no other tier's condition fires."""
        return self.tiers[-1]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def _find(items: tuple[_Item, ...], item_id: str) -> _Item:
    """Return the item with ``item_id``; the lists are short, so a scan is enough."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
