"""The required invitees of seed 002 §VII.B, as a pure rule."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeharbor.domain.meetings import (
    MeetingKind,
    Seat,
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
