"""Score a screening: derived indicators, named rules, the winning tier and its protocol.

Source: SPEC §4.2 (derived indicators from missing episodes; an indicator counts once however
many ways it is yes; "unknown" and "no" never count) and §4.3 (the highest tier whose rule
fires wins; reasons; at_risk_count). Pure: the caller passes ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safeharbor.domain.dates import add_months
from safeharbor.domain.errors import InputError
from safeharbor.domain.screening.answers import Answer, AnswerValue, MissingEpisode, shown
from safeharbor.domain.screening.model import Instrument
from safeharbor.domain.screening.plan import Plan, TierPlan

_YES = AnswerValue.YES
_UNKNOWN = AnswerValue.UNKNOWN


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The outcome of one screening, with its reasons, kept with the instrument version."""

    instrument: str
    version: str
    as_of: dt.date
    tier: str
    tier_label: str
    reasons: tuple[str, ...]  # the winning tier's indicators and rules that hold
    actions: tuple[str, ...]  # protocol action ids, in the tier's order
    counts: Mapping[str, int]  # tier id -> how many of the indicators grouped under it hold
    present: tuple[str, ...]  # every indicator and named rule that holds, instrument order
    derived: tuple[str, ...]  # indicators that are yes from the missing episodes on record
    unanswered: tuple[str, ...]  # no answer and not derived yes
    unknown: tuple[str, ...]  # answered "unknown"

    @property
    def at_risk_count(self) -> int:
        """Return how many at-risk indicators hold (SPEC §4.3)."""
        return self.counts.get("at_risk", 0)

    def to_dict(self) -> dict[str, object]:
        """Return the SPEC §4.4 output document (and a few more fields)."""
        document: dict[str, object] = {
            "instrument": self.instrument,
            "version": self.version,
            "as_of": self.as_of.isoformat(),
            "tier": self.tier,
            "tier_label": self.tier_label,
        }
        for tier_id, count in self.counts.items():
            document[tier_id + "_count"] = count
        document["reasons"] = self.reasons
        document["actions"] = self.actions
        document["unanswered"] = self.unanswered
        document["unknown"] = self.unknown
        document["derived"] = self.derived
        return document


def score(
    instrument: Instrument,
    answers: Mapping[str, Answer],
    episodes: Iterable[MissingEpisode],
    as_of: dt.date,
) -> ScreeningResult:
    """Score one screening as of ``as_of`` with one instrument version."""
    plan = instrument.plan
    yes, answered, unknown = _read_answers(plan, answers)
    derived = _derive(plan, _checked(episodes, as_of), as_of)
    holds = _apply_rules(plan, yes | derived)
    tier = _winning_tier(plan, holds)
    named = plan.named
    return ScreeningResult(
        instrument=plan.instrument,
        version=plan.version,
        as_of=as_of,
        tier=tier.id,
        tier_label=tier.label,
        reasons=named(holds & tier.mask),
        actions=tier.actions,
        counts=plan.counted(holds),
        present=named(holds),
        derived=named(derived) if derived else (),
        unanswered=named(plan.question_mask & ~(answered | derived)),
        unknown=named(unknown) if unknown else (),
    )


def _read_answers(plan: Plan, answers: Mapping[str, Answer]) -> tuple[int, int, int]:
    """Return the masks of indicators answered yes, answered at all, and answered unknown."""
    bits = plan.bits
    yes = answered = unknown = 0
    for key, answer in answers.items():
        bit = bits.get(key)
        if bit is None:
            raise _not_a_question(plan, key)
        answered |= bit
        if answer.value == _YES:
            yes |= bit
        elif answer.value == _UNKNOWN:
            unknown |= bit
    return yes, answered, unknown


def _not_a_question(plan: Plan, key: str) -> InputError:
    """Explain why ``key`` can't be answered: it is a rule, or no indicator of this version."""
    where = f"{plan.instrument} {plan.version}"
    if key in plan.rule_ids:
        problem = (
            f"{shown(key)} is a rule of {where}, worked out from other indicators, not a question"
        )
    else:
        problem = f"{shown(key)} is not an indicator of {where}{_suggestion(key, plan.bits)}"
    return InputError(f"answers: {problem}", field=f"answers.{key}")


def _suggestion(key: str, known: Iterable[str]) -> str:
    """Return ' (did you mean ...?)' for a near miss, else nothing."""
    import difflib  # only on the error path: keeps the batch CLI's start fast

    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {shown(close[0])}?)" if close else ""


def _checked(episodes: Iterable[MissingEpisode], as_of: dt.date) -> tuple[MissingEpisode, ...]:
    """Refuse episodes in the future or returns before the youth went missing."""
    episodes = tuple(episodes)
    for n, episode in enumerate(episodes):
        missing, returned = episode.reported_missing, episode.returned
        if missing > as_of:
            raise _episode_error(n, "reported_missing", f"{missing} is after as_of {as_of}")
        if returned is not None and returned < missing:
            raise _episode_error(n, "returned", f"{returned} is before reported_missing {missing}")
        if returned is not None and returned > as_of:
            raise _episode_error(n, "returned", f"{returned} is after as_of {as_of}")
    return episodes


def _episode_error(n: int, key: str, problem: str) -> InputError:
    """Name the episode and field at fault."""
    field = f"missing_episodes[{n}].{key}"
    return InputError(f"{field}: {problem}", field=field)


def _derive(plan: Plan, episodes: tuple[MissingEpisode, ...], as_of: dt.date) -> int:
    """Return the mask of indicators that are yes from the episodes (SPEC §4.2).

    The window ``[as_of - N calendar months, as_of]`` is inclusive at both ends and counts an
    episode by the day the youth was reported missing; with no window, any episode on record
    (all are on or before ``as_of``, see ``_checked``) counts.
    """
    if not episodes:
        return 0
    mask = 0
    for bit, at_least, within_months in plan.derivations:
        if _count_episodes(episodes, as_of, within_months) >= at_least:
            mask |= bit
    return mask


def _apply_rules(plan: Plan, holds: int) -> int:
    """Add the bits of the named rules that fire; rules only count indicators, so order is free."""
    fired = holds
    for bit, mask, at_least, at_most in plan.rules:
        if at_least <= (holds & mask).bit_count() <= at_most:
            fired |= bit
    return fired


def _winning_tier(plan: Plan, holds: int) -> TierPlan:
    """Return the highest-precedence tier whose condition fires; the last is the fallback."""
    for tier in plan.tiers[:-1]:
        if tier.at_least <= (holds & tier.mask).bit_count() <= tier.at_most:
            return tier
    return plan.tiers[-1]


def _count_episodes(
    episodes: tuple[MissingEpisode, ...], as_of: dt.date, within_months: int | None
) -> int:
    """Count the episodes reported missing in the window (no window: all of them)."""
    if within_months is None:
        return len(episodes)
    start = _window_start(as_of, within_months)
    return sum(e.reported_missing >= start for e in episodes)


@functools.lru_cache(maxsize=4096)
def _window_start(as_of: dt.date, months: int) -> dt.date:
    """Return the first day of the window (SPEC §4.2); memoised, as a batch shares its dates."""
    try:
        return add_months(as_of, -months)
    except ValueError:  # the window reaches back before year 1: every recorded day is inside it
        return dt.date.min
