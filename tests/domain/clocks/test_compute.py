"""compute_obligations and the document functions the CLI uses."""

from __future__ import annotations

import datetime as dt

import pytest

from safeharbor.domain.clocks import (
    Event,
    EventType,
    ObligationKind,
    Status,
    Tier,
    compute_obligations,
    parse_document,
)
from safeharbor.domain.errors import InputError
from tests.domain.clocks.conftest import utc

K = ObligationKind


def test_results_are_sorted_by_due_then_kind_and_numbered_in_opening_order(policy):
    events = [
        Event(EventType.SCREENING_COMPLETED, utc("2026-06-01T15:00:00"), tier=Tier.CONFIRMED),
        Event(EventType.YOUTH_MISSING, utc("2026-06-01T14:00:00")),
    ]
    results = compute_obligations(events, utc("2026-06-01T16:00:00"), policy)
    assert [(r.obligation.kind, r.obligation.due, r.obligation.ref) for r in results] == [
        (K.REPORT_MISSING_LAW_ENFORCEMENT, utc("2026-06-02T14:00:00"), 0),
        (K.REPORT_MISSING_NCMEC, utc("2026-06-02T14:00:00"), 1),
        (K.REPORT_DISTRICT_ATTORNEY, utc("2026-06-02T15:00:00"), 3),
        (K.REPORT_LAW_ENFORCEMENT, utc("2026-06-02T15:00:00"), 2),
        (K.REFER_CAC_MDT, utc("2026-06-04T15:00:00"), 4),
    ]
    assert {r.state.status for r in results} == {Status.OPEN}


def test_an_event_after_now_is_bad_input_and_named(policy):
    events = [
        Event(EventType.YOUTH_MISSING, utc("2026-06-01T14:00:00")),
        Event(EventType.YOUTH_RETURNED, utc("2026-06-01T16:00:01")),
    ]
    with pytest.raises(InputError) as caught:
        compute_obligations(events, utc("2026-06-01T16:00:00"), policy)
    assert str(caught.value) == (
        "events[1].at: 2026-06-01T16:00:01Z is after now (2026-06-01T16:00:00Z)"
    )
    assert caught.value.field == "events[1].at"


def test_an_event_exactly_at_now_is_applied(policy):
    events = [Event(EventType.YOUTH_RETURNED, utc("2026-06-01T16:00:00"))]
    assert len(compute_obligations(events, utc("2026-06-01T16:00:00"), policy)) == 2


def test_a_due_time_beyond_the_calendar_names_the_event(policy):
    events = [
        Event(EventType.YOUTH_RETURNED, utc("2026-06-01T16:00:00")),
        Event(EventType.INTAKE_RECEIVED, utc("9999-12-31T12:00:00"), alleges_htcsec=True),
    ]
    with pytest.raises(InputError) as caught:
        compute_obligations(events, utc("9999-12-31T13:00:00"), policy)
    assert str(caught.value) == (
        "events[1]: intake_disposition would fall due after the year 9999 (at)"
    )
    assert caught.value.field == "events[1].at"


def test_a_naive_now_is_refused(policy):
    with pytest.raises(InputError, match=r"^now: expected a time with a UTC offset"):
        compute_obligations([], dt.datetime(2026, 6, 1, 16, 0), policy)  # noqa: DTZ001


def test_parse_document_returns_the_policy_and_events_in_input_order():
    parsed = parse_document(
        {
            "now": "2026-06-01T11:00:00-05:00",
            "policy": {"complete_screening_hours": 48},
            "events": [
                {"type": "intake_screened_in", "at": "2026-06-01T15:00:00Z"},
                {"type": "intake_received", "at": "2026-06-01T14:00:00Z", "alleges_htcsec": True},
            ],
        }
    )
    assert parsed.now == utc("2026-06-01T16:00:00")
    assert parsed.policy.complete_screening_hours == 48
    assert [event.type for event in parsed.events] == [
        EventType.INTAKE_SCREENED_IN,
        EventType.INTAKE_RECEIVED,
    ]
    assert parsed.events[1].alleges_htcsec is True


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (None, 'the input must be a JSON object with "now" and "events"'),
        ({"now": "0001-01-01T00:00:00+05:00", "events": []},
         'now: "0001-01-01T00:00:00+05:00" is out of range'),
        ({"now": "2026-06-01T16:00:00Z", "policy": None, "events": []},
         "policy: expected an object of hours by key"),
        ({"now": "2026-06-01T16:00:00Z", "events": [{"type": 7, "at": "2026-06-01T16:00:00Z"}]},
         "events[0].type: unknown event type 7"),
        ({"now": "2026-06-01T16:00:00Z",
          "events": [{"type": "screening_completed", "at": "2026-06-01T16:00:00Z", "tier": None}]},
         "events[0].tier: unknown tier null (known tiers: confirmed, high_risk, moderate_risk, "
         "at_risk, no_indicators)"),
        ({"now": "2026-06-01T16:00:00Z",
          "events": [{"type": "intake_received", "at": "2026-06-01T16:00:00Z",
                      "alleges_htcsec": None}]},
         "events[0].alleges_htcsec: expected true or false, got null"),
    ],
)  # fmt: skip
def test_parse_document_names_the_problem(document, message):
    with pytest.raises(InputError) as caught:
        parse_document(document)
    assert str(caught.value) == message
