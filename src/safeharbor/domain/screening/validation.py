"""Cross-checks of an instrument definition: every id is unique and every reference resolves.

The loader has already checked shapes and types; these checks need the whole definition. Tiers
are still in file order here, so that places such as ``tiers[2]`` point into the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NoReturn

from safeharbor.domain.screening.model import Condition, Instrument

Fail = Callable[[str, str], NoReturn]


def check_references(instrument: Instrument, fail: Fail) -> None:
    """Refuse duplicate ids, dangling references and items nothing uses."""
    _check_unique(
        [(f"indicators[{n}]", i.id) for n, i in enumerate(instrument.indicators)]
        + [(f"rules[{n}]", r.id) for n, r in enumerate(instrument.rules)],
        fail,
    )
    _check_unique([(f"tiers[{n}]", t.id) for n, t in enumerate(instrument.tiers)], fail)
    _check_unique([(f"actions[{n}]", a.id) for n, a in enumerate(instrument.actions)], fail)
    _check_indicator_tiers(instrument, fail)
    _check_conditions(instrument, fail)
    _check_actions(instrument, fail)


def _check_unique(places: list[tuple[str, str]], fail: Fail) -> None:
    """Refuse an id used twice; indicators and rules share one namespace (conditions use both)."""
    first: dict[str, str] = {}
    for place, item_id in places:
        if item_id in first:
            fail(f"{place}.id", f"{item_id!r} is already the id of {first[item_id]}")
        first[item_id] = place


def _check_indicator_tiers(instrument: Instrument, fail: Fail) -> None:
    """Refuse an indicator grouped under a tier that is missing, the fallback, or ignores it."""
    tiers = {t.id: t for t in instrument.tiers}
    for n, indicator in enumerate(instrument.indicators):
        place = f"indicators[{n}].tier"
        tier = tiers.get(indicator.tier)
        if tier is None:
            fail(place, f"{indicator.tier!r} is not a tier (tiers: {_names(tiers)})")
        if tier.when is None:
            fail(place, f"{tier.id!r} is the fallback tier, which has no condition to use it")
        if indicator.id not in tier.when.of:
            fail(place, f"tier {tier.id!r} does not list {indicator.id!r} in its `when`")


def _check_conditions(instrument: Instrument, fail: Fail) -> None:
    """Refuse conditions naming unknown ids; rules count indicators only; every rule is used."""
    indicators = {i.id for i in instrument.indicators}
    rules = {r.id for r in instrument.rules}
    for n, rule in enumerate(instrument.rules):
        _check_ids(rule.when, f"rules[{n}].when", indicators, rules, fail, rules_allowed=False)
    used: set[str] = set()
    for n, tier in enumerate(instrument.tiers):
        if tier.when is not None:
            _check_ids(tier.when, f"tiers[{n}].when", indicators, rules, fail, rules_allowed=True)
            used.update(tier.when.of)
    for n, rule in enumerate(instrument.rules):
        if rule.id not in used:
            fail(f"rules[{n}].id", f"no tier uses the rule {rule.id!r}")


def _check_ids(
    condition: Condition,
    place: str,
    indicators: set[str],
    rules: set[str],
    fail: Fail,
    *,
    rules_allowed: bool,
) -> None:
    """Refuse an id in a condition that is neither an indicator nor (where allowed) a rule."""
    for k, item_id in enumerate(condition.of):
        where = f"{place}.{condition.kind}[{k}]"
        if item_id in rules and not rules_allowed:
            fail(where, f"{item_id!r} is a rule; a rule counts indicators only")
        if item_id not in indicators and item_id not in rules:
            fail(where, f"{item_id!r} is not an indicator or rule of this instrument")


def _check_actions(instrument: Instrument, fail: Fail) -> None:
    """Refuse a tier calling for an unknown action, and an action no tier calls for."""
    actions = [a.id for a in instrument.actions]  # a list, so that messages keep file order
    used: set[str] = set()
    for n, tier in enumerate(instrument.tiers):
        for k, action_id in enumerate(tier.actions):
            if action_id not in actions:
                fail(
                    f"tiers[{n}].actions[{k}]",
                    f"{action_id!r} is not an action (actions: {_names(actions)})",
                )
            used.add(action_id)
    for n, action in enumerate(instrument.actions):
        if action.id not in used:
            fail(f"actions[{n}].id", f"no tier calls for the action {action.id!r}")


def _names(ids: Iterable[str]) -> str:
    """List ids for a message."""
    return ", ".join(ids)
