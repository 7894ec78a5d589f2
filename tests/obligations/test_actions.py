"""The obligation writes' shared mechanics: one report per key, no set-aside over a newer change,
and the satisfied fields written alike whether an event or a person closes the obligation."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.obligations.actions import (
    mark_not_applicable,
    open_next_step,
    record_clock_event,
    record_legal_report,
    satisfy_next_step,
)
from safeharbor.obligations.models import LegalReport, Obligation
from safeharbor.writes import StaleEdit
from tests.obligations.builders import key, obligation_for


def _da_report(actor, youth, idempotency_key):
    return record_legal_report(
        actor=actor,
        youth=youth,
        recipient="district_attorney",
        about="sex_trafficking",
        agency_name="  Pine County District Attorney's Office (synthetic)  ",
        method="phone",
        reported_at=timezone.now() - dt.timedelta(hours=1),
        idempotency_key=idempotency_key,
        notes="  Spoke with the intake line.  ",
    )


def test_a_report_sent_twice_is_kept_once_and_its_short_fields_trimmed(caseworker, youth_record):
    same = key()
    first, created = _da_report(caseworker, youth_record, same)
    again, created_again = _da_report(caseworker, youth_record, same)
    assert (again.pk, created, created_again) == (first.pk, True, False)
    assert (first.agency_name, first.notes) == (
        "Pine County District Attorney's Office (synthetic)",
        "  Spoke with the intake line.  ",
    )
    assert LegalReport.objects.count() == 1


def test_a_report_key_used_by_someone_else_is_refused(caseworker, supervisor, youth_record):
    same = key()
    _da_report(caseworker, youth_record, same)
    with pytest.raises(InputError, match="this form was already used for another report"):
        _da_report(supervisor, youth_record, same)
    assert LegalReport.objects.count() == 1


def test_a_report_without_its_form_key_is_refused(caseworker, youth_record):
    with pytest.raises(InputError, match="the form is missing its key") as caught:
        _da_report(caseworker, youth_record, "")
    assert caught.value.field == "idempotency_key"


def test_a_stale_set_aside_is_refused_naming_who_changed_it(supervisor, youth_record):
    row = obligation_for(youth_record)
    reason = "Returned within the hour; NCMEC advised no report."
    mark_not_applicable(actor=supervisor, obligation=row, reason=reason, seen_version=1)
    with pytest.raises(StaleEdit) as caught:
        mark_not_applicable(actor=supervisor, obligation=row, reason=reason, seen_version=1)
    stale = "this obligation was satisfied or changed by someone else after you opened it"
    assert caught.value.message.startswith(f"{stale} ({supervisor} at ")
    row.refresh_from_db()
    assert (row.status, row.version, row.history.filter(what="not_applicable").count()) == (
        "not_applicable",
        2,
        1,
    )


def test_an_event_and_a_person_write_the_same_satisfied_fields(
    caseworker, supervisor, youth_record
):
    learned = timezone.now() - dt.timedelta(hours=3)
    record_clock_event(
        actor=caseworker, youth=youth_record, event_type="youth_returned", at=learned
    )
    record_clock_event(
        actor=caseworker, youth=youth_record, event_type="return_debrief_completed", at=learned
    )
    by_event = Obligation.objects.get(kind="return_debrief")
    with transaction.atomic():
        step = open_next_step(
            actor=caseworker,
            youth=youth_record,
            title="Enrol the youth in the GED class",
            owner=supervisor,
            due=timezone.now() + dt.timedelta(days=1),
            record="MDT meeting",
        )
        by_person = satisfy_next_step(actor=supervisor, obligation=step, at=learned, record="Done")
    fields = ("status", "on_time", "next_escalation_at", "version", "satisfied_report")
    assert [getattr(by_event, name) for name in fields] == ["satisfied", True, None, 2, None]
    assert [getattr(by_person, name) for name in fields] == ["satisfied", True, None, 2, None]
    assert (by_event.satisfied_event, by_person.satisfied_event) == (
        "return_debrief_completed",
        "next_step_done",
    )
    assert (by_event.satisfied_by, by_person.satisfied_by) == (caseworker, supervisor)
