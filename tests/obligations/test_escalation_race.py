"""Two escalation runs race on PostgreSQL: every notification is created, and created once."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection

from safeharbor.audit.models import AuditEvent
from safeharbor.notifications.models import Notification
from safeharbor.obligations import escalation
from safeharbor.obligations.actions import escalate_obligations, record_clock_event
from safeharbor.obligations.models import Obligation, ObligationHistory, Step
from tests import factories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

START = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
YOUTH = 6  # two reports each: 12 obligations


def _race(runs: int, now: dt.datetime, monkeypatch) -> list[object]:
    """Run ``runs`` escalation passes at once, each in its own thread and connection."""
    real = escalation.recipients

    def slow_recipients(row, step):  # widen the window in which the runs overlap
        threading.Event().wait(0.01)
        return real(row, step)

    monkeypatch.setattr(escalation, "recipients", slow_recipients)
    barrier = threading.Barrier(runs)
    results: list[object] = [None] * runs

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = escalate_obligations(now=now, batch=2)
        except Exception as error:  # reported by the assertion below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_racing_escalation_runs_notify_each_person_exactly_once(
    agency, caseworker, supervisor, program_admin, monkeypatch
):
    with time_machine.travel(START, tick=False):
        for n in range(YOUTH):
            youth = factories.youth(agency.pine, caseworker, first=f"Race{n}", last="Sample")
            record_clock_event(actor=caseworker, youth=youth, event_type="youth_missing", at=START)
    assert Notification.objects.count() == 2 * YOUTH  # the owner, as each opened

    results = _race(3, START + dt.timedelta(hours=50), monkeypatch)

    assert all(isinstance(told, int) for told in results), results
    obligations = 2 * YOUTH
    assert sum(results) == 2 * obligations  # supervisor and program administrator, once each
    assert Notification.objects.count() == 3 * obligations
    steps = [key.split(":")[2] for key in Notification.objects.values_list("dedupe_key", flat=True)]
    assert sorted(set(steps)) == ["opened", "program_administrator", "supervisor"]
    assert all(steps.count(step) == obligations for step in set(steps))
    # The work itself was done once: one history line and one audit event per row and pass.
    assert ObligationHistory.objects.filter(what="told").count() == 3 * obligations
    assert AuditEvent.objects.filter(action="obligation.escalated").count() == 2 * obligations
    assert set(Obligation.objects.values_list("escalation_step", "next_escalation_at")) == {
        (Step.PROGRAM_ADMINISTRATOR, None)
    }
