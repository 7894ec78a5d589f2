"""The required invitees of seed 002 §VII.B and what a meeting must say, as pure rules."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeharbor.domain.errors import InputError
from safeharbor.domain.meetings import (
    ChosenReferral,
    Convener,
    MeetingKind,
    Seat,
    SeatTaker,
    check_guests,
    check_held,
    check_local_seats,
    check_schedule,
    check_sharing,
    check_step,
    convener,
    describe_missing,
    missing_seats,
    required_seats,
)


def test_a_district_without_a_cac_needs_law_enforcement_the_da_and_an_advocate():
    seats = [r.seat for r in required_seats(MeetingKind.MDT, district_has_cac=False)]
    assert seats == [
        Seat.CASEWORKER,
        Seat.SUPERVISOR,
        Seat.LAW_ENFORCEMENT,
        Seat.DISTRICT_ATTORNEY,
        Seat.SEXUAL_ASSAULT_ADVOCATE,
    ]


def test_a_cac_convened_mdt_needs_only_the_agency_caseworker():
    assert [r.seat for r in required_seats(MeetingKind.MDT, district_has_cac=True)] == [
        Seat.CASEWORKER
    ]


@pytest.mark.parametrize("has_cac", [True, False])
def test_a_consultation_needs_a_program_administrator_and_a_supervisor(has_cac):
    seats = [r.seat for r in required_seats(MeetingKind.CONSULTATION, district_has_cac=has_cac)]
    assert seats == [Seat.CASEWORKER, Seat.PROGRAM_ADMIN, Seat.SUPERVISOR]


def test_missing_seats_names_what_nobody_fills_in_policy_order():
    missing = missing_seats(
        MeetingKind.MDT,
        district_has_cac=False,
        seats=[Seat.CASEWORKER, Seat.SUPERVISOR, Seat.OTHER, Seat.DISTRICT_ATTORNEY],
    )
    assert [r.seat for r in missing] == [Seat.LAW_ENFORCEMENT, Seat.SEXUAL_ASSAULT_ADVOCATE]
    assert describe_missing(missing) == (
        "invite local law enforcement and a sexual assault advocate before scheduling "
        "(seed 002 §VII.B.2; SPEC §4.3)"
    )


def test_describe_missing_lists_three_with_commas():
    missing = missing_seats(MeetingKind.CONSULTATION, district_has_cac=True, seats=[])
    assert describe_missing(missing) == (
        "invite the caseworker, a Program Administrator or Assistant Program Administrator and "
        "a supervisor before scheduling (seed 002 §VII.B.3)"
    )


def test_everyone_present_leaves_nothing_missing():
    assert missing_seats(MeetingKind.MDT, district_has_cac=False, seats=list(Seat)) == []


@given(st.sampled_from(list(MeetingKind)), st.booleans(), st.sets(st.sampled_from(list(Seat))))
@settings(max_examples=60)
def test_nothing_is_missing_exactly_when_every_required_seat_is_filled(kind, has_cac, seats):
    required = {r.seat for r in required_seats(kind, district_has_cac=has_cac)}
    missing = missing_seats(kind, district_has_cac=has_cac, seats=seats)
    assert {r.seat for r in missing} == required - seats


# --- the checks before a meeting is scheduled or recorded ---------------------------------------

NOW = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)
START = NOW + dt.timedelta(days=2)


def _schedule(kind="mdt", **kw):
    arguments = {"starts_at": START, "ends_at": START + dt.timedelta(hours=1)}
    return check_schedule(kind, **(arguments | {"location": "CAC room B", "now": NOW} | kw))


def test_a_well_formed_meeting_returns_its_kind():
    assert _schedule() is MeetingKind.MDT
    assert _schedule("consultation") is MeetingKind.CONSULTATION


LATER = NOW + dt.timedelta(days=400)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"kind": "picnic"}, "kind", "unknown kind of meeting 'picnic'"),
        ({"starts_at": START.replace(tzinfo=None)}, "starts_at", "needs a time zone"),
        ({"ends_at": START}, "ends_at", "must end after it starts"),
        ({"ends_at": START + dt.timedelta(hours=9)}, "ends_at", "at most 8 hours"),
        ({"starts_at": LATER, "ends_at": LATER + dt.timedelta(hours=1)}, "starts_at", "a year"),
        ({"location": "  "}, "location", "say where the team meets"),
    ],
)
def test_a_meeting_without_sensible_times_or_a_place_is_refused(overrides, field, words):
    with pytest.raises(InputError, match=words) as refused:
        _schedule(**overrides)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("kind", "has_cac", "referral", "expected"),
    [
        (MeetingKind.CONSULTATION, True, None, Convener.AGENCY),
        (MeetingKind.MDT, False, None, Convener.DISTRICT),
        (MeetingKind.MDT, True, ChosenReferral(of_this_youth=True, to_cac=True), Convener.CAC),
    ],
)
def test_who_convenes_follows_the_kind_and_the_district(kind, has_cac, referral, expected):
    found = convener(kind, district_name="Pine", district_has_cac=has_cac, cac_referral=referral)
    assert found is expected


def test_a_cac_district_needs_the_cac_referral_of_this_youth():
    with pytest.raises(InputError, match="Pine has a Child Advocacy Center: record the CAC"):
        convener(MeetingKind.MDT, district_name="Pine", district_has_cac=True, cac_referral=None)
    for wrong in (ChosenReferral(False, True), ChosenReferral(True, False)):
        with pytest.raises(InputError, match="choose a CAC referral of this youth"):
            convener(
                MeetingKind.MDT, district_name="Pine", district_has_cac=True, cac_referral=wrong
            )


@pytest.mark.parametrize(
    ("basis", "expires_at", "words"),
    [
        (" ", START + dt.timedelta(days=30), "say on what basis"),
        ("MDT protocol", (START + dt.timedelta(days=30)).replace(tzinfo=None), "needs a time zone"),
        ("MDT protocol", START, "must last until after the meeting"),
        ("MDT protocol", START + dt.timedelta(days=181), "at most 180 days after the meeting"),
    ],
)
def test_a_sharing_needs_a_basis_and_a_sensible_end(basis, expires_at, words):
    with pytest.raises(InputError, match=words):
        check_sharing(basis, expires_at, starts_at=START, now=NOW)
    check_sharing("MDT protocol", START + dt.timedelta(days=180), starts_at=START, now=NOW)


def test_each_guest_needs_a_name():
    check_guests(["Dana Reyes"])
    with pytest.raises(InputError, match="give each guest's name"):
        check_guests(["Dana Reyes", " "])


def _held(held_at=START, **kw):
    arguments = {"starts_at": START, "now": START + dt.timedelta(hours=2)}
    arguments |= {"decisions": "Forensic interview.", "attended": {1}, "invited": {1, 2}} | kw
    check_held(held_at, **arguments)


@pytest.mark.parametrize(
    ("held_at", "overrides", "field"),
    [
        (START.replace(tzinfo=None), {}, "held_at"),
        (START + dt.timedelta(hours=3), {}, "held_at"),
        (START - dt.timedelta(days=2), {}, "held_at"),
        (START, {"decisions": " "}, "decisions"),
        (START, {"attended": {3}}, "attended"),
    ],
)
def test_a_meeting_record_is_refused_beside_the_field_at_fault(held_at, overrides, field):
    _held()
    with pytest.raises(InputError) as refused:
        _held(held_at, **overrides)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("words", "due", "message"),
    [
        (" ", START + dt.timedelta(days=1), "say what each next step is"),
        ("x" * 301, START + dt.timedelta(days=1), "under 300 characters"),
        ("Call", (START + dt.timedelta(days=1)).replace(tzinfo=None), "needs a time zone"),
        ("Call the CAC", START, "the next step “Call the CAC” must be due after the meeting"),
    ],
)
def test_a_next_step_needs_words_and_a_due_time_after_the_meeting(words, due, message):
    check_step("Call the CAC", START + dt.timedelta(days=1), held_at=START)
    with pytest.raises(InputError, match=message):
        check_step(words, due, held_at=START)


# --- local partners at a district's own MDT (issue 15) ---------------------------------------


def _takers(*rows):
    return [SeatTaker(Seat(seat), name, local) for seat, name, local in rows]


def test_a_no_cac_districts_police_seat_needs_police_of_that_district():
    outside = _takers(
        ("law_enforcement", "Det. Marsh (Riverbend PD)", False),
        ("district_attorney", "ADA Clearspring", True),
    )
    with pytest.raises(InputError) as refused:
        check_local_seats(
            MeetingKind.MDT, district_has_cac=False, district_name="Cedar County", takers=outside
        )
    assert refused.value.field == "invitees"
    assert refused.value.message == (
        "Det. Marsh (Riverbend PD) is not of Cedar County: the seat of local law enforcement at "
        "an MDT Cedar County forms without a CAC needs a partner of Cedar County "
        "(seed 002 §VII.B.2; SPEC §4.3)"
    )


def test_the_da_seat_too_and_an_outside_partner_beside_a_local_one_is_welcome():
    da_outside = _takers(
        ("district_attorney", "ADA A", False), ("district_attorney", "ADA B", False)
    )
    with pytest.raises(InputError, match="ADA A and ADA B are not of Cedar County"):
        check_local_seats(
            MeetingKind.MDT, district_has_cac=False, district_name="Cedar County", takers=da_outside
        )
    both = _takers(
        ("law_enforcement", "Outside detective", False),
        ("law_enforcement", "Cedar detective", True),
    )
    check_local_seats(MeetingKind.MDT, district_has_cac=False, district_name="Cedar", takers=both)


def test_a_cac_mdt_and_a_consultation_are_not_the_districts_to_seat():
    outside = _takers(("law_enforcement", "Outside detective", False))
    check_local_seats(MeetingKind.MDT, district_has_cac=True, district_name="Pine", takers=outside)
    check_local_seats(
        MeetingKind.CONSULTATION, district_has_cac=False, district_name="Cedar", takers=outside
    )
