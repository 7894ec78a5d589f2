"""An intake report starts the 24-hour disposition clock; the disposition satisfies it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.cases.models import Youth
from safeharbor.domain.errors import InputError
from safeharbor.intake.actions import NotAllowed, record_disposition, record_intake
from safeharbor.intake.models import IntakeReport
from safeharbor.obligations.models import Obligation
from safeharbor.partners.models import Referral
from safeharbor.writes import StaleEdit
from tests import factories
from tests.obligations.builders import intake_for, key

NARRATIVE = "A school counselor reports an older adult picking the youth up with new phones."


def _new_youth(agency, **overrides):
    return {
        "district": agency.pine,
        "legal_first_name": "Noor",
        "legal_last_name": "Newcomer",
        "date_of_birth": dt.date(2011, 2, 3),
        "custody_status": "receiving_services",
        **overrides,
    }


def _intake(worker, agency, **kwargs):
    arguments = {
        "actor": worker,
        "received_at": timezone.now() - dt.timedelta(hours=2),
        "reporter_type": "school",
        "narrative": NARRATIVE,
        "alleges_htcsec": True,
        "idempotency_key": key(),
        "new_youth": _new_youth(agency),
        **kwargs,
    }
    return record_intake(**arguments)


def test_an_htcsec_intake_for_a_new_youth_opens_the_24_hour_disposition(intake_worker, agency):
    report, created = _intake(intake_worker, agency)
    assert created
    assert (report.youth.short_name, report.youth_was_new) == ("Noor Newcomer", True)
    (row,) = Obligation.objects.all()
    assert (row.kind, row.due, row.unassigned_owner) == (
        "intake_disposition",
        report.received_at + dt.timedelta(hours=24),
        intake_worker,
    )


def test_an_intake_not_alleging_htcsec_opens_nothing(intake_worker, agency):
    _intake(intake_worker, agency, alleges_htcsec=False)
    assert Obligation.objects.count() == 0


def test_submitting_the_same_intake_twice_keeps_one(intake_worker, agency):
    same = key()
    first, created = _intake(intake_worker, agency, idempotency_key=same)
    again, created_again = _intake(intake_worker, agency, idempotency_key=same)
    assert (first.pk, created, created_again) == (again.pk, True, False)
    assert (IntakeReport.objects.count(), Youth.objects.count(), Obligation.objects.count()) == (
        1,
        1,
        1,
    )


def test_the_intake_worker_then_sees_the_youth_and_its_obligations(
    intake_worker, youth_record, client
):
    intake_for(youth_record, taken_by=intake_worker)
    client.force_login(intake_worker)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Jo Testperson" in page
    assert "4417 Canary" not in page


def test_screening_in_satisfies_the_disposition_and_starts_the_screening_clock(
    intake_worker, agency
):
    report, _ = _intake(intake_worker, agency)
    at = timezone.now() - dt.timedelta(hours=1)
    record_disposition(
        actor=intake_worker, intake=report, disposition="screened_in", at=at, seen_version=1
    )
    rows = {row.kind: row for row in Obligation.objects.all()}
    assert (rows["intake_disposition"].status, rows["intake_disposition"].on_time) == (
        "satisfied",
        True,
    )
    assert rows["complete_screening"].due == at + dt.timedelta(hours=72)


def test_referring_to_the_da_records_a_referral_that_satisfies_the_disposition(
    intake_worker, agency
):
    report, _ = _intake(intake_worker, agency)
    at = timezone.now() - dt.timedelta(minutes=30)
    record_disposition(
        actor=intake_worker,
        intake=report,
        disposition="referred_da",
        at=at,
        seen_version=1,
        referral={
            "organization": "Pine County District Attorney (synthetic)",
            "contact": "ADA Rivers, 555-0100",
            "information_shared": "The intake narrative and the youth's identity.",
            "shared_with": "ADA Rivers",
            "basis": "Seed 002 §VII.A.1 referral of an HTCSEC report",
            "idempotency_key": key(),
        },
    )
    referral = Referral.objects.get()
    report.refresh_from_db()
    assert (report.disposition, report.da_referral, referral.referred_to) == (
        "referred_da",
        referral,
        "district_attorney",
    )
    row = Obligation.objects.get()
    assert (row.status, row.satisfied_record) == (
        "satisfied",
        "Referred to Pine County District Attorney (synthetic) (District Attorney's office)",
    )


def test_a_second_disposition_is_refused_and_the_first_kept(intake_worker, agency):
    report, _ = _intake(intake_worker, agency)
    at = timezone.now()
    record_disposition(
        actor=intake_worker, intake=report, disposition="screened_in", at=at, seen_version=1
    )
    with pytest.raises(InputError) as error:
        record_disposition(
            actor=intake_worker, intake=report, disposition="screened_in", at=at, seen_version=1
        )
    assert str(error.value) == (
        "this report's disposition was already recorded: Screened in for child welfare intervention"
    )
    assert Obligation.objects.filter(kind="complete_screening").count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"narrative": "  "}, "write down what the reporter said"),
        ({"reporter_type": "neighbour"}, "unknown reporter type 'neighbour'"),
        (
            {"received_at": timezone.now() + dt.timedelta(hours=2)},
            "the call cannot have been received in the future",
        ),
        ({"new_youth": None}, "choose the youth the report is about, or describe a new youth"),
    ],
)
def test_bad_intakes_are_refused_with_a_message_and_save_nothing(
    intake_worker, agency, kwargs, message
):
    with pytest.raises(InputError) as error:
        _intake(intake_worker, agency, **kwargs)
    assert str(error.value) == message
    assert (IntakeReport.objects.count(), Youth.objects.count()) == (0, 0)


def test_a_new_youth_without_a_district_is_refused(intake_worker, agency):
    with pytest.raises(InputError) as error:
        _intake(intake_worker, agency, new_youth=_new_youth(agency, district=None))
    assert (str(error.value), error.value.field) == (
        "choose the district the youth lives in",
        "district",
    )
    assert Youth.objects.count() == 0


def test_only_intake_workers_take_reports(caseworker, agency):
    with pytest.raises(NotAllowed):
        _intake(caseworker, agency)


def test_another_intake_worker_cannot_record_the_disposition(intake_worker, agency):
    report, _ = _intake(intake_worker, agency)
    other = factories.staff(intake_worker.role_enum, "intake_other")
    with pytest.raises(NotAllowed):
        record_disposition(
            actor=other,
            intake=report,
            disposition="screened_in",
            at=timezone.now(),
            seen_version=1,
        )


def test_the_narrative_is_encrypted_at_rest(intake_worker, agency):
    from django.db import connection

    report, _ = _intake(intake_worker, agency)
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM intake_intakereport WHERE id = %s", [report.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("gAAAAA")
    assert NARRATIVE not in stored
    assert IntakeReport.objects.get().narrative == NARRATIVE


def test_an_intake_key_used_by_another_worker_is_refused(intake_worker, agency):
    same = key()
    _intake(intake_worker, agency, idempotency_key=same)
    other = factories.staff(intake_worker.role_enum, "intake_other")
    with pytest.raises(InputError, match="this form was already used for another report"):
        _intake(other, agency, idempotency_key=same)
    assert IntakeReport.objects.count() == 1


def test_a_disposition_from_a_stale_page_is_refused_and_keeps_nothing(intake_worker, agency):
    report, _ = _intake(intake_worker, agency)
    stale = IntakeReport.objects.get(pk=report.pk)  # the page opened before the other decision
    record_disposition(
        actor=intake_worker,
        intake=report,
        disposition="screened_in",
        at=timezone.now(),
        seen_version=1,
    )
    with pytest.raises(StaleEdit, match="someone else recorded this report's disposition"):
        record_disposition(
            actor=intake_worker,
            intake=stale,
            disposition="referred_da",
            at=timezone.now(),
            seen_version=1,
            referral={
                "organization": "Pine County District Attorney (synthetic)",
                "information_shared": "The intake narrative.",
                "shared_with": "ADA Rivers",
                "basis": "Seed 002 §VII.A.1",
                "idempotency_key": key(),
            },
        )
    assert (IntakeReport.objects.get().disposition, Referral.objects.count()) == ("screened_in", 0)
