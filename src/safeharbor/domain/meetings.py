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

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from safeharbor.domain.errors import InputError


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


# The seats of a district's own MDT that must be local: "Local Law Enforcement, someone from the
# appropriate District Attorney's office" (seed 002 §VII.B.2).
_LOCAL_SEATS = {
    s.seat: s.words
    for s in _DISTRICT_MDT
    if s.seat in {Seat.LAW_ENFORCEMENT, Seat.DISTRICT_ATTORNEY}
}


@dataclass(frozen=True)
class SeatTaker:
    """An invitee as the locality rule needs them: their seat, name, and whether they belong to
    the youth's district."""

    seat: Seat
    name: str
    local: bool


def check_local_seats(
    kind: MeetingKind, *, district_has_cac: bool, district_name: str, takers: Iterable[SeatTaker]
) -> None:
    """Refuse a no-CAC district's MDT whose law-enforcement or DA seat only partners of other
    districts fill (seed 002 §VII.B.2). A CAC's MDT, and a consultation, are not the district's
    to seat."""
    if kind is not MeetingKind.MDT or district_has_cac:
        return
    chosen = list(takers)
    for seat, words in _LOCAL_SEATS.items():
        filling = [taker for taker in chosen if taker.seat is seat]
        if filling and not any(taker.local for taker in filling):
            names = " and ".join(taker.name for taker in filling)
            raise InputError(
                f"{names} {'is' if len(filling) == 1 else 'are'} not of {district_name}: the seat "
                f"of {words} at an MDT {district_name} forms without a CAC needs a partner of "
                f"{district_name} ({_MDT_SOURCE})",
                field="invitees",
            )


# --- what a meeting must say before it is scheduled or recorded ------------------------------

MAX_MEETING_HOURS = 8
MAX_SHARE_DAYS = 180  # a sharing outlives its meeting by at most this: renew it, don't forget it
MAX_STEP_LENGTH = 300
# A form filled on a clock a little ahead of the server's is not "in the future".
SKEW = dt.timedelta(minutes=5)


class Convener(StrEnum):
    """Who convenes a meeting (seed 002 §VII.B.1-3)."""

    CAC = "cac"  # the Child Advocacy Center, through the agency's CAC referral
    DISTRICT = "district"  # the caseworker and supervisor of a district without a CAC
    AGENCY = "agency"  # the caseworker, for a consultation


@dataclass(frozen=True)
class ChosenReferral:
    """The referral a CAC-convened MDT names, as the check needs it."""

    of_this_youth: bool
    to_cac: bool


def check_schedule(
    kind: str, *, starts_at: dt.datetime, ends_at: dt.datetime, location: str, now: dt.datetime
) -> MeetingKind:
    """Return the meeting's kind; refuse an unknown kind, impossible times or no place."""
    if kind not in set(MeetingKind):
        raise InputError(f"unknown kind of meeting {kind!r}", field="kind")
    _check_times(starts_at, ends_at, now)
    if not location.strip():
        raise InputError("say where the team meets (or the call's link)", field="location")
    return MeetingKind(kind)


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime) -> None:
    if starts_at.utcoffset() is None or ends_at.utcoffset() is None:
        raise InputError("the meeting time needs a time zone", field="starts_at")
    if ends_at <= starts_at:
        raise InputError("the meeting must end after it starts", field="ends_at")
    if ends_at - starts_at > dt.timedelta(hours=MAX_MEETING_HOURS):
        raise InputError(
            f"a meeting lasts at most {MAX_MEETING_HOURS} hours; check the times", field="ends_at"
        )
    if abs(starts_at - now) > dt.timedelta(days=365):
        raise InputError("the meeting must be within a year of today", field="starts_at")


def convener(
    kind: MeetingKind,
    *,
    district_name: str,
    district_has_cac: bool,
    cac_referral: ChosenReferral | None,
) -> Convener:
    """Return who convenes the meeting; a district with a CAC needs the CAC referral first."""
    if kind is MeetingKind.CONSULTATION:
        return Convener.AGENCY
    if not district_has_cac:
        return Convener.DISTRICT
    if cac_referral is None:
        raise InputError(
            f"{district_name} has a Child Advocacy Center: record the CAC referral that "
            "convenes the MDT first (seed 002 §VII.B.1-2)",
            field="cac_referral",
        )
    if not (cac_referral.of_this_youth and cac_referral.to_cac):
        raise InputError("choose a CAC referral of this youth", field="cac_referral")
    return Convener.CAC


def check_sharing(
    basis: str, expires_at: dt.datetime, *, starts_at: dt.datetime, now: dt.datetime
) -> None:
    """Refuse a sharing with partners without a basis, or ending before or long after the meeting.

    SPEC §8: information about a child is shared outside the agency on a stated basis, and for a
    limited time.
    """
    if not basis.strip():
        raise InputError("say on what basis the youth is shared with the partners", field="basis")
    if expires_at.utcoffset() is None:
        raise InputError("the sharing's end needs a time zone", field="share_expires_at")
    if expires_at <= max(starts_at, now):
        raise InputError("the sharing must last until after the meeting", field="share_expires_at")
    if expires_at > starts_at + dt.timedelta(days=MAX_SHARE_DAYS):
        raise InputError(
            f"a meeting's sharing ends at most {MAX_SHARE_DAYS} days after the meeting",
            field="share_expires_at",
        )


def check_guests(names: Iterable[str]) -> None:
    """Refuse a guest without a name (a guest has no account: the name is all there is)."""
    if any(not name.strip() for name in names):
        raise InputError("give each guest's name", field="guests")


def check_held(
    held_at: dt.datetime,
    *,
    starts_at: dt.datetime,
    now: dt.datetime,
    decisions: str,
    attended: Iterable[int],
    invited: Iterable[int],
) -> None:
    """Refuse a meeting record held in the future or long before it was due, without decisions,
    or naming as present someone who was not invited."""
    if held_at.utcoffset() is None:
        raise InputError("when the meeting was held needs a time zone", field="held_at")
    if held_at > now + SKEW:
        raise InputError("a meeting cannot be recorded as held in the future", field="held_at")
    if held_at < starts_at - dt.timedelta(days=1):
        raise InputError(
            "the meeting was held more than a day before it was scheduled; check the date",
            field="held_at",
        )
    if not decisions.strip():
        raise InputError("write down what the team decided", field="decisions")
    if not set(attended) <= set(invited):
        raise InputError("attendance names someone who was not invited", field="attended")


def check_step(description: str, due: dt.datetime, *, held_at: dt.datetime) -> None:
    """Refuse a next step without words, too long, or not due after the meeting."""
    words = description.strip()
    if not words:
        raise InputError("say what each next step is", field="next_steps")
    if len(words) > MAX_STEP_LENGTH:
        raise InputError(
            f"keep each next step under {MAX_STEP_LENGTH} characters", field="next_steps"
        )
    if due.utcoffset() is None:
        raise InputError("each next step's due time needs a time zone", field="next_steps")
    if due <= held_at:
        raise InputError(
            f"the next step “{words[:60]}” must be due after the meeting", field="next_steps"
        )
