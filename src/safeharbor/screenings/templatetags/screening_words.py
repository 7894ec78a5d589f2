"""Words for instrument ids in templates: questions, rule labels, tiers, actions, sources."""

from __future__ import annotations

from django import template

from safeharbor.domain.screening import Instrument

register = template.Library()

SOURCE_LABELS = {
    "youth_disclosure": "Youth disclosure",
    "worker_observation": "Worker observation",
    "records": "Records",
    "collateral_contact": "Collateral contact",
}
TIER_WORDS = {
    "confirmed": "Confirmed victim",
    "high_risk": "High risk",
    "moderate_risk": "Moderate risk",
    "at_risk": "At risk",
    "no_indicators": "No indicators",
}


@register.filter
def label_of(instrument: Instrument, item_id: str) -> str:
    """Return the question of an indicator or the label of a named rule."""
    try:
        return instrument.label(item_id)
    except KeyError:
        return item_id


@register.filter
def action_label(instrument: Instrument, action_id: str) -> str:
    """Return the plain words of a protocol action."""
    try:
        return instrument.action(action_id).label
    except KeyError:
        return action_id


@register.filter
def tier_label(instrument: Instrument, tier_id: str) -> str:
    """Return a tier's label in this instrument version."""
    try:
        return instrument.tier(tier_id).label
    except KeyError:
        return tier_id


@register.filter
def tier_words(tier_id: str) -> str:
    """Return short words for a tier id when no instrument is at hand (lists)."""
    return TIER_WORDS.get(tier_id, tier_id)


@register.filter
def source_label(source: str) -> str:
    """Return the words for an answer's source."""
    return SOURCE_LABELS.get(source, source)


@register.simple_tag
def rule_members(instrument: Instrument, reason: str, present: tuple[str, ...]) -> list[str]:
    """Return the questions of the indicators that made a named rule hold ("four or more …").

    Empty when ``reason`` is an indicator, not a rule: the reason already is its question.
    """
    try:
        rule = instrument.rule(reason)
    except KeyError:
        return []
    return [instrument.label(item) for item in rule.when.of if item in present]
