"""record_clock_event persists what the clock rules decide, in the caller's transaction."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.domain.errors import InputError
from safeharbor.notifications.models import Notification
from safeharbor.obligations.actions import record_clock_event
from safeharbor.obligations.models import AgencyClockPolicy, Obligation, Step

UTC = dt.UTC


def _ago(hours: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)


def test_a_missing_youth_opens_both_24_hour_reports_owned_by_the_caseworker(
    caseworker, youth_record
):
    learned = _ago(2)
    changes = record_clock_event(
        actor=caseworker, youth=youth_record, event_type="youth_missing", at=learned
    )
    rows = list(Obligation.objects.filter(youth=youth_record).order_by("kind"))
    assert [row.kind for row in rows] == ["report_missing_law_enforcement", "report_missing_ncmec"]
    assert [row.due for row in rows] == [learned + dt.timedelta(hours=24)] * 2
    assert {row.source for row in rows} == {"42 U.S.C. 671(a)(35)(B); seed 004"}
    assert len(changes.opened) == 2
    assert [row.escalation_step for row in rows] == [Step.OPENED, Step.OPENED]
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"caseworker"}
    assert Notification.objects.count() == 2


def test_a_report_satisfies_the_oldest_matching_obligation_on_time(caseworker, youth_record):
    record_clock_event(actor=caseworker, youth=youth_record, event_type="youth_missing", at=_ago(5))
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="missing_reported_ncmec",
        at=_ago(4),
        record=None,
    )
    done = Obligation.objects.get(kind="report_missing_ncmec")
    assert (done.status, done.on_time, done.satisfied_by, done.next_escalation_at) == (
        "satisfied",
        True,
        caseworker,
        None,
    )
    assert Obligation.objects.get(kind="report_missing_law_enforcement").status == "open"
    assert [h.what for h in done.history.all()] == ["opened", "told", "satisfied"]


def test_a_sooner_clock_moves_the_open_obligation_rather_than_opening_another(
    caseworker, youth_record
):
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="screening_completed",
        at=_ago(10),
        tier="high_risk",
    )
    confirmed_at = _ago(5)
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="screening_completed",
        at=confirmed_at,
        tier="confirmed",
    )
    (da,) = Obligation.objects.filter(kind="report_district_attorney")
    assert da.due == confirmed_at + dt.timedelta(hours=24)
    assert da.source == "seed 002 §VII.B.1"
    assert [h.what for h in da.history.all()] == ["opened", "told", "moved"]


def test_an_event_that_matches_nothing_is_recorded_and_changes_nothing(caseworker, youth_record):
    changes = record_clock_event(
        actor=caseworker, youth=youth_record, event_type="consultation_held", at=_ago(1)
    )
    assert changes.changes_nothing
    assert Obligation.objects.count() == 0
    assert AuditEvent.objects.filter(action="obligation.event_unmatched").count() == 1


def _record_then_fail(caseworker, youth):
    with transaction.atomic():
        record_clock_event(actor=caseworker, youth=youth, event_type="youth_missing", at=_ago(1))
        raise RuntimeError("the episode failed to save")


def test_obligations_roll_back_with_the_record_that_failed(caseworker, youth_record):
    with pytest.raises(RuntimeError):
        _record_then_fail(caseworker, youth_record)
    assert Obligation.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"event_type": "youth_gone"}, 'event_type: unknown event type "youth_gone"'),
        ({"event_type": "screening_completed"}, "tier: missing (screening_completed needs a tier)"),
        ({"event_type": "intake_received"}, "alleges_htcsec: expected true or false, got null"),
        (
            {"event_type": "youth_missing", "at": dt.datetime(2026, 3, 1, 12)},  # noqa: DTZ001
            "at: expected a time with a UTC offset, got datetime.datetime(2026, 3, 1, 12, 0)",
        ),
    ],
)
def test_bad_events_are_refused_with_a_message_naming_the_field(
    caseworker, youth_record, kwargs, message
):
    arguments = {"at": _ago(1), **kwargs}
    with pytest.raises(InputError) as error:
        record_clock_event(actor=caseworker, youth=youth_record, **arguments)
    assert str(error.value) == message
    assert Obligation.objects.count() == 0


def test_a_policy_change_applies_only_to_obligations_opened_afterwards(caseworker, youth_record):
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="screening_completed",
        at=_ago(3),
        tier="at_risk",
    )
    AgencyClockPolicy.objects.create(community_referrals_hours=100, escalate_pa_hours=12)
    first = Obligation.objects.get()
    assert first.due - first.opened_at == dt.timedelta(hours=336)
    assert first.escalate_pa_hours == 24
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="screening_completed",
        at=_ago(1),
        tier="moderate_risk",
    )
    consultation = Obligation.objects.get(kind="consultation_meeting")
    assert consultation.escalate_pa_hours == 12
    assert consultation.due - consultation.opened_at == dt.timedelta(hours=168)


def test_an_unassigned_youths_obligation_is_owned_by_the_intake_worker_who_recorded_it(
    agency, intake_worker, supervisor
):
    from tests import factories

    youth = factories.youth(agency.pine, None, first="Rowan", last="Unassigned")
    record_clock_event(
        actor=intake_worker,
        youth=youth,
        event_type="intake_received",
        at=_ago(1),
        alleges_htcsec=True,
    )
    row = Obligation.objects.get()
    assert row.unassigned_owner == intake_worker
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == [
        "intake_worker"
    ]


def test_recording_a_youth_missing_and_returned_starts_the_report_and_return_clocks(
    caseworker, youth_record
):
    from safeharbor.missing.actions import record_missing, record_return

    learned = _ago(30)
    episode = record_missing(
        actor=caseworker, youth=youth_record, last_seen_at=_ago(32), learned_at=learned
    )
    returned = _ago(3)
    record_return(actor=caseworker, episode=episode, returned_at=returned)
    rows = {row.kind: row for row in Obligation.objects.filter(youth=youth_record)}
    assert sorted(rows) == [
        "report_missing_law_enforcement",
        "report_missing_ncmec",
        "return_debrief",
        "return_screening",
    ]
    assert rows["report_missing_ncmec"].due == learned + dt.timedelta(hours=24)
    assert rows["return_debrief"].due == returned + dt.timedelta(hours=24)
    # A return does not cancel the open missing reports (SPEC §5).
    assert rows["report_missing_law_enforcement"].status == "open"
    assert rows["return_debrief"].opened_record == f"Missing since {episode.last_seen_at:%Y-%m-%d}"
