"""The return debrief: what a worker says and asks when a youth comes back (SPEC §5).

Sources:
- 42 U.S.C. 671(a)(35)(A): determine the primary factors that contributed to the child running
  away, and the child's experiences while absent from care (including whether the child was a sex
  trafficking victim).
- seed 004: professionals "express relief when the child is found and concern for the child's
  well-being while he or she was missing", and ask "non-judgmental questions about how the child
  took care of himself or herself while he or she was missing, while noting any red flags or
  changes in behavior".
- seed 000: trauma-informed, developmentally appropriate questions once a sense of safety is
  established ("Potential Questions to Help Identify Possible Victims"), and the review questions
  "Possible Questions for Youth Who Have Run Away from Foster Care" (in the youth's own gender:
  "they" where the seed says "he/she").

The ids are the names the app stores answers under (one protected field per question).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from safeharbor.domain.errors import InputError


class Part(StrEnum):
    """Who the question is for."""

    WITH_YOUTH = "with_youth"  # asked of the youth, in the worker's own words
    REVIEW = "review"  # the agency's review of the episode (seed 000)


@dataclass(frozen=True)
class Question:
    """One debrief question: its id, the words, guidance for the worker, and its source."""

    id: str
    part: Part
    words: str
    guidance: str
    source: str


LAW = "42 U.S.C. 671(a)(35)(A)"
REVIEW = "seed 000 (Possible Questions for Youth Who Have Run Away from Foster Care)"

# Whether the youth wanted to talk: a youth who declines is never pressed; the debrief is then
# the agency's review.
PARTICIPATION = (
    ("took_part", "The youth talked with me"),
    ("partly", "The youth answered some questions"),
    ("declined", "The youth did not want to talk now"),
)
ANSWER_LIMIT = 10_000

# Said before any question, in the worker's own words (seed 004).
WELCOME = (
    "Begin with relief and concern: tell the youth you are glad they are back and safe, that "
    "people were worried about them while they were gone, and that they are not in trouble for "
    "having been away. They may skip any question; nothing they say changes that you are glad "
    "they are back."
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "primary_factors",
        Part.WITH_YOUTH,
        "What was going on for you before you left? What made leaving feel like the thing to do?",
        "The primary factors that contributed to running away. Listen for what the placement, "
        "school, family or friends meant to the youth; avoid asking “why did you run?”.",
        LAW,
    ),
    Question(
        "experiences_while_absent",
        Part.WITH_YOUTH,
        "While you were away, where did you stay, and how did you take care of yourself — food, "
        "a place to sleep, money, getting around?",
        "The youth's experiences while absent, asked without judgement (seed 004). Note red "
        "flags or changes in behaviour: new phones, money or clothes, hotels, travel, an older "
        "partner, injuries.",
        f"{LAW}; seed 004",
    ),
    Question(
        "anyone_asked_or_promised",
        Part.WITH_YOUTH,
        "Did anyone help you while you were gone? Did anyone promise you something, ask you to "
        "do something you did not want to do, or say they would hurt you or people you care about?",
        "Seed 000, potential questions to help identify possible victims. Ask only once the "
        "youth feels safe; a youth rarely says “trafficking”.",
        "seed 000 (Potential Questions to Help Identify Possible Victims)",
    ),
    Question(
        "what_would_help",
        Part.WITH_YOUTH,
        "What would help you feel safe now? What do you need from us?",
        "What the youth says they need, in their words: youth most often name housing, work or "
        "school, and food or money (seed 000).",
        "seed 000",
    ),
    Question(
        "locate_efforts",
        Part.REVIEW,
        "What efforts were made to locate the youth?",
        "Filled in from the locate-efforts log; add anything missing.",
        REVIEW,
    ),
    Question(
        "reports_made",
        Part.REVIEW,
        "Were the required reports to law enforcement made?",
        "Filled in from the reports recorded for this episode.",
        REVIEW,
    ),
    Question(
        "ncmec_collaboration",
        Part.REVIEW,
        "How is the agency collaborating with NCMEC?",
        "The NCMEC case number, the case manager, what was shared and when.",
        REVIEW,
    ),
    Question(
        "placement_when_ran",
        Part.REVIEW,
        "Where was the youth placed when they ran away?",
        "Filled in from the placement the youth left.",
        REVIEW,
    ),
    Question(
        "services_when_ran",
        Part.REVIEW,
        "What services or treatments was the youth receiving when they ran away?",
        "",
        REVIEW,
    ),
    Question(
        "special_needs",
        Part.REVIEW,
        "Does the youth have any special needs or a disability, or was there a need for any "
        "special screenings or assessments to determine if there is a disability or special need?",
        "",
        REVIEW,
    ),
    Question(
        "unaddressed_trauma",
        Part.REVIEW,
        "Was there any unaddressed trauma or behavioral health issues?",
        "",
        REVIEW,
    ),
    Question(
        "family_connection",
        Part.REVIEW,
        "Was the youth connected to their biological family or other supportive adults?",
        "",
        REVIEW,
    ),
    Question(
        "trafficking_concerns",
        Part.REVIEW,
        "Were or are there any concerns or evidence of involvement in sex trafficking?",
        "The screening that follows this debrief asks about each indicator; write here what "
        "raised concern.",
        REVIEW,
    ),
    Question(
        "services_needed",
        Part.REVIEW,
        "What services will the youth need now that they have returned, and what steps are being "
        "taken to arrange for those services?",
        "",
        REVIEW,
    ),
    Question(
        "caregiver_willing",
        Part.REVIEW,
        "Is the youth's previous caregiver willing to have the youth return to the placement?",
        "",
        REVIEW,
    ),
)

# Asked of every youth who takes part; a youth who declines is never pressed.
REQUIRED_WHEN_TAKING_PART = ("primary_factors", "experiences_while_absent")


def question_ids() -> tuple[str, ...]:
    """Return every question id in form order."""
    return tuple(q.id for q in QUESTIONS)


def questions_for(part: Part) -> tuple[Question, ...]:
    """Return the questions of one part, in form order."""
    return tuple(q for q in QUESTIONS if q.part is part)


def check_answers(answers: Mapping[str, str], participation: str) -> dict[str, str]:
    """Return every question's answer, stripped (empty when not given); refuse an unknown
    question, an answer too long, and a youth who took part without the two federal answers."""
    known = question_ids()
    unknown = sorted(set(answers) - set(known))
    if unknown:
        raise InputError(f"the debrief has no question {unknown[0]!r}")
    cleaned = {key: (answers.get(key) or "").strip() for key in known}
    if participation == "took_part":
        for key in REQUIRED_WHEN_TAKING_PART:
            if not cleaned[key]:
                raise InputError(
                    "write what the youth said, or choose that they answered some questions "
                    "or did not want to talk now",
                    field=key,
                )
    for key, value in cleaned.items():
        if len(value) > ANSWER_LIMIT:
            raise InputError(f"keep each answer under {ANSWER_LIMIT} characters", field=key)
    return cleaned
