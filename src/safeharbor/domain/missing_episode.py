"""What a worker records about a missing episode, and the checks before it is stored (SPEC §3).

Sources:
- 42 U.S.C. 671(a)(35)(B): the report to law enforcement (for the NCIC entry) and to NCMEC; the
  description of the youth as last seen and the risks below are what they ask for (seed 004).
- SPEC §5: the agency learning that the youth is missing starts the report clocks, the return
  opens the debrief and re-screening clocks, and the debrief satisfies its own.

The times must make sense together: nothing is last seen, learned of, searched for, found or
debriefed in the future; the agency learns of it after the youth was last seen (and the youth was
born by then); the search happens while the youth was missing; the return comes after the youth
was last seen and the debrief after the return. Pure: the app passes ``now`` and the agency's zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from safeharbor.domain.errors import InputError
from safeharbor.domain.return_debrief import PARTICIPATION, check_answers

# A form filled on a clock a little ahead of the server's is not "in the future".
SKEW = dt.timedelta(minutes=5)

RISK_ANSWERS = [("unknown", "Not known"), ("yes", "Yes"), ("no", "No")]
# (name, words): each risk has ``risk_<name>`` (an answer) and ``risk_<name>_detail``.
RISKS = (
    ("pregnancy", "Pregnant or may be pregnant"),
    ("medications", "Needs medication"),
    ("suicide", "At risk of suicide or self-harm"),
    ("exploiter", "A known exploiter or an older partner"),
    ("trafficking_indicators", "Suspected trafficking indicators"),
)
EYE_CHOICES = [
    ("", "Not recorded"),
    ("brown", "Brown"),
    ("blue", "Blue"),
    ("green", "Green"),
    ("hazel", "Hazel"),
    ("gray", "Gray"),
    ("black", "Black"),
    ("multicolored", "Multicolored"),
    ("unknown", "Unknown"),
]

# What a worker describes about an episode, and may correct later (never the clock's start).
TEXT_LIMITS = {
    "last_seen_where": 200,
    "last_seen_with": 200,
    "hair": 80,
    "clothing": 300,
    "photo_reference": 200,
    "circumstances": 10_000,
    "risk_notes": 10_000,
    "marks": 2_000,
    **{f"risk_{name}_detail": 2_000 for name, _ in RISKS},
}
RISK_FIELDS = tuple(f"risk_{name}" for name, _ in RISKS)
# The kind of absence (SPEC §3 missing episode): what law enforcement and NCMEC ask first.
ABSENCE_CHOICES = [
    ("ran_away", "Ran away"),
    ("whereabouts_unknown", "Whereabouts unknown"),
    ("taken_by_family", "Taken by a family member"),
    ("taken_by_other", "Taken by someone else"),
    ("lost_or_injured", "Lost or injured"),
]
DETAIL_FIELDS = (
    *TEXT_LIMITS,
    *RISK_FIELDS,
    "height_inches",
    "weight_pounds",
    "eyes",
    "absence_kind",
)
# Whom the agency tells, after the return, that the youth is found (so NCIC and NCMEC close).
FOUND_RECIPIENTS = {"law_enforcement": "law enforcement", "ncmec": "NCMEC"}
NAME_LIMIT = 200  # who made an effort, where the youth was found, who found them


@dataclass(frozen=True)
class EpisodeTimes:
    """When the youth was last seen, when the agency learned of it, and when they returned."""

    last_seen_at: dt.datetime
    learned_at: dt.datetime
    returned_at: dt.datetime | None = None


def not_future(moment: dt.datetime, *, now: dt.datetime, field: str, what: str) -> None:
    """Refuse a time without a zone, or one later than ``now`` (give or take ``SKEW``)."""
    if moment.utcoffset() is None:
        raise InputError(f"{what} needs a time zone", field=field)
    if moment > now + SKEW:
        raise InputError(f"{what} cannot be in the future", field=field)


def check_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """Return the description cleaned (text stripped); refuse unknown fields, impossible values."""
    unknown = sorted(set(details) - set(DETAIL_FIELDS))
    if unknown:
        raise InputError(f"a missing episode has no field {unknown[0]!r}")
    return {name: _checked(name, value) for name, value in details.items()}


def _checked(name: str, value: Any) -> Any:
    if name in TEXT_LIMITS:
        return _text(name, value)
    if name in RISK_FIELDS and value not in dict(RISK_ANSWERS):
        raise InputError("answer yes, no or not known", field=name)
    if name == "absence_kind" and value not in dict(ABSENCE_CHOICES) and value != "":
        raise InputError(f"unknown kind of absence {value!r}", field=name)
    if name == "eyes" and value not in dict(EYE_CHOICES):
        raise InputError(f"unknown eye colour {value!r}", field=name)
    if name == "height_inches" and value is not None and not 12 <= value <= 96:
        raise InputError("a height between 1 ft 0 in and 8 ft 0 in, please", field=name)
    if name == "weight_pounds" and value is not None and not 1 <= value <= 700:
        raise InputError("a weight between 1 and 700 pounds, please", field=name)
    return value


def _text(name: str, value: str | None) -> str:
    text = (value or "").strip()
    if len(text) > TEXT_LIMITS[name]:
        raise InputError(
            f"keep this under {TEXT_LIMITS[name]} characters (it has {len(text)})", field=name
        )
    return text


def check_times(
    *,
    last_seen_at: dt.datetime,
    learned_at: dt.datetime,
    born: dt.date,
    zone: dt.tzinfo,
    now: dt.datetime,
) -> None:
    """Refuse times of an episode that cannot be: in the future, learned before last seen, or
    last seen (on the agency's calendar, ``zone``) before the youth was born."""
    not_future(last_seen_at, now=now, field="last_seen_at", what="when the youth was last seen")
    not_future(learned_at, now=now, field="learned_at", what="when the agency learned of it")
    if learned_at < last_seen_at:
        raise InputError(
            "the agency cannot learn of it before the youth was last seen", field="learned_at"
        )
    if last_seen_at.astimezone(zone).date() < born:
        raise InputError(
            "the youth cannot have been seen before they were born", field="last_seen_at"
        )


def check_last_seen_correction(
    last_seen_at: dt.datetime,
    *,
    episode: EpisodeTimes,
    born: dt.date,
    zone: dt.tzinfo,
    now: dt.datetime,
) -> None:
    """Refuse a corrected last-seen time that ``check_times`` refuses or that follows the return."""
    check_times(
        last_seen_at=last_seen_at, learned_at=episode.learned_at, born=born, zone=zone, now=now
    )
    if episode.returned_at is not None and episode.returned_at < last_seen_at:
        raise InputError("the youth returned before that time", field="last_seen_at")


def check_effort(
    made_at: dt.datetime,
    made_by: str,
    effort: str,
    result: str,
    *,
    episode: EpisodeTimes,
    now: dt.datetime,
) -> dict[str, Any]:
    """Return one effort to find the youth, cleaned; refuse one made outside the episode.

    An effort made while the youth was missing may be entered after the return, never one dated
    after it.
    """
    not_future(made_at, now=now, field="made_at", what="the effort")
    if made_at < episode.last_seen_at:
        raise InputError("the effort cannot come before the youth was last seen", field="made_at")
    if episode.returned_at is not None and made_at > episode.returned_at:
        raise InputError(
            "the youth had returned by then: log efforts made while they were missing",
            field="made_at",
        )
    made_by, effort, result = made_by.strip(), effort.strip(), result.strip()
    if not made_by:
        raise InputError("say who made the effort", field="made_by")
    if not effort:
        raise InputError("say what was done", field="effort")
    return {"made_at": made_at, "made_by": made_by[:NAME_LIMIT], "effort": effort, "result": result}


def check_return(
    returned_at: dt.datetime,
    found_where: str,
    found_by: str,
    *,
    episode: EpisodeTimes,
    now: dt.datetime,
) -> dict[str, Any]:
    """Return the return, cleaned; refuse one in the future or before the youth was last seen."""
    not_future(returned_at, now=now, field="returned_at", what="the return")
    if returned_at < episode.last_seen_at:
        raise InputError("the return cannot be before the youth was last seen", field="returned_at")
    return {
        "returned_at": returned_at,
        "found_where": found_where.strip()[:NAME_LIMIT],
        "found_by": found_by.strip()[:NAME_LIMIT],
    }


def check_debrief(
    conducted_at: dt.datetime,
    participation: str,
    answers: Mapping[str, str],
    *,
    episode: EpisodeTimes,
    now: dt.datetime,
) -> dict[str, str]:
    """Return the debrief's answers cleaned; refuse a debrief before the return or in the future,
    and one where a youth who took part leaves the two federal questions unanswered."""
    if episode.returned_at is None:
        raise InputError("record the youth's return first")
    not_future(conducted_at, now=now, field="conducted_at", what="the debrief")
    if conducted_at < episode.returned_at:
        raise InputError("the debrief cannot come before the return", field="conducted_at")
    if participation not in dict(PARTICIPATION):
        raise InputError("say whether the youth took part", field="participation")
    return check_answers(answers, participation)


def check_found_notice(
    recipient: str, told_at: dt.datetime, *, returned_at: dt.datetime | None, now: dt.datetime
) -> None:
    """Refuse telling someone the youth is found before the return, in the future, or someone
    the agency does not tell (law enforcement and NCMEC, SPEC §3)."""
    if recipient not in FOUND_RECIPIENTS:
        raise InputError("tell law enforcement or NCMEC", field="recipient")
    if returned_at is None:
        raise InputError("record the youth's return first", field="told_at")
    not_future(told_at, now=now, field="told_at", what="when they were told")
    if told_at < returned_at:
        raise InputError(
            "they cannot have been told the youth is found before the youth returned",
            field="told_at",
        )
