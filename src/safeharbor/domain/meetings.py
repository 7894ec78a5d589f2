"""Who must be invited before a team meeting about a youth can be scheduled.

Source: seed 002 §VII.B and SPEC §4.3. A confirmed or high-risk youth is referred to the nearest
Child Advocacy Center (CAC) to convene a multidisciplinary team (MDT); "for districts that do not
have local Child Advocacy Centers, Caseworkers and Supervisors should work together to form a MDT
with the following people as required invitees: Local Law Enforcement, someone from the appropriate
District Attorney's office, Sexual Assault Advocate, and others who have meaningful contact with
the youth" (§VII.B.2). A moderate-risk youth gets "a consultation meeting ... that includes a
Program Administrator or Assistant Program Administrator and a Supervisor" (§VII.B.3).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class MeetingKind(StrEnum):
    """The two team meetings of seed 002 §VII.B."""

    MDT = "mdt"
    CONSULTATION = "consultation"


class Seat(StrEnum):
    """The part an invitee plays at the table (from the staff role or the partner's kind)."""

    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    PROGRAM_ADMIN = "program_admin"  # a Program Administrator or Assistant Program Administrator
    LAW_ENFORCEMENT = "law_enforcement"
    DISTRICT_ATTORNEY = "district_attorney"
    CAC = "cac"
    SEXUAL_ASSAULT_ADVOCATE = "sexual_assault_advocate"
    OTHER = "other"  # others who have meaningful contact with the youth


@dataclass(frozen=True)
class Requirement:
    """One seat a meeting cannot be scheduled without, in words, with its source."""

    seat: Seat
    words: str
    source: str


_MDT_SOURCE = "seed 002 §VII.B.2; SPEC §4.3"
_CONSULTATION_SOURCE = "seed 002 §VII.B.3"

_DISTRICT_MDT = (
    Requirement(Seat.CASEWORKER, "the caseworker", _MDT_SOURCE),
    Requirement(Seat.SUPERVISOR, "a supervisor", _MDT_SOURCE),
    Requirement(Seat.LAW_ENFORCEMENT, "local law enforcement", _MDT_SOURCE),
    Requirement(Seat.DISTRICT_ATTORNEY, "someone from the District Attorney's office", _MDT_SOURCE),
    Requirement(Seat.SEXUAL_ASSAULT_ADVOCATE, "a sexual assault advocate", _MDT_SOURCE),
)
# Convened by the CAC, whose own protocol sets the table; the agency brings its caseworker.
_CAC_MDT = (Requirement(Seat.CASEWORKER, "the caseworker", "seed 002 §VII.B.1-2"),)
_CONSULTATION = (
    Requirement(Seat.CASEWORKER, "the caseworker", _CONSULTATION_SOURCE),
    Requirement(
        Seat.PROGRAM_ADMIN,
        "a Program Administrator or Assistant Program Administrator",
        _CONSULTATION_SOURCE,
    ),
    Requirement(Seat.SUPERVISOR, "a supervisor", _CONSULTATION_SOURCE),
)


def required_seats(kind: MeetingKind, *, district_has_cac: bool) -> tuple[Requirement, ...]:
    """Return the seats a meeting of ``kind`` needs before it is scheduled (seed 002 §VII.B)."""
    if kind is MeetingKind.CONSULTATION:
        return _CONSULTATION
    return _CAC_MDT if district_has_cac else _DISTRICT_MDT


def missing_seats(
    kind: MeetingKind, *, district_has_cac: bool, seats: Iterable[Seat]
) -> list[Requirement]:
    """Return the required seats nobody invited fills, in the order the policy names them."""
    filled = set(seats)
    required = required_seats(kind, district_has_cac=district_has_cac)
    return [requirement for requirement in required if requirement.seat not in filled]


def describe_missing(missing: list[Requirement]) -> str:
    """Return one line naming what is missing, fit to show the caseworker."""
    words = [requirement.words for requirement in missing]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"invite {listed} before scheduling ({missing[0].source})"
