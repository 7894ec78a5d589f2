"""Demo screenings: every tier, returns from missing re-screened, and one lowering to approve.

Recorded through screenings.actions by each youth's own caseworker, so the protocol clocks open
exactly as they would in the agency.
"""

from __future__ import annotations

import datetime as dt
import random

from safeharbor.cases.models import Youth
from safeharbor.domain.screening import NO, UNKNOWN, Answer, AnswerSource, AnswerValue
from safeharbor.screenings.actions import override_tier, record_screening

AT_RISK = (
    "history_sexual_abuse",
    "juvenile_justice_involvement",
    "controlling_older_partner",
    "sti_or_pregnancy",
    "suspected_gang_affiliation",
    "brands_or_tattoos",
    "frequents_risky_areas",
    "frequents_hotels_motels",
    "unexplained_injuries",
    "secrecy_about_relationships",
    "disconnected_from_family_peers",
    "fear_anxiety_hypervigilance",
    "unexplained_money_goods",
    "school_disconnectedness",
)
GRAVE = {
    "high_risk": "hotels_for_sex",
    "confirmed": "disclosed_commercial_sex_under_18",
}


def screen_demo_youth(youth: list[Youth], rng: random.Random, today: dt.date) -> int:
    """Screen about a third of the assigned youth; return how many screenings were recorded."""
    count = 0
    for record in youth:
        if record.caseworker is None or rng.random() > 0.35:
            continue
        answers = _answers(rng)
        occasion = (
            "returned_from_missing"
            if record.missing_episodes.filter(returned_at__isnull=False).exists()
            else rng.choice(("caseworker_concern", "intake_screened_in", "review"))
        )
        as_of = today - dt.timedelta(days=rng.randrange(0, 20))
        screening = record_screening(
            actor=record.caseworker, youth=record, as_of=as_of, answers=answers, occasion=occasion
        )
        count += 1
        if count == 3 and screening.final_tier != "no_indicators":
            override_tier(
                actor=record.caseworker,
                screening=screening,
                tier="no_indicators",
                reason="The risk was a school trip with a teacher; the school confirmed it.",
            )
    return count


def _answers(rng: random.Random) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for key in rng.sample(AT_RISK, rng.randrange(0, 6)):
        answers[key] = Answer(AnswerValue.YES, rng.choice(list(AnswerSource)), "")
    for key in rng.sample(AT_RISK, 3):
        answers.setdefault(key, rng.choice((NO, UNKNOWN)))
    roll = rng.random()
    if roll < 0.12:
        answers[GRAVE["high_risk"]] = Answer(
            AnswerValue.YES,
            AnswerSource.COLLATERAL_CONTACT,
            "Motel staff reported a youth with adults.",
        )
    elif roll < 0.17:
        answers[GRAVE["confirmed"]] = Answer(
            AnswerValue.YES,
            AnswerSource.YOUTH_DISCLOSURE,
            "Disclosed trading sex for a place to stay.",
        )
    else:
        answers["interstate_travel_without_resources"] = NO
    answers.setdefault("identified_by_law_enforcement", NO if roll > 0.5 else UNKNOWN)
    return answers
