"""Taking a report in the browser-less client: matching, respectful wording, bad input."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safeharbor.cases.models import Youth
from safeharbor.intake.models import IntakeReport
from safeharbor.obligations.models import Obligation
from tests.obligations.builders import key


def _form(agency, **overrides):
    received = timezone.localtime(timezone.now() - dt.timedelta(hours=1))
    return {
        "idempotency_key": key(),
        "received_at": received.strftime("%Y-%m-%dT%H:%M"),
        "reporter_type": "medical",
        "alleges_htcsec": "yes",
        "allegation_kind": "sex_trafficking",
        "narrative": "A nurse reports the youth came in with an adult who answered for her.",
        "youth_first_name": "Noor",
        "youth_last_name": "Newcomer",
        "youth_date_of_birth": "2011-02-03",
        "district": str(agency.pine.pk),
        "custody_status": "receiving_services",
        **overrides,
    }


def test_a_report_about_a_new_youth_is_saved_and_its_clock_started(client, intake_worker, agency):
    client.force_login(intake_worker)
    response = client.post(reverse("intake:new"), _form(agency))
    report = IntakeReport.objects.get()
    assert response["Location"] == reverse("intake:detail", args=[report.pk])
    assert Obligation.objects.get().kind == "intake_disposition"
    page = client.get(response["Location"]).content.decode()
    assert "Its disposition is due within 24 hours of the call" in page


def test_a_known_youth_is_offered_before_a_new_record_is_made(
    client, intake_worker, youth_record, agency
):
    client.force_login(intake_worker)
    data = _form(agency, youth_first_name="Jordan", youth_last_name="Testperson")
    offered = client.post(reverse("intake:new"), data).content.decode()
    assert "Is the report about one of these youth?" in offered
    assert "Jo Testperson, born May 17, 2010, Pine County" in offered
    assert IntakeReport.objects.count() == 0
    client.post(reverse("intake:new"), {**data, "youth_pick": str(youth_record.pk)})
    assert IntakeReport.objects.get().youth == youth_record
    assert Youth.objects.count() == 1


def test_harmful_wording_is_caught_and_the_suggestion_can_be_accepted(
    client, intake_worker, agency
):
    client.force_login(intake_worker)
    data = _form(agency, narrative="Caller says the girl is a teen prostitute working for a pimp.")
    first = client.post(reverse("intake:new"), data).content.decode()
    assert IntakeReport.objects.count() == 0
    assert "“teen prostitute” — instead say “child sex trafficking victim”" in first
    assert (
        "Caller says the girl is a child sex trafficking victim working for a "
        "trafficker / exploiter." in first
    )
    client.post(reverse("intake:new"), {**data, "wording": "suggested"})
    assert IntakeReport.objects.get().narrative == (
        "Caller says the girl is a child sex trafficking victim working for a "
        "trafficker / exploiter."
    )


def test_the_worker_may_keep_a_reporters_own_words(client, intake_worker, agency):
    client.force_login(intake_worker)
    data = _form(agency, narrative='The youth said "my pimp took my phone".', wording="mine")
    client.post(reverse("intake:new"), data)
    assert IntakeReport.objects.get().narrative == 'The youth said "my pimp took my phone".'


def test_a_bad_report_names_the_problem_and_keeps_what_was_typed(client, intake_worker, agency):
    client.force_login(intake_worker)
    data = _form(agency, received_at="2026-13-45T99:00", district="")
    response = client.post(reverse("intake:new"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date/time." in page
    assert "A nurse reports the youth came in with an adult who answered for her." in page
    assert IntakeReport.objects.count() == 0


def test_a_new_youth_without_a_district_is_named_beside_the_field(client, intake_worker, agency):
    client.force_login(intake_worker)
    response = client.post(reverse("intake:new"), _form(agency, district=""))
    assert response.status_code == 400
    assert "choose the district the youth lives in" in response.content.decode()
    assert (IntakeReport.objects.count(), Youth.objects.count()) == (0, 0)


def test_the_disposition_form_refers_to_the_da_and_names_missing_fields(
    client, intake_worker, agency
):
    client.force_login(intake_worker)
    client.post(reverse("intake:new"), _form(agency))
    report = IntakeReport.objects.get()
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    url = reverse("intake:disposition", args=[report.pk])
    data = {"idempotency_key": key(), "version": "1", "disposition": "referred_da", "at": now}
    bad = client.post(url, data)
    assert bad.status_code == 400
    assert bad.content.decode().count("Needed for a referral to the District Attorney") == 4
    good = client.post(
        url,
        {
            **data,
            "organization": "Pine County District Attorney (synthetic)",
            "information_shared": "Narrative and identity",
            "shared_with": "ADA Rivers",
            "basis": "HTCSEC report referral",
        },
    )
    assert good.status_code == 302
    assert Obligation.objects.get().status == "satisfied"


def test_people_who_are_not_intake_workers_cannot_take_reports(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("intake:new")).status_code == 404


def test_a_report_identifying_a_victim_starts_the_law_enforcement_report(
    client, intake_worker, agency
):
    client.force_login(intake_worker)
    form = _form(
        agency, allegation_kind="both", identifies_victim="yes", reporter_type="law_enforcement"
    )
    response = client.post(reverse("intake:new"), form)
    report = IntakeReport.objects.get()
    assert (report.allegation_kind, report.identifies_victim) == ("both", True)
    duties = {row.kind: row for row in Obligation.objects.all()}
    assert set(duties) == {"intake_disposition", "report_law_enforcement"}
    assert duties["report_law_enforcement"].due == report.received_at + dt.timedelta(hours=24)
    page = client.get(response["Location"]).content.decode()
    assert "both sex and labor trafficking" in page
    assert "report to law enforcement within 24 hours of the call" in page


def test_an_allegation_without_its_kind_is_refused_beside_the_field(client, intake_worker, agency):
    client.force_login(intake_worker)
    response = client.post(reverse("intake:new"), _form(agency, allegation_kind=""))
    assert response.status_code == 400
    assert response.context["form"].errors["allegation_kind"] == [
        "Say what the report alleges: sex or labor trafficking, or both."
    ]
    assert "Noor" in response.content.decode()  # nothing typed is lost
    assert IntakeReport.objects.count() == 0


def test_a_victim_identified_by_a_report_alleging_nothing_is_refused(client, intake_worker, agency):
    client.force_login(intake_worker)
    data = _form(agency, alleges_htcsec="no", allegation_kind="", identifies_victim="yes")
    response = client.post(reverse("intake:new"), data)
    errors = response.context["form"].errors["identifies_victim"]
    assert errors[0].startswith("a report that identifies the youth as a victim alleges")
    assert IntakeReport.objects.count() == 0


def test_the_call_time_defaults_to_now(client, intake_worker):
    client.force_login(intake_worker)
    initial = client.get(reverse("intake:new")).context["form"].initial["received_at"]
    assert abs(initial - timezone.now()) < dt.timedelta(minutes=1)


def test_screening_in_says_which_clock_started_when_it_is_due_and_whose_it_is(
    client, intake_worker, agency
):
    client.force_login(intake_worker)
    client.post(reverse("intake:new"), _form(agency))
    report = IntakeReport.objects.get()
    now = timezone.localtime().replace(second=0, microsecond=0)
    data = {
        "idempotency_key": key(),
        "version": "1",
        "disposition": "screened_in",
        "at": now.strftime("%Y-%m-%dT%H:%M"),
    }
    page = client.post(reverse("intake:disposition", args=[report.pk]), data, follow=True)
    text = page.content.decode()
    due = timezone.localtime(now + dt.timedelta(hours=72))
    assert "The report is screened in." in text
    assert "A 72-hour clock started: Complete the screening" in text
    assert f"{due:%a %b} {due.day}, {due.year} {due:%-I:%M %p}" in text
    assert "owner:" in text
    assert "Z;" not in text
