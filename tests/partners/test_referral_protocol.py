"""Referrals: each satisfies its clock; DA and law-enforcement referrals are the legal report;
community referrals pick from the directory; the screening's protocol leads to the forms."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import YES
from safeharbor.obligations.actions import record_clock_event
from safeharbor.obligations.models import LegalReport, Obligation
from safeharbor.partners.actions import record_referral, update_referral_status
from safeharbor.partners.models import Referral
from safeharbor.screenings.actions import record_screening
from tests.partners.builders import agency as directory_entry
from tests.partners.builders import cac_referral, key


def _protocol(youth, tier):
    with transaction.atomic():
        record_clock_event(
            actor=youth.caseworker,
            youth=youth,
            event_type="screening_completed",
            at=timezone.now() - dt.timedelta(hours=1),
            tier=tier,
        )


def _refer(youth, **kw):
    arguments = {
        "organization": "Pine County District Attorney (synthetic)",
        "made_at": timezone.now() - dt.timedelta(minutes=5),
        "information_shared": "Screening result and risk factors.",
        "shared_with": "Intake ADA",
        "basis": "Seed 002 §VII.B",
        "idempotency_key": key(),
    } | kw
    return record_referral(actor=youth.caseworker, youth=youth, **arguments)


def test_a_cac_referral_satisfies_the_mdt_clock(youth_record):
    _protocol(youth_record, "high_risk")
    referral = cac_referral(youth_record)
    row = Obligation.objects.get(youth=youth_record, kind="refer_cac_mdt")
    assert (row.status, row.on_time, row.satisfied_record) == ("satisfied", True, str(referral))


def test_a_da_referral_is_the_report_and_satisfies_its_clock(youth_record):
    _protocol(youth_record, "high_risk")
    referral, created = _refer(
        youth_record, referred_to="district_attorney", purpose="report", method="phone"
    )
    assert created
    report = referral.legal_report
    assert (report.recipient, report.about, report.method, report.agency_name) == (
        "district_attorney",
        "sex_trafficking",
        "phone",
        "Pine County District Attorney (synthetic)",
    )
    row = Obligation.objects.get(youth=youth_record, kind="report_district_attorney")
    assert (row.status, row.satisfied_report) == ("satisfied", report)


def test_a_law_enforcement_referral_without_its_number_saves_nothing(youth_record):
    _protocol(youth_record, "confirmed")
    with pytest.raises(InputError) as refused:
        _refer(youth_record, referred_to="law_enforcement", organization="Pine PD", method="phone")
    assert refused.value.field in ("reference_number", "ncic_number")
    assert (Referral.objects.count(), LegalReport.objects.count()) == (0, 0)
    assert Obligation.objects.get(kind="report_law_enforcement").status == "open"


def test_the_same_form_twice_keeps_one_referral_and_one_report(youth_record):
    form_key = key()
    first, created = _refer(
        youth_record, referred_to="district_attorney", method="email", idempotency_key=form_key
    )
    again, created_again = _refer(
        youth_record, referred_to="district_attorney", method="email", idempotency_key=form_key
    )
    assert (created, created_again, first.pk) == (True, False, again.pk)
    assert LegalReport.objects.count() == 1


def test_a_community_referral_picks_from_the_directory(youth_record, agency):
    _protocol(youth_record, "at_risk")
    listed = directory_entry(agency.pine)
    referral, _ = _refer(
        youth_record,
        referred_to="community_agency",
        service_agency=listed,
        organization="",
        purpose="services",
    )
    assert (referral.organization, referral.service_agency) == (listed.name, listed)
    assert Obligation.objects.get(kind="community_referrals").status == "satisfied"


def test_an_agency_that_does_not_serve_the_district_is_refused(youth_record, agency):
    elsewhere = directory_entry(agency.cedar)
    with pytest.raises(InputError, match="does not serve Pine County"):
        _refer(youth_record, referred_to="community_agency", service_agency=elsewhere)
    with pytest.raises(InputError, match="for referrals to community agencies"):
        _refer(youth_record, referred_to="cac", service_agency=elsewhere)


def test_status_and_outcome_refuse_a_stale_change(youth_record):
    referral = cac_referral(youth_record)
    done = update_referral_status(
        actor=youth_record.caseworker,
        referral=referral,
        status="accepted",
        outcome="Interview on Friday.",
        seen_version=1,
    )
    assert (done.status, done.outcome, done.version) == ("accepted", "Interview on Friday.", 2)
    with pytest.raises(InputError, match="someone else changed this referral"):
        update_referral_status(
            actor=youth_record.caseworker,
            referral=referral,
            status="declined",
            outcome="",
            seen_version=1,
        )


# --- pages -------------------------------------------------------------------------------------


def _screen(youth, answers):
    return record_screening(
        actor=youth.caseworker,
        youth=youth,
        as_of=timezone.localdate(),
        answers=answers,
        occasion="caseworker_concern",
    )


def test_a_high_risk_result_leads_to_the_cac_referral_and_the_da(client, youth_record):
    screening = _screen(youth_record, {"hotels_for_sex": YES})
    client.force_login(youth_record.caseworker)
    page = client.get(reverse("screenings:detail", args=[youth_record.pk, screening.pk]))
    text = page.content.decode()
    assert "Refer to Pine Child Advocacy Center to convene the MDT" in text
    assert 'data-next="report_district_attorney"' in text
    assert "data-disclosure" not in text
    form = client.get(
        reverse("partners:referral_new", args=[youth_record.pk]),
        {"to": "cac", "purpose": "convene_mdt", "screening": screening.pk},
    ).content.decode()
    assert 'value="Pine Child Advocacy Center"' in form
    assert "High risk of trafficking. Assessed risk factors:" in form
    assert (
        "- Is it confirmed or reported that the youth goes to hotels or motels to have sex?" in form
    )


def test_a_disclosure_prompts_a_forensic_interview_instead_of_more_questions(client, youth_record):
    screening = _screen(youth_record, {"disclosed_commercial_sex_under_18": YES})
    client.force_login(youth_record.caseworker)
    text = client.get(
        reverse("screenings:detail", args=[youth_record.pk, screening.pk])
    ).content.decode()
    assert "data-disclosure" in text
    assert "Refer for a forensic interview at Pine Child Advocacy Center" in text
    assert "purpose=forensic_interview" in text


def test_without_a_cac_the_high_risk_result_leads_to_forming_the_mdt(client, cedar):
    screening = _screen(cedar.youth, {"hotels_for_sex": YES})
    client.force_login(cedar.caseworker)
    text = client.get(
        reverse("screenings:detail", args=[cedar.youth.pk, screening.pk])
    ).content.decode()
    assert "Form the MDT (Cedar County has no CAC)" in text
    assert "?kind=mdt" in text


def test_a_bad_referral_form_names_the_problem_and_keeps_what_was_typed(client, youth_record):
    client.force_login(youth_record.caseworker)
    url = reverse("partners:referral_new", args=[youth_record.pk])
    response = client.post(
        url,
        {
            "referred_to": "community_agency",
            "made_at": "2026-13-40T10:00",
            "information_shared": "The screening result, shared with the youth's agreement.",
            "shared_with": "Program intake",
            "basis": "Seed 002 §VII.B.4",
            "idempotency_key": key(),
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Choose the agency from the service directory." in text
    assert "Enter a valid date/time." in text
    assert "shared with the youth&#x27;s agreement" in text
    assert Referral.objects.count() == 0


def test_harmful_words_are_named_and_may_be_kept_when_quoting(client, youth_record):
    client.force_login(youth_record.caseworker)
    url = reverse("partners:referral_new", args=[youth_record.pk])
    data = {
        "referred_to": "cac",
        "purpose": "forensic_interview",
        "organization": "Pine Child Advocacy Center",
        "made_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "information_shared": "Police called her a teen prostitute.",
        "shared_with": "Forensic interviewer",
        "basis": "Seed 002 §VII.B",
        "idempotency_key": key(),
    }
    warned = client.post(url, data)
    assert warned.status_code == 400
    assert "child sex trafficking victim" in warned.content.decode()
    assert Referral.objects.count() == 0
    kept = client.post(url, data | {"wording": "mine"})
    assert kept.status_code == 302
    assert Referral.objects.get().purpose == "forensic_interview"
