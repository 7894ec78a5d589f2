"""A team's next step is an obligation with its own owner and due time (seed 002 §VII.B)."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.notifications.models import Notification
from safeharbor.obligations.actions import (
    escalate_obligations,
    open_next_step,
    record_clock_event,
    satisfy_next_step,
)
from safeharbor.obligations.models import Obligation
from safeharbor.obligations.queries import ObligationView, my_work

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)


def _open(youth, actor, owner, due):
    with transaction.atomic():
        return open_next_step(
            actor=actor,
            youth=youth,
            title="Enrol the youth in the GED class",
            owner=owner,
            due=due,
            record="MDT meeting",
        )


@time_machine.travel(NOW, tick=False)
def test_a_next_step_opens_for_its_owner_and_tells_them(youth_record, caseworker, supervisor):
    row = _open(youth_record, caseworker, supervisor, NOW + dt.timedelta(days=3))
    assert (row.kind, row.owner, row.status, row.due) == (
        "meeting_next_step",
        supervisor,
        "open",
        NOW + dt.timedelta(days=3),
    )
    assert row.source.startswith("seed 002 §VII.B")
    told = Notification.objects.get(recipient=supervisor)
    assert told.subject.startswith("New obligation for Jo Testperson")
    assert [v.row.pk for v in my_work(supervisor)] == [row.pk]
    assert my_work(caseworker) == []  # the caseworker is not the owner of this one


@time_machine.travel(NOW, tick=False)
def test_a_late_next_step_escalates_to_the_supervisor_and_is_satisfied_late(
    youth_record, caseworker, supervisor
):
    row = _open(youth_record, caseworker, caseworker, NOW + dt.timedelta(hours=2))
    later = NOW + dt.timedelta(hours=3)
    assert ObligationView(row, later).status == "overdue"
    escalate_obligations(now=later)
    assert Notification.objects.filter(recipient=supervisor).count() == 1
    done = satisfy_next_step(actor=caseworker, obligation=row, at=later, record="done")
    assert (done.status, done.on_time, done.satisfied_at) == ("satisfied", False, later)
    assert ObligationView(done, later).status == "satisfied"


@time_machine.travel(NOW, tick=False)
def test_clock_events_never_touch_a_next_step(youth_record, caseworker):
    row = _open(youth_record, caseworker, caseworker, NOW + dt.timedelta(days=1))
    with transaction.atomic():
        record_clock_event(
            actor=caseworker,
            youth=youth_record,
            event_type="screening_completed",
            at=NOW,
            tier="high_risk",
        )
        record_clock_event(
            actor=caseworker, youth=youth_record, event_type="cac_referral_made", at=NOW
        )
    row.refresh_from_db()
    assert row.status == "open"
    assert Obligation.objects.get(kind="refer_cac_mdt").status == "satisfied"


def test_only_a_next_step_is_satisfied_directly(youth_record, caseworker):
    with transaction.atomic():
        record_clock_event(
            actor=caseworker,
            youth=youth_record,
            event_type="youth_missing",
            at=timezone.now(),
        )
    rule_row = Obligation.objects.filter(youth=youth_record).first()
    with pytest.raises(InputError, match="only a next step"):
        satisfy_next_step(actor=caseworker, obligation=rule_row, at=timezone.now(), record="x")
    with pytest.raises(InputError, match="needs a time zone"):
        _open(youth_record, caseworker, caseworker, dt.datetime(2026, 11, 3, 9, 0))  # noqa: DTZ001
