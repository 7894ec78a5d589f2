"""Escalation runs by itself: what it sends, what the homes show, the demo's worker (SPEC §5)."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from safeharbor.intake.actions import record_intake
from safeharbor.notifications.actions import deliver_emails
from safeharbor.obligations.actions import escalate_obligations
from safeharbor.obligations.models import Obligation
from tests.obligations.builders import key

START = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
NARRATIVE = "A coach saw the youth handed a prepaid phone by an adult at the bus depot."
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def overdue(intake_worker, caseworker, supervisor, program_admin, youth_record):
    """An intake identifying the youth as a victim, 50 hours ago: both 24-hour duties overdue
    by more than the program administrator's margin."""
    for person, address in ((caseworker, "cw"), (supervisor, "sup"), (program_admin, "pa")):
        person.email = f"{address}@example.org"
        person.save(update_fields=["email"])
    with time_machine.travel(START, tick=False):
        record_intake(
            actor=intake_worker,
            received_at=START,
            reporter_type="law_enforcement",
            narrative=NARRATIVE,
            alleges_htcsec=True,
            allegation_kind="sex_trafficking",
            identifies_victim=True,
            idempotency_key=key(),
            youth=youth_record,
        )
    with time_machine.travel(START + dt.timedelta(hours=50), tick=False):
        escalate_obligations()
        deliver_emails()
    return youth_record


def test_escalation_mails_carry_no_case_content(overdue):
    youth = overdue
    sent = [f"{m.subject}\n{m.body}" for m in mail.outbox]
    assert {m.to[0] for m in mail.outbox} >= {"sup@example.org", "pa@example.org"}
    forbidden = [
        NARRATIVE,
        "coach",
        youth.short_name,
        youth.legal_first_name,
        youth.legal_last_name,
        youth.record_number,
        "trafficking",
        "law enforcement",
        "victim",
        "disposition",
        "671",
        "seed 002",
    ]
    leaks = {word for word in forbidden for text in sent if word.lower() in text.lower()}
    assert leaks == set()


def test_the_supervisor_and_pa_homes_show_what_escalated_to_them(
    client, overdue, supervisor, program_admin, caseworker
):
    duty = Obligation.objects.get(kind="report_law_enforcement")
    link = reverse("obligations:detail", args=[duty.pk])
    with time_machine.travel(START + dt.timedelta(hours=50), tick=False):
        for person, step in ((supervisor, "supervisor"), (program_admin, "program_administrator")):
            client.force_login(person)
            page = client.get("/").content.decode()
            section = page.split('id="escalated-to-me"')[1].split("</section>")[0]
            assert f'data-escalated="{step}"' in section
            assert link in section
        client.force_login(caseworker)
        assert 'id="escalated-to-me"' not in client.get("/").content.decode()


def test_a_duty_done_since_leaves_the_escalated_list(client, overdue, supervisor):
    Obligation.objects.filter(kind="report_law_enforcement").update(
        status="not_applicable",
        not_applicable_reason="Reported by the detective who called",
        not_applicable_by=supervisor,
        next_escalation_at=None,
    )
    client.force_login(supervisor)
    page = client.get("/").content.decode()
    duty = Obligation.objects.get(kind="report_law_enforcement")
    assert reverse("obligations:detail", args=[duty.pk]) not in page.split("escalated-to-me")[1]


def test_make_demo_runs_the_worker_beside_the_web_server():
    recipe = (ROOT / "Makefile").read_text().split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "safeharbor demo-serve --port $(PORT)" in recipe
    assert "runserver" not in recipe  # one command starts both: demo-serve


def test_production_ships_a_worker_unit_and_a_procfile_line():
    unit = (ROOT / "deploy" / "safeharbor-worker.service").read_text()
    assert "safeharbor worker" in unit
    assert "worker: .venv/bin/safeharbor worker" in (ROOT / "Procfile").read_text()


def test_no_notification_e_mail_about_a_youth_names_them(caseworker, youth_record):
    from safeharbor.notifications.actions import notify

    caseworker.email = "cw@example.org"
    caseworker.save(update_fields=["email"])
    notify(
        recipient=caseworker,
        dedupe_key="pattern:test",
        subject=f"A pattern was flagged on {youth_record.short_name}'s missing episode",
        body=f"{youth_record.short_name} has gone missing three times this year.",
        link=f"/youth/{youth_record.pk}/",
        youth=youth_record,
    )
    deliver_emails()
    (message,) = mail.outbox
    assert youth_record.legal_last_name not in message.subject + message.body
    assert "missing" not in (message.subject + message.body).lower()
    assert message.subject == "SafeHarbor: something needs your attention"
    assert f"/youth/{youth_record.pk}/" in message.body  # the link leads back through sign-in
