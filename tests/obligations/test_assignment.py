"""Assignment (issue 12): supervisors and PAs give a youth's case to a caseworker, the open
obligations follow the case, the worker is told, and who held the case when is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.cases.models import Assignment
from safeharbor.cases.queries import get_youth
from safeharbor.cases.scope import NotAllowed
from safeharbor.domain.access import Role
from safeharbor.domain.errors import InputError
from safeharbor.intake.actions import record_disposition, record_intake
from safeharbor.notifications.models import Notification
from safeharbor.obligations.actions import (
    assign_caseworker,
    assign_obligation_owner,
    move_to_unit,
    open_next_step,
)
from safeharbor.obligations.models import Obligation
from safeharbor.obligations.queries import board, my_work
from safeharbor.writes import StaleEdit
from tests import factories
from tests.obligations.builders import key


@pytest.fixture
def new_at_intake(intake_worker, agency):
    """A youth created at intake and screened in: the 72-hour screening clock is open."""
    report, _ = record_intake(
        actor=intake_worker,
        received_at=timezone.now() - dt.timedelta(hours=3),
        reporter_type="school",
        narrative="The school counsellor called about a student.",
        alleges_htcsec=True,
        idempotency_key=key(),
        new_youth={
            "district": agency.pine,
            "legal_first_name": "Noor",
            "legal_last_name": "Newcomer",
            "date_of_birth": dt.date(2011, 2, 3),
            "custody_status": "receiving_services",
        },
    )
    record_disposition(
        actor=intake_worker,
        intake=report,
        disposition="screened_in",
        at=timezone.now() - dt.timedelta(hours=1),
        seen_version=report.version,
    )
    report.youth.refresh_from_db()
    return report.youth


def _screening_duty(youth):
    return Obligation.objects.get(youth=youth, kind="complete_screening")


def test_a_youth_new_at_intake_is_given_a_caseworker_who_then_finds_it_and_owns_its_duties(
    new_at_intake, supervisor, caseworker, intake_worker
):
    with pytest.raises(Http404):
        get_youth(actor=caseworker, pk=new_at_intake.pk)
    assert [v.row.kind for v in my_work(intake_worker)] == ["complete_screening"]

    assign_caseworker(
        actor=supervisor,
        youth=new_at_intake,
        caseworker=caseworker,
        seen_version=new_at_intake.version,
    )

    assert get_youth(actor=caseworker, pk=new_at_intake.pk).youth.caseworker == caseworker
    assert [v.row.kind for v in my_work(caseworker)] == ["complete_screening"]
    assert my_work(intake_worker) == []
    line = _screening_duty(new_at_intake).history.get(what="moved")
    assert line.detail == (
        f"Moved from {intake_worker} to {caseworker}: the youth was assigned to {caseworker}"
    )
    note = Notification.objects.get(recipient=caseworker, subject__contains="assigned to you")
    assert "1 open obligation moved to you." in note.body
    (held,) = Assignment.objects.filter(youth=new_at_intake)
    assert (held.caseworker, held.unit, held.ended_at) == (caseworker, caseworker.unit, None)
    assert AuditEvent.objects.filter(action="youth.assigned", youth=new_at_intake).exists()


def test_a_reassignment_moves_the_open_obligations_and_keeps_who_held_the_case_when(
    new_at_intake, supervisor, caseworker, agency
):
    colleague = factories.staff(Role.CASEWORKER, unit=agency.unit_a)
    partner_step_owner = factories.staff(Role.SUPERVISOR, unit=agency.unit_a)
    assign_caseworker(
        actor=supervisor,
        youth=new_at_intake,
        caseworker=caseworker,
        seen_version=new_at_intake.version,
    )
    step = open_next_step(
        actor=supervisor,
        youth=new_at_intake,
        title="Call the school",
        owner=partner_step_owner,
        due=timezone.now() + dt.timedelta(days=2),
        record="a meeting",
    )
    new_at_intake.refresh_from_db()

    assign_caseworker(
        actor=supervisor,
        youth=new_at_intake,
        caseworker=colleague,
        seen_version=new_at_intake.version,
        note="Caseload balance",
    )

    assert [v.row.kind for v in my_work(colleague)] == ["complete_screening"]
    assert my_work(caseworker) == []
    step.refresh_from_db()
    assert step.owner == partner_step_owner  # a step named for someone else stays with them
    history = list(Assignment.objects.filter(youth=new_at_intake).order_by("started_at", "id"))
    assert [(a.caseworker, a.ended_at is None, a.note) for a in history] == [
        (caseworker, False, ""),
        (colleague, True, "Caseload balance"),
    ]
    moved = _screening_duty(new_at_intake).history.filter(what="moved").order_by("id")
    assert moved.last().detail.startswith(f"Moved from {caseworker} to {colleague}")


def test_an_assignment_from_a_stale_page_is_refused_and_changes_nothing(
    new_at_intake, supervisor, caseworker, agency
):
    seen = new_at_intake.version
    assign_caseworker(
        actor=supervisor, youth=new_at_intake, caseworker=caseworker, seen_version=seen
    )
    colleague = factories.staff(Role.CASEWORKER, unit=agency.unit_a)
    with pytest.raises(StaleEdit, match="someone else assigned or changed this youth's record"):
        assign_caseworker(
            actor=supervisor, youth=new_at_intake, caseworker=colleague, seen_version=seen
        )
    new_at_intake.refresh_from_db()
    assert new_at_intake.caseworker == caseworker
    assert Assignment.objects.filter(youth=new_at_intake).count() == 1


def test_only_the_unit_supervisor_or_the_pa_assigns_and_a_supervisor_within_their_unit(
    new_at_intake, supervisor, caseworker, other_caseworker, program_admin
):
    with pytest.raises(NotAllowed):
        assign_caseworker(
            actor=caseworker, youth=new_at_intake, caseworker=caseworker, seen_version=1
        )
    with pytest.raises(InputError, match="choose a caseworker of your own unit"):
        assign_caseworker(
            actor=supervisor,
            youth=new_at_intake,
            caseworker=other_caseworker,
            seen_version=new_at_intake.version,
        )
    assign_caseworker(  # a PA assigns anywhere in the district
        actor=program_admin,
        youth=new_at_intake,
        caseworker=other_caseworker,
        seen_version=new_at_intake.version,
    )
    new_at_intake.refresh_from_db()
    assert (new_at_intake.caseworker, new_at_intake.unit) == (
        other_caseworker,
        other_caseworker.unit,
    )


def test_a_pa_moves_a_case_to_another_unit_where_it_awaits_that_units_supervisor(
    new_at_intake, supervisor, program_admin, agency, caseworker
):
    other_supervisor = factories.staff(Role.SUPERVISOR, unit=agency.unit_b)
    assign_caseworker(
        actor=supervisor,
        youth=new_at_intake,
        caseworker=caseworker,
        seen_version=new_at_intake.version,
    )
    new_at_intake.refresh_from_db()
    with pytest.raises(NotAllowed):
        move_to_unit(
            actor=supervisor,
            youth=new_at_intake,
            unit=agency.unit_b,
            seen_version=new_at_intake.version,
        )

    move_to_unit(
        actor=program_admin,
        youth=new_at_intake,
        unit=agency.unit_b,
        seen_version=new_at_intake.version,
    )

    new_at_intake.refresh_from_db()
    assert (new_at_intake.caseworker, new_at_intake.unit) == (None, agency.unit_b)
    assert list(board(other_supervisor).awaiting) == [new_at_intake]
    assert list(board(supervisor).awaiting) == []
    with pytest.raises(Http404):
        get_youth(actor=supervisor, pk=new_at_intake.pk)
    assert AuditEvent.objects.filter(action="youth.moved_unit").count() == 1


def test_youth_awaiting_assignment_are_first_on_the_supervisors_home_and_board(
    client, new_at_intake, supervisor
):
    client.force_login(supervisor)
    home = client.get(reverse("home")).content.decode()
    assert home.index("Awaiting assignment (1)") < home.index(">My caseload</h1>")
    assert reverse("obligations:assign", args=[new_at_intake.pk]) in home
    page = client.get(reverse("obligations:board")).content.decode()
    assert page.index("Awaiting assignment (1)") < page.index("Overdue (")
    assert "New at intake" in page


def test_the_assign_page_shows_a_clear_message_beside_the_field_and_keeps_the_note(
    client, new_at_intake, supervisor, caseworker
):
    client.force_login(supervisor)
    url = reverse("obligations:assign", args=[new_at_intake.pk])
    response = client.post(
        url, {"step": "assign", "caseworker": "", "note": "Speaks Dari", "version": "1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Speaks Dari" in page

    response = client.post(
        url,
        {
            "step": "assign",
            "caseworker": caseworker.pk,
            "note": "",
            "version": new_at_intake.version,
        },
    )
    assert response.status_code == 302
    youth_page = client.get(reverse("cases:youth", args=[new_at_intake.pk])).content.decode()
    assert f"Assigned to {caseworker}" in youth_page  # the timeline keeps who held the case


def test_a_stale_assign_page_says_so_beside_the_form(client, new_at_intake, supervisor, caseworker):
    client.force_login(supervisor)
    url = reverse("obligations:assign", args=[new_at_intake.pk])
    data = {
        "step": "assign",
        "caseworker": caseworker.pk,
        "version": new_at_intake.version - 1 or 99,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "someone else assigned or changed this youth" in response.content.decode()


# --- the board: owners of obligations --------------------------------------------------------


def _unowned(youth):
    row = Obligation.objects.create(
        youth=youth,
        kind="community_referrals",
        title="Community referrals as necessary",
        source="seed 002 Appendix A",
        opened_by_event="screening_completed",
        opened_at=timezone.now(),
        due=timezone.now() + dt.timedelta(hours=5),
        escalate_pa_hours=24,
    )
    return row


def test_a_supervisor_gives_an_unowned_obligation_an_owner_and_then_another(
    client, agency, supervisor, caseworker
):
    youth = factories.youth(agency.pine, None, first="Rowan", last="Unassigned")
    row = _unowned(youth)
    assert [v.row for v in board(supervisor).unowned] == [row]
    client.force_login(supervisor)
    board_page = client.get(reverse("obligations:board")).content.decode()
    assert reverse("obligations:owner", args=[row.pk]) in board_page

    response = client.post(
        reverse("obligations:owner", args=[row.pk]),
        {"owner": caseworker.pk, "version": row.version, "next_page": "board"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("obligations:board")
    row.refresh_from_db()
    assert row.owner == caseworker
    assert board(supervisor).unowned == []
    assert Notification.objects.filter(recipient=caseworker, link__contains=str(row.pk)).exists()

    assign_obligation_owner(
        actor=supervisor, obligation=row, owner=supervisor, seen_version=row.version
    )
    row.refresh_from_db()
    assert row.owner == supervisor
    assert [h.what for h in row.history.all()] == ["moved", "moved"]
    assert (
        AuditEvent.objects.filter(action="obligation.owner_changed", target_id=str(row.pk)).count()
        == 2
    )


def test_reassigning_an_obligation_from_a_stale_board_is_refused(agency, supervisor, caseworker):
    youth = factories.youth(agency.pine, None, first="Rowan", last="Unassigned")
    row = _unowned(youth)
    seen = row.version
    assign_obligation_owner(actor=supervisor, obligation=row, owner=caseworker, seen_version=seen)
    with pytest.raises(StaleEdit):
        assign_obligation_owner(
            actor=supervisor, obligation=row, owner=supervisor, seen_version=seen
        )


def test_a_caseworker_cannot_reassign_an_obligation(client, youth_record, caseworker):
    row = _unowned(youth_record)
    client.force_login(caseworker)
    assert client.get(reverse("obligations:owner", args=[row.pk])).status_code == 404
