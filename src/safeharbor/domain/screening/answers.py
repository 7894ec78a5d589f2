"""What a screening is scored from: the worker's answers and the youth's missing episodes.

Source: SPEC §3 (answers are yes / no / unknown, with the source of each and a note) and §4.2
(missing episodes counted by the date the youth was reported missing).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum


class AnswerValue(StrEnum):
    """The worker's answer to one indicator; only yes ever counts (SPEC §4.2)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class AnswerSource(StrEnum):
    """Where the worker learned the answer (SPEC §3)."""

    YOUTH_DISCLOSURE = "youth_disclosure"
    WORKER_OBSERVATION = "worker_observation"
    RECORDS = "records"
    COLLATERAL_CONTACT = "collateral_contact"


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer, with where it came from and the worker's note when they gave them."""

    value: AnswerValue
    source: AnswerSource | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class MissingEpisode:
    """A time the youth ran away or was reported missing; ``returned`` is None while missing."""

    reported_missing: dt.date
    returned: dt.date | None = None


YES = Answer(AnswerValue.YES)
NO = Answer(AnswerValue.NO)
UNKNOWN = Answer(AnswerValue.UNKNOWN)


def shown(value: object) -> str:
    """Show a value from a document in a message as JSON would write it, cut short if long."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
