"""What a survivor needs (SPEC §6), with what youth themselves say they need most put first.

Sources: seed 001 ("Survivor Needs": immediate and long-term needs; "All services are
unconditional, not transactional"); seed 000 (Center for Court Innovation, 2016: youth name
housing/utilities, employment/education and food/money first, where professionals typically say
mental health); seed 003 (young adults 18-21 keep their services).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from safeharbor.domain.errors import InputError


class Term(StrEnum):
    """When a need must be met."""

    IMMEDIATE = "immediate"
    LONG_TERM = "long_term"


@dataclass(frozen=True)
class NeedKind:
    """One need of the catalogue: its id, its words, when, and where it comes from."""

    id: str
    label: str
    term: Term
    source: str
    youth_named: bool = False  # among what youth themselves say they need most (seed 000)


_S000 = "seed 000 (what youth say they need most)"
_S001I = "seed 001 (immediate needs)"
_S001L = "seed 001 (long-term needs)"

# Catalogue order is display order: the youth's own three first, in the order youth gave them.
CATALOGUE: tuple[NeedKind, ...] = (
    NeedKind("housing", "Housing and utilities", Term.LONG_TERM, f"{_S000}; {_S001L}", True),
    NeedKind(
        "education_employment",
        "Education, job training and employment",
        Term.LONG_TERM,
        f"{_S000}; {_S001L}",
        True,
    ),
    NeedKind("food_money", "Food and money", Term.IMMEDIATE, _S000, True),
    NeedKind("dignity", "To be treated with dignity", Term.IMMEDIATE, _S001I),
    NeedKind("basic_needs", "Food, water, shelter and clothing", Term.IMMEDIATE, _S001I),
    NeedKind("safety", "Safety and comfort", Term.IMMEDIATE, _S001I),
    NeedKind("medical", "Medical care", Term.IMMEDIATE, _S001I),
    NeedKind("psychological", "Psychological care", Term.IMMEDIATE, _S001I),
    NeedKind(
        "therapy_support",
        "Continuous therapy, and someone who stays with them through the process",
        Term.LONG_TERM,
        _S001L,
    ),
    NeedKind("life_skills", "Life skills", Term.LONG_TERM, _S001L),
    NeedKind("substance_use", "Substance-use treatment", Term.LONG_TERM, _S001L),
    NeedKind("identification", "Identification documents", Term.LONG_TERM, _S001L),
    NeedKind("childcare", "Affordable childcare", Term.LONG_TERM, _S001L),
    NeedKind("faith_community", "A faith-based community", Term.LONG_TERM, _S001L),
    NeedKind(
        "immigration_relief",
        "Immigration relief, or help returning home",
        Term.LONG_TERM,
        _S001L,
    ),
    NeedKind(
        "victim_centred_investigation",
        "A victim-centred investigation that takes the youth's needs into account",
        Term.LONG_TERM,
        _S001L,
    ),
    NeedKind("record_repair", "Criminal-record and credit repair", Term.LONG_TERM, _S001L),
)
BY_ID = {kind.id: kind for kind in CATALOGUE}
UNCONDITIONAL = (
    "Services are unconditional, never transactional: a youth never has to cooperate with an "
    "investigation, testify or disclose to receive them (seed 001)."
)
YOUNG_ADULT_AGE_LIMIT = 21  # seed 003: young adults who were in care keep services to 21


def need_kind(need_id: str) -> NeedKind:
    """Return the catalogue entry for ``need_id``; refuse an id the catalogue does not have."""
    try:
        return BY_ID[need_id]
    except KeyError:
        raise InputError(f"unknown need {need_id!r}", field="need") from None


def check_priorities(priorities: Sequence[str]) -> list[str]:
    """Return the youth's priorities, first to last; refuse unknown or repeated needs."""
    seen: list[str] = []
    for need_id in priorities:
        need_kind(need_id)
        if need_id in seen:
            raise InputError(
                f"{BY_ID[need_id].label} is chosen twice among the youth's priorities",
                field="priorities",
            )
        seen.append(need_id)
    return seen


def check_assessment(
    priorities: Sequence[str], needs: Collection[str], *, assessed_on: dt.date, today: dt.date
) -> list[str]:
    """Return the youth's priorities, first to last; refuse an assessment dated in the future,
    a priority not ticked as a need, or no need at all."""
    if assessed_on > today:
        raise InputError("the assessment cannot be dated in the future", field="assessed_on")
    ordered = check_priorities(priorities)
    for need_id in needs:
        need_kind(need_id)
    missing = [need_id for need_id in ordered if need_id not in needs]
    if missing:
        raise InputError(
            f"{need_kind(missing[0]).label} is among the youth's priorities: tick it as a need too",
            field="needs",
        )
    if not needs:
        raise InputError("tick at least one need", field="needs")
    return ordered


def plan_order(need_ids: Iterable[str], priorities: Sequence[str]) -> list[str]:
    """Return ``need_ids`` with the youth's priorities first, in their order, then the catalogue's.

    The youth's own words lead the plan (seed 000: what youth say they need most differs from
    what professionals typically say).
    """
    catalogue_rank = {kind.id: index for index, kind in enumerate(CATALOGUE)}
    priority_rank = {need_id: index for index, need_id in enumerate(priorities)}
    return sorted(
        need_ids,
        key=lambda need_id: (
            priority_rank.get(need_id, len(priority_rank)),
            catalogue_rank.get(need_id, len(catalogue_rank)),
        ),
    )


def keeps_plan(age: int) -> bool:
    """Return whether a youth of ``age`` keeps their needs plan and services (seeds 001, 003).

    Turning 18 ends nothing: young adults who were in care keep their plan to 21.
    """
    return age <= YOUNG_ADULT_AGE_LIMIT
