"""Respectful language: find harmful terms in staff free text and offer alternatives.

Source: SPEC §2; seed 000 ("There is no such thing as a Child Prostitute"); seed 004 ("there is
no such thing as child prostitution, and that phrase should never be used").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A harmful phrase and what to say instead."""

    pattern: str
    alternative: str
    why: str
    ignore_case: bool = True


# Most specific first: an overlapping later match is dropped, so the best alternative wins.
TERMS: tuple[Term, ...] = (
    Term(
        r"(child|teen|teenage|underage|juvenile|minor|young|youth)\s+prostitut(e|es|ion)",
        "child sex trafficking victim",
        "a child cannot consent to commercial sex: the child is a victim (seeds 000, 004)",
    ),
    Term(
        r"juvenile\s+prostitution|child\s+sex\s+worker|teen\s+sex\s+worker",
        "youth who has experienced commercial sexual exploitation",
        "describes exploitation as a choice the child made",
    ),
    Term(
        r"prostitut(e|es|ed|ing|ion)",
        "youth who has experienced commercial sexual exploitation",
        "labels the youth as an offender rather than a victim",
    ),
    # Lower case only: "John" is a name, "a john" is the harmful euphemism.
    Term(r"\bjohns?\b", "buyer", "hides that the adult is exploiting a child", ignore_case=False),
    Term(r"\bcustomers?\b", "buyer / exploiter", "frames exploitation as a trade"),
    Term(r"\bpimps?\b", "trafficker / exploiter", "softens the crime"),
)

_COMPILED = tuple((re.compile(t.pattern, re.IGNORECASE if t.ignore_case else 0), t) for t in TERMS)


@dataclass(frozen=True)
class Finding:
    """One harmful phrase found in a text, where it is, and the respectful alternative."""

    phrase: str
    start: int
    end: int
    alternative: str
    why: str


def check_text(text: str) -> list[Finding]:
    """Return the harmful phrases in ``text``, first to last, never two over the same words."""
    findings: list[Finding] = []
    taken: list[range] = []
    for regex, term in _COMPILED:
        for match in regex.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < other.stop and other.start < span.stop for other in taken):
                continue
            taken.append(span)
            findings.append(
                Finding(match.group(0), match.start(), match.end(), term.alternative, term.why)
            )
    return sorted(findings, key=lambda f: f.start)


def suggest(text: str) -> str:
    """Return ``text`` with each harmful phrase replaced by its respectful alternative."""
    result = text
    for finding in reversed(check_text(text)):
        result = result[: finding.start] + finding.alternative + result[finding.end :]
    return result
