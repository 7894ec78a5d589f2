"""Event and Obligation: the plain data the app hands to the rules, validated on construction."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from safeharbor.domain.clocks import Event, EventType, Obligation, ObligationKind, Tier
from safeharbor.domain.errors import InputError
from tests.domain.clocks.conftest import utc

CHICAGO = ZoneInfo("America/Chicago")


def test_event_time_becomes_utc():
    event = Event(EventType.YOUTH_MISSING, dt.datetime(2026, 3, 7, 20, 0, tzinfo=CHICAGO))
    assert event.at == utc("2026-03-08T02:00:00")
    assert event.at.tzinfo is dt.UTC


def test_event_ids_given_as_strings_become_enums():
    event = Event("screening_completed", utc("2026-06-01T15:00:00"), tier="high_risk")
    assert event.type is EventType.SCREENING_COMPLETED
    assert event.tier is Tier.HIGH_RISK


def test_event_refuses_a_naive_time():
    with pytest.raises(InputError, match=r"^at: expected a time with a UTC offset"):
        Event(EventType.YOUTH_MISSING, dt.datetime(2026, 6, 1, 10, 0))  # noqa: DTZ001


def test_event_refuses_a_time_that_leaves_the_calendar_in_utc():
    far_east = dt.timezone(dt.timedelta(hours=5))
    with pytest.raises(InputError, match=r"^at: 0001-01-01T00:00:00\+05:00 is out of range$"):
        Event(EventType.YOUTH_MISSING, dt.datetime(1, 1, 1, tzinfo=far_east))


def test_event_refuses_an_unknown_type():
    with pytest.raises(InputError, match=r'^type: unknown event type "youth_found"$'):
        Event("youth_found", utc("2026-06-01T15:00:00"))


def test_intake_received_needs_a_boolean_allegation():
    with pytest.raises(InputError, match=r"^alleges_htcsec: expected true or false, got null$"):
        Event(EventType.INTAKE_RECEIVED, utc("2026-06-01T15:00:00"))
    with pytest.raises(InputError, match=r"^alleges_htcsec: expected true or false, got 1$"):
        Event(EventType.INTAKE_RECEIVED, utc("2026-06-01T15:00:00"), alleges_htcsec=1)


def test_screening_completed_needs_a_known_tier():
    with pytest.raises(InputError, match=r"^tier: missing \(screening_completed needs a tier\)$"):
        Event(EventType.SCREENING_COMPLETED, utc("2026-06-01T15:00:00"))
    with pytest.raises(InputError, match=r'^tier: unknown tier "high" '):
        Event(EventType.SCREENING_COMPLETED, utc("2026-06-01T15:00:00"), tier="high")


def test_other_event_types_ignore_the_tier_and_allegation_fields():
    event = Event(EventType.YOUTH_RETURNED, utc("2026-06-01T15:00:00"), alleges_htcsec=None)
    assert event.tier is None


def test_obligation_times_become_utc_and_kind_an_enum():
    minus_five = dt.timezone(dt.timedelta(hours=-5))
    obligation = Obligation(
        "return_debrief",
        dt.datetime(2026, 6, 1, 10, 0, tzinfo=minus_five),
        dt.datetime(2026, 6, 2, 10, 0, tzinfo=minus_five),
        "42 U.S.C. 671(a)(35)(A); seeds 000, 004",
        "Debrief",
        satisfied_at=dt.datetime(2026, 6, 1, 12, 0, tzinfo=minus_five),
    )
    assert obligation.kind is ObligationKind.RETURN_DEBRIEF
    assert obligation.opened_at == utc("2026-06-01T15:00:00")
    assert obligation.due == utc("2026-06-02T15:00:00")
    assert obligation.satisfied_at == utc("2026-06-01T17:00:00")
    assert not obligation.is_open


def test_obligation_refuses_an_unknown_kind_or_a_naive_time():
    with pytest.raises(InputError, match=r'^kind: unknown obligation kind "debrief"$'):
        Obligation("debrief", utc("2026-06-01T15:00:00"), utc("2026-06-02T15:00:00"), "s", "t")
    with pytest.raises(InputError, match=r"^due: expected a time with a UTC offset"):
        Obligation(
            ObligationKind.RETURN_DEBRIEF,
            utc("2026-06-01T15:00:00"),
            dt.datetime(2026, 6, 2, 15, 0),  # noqa: DTZ001
            "s",
            "t",
        )
