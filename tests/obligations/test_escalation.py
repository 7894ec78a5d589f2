"""Escalation tells the owner, then the supervisor, then the program administrator, once each."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.cli import main
from safeharbor.domain.access import Role
from safeharbor.notifications.models import Notification
from safeharbor.obligations import escalation
from safeharbor.obligations.actions import escalate_obligations, record_clock_event
from safeharbor.obligations.models import Obligation, ObligationHistory, Step
from tests import factories

START = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)


def _told() -> list[tuple[str, str]]:
    """Return (who, step) for every notification, oldest first."""
    rows = Notification.objects.order_by("id").values_list("recipient__username", "dedupe_key")
    return [(who, key.split(":")[2]) for who, key in rows]


@pytest.fixture
def opened(caseworker, supervisor, program_admin, youth_record):
    """A law-enforcement and an NCMEC report opened at START (24-hour clocks)."""
    with time_machine.travel(START, tick=False):
        record_clock_event(
            actor=caseworker, youth=youth_record, event_type="youth_missing", at=START
        )
    return list(Obligation.objects.order_by("kind"))


def test_the_owner_is_told_as_the_obligation_opens(opened):
    assert _told() == [("caseworker", "opened"), ("caseworker", "opened")]
    assert [row.next_escalation_at for row in opened] == [START + dt.timedelta(hours=18)] * 2


@pytest.mark.parametrize(
    ("hours_after_start", "expected"),
    [
        (17.99, []),
        (18, [("caseworker", "reminder")] * 2),
        (24, [("caseworker", "reminder")] * 2),  # due == now is not overdue
        (24.001, [("supervisor", "supervisor")] * 2),  # the stale reminder is skipped
        (47.99, [("supervisor", "supervisor")] * 2),
        (48, [("supervisor", "supervisor")] * 2),  # exactly 24 h late: still the supervisor
        (48.001, [("supervisor", "supervisor"), ("program_admin", "program_administrator")] * 2),
    ],
)
def test_each_step_starts_at_its_boundary(opened, hours_after_start, expected):
    now = START + dt.timedelta(hours=hours_after_start)
    escalate_obligations(now=now)
    assert sorted(_told()[2:]) == sorted(expected)


def test_a_second_pass_tells_nobody_again_and_a_later_one_tells_the_next_person(opened):
    first = escalate_obligations(now=START + dt.timedelta(hours=30))
    again = escalate_obligations(now=START + dt.timedelta(hours=30))
    later = escalate_obligations(now=START + dt.timedelta(hours=49))
    assert (first, again, later) == (2, 0, 2)
    row = Obligation.objects.get(pk=opened[0].pk)
    assert (row.escalation_step, row.next_escalation_at) == (Step.PROGRAM_ADMINISTRATOR, None)
    assert escalate_obligations(now=START + dt.timedelta(days=30)) == 0


def test_a_satisfied_obligation_is_never_escalated(
    opened, caseworker, supervisor, program_admin, youth_record
):
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="missing_reported_law_enforcement",
        at=START + dt.timedelta(hours=3),
    )
    escalate_obligations(now=START + dt.timedelta(hours=60))
    kinds = Notification.objects.filter(dedupe_key__contains=":supervisor:").values_list(
        "dedupe_key", flat=True
    )
    ncmec = Obligation.objects.get(kind="report_missing_ncmec")
    assert list(kinds) == [
        f"obligation:{ncmec.pk}:supervisor:{ncmec.youth.caseworker.unit.members.get(role='supervisor').pk}"
    ]


def test_an_unowned_obligation_goes_to_the_districts_supervisors(agency, supervisor):
    factories.staff(Role.SUPERVISOR, "supervisor_b", unit=agency.unit_b)
    factories.staff(Role.SUPERVISOR, "supervisor_cedar", unit=agency.unit_c)
    youth = factories.youth(agency.pine, None, first="Sky", last="Unowned")
    record_clock_event(actor=None, youth=youth, event_type="youth_missing", at=timezone.now())
    assert sorted(_told()) == [("supervisor", "opened")] * 2 + [("supervisor_b", "opened")] * 2


def test_messages_carry_no_case_detail_beyond_the_short_name(opened):
    note = Notification.objects.first()
    assert note.subject == "New obligation for Jo Testperson, due Mar 03, 2026 09:00 AM CST"
    assert "missing" not in (note.subject + note.body).lower()
    assert note.link == f"/obligations/{note.dedupe_key.split(':')[1]}/"


def test_the_command_escalates_and_sends_the_emails(opened, capsys):
    with time_machine.travel(START + dt.timedelta(hours=25), tick=False):
        call_command("escalate_obligations")
    out = capsys.readouterr().out
    # The supervisor persona has no e-mail address: only the caseworker's two are sent.
    assert out == "Notified 2 people; sent 2 e-mails.\n"
    assert [m.to for m in mail.outbox] == [["cw@example.org"], ["cw@example.org"]]


def test_the_worker_runs_one_pass(opened, capsys):
    with time_machine.travel(START + dt.timedelta(hours=25), tick=False):
        status = main(["worker", "--once"])
    assert status == 0
    assert capsys.readouterr().out == "safeharbor worker: notified 2, sent 2 e-mails\n"


def test_the_worker_refuses_a_bad_interval(capsys):
    assert main(["worker", "--interval", "0"]) == 2
    assert (
        capsys.readouterr().err == "safeharbor: --interval must be a positive number of seconds\n"
    )


def test_a_pass_killed_midway_and_rerun_tells_each_person_once(opened, monkeypatch):
    calls = {"n": 0}
    real = escalation.message

    def crash_on_second(row, step):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed")
        return real(row, step)

    monkeypatch.setattr(escalation, "message", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        escalate_obligations(now=START + dt.timedelta(hours=30), batch=5)
    assert len(_told()) == 2  # the batch rolled back whole
    monkeypatch.undo()
    assert escalate_obligations(now=START + dt.timedelta(hours=30)) == 2
    told = ObligationHistory.objects.filter(what="told").order_by("obligation", "id")
    assert [(h.obligation_id, h.detail.split(":")[0]) for h in told] == [
        (opened[0].pk, "Told the owner, when it opened"),
        (opened[0].pk, "Told the supervisor, once overdue"),
        (opened[1].pk, "Told the owner, when it opened"),
        (opened[1].pk, "Told the supervisor, once overdue"),
    ]
    assert AuditEvent.objects.filter(action="obligation.escalated").count() == 4


def test_an_obligation_entered_already_overdue_waits_for_the_next_pass(
    caseworker, supervisor, program_admin, youth_record
):
    learned = timezone.now() - dt.timedelta(days=3)
    record_clock_event(actor=caseworker, youth=youth_record, event_type="youth_missing", at=learned)
    assert Notification.objects.count() == 0
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="missing_reported_ncmec",
        at=learned + dt.timedelta(hours=2),
    )
    assert escalate_obligations() == 3  # the law-enforcement report: owner, supervisor, PA
    assert sorted(step for _, step in _told()) == ["opened", "program_administrator", "supervisor"]
