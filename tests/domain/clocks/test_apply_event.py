"""apply_event: the incremental step the app calls as it records each event (SPEC §5.1 rules)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from safeharbor.domain.clocks import (
    RULES,
    Changes,
    ClockPolicy,
    DueMove,
    Event,
    EventType,
    Obligation,
    ObligationKind,
    Satisfaction,
    Tier,
    apply_event,
)
from safeharbor.domain.errors import InputError
from tests.domain.clocks.conftest import utc

K = ObligationKind
DA_CONFIRMED = "seed 002 §VII.B.1"
DA_HIGH_RISK = "seed 002 Appendix A"
MISSING = "42 U.S.C. 671(a)(35)(B); seed 004"


def missing_report(opened: str, *, ref: int | str | None = None, due: str | None = None):
    """An open law-enforcement report for a missing youth, as the app would hand it back."""
    opened_at = utc(opened)
    due_at = utc(due) if due else opened_at + dt.timedelta(hours=24)
    return Obligation(K.REPORT_MISSING_LAW_ENFORCEMENT, opened_at, due_at, MISSING, "t", ref=ref)


def reported(at: str) -> Event:
    return Event(EventType.MISSING_REPORTED_LAW_ENFORCEMENT, utc(at))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.event}-{rule.tier}-{rule.opens}")
def test_each_rule_opens_its_obligation_due_its_hours_later(rule, policy):
    event = Event(
        rule.event,
        utc("2026-06-01T15:00:00"),
        alleges_htcsec=True,
        identified_victim=True,
        tier=rule.tier,
    )
    changes = apply_event([], event, policy)
    opened = {obligation.kind: obligation for obligation in changes.opened}
    assert opened[rule.opens] == Obligation(
        rule.opens,
        utc("2026-06-01T15:00:00"),
        utc("2026-06-01T15:00:00") + dt.timedelta(hours=rule.hours),
        rule.source,
        rule.title,
    )


def test_intake_alleging_htcsec_opens_the_24_hour_disposition(policy):
    event = Event(EventType.INTAKE_RECEIVED, utc("2026-04-01T14:30:00"), alleges_htcsec=True)
    changes = apply_event([], event, policy)
    assert [(o.kind, o.due, o.source) for o in changes.opened] == [
        (K.INTAKE_DISPOSITION, utc("2026-04-02T14:30:00"), "seed 002 §VII.A.1")
    ]


def test_intake_not_alleging_htcsec_changes_nothing(policy):
    event = Event(EventType.INTAKE_RECEIVED, utc("2026-04-01T14:30:00"), alleges_htcsec=False)
    assert apply_event([], event, policy) == Changes(event)
    assert apply_event([], event, policy).changes_nothing


def test_no_indicators_opens_nothing(policy):
    event = Event(
        EventType.SCREENING_COMPLETED, utc("2026-04-01T14:30:00"), tier=Tier.NO_INDICATORS
    )
    assert apply_event([], event, policy).changes_nothing


def test_a_satisfying_event_with_nothing_open_changes_nothing(policy):
    event = reported("2026-07-01T11:00:00")
    assert apply_event([], event, policy) == Changes(event)


def test_satisfaction_names_the_obligation_given_and_its_timeliness(policy):
    report = missing_report("2026-07-01T10:00:00", ref=41)
    changes = apply_event([report], reported("2026-07-02T10:00:00"), policy)
    assert changes.satisfied == (Satisfaction(report, utc("2026-07-02T10:00:00"), on_time=True),)
    assert changes.satisfied[0].satisfied.satisfied_at == utc("2026-07-02T10:00:00")
    assert changes.satisfied[0].satisfied.ref == 41
    late = apply_event([report], reported("2026-07-02T10:00:01"), policy)
    assert late.satisfied[0].on_time is False


def test_the_oldest_open_obligation_of_the_kind_is_satisfied(policy):
    newer = missing_report("2026-07-01T12:00:00", ref="b")
    older = missing_report("2026-07-01T10:00:00", ref="a")
    changes = apply_event([newer, older], reported("2026-07-01T13:00:00"), policy)
    assert [done.obligation.ref for done in changes.satisfied] == ["a"]


def test_ties_in_opening_time_go_to_the_first_given(policy):
    first = missing_report("2026-07-01T10:00:00", ref="first")
    second = missing_report("2026-07-01T10:00:00", ref="second")
    changes = apply_event([first, second], reported("2026-07-01T13:00:00"), policy)
    assert [done.obligation.ref for done in changes.satisfied] == ["first"]


def test_an_obligation_opened_after_the_event_is_not_satisfied_by_it(policy):
    """A report recorded late, dated before the obligation opened, does not satisfy it."""
    later = missing_report("2026-07-04T22:00:00", ref=7)
    assert apply_event([later], reported("2026-07-02T09:00:00"), policy).changes_nothing
    at_the_same_moment = apply_event([later], reported("2026-07-04T22:00:00"), policy)
    assert [done.obligation.ref for done in at_the_same_moment.satisfied] == [7]


def test_satisfied_obligations_given_are_ignored(policy):
    report = missing_report("2026-07-01T10:00:00")
    done = dataclasses.replace(report, satisfied_at=utc("2026-07-01T11:00:00"))
    assert apply_event([done], reported("2026-07-01T12:00:00"), policy).changes_nothing


def test_one_screening_satisfies_both_screening_kinds_and_opens_its_protocol(policy):
    intake = Obligation(
        K.COMPLETE_SCREENING, utc("2026-04-01T20:00:00"), utc("2026-04-04T20:00:00"), "s", "t"
    )
    after_return = Obligation(
        K.RETURN_SCREENING, utc("2026-04-02T20:00:00"), utc("2026-04-03T20:00:00"), "s", "t"
    )
    event = Event(
        EventType.SCREENING_COMPLETED, utc("2026-04-03T10:00:00"), tier=Tier.MODERATE_RISK
    )
    changes = apply_event([intake, after_return], event, policy)
    assert [done.obligation for done in changes.satisfied] == [intake, after_return]
    assert [(o.kind, o.due) for o in changes.opened] == [
        (K.CONSULTATION_MEETING, utc("2026-04-10T10:00:00"))
    ]


def test_a_kind_already_open_is_not_opened_twice_and_a_later_clock_moves_nothing(policy):
    open_report = missing_report("2026-07-01T10:00:00", ref=1)
    again = Event(EventType.YOUTH_MISSING, utc("2026-07-01T21:00:00"))
    changes = apply_event([open_report], again, policy)
    assert [o.kind for o in changes.opened] == [K.REPORT_MISSING_NCMEC]
    assert changes.moved == ()


def test_a_sooner_clock_moves_the_due_time_and_the_source(policy):
    high_risk_da = Obligation(
        K.REPORT_DISTRICT_ATTORNEY,
        utc("2026-06-01T15:00:00"),
        utc("2026-06-04T15:00:00"),
        DA_HIGH_RISK,
        "Report to the District Attorney's office",
        ref=9,
    )
    confirmed = Event(
        EventType.SCREENING_COMPLETED, utc("2026-06-01T20:00:00"), tier=Tier.CONFIRMED
    )
    changes = apply_event([high_risk_da], confirmed, policy)
    assert changes.moved == (
        DueMove(
            high_risk_da,
            utc("2026-06-02T20:00:00"),
            DA_CONFIRMED,
            "Report to the District Attorney's office",
        ),
    )
    moved = changes.moved[0].moved
    assert (moved.opened_at, moved.due, moved.source, moved.ref) == (
        utc("2026-06-01T15:00:00"),
        utc("2026-06-02T20:00:00"),
        DA_CONFIRMED,
        9,
    )
    assert sorted(o.kind for o in changes.opened) == [K.REFER_CAC_MDT, K.REPORT_LAW_ENFORCEMENT]


def test_a_sooner_clock_under_a_policy_override_moves_the_due_time():
    policy = ClockPolicy(return_debrief_hours=2)
    debrief = Obligation(
        K.RETURN_DEBRIEF, utc("2026-05-20T03:00:00"), utc("2026-05-21T03:00:00"), "s", "t"
    )
    returned = Event(EventType.YOUTH_RETURNED, utc("2026-05-20T04:00:00"))
    changes = apply_event([debrief], returned, policy)
    assert [(move.obligation.kind, move.due) for move in changes.moved] == [
        (K.RETURN_DEBRIEF, utc("2026-05-20T06:00:00"))
    ]
    assert [o.kind for o in changes.opened] == [K.RETURN_SCREENING]


def test_due_is_elapsed_hours_across_a_clock_change(policy):
    chicago = ZoneInfo("America/Chicago")
    received = dt.datetime(2026, 3, 7, 20, 0, tzinfo=chicago)  # CST, the evening before DST
    event = Event(EventType.INTAKE_RECEIVED, received, alleges_htcsec=True)
    (disposition,) = apply_event([], event, policy).opened
    assert disposition.due == utc("2026-03-09T02:00:00")
    assert disposition.due.astimezone(chicago).isoformat() == "2026-03-08T21:00:00-05:00"
    assert disposition.due - disposition.opened_at == dt.timedelta(hours=24)


def test_policy_overrides_change_only_configurable_clocks():
    policy = ClockPolicy(complete_screening_hours=48)
    screened_in = Event(EventType.INTAKE_SCREENED_IN, utc("2026-04-01T20:00:00"))
    assert apply_event([], screened_in, policy).opened[0].due == utc("2026-04-03T20:00:00")
    missing = Event(EventType.YOUTH_MISSING, utc("2026-04-01T20:00:00"))
    assert {o.due for o in apply_event([], missing, policy).opened} == {utc("2026-04-02T20:00:00")}


def test_a_due_time_beyond_the_calendar_is_bad_input(policy):
    late = Event(EventType.YOUTH_MISSING, utc("9999-12-31T12:00:00"))
    with pytest.raises(InputError, match=r"^report_missing_law_enforcement would fall due after"):
        apply_event([], late, policy)
    huge = ClockPolicy(return_debrief_hours=1e300)
    returned = Event(EventType.YOUTH_RETURNED, utc("2026-05-20T03:00:00"))
    with pytest.raises(InputError) as caught:
        apply_event([], returned, huge)
    assert caught.value.field == "policy.return_debrief_hours"


def confirmed(at: str) -> Event:
    return Event(EventType.SCREENING_COMPLETED, utc(at), tier=Tier.CONFIRMED)


def test_a_record_entered_first_but_made_after_the_interview_is_credited(policy):
    """The app's order: the report is entered, then the screening whose interview came first."""
    report = Event(EventType.REPORTED_LAW_ENFORCEMENT, utc("2026-06-01T16:00:00"), ref="r1")
    changes = apply_event([], confirmed("2026-06-01T15:00:00"), policy, [report])
    (credit,) = changes.credited
    assert credit.obligation in changes.opened
    assert credit.obligation.kind is K.REPORT_LAW_ENFORCEMENT
    assert (credit.event.ref, credit.on_time) == ("r1", True)
    assert credit.satisfied.satisfied_at == utc("2026-06-01T16:00:00")


def test_a_record_after_the_due_time_is_credited_late(policy):
    report = Event(EventType.REPORTED_LAW_ENFORCEMENT, utc("2026-06-03T16:00:00"), ref="r1")
    (credit,) = apply_event([], confirmed("2026-06-01T15:00:00"), policy, [report]).credited
    assert credit.on_time is False


def test_a_record_of_another_kind_or_outside_the_window_is_not_credited(policy):
    kept = [
        Event(EventType.MISSING_REPORTED_LAW_ENFORCEMENT, utc("2026-06-01T14:00:00")),
        Event(EventType.REPORTED_LAW_ENFORCEMENT, utc("2026-05-25T14:59:59")),
    ]
    assert apply_event([], confirmed("2026-06-01T15:00:00"), policy, kept).credited == ()


def test_a_kind_already_open_is_moved_not_credited(policy):
    open_report = Obligation(
        K.REPORT_LAW_ENFORCEMENT, utc("2026-06-01T10:00:00"), utc("2026-06-02T10:00:00"), "s", "t"
    )
    kept = [Event(EventType.REPORTED_LAW_ENFORCEMENT, utc("2026-06-01T09:00:00"))]
    changes = apply_event([open_report], confirmed("2026-06-01T11:00:00"), policy, kept)
    assert [credit.obligation.kind for credit in changes.credited] == []
