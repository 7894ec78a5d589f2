"""An instrument compiled for scoring: every indicator and rule becomes one bit of an integer.

Scoring thousands of screenings a second (the batch CLI) must not look anything up by name:
sets of indicators become bit masks, so ANY and COUNT are one ``&`` and one ``bit_count``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from safeharbor.domain.screening.model import Condition, Instrument, Tier


@dataclass(frozen=True, slots=True)
class TierPlan:
    """A tier as scoring sees it: its condition as a mask and inclusive bounds."""

    id: str
    label: str
    mask: int
    at_least: int
    at_most: int
    actions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Bits, masks and bounds for one instrument version."""

    instrument: str
    version: str
    bits: dict[str, int]  # indicator id -> its bit; only indicators can be answered
    rule_ids: frozenset[str]
    derivations: tuple[tuple[int, int, int | None], ...]  # bit, at least, within months
    rules: tuple[tuple[int, int, int, int], ...]  # bit, mask, at least, at most
    tiers: tuple[TierPlan, ...]  # highest precedence first; the fallback is last
    counts: tuple[tuple[str, int], ...]  # tier id -> mask of the indicators grouped under it
    question_mask: int  # every indicator; named rules have the bits above
    chunks: tuple[tuple[tuple[str, ...], ...], ...]  # per 8 bits: byte value -> its ids

    def named(self, mask: int) -> tuple[str, ...]:
        """Return the ids whose bits are in ``mask``, in instrument order, a byte at a time."""
        names: tuple[str, ...] = ()
        for table in self.chunks:
            if not mask:
                break
            names += table[mask & 0xFF]
            mask >>= 8
        return names

    def counted(self, holds: int) -> Mapping[str, int]:
        """Return, per tier, how many of the indicators grouped under it are in ``holds``."""
        return MappingProxyType({tier: (holds & mask).bit_count() for tier, mask in self.counts})


def compile_plan(instrument: Instrument) -> Plan:
    """Turn a validated instrument into bit masks."""
    ids = [i.id for i in instrument.indicators] + [r.id for r in instrument.rules]
    bit = {item_id: 1 << n for n, item_id in enumerate(ids)}
    return Plan(
        instrument=instrument.id,
        version=instrument.version,
        bits={i.id: bit[i.id] for i in instrument.indicators},
        rule_ids=frozenset(r.id for r in instrument.rules),
        derivations=tuple(
            (bit[i.id], i.derived.at_least, i.derived.within_months)
            for i in instrument.indicators
            if i.derived is not None
        ),
        rules=tuple((bit[r.id], *_bounds(r.when, bit)) for r in instrument.rules),
        tiers=tuple(_tier_plan(t, bit) for t in instrument.tiers),
        counts=_counts(instrument, bit),
        question_mask=(1 << len(instrument.indicators)) - 1,
        chunks=_chunks(ids),
    )


def _bounds(condition: Condition, bit: dict[str, int]) -> tuple[int, int, int]:
    """Return the condition's mask and inclusive bounds; no upper bound becomes "all of them"."""
    mask = 0
    for item_id in condition.of:
        mask |= bit[item_id]
    at_most = len(condition.of) if condition.at_most is None else condition.at_most
    return mask, condition.at_least, at_most


def _tier_plan(tier: Tier, bit: dict[str, int]) -> TierPlan:
    """Compile one tier; the fallback (no condition) gets bounds that always hold."""
    if tier.when is None:
        return TierPlan(tier.id, tier.label, 0, 0, 0, tier.actions)
    return TierPlan(tier.id, tier.label, *_bounds(tier.when, bit), tier.actions)


def _counts(instrument: Instrument, bit: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Return, for each tier that groups indicators, the mask of those indicators."""
    counts = []
    for section in instrument.sections():
        mask = 0
        for indicator in section.indicators:
            mask |= bit[indicator.id]
        counts.append((section.tier.id, mask))
    return tuple(counts)


def _chunks(ids: list[str]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Tabulate, for each 8 ids, the ids named by each of the 256 values of their byte."""
    tables = []
    for start in range(0, len(ids), 8):
        group = ids[start : start + 8]
        table = (tuple(i for n, i in enumerate(group) if byte >> n & 1) for byte in range(256))
        tables.append(tuple(table))
    return tuple(tables)
