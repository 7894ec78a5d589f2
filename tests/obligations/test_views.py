"""My work, the boards, one obligation with its forms, the clock durations, as people see them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.obligations.actions import record_clock_event
from safeharbor.obligations.models import AgencyClockPolicy, LegalReport, Obligation
from tests.obligations.builders import da_report_for, key

NOW = dt.datetime(2026, 3, 10, 18, 0, tzinfo=dt.UTC)  # 12:00 CST


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def missing_reports(frozen, caseworker, youth_record):
    """Both missing-youth reports: opened 30 hours ago, so 6 hours overdue."""
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="youth_missing",
        at=NOW - dt.timedelta(hours=30),
    )
    return {row.kind: row for row in Obligation.objects.all()}


def test_my_work_lists_overdue_first_with_countdowns(client, caseworker, youth_record, frozen):
    record_clock_event(actor=caseworker, youth=youth_record, event_type="youth_returned", at=NOW)
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="intake_received",
        at=NOW - dt.timedelta(hours=25),
        alleges_htcsec=True,
    )
    client.force_login(caseworker)
    page = client.get(reverse("home")).content.decode()
    assert page.index("Intake disposition") < page.index("Return debrief")
    assert "Overdue by 1 h 0 min" in page
    assert "due in 24 h 0 min" in page
    assert "Tue Mar 10, 11:00 AM CDT" not in page  # shown in the agency's zone: CDT starts Mar 8
    assert "Wed Mar 11, 1:00 PM CDT" in page


def test_the_supervisors_board_shows_overdue_by_worker(
    client, supervisor, caseworker, missing_reports
):
    client.force_login(supervisor)
    page = client.get(reverse("obligations:board")).content.decode()
    assert "Overdue (2)" in page
    assert "Due in the next 24 hours (0)" in page
    assert f'<th scope="row">{caseworker}</th><td>2</td><td>0</td>' in page


def test_caseworkers_have_no_board(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("obligations:board")).status_code == 404


def test_the_obligation_shows_its_rule_source_owner_and_due_time(
    client, caseworker, missing_reports
):
    row = missing_reports["report_missing_law_enforcement"]
    client.force_login(caseworker)
    page = client.get(reverse("obligations:detail", args=[row.pk])).content.decode()
    assert "Report the missing youth to law enforcement for entry into NCIC" in page
    assert "42 U.S.C. 671(a)(35)(B); seed 004" in page
    assert "Tue Mar 10, 2026 7:00 AM CDT (overdue by 6 h 0 min)" in page
    assert f"<dt>Owner</dt><dd>{caseworker}</dd>" in page


def _report(**overrides):
    return {
        "idempotency_key": key(),
        "agency_name": "Pine City Police Department (synthetic)",
        "contact": "Officer Reyes, 555-0142",
        "method": "phone",
        "reported_at": "2026-03-10T11:30",
        "reference_number": "PCPD-26-0417",
        "ncic_number": "M123456789",
        "officer": "Officer Reyes",
        **overrides,
    }


def test_recording_the_report_satisfies_it_and_shows_who_when_how_and_the_number(
    client, caseworker, missing_reports
):
    row = missing_reports["report_missing_law_enforcement"]
    client.force_login(caseworker)
    url = reverse("obligations:record_report", args=[row.pk])
    response = client.post(url, _report())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "late" in page
    assert "Pine City Police Department (synthetic) (Law enforcement), Officer Reyes" in page
    assert "Tue Mar 10, 2026 11:30 AM CDT" in page
    assert "<dt>Reference number</dt><dd>PCPD-26-0417</dd>" in page
    assert "<dt>NCIC number</dt><dd>M123456789</dd>" in page
    assert "<dt>Taken by</dt><dd>Officer Reyes</dd>" in page
    report = LegalReport.objects.get()
    assert (report.recorded_by, report.recorded_at, report.missing_episode) == (
        caseworker,
        NOW,
        None,
    )


def test_a_double_submission_keeps_one_report(client, caseworker, missing_reports):
    row = missing_reports["report_missing_ncmec"]
    client.force_login(caseworker)
    data = _report(agency_name="NCMEC", reference_number="NCMEC-1234567")
    url = reverse("obligations:record_report", args=[row.pk])
    client.post(url, data)
    client.post(url, data)
    assert LegalReport.objects.count() == 1


def test_a_report_without_its_number_names_the_field_and_keeps_the_rest(
    client, caseworker, missing_reports
):
    row = missing_reports["report_missing_law_enforcement"]
    client.force_login(caseworker)
    url = reverse("obligations:record_report", args=[row.pk])
    response = client.post(url, _report(reference_number="", ncic_number=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "enter the report or NCIC number the recipient gave" in page
    assert 'value="Officer Reyes, 555-0142"' in page
    assert LegalReport.objects.count() == 0
    assert Obligation.objects.get(pk=row.pk).status == "open"


def test_a_report_dated_in_the_future_is_refused(client, caseworker, missing_reports):
    row = missing_reports["report_missing_law_enforcement"]
    client.force_login(caseworker)
    url = reverse("obligations:record_report", args=[row.pk])
    response = client.post(url, _report(reported_at="2026-03-11T11:30"))
    assert "the report cannot have been made in the future" in response.content.decode()


def test_only_the_supervisor_marks_an_obligation_not_applicable_with_a_reason(
    client, caseworker, supervisor, missing_reports
):
    row = missing_reports["report_missing_ncmec"]
    url = reverse("obligations:not_applicable", args=[row.pk])
    client.force_login(caseworker)
    assert client.post(url, {"reason": "x", "version": row.version}).status_code == 404
    client.force_login(supervisor)
    empty = client.post(url, {"reason": "", "version": row.version})
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    client.post(url, {"reason": "Returned within the hour; NCMEC advised no report.", "version": 1})
    row.refresh_from_db()
    assert (row.status, row.not_applicable_by, row.next_escalation_at) == (
        "not_applicable",
        supervisor,
        None,
    )


def test_the_youth_page_shows_obligations_with_their_history(
    client, caseworker, missing_reports, youth_record
):
    client.force_login(caseworker)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Obligations and deadlines" in page
    assert page.count("Opened by Youth reported missing") == 2


def test_a_partner_without_the_obligations_field_group_sees_no_obligations(
    client, mdt_partner, missing_reports, youth_record
):
    client.force_login(mdt_partner)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Obligations and deadlines" not in page
    row = missing_reports["report_missing_ncmec"]
    assert client.get(reverse("obligations:detail", args=[row.pk])).status_code == 404


def test_the_administrator_changes_a_duration_for_obligations_opened_afterwards(
    client, administrator, caseworker, youth_record
):
    client.force_login(administrator)
    url = reverse("obligations:settings")
    form = client.get(url).context["form"]
    data = {**form.initial, "complete_screening_hours": "48"}
    assert client.post(url, data).status_code == 302
    assert AgencyClockPolicy.objects.get().complete_screening_hours == 48
    at = timezone.now() - dt.timedelta(hours=1)
    record_clock_event(actor=caseworker, youth=youth_record, event_type="intake_screened_in", at=at)
    assert Obligation.objects.get().due == at + dt.timedelta(hours=48)


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "expected a positive number of hours, got 0.0"), ("abc", "Enter a number.")],
)
def test_a_bad_duration_is_named_and_nothing_is_saved(client, administrator, value, message):
    client.force_login(administrator)
    url = reverse("obligations:settings")
    data = {**client.get(url).context["form"].initial, "escalate_pa_hours": value}
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AgencyClockPolicy.objects.count() == 0


def test_a_missing_report_window_over_24_hours_is_refused_beside_it(client, administrator):
    client.force_login(administrator)
    url = reverse("obligations:settings")
    data = {**client.get(url).context["form"].initial, "report_missing_hours": "36"}
    response = client.post(url, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["report_missing_hours"][0].startswith("36.0 is above 24 hours")
    assert form["report_missing_hours"].value() == "36"  # what was typed is kept
    assert AgencyClockPolicy.objects.count() == 0


def test_a_shorter_missing_report_window_starts_shorter_clocks(
    client, administrator, caseworker, youth_record
):
    client.force_login(administrator)
    url = reverse("obligations:settings")
    data = {**client.get(url).context["form"].initial, "report_missing_hours": "2"}
    assert client.post(url, data).status_code == 302
    at = timezone.now() - dt.timedelta(hours=1)
    record_clock_event(actor=caseworker, youth=youth_record, event_type="youth_missing", at=at)
    assert {row.due for row in Obligation.objects.all()} == {at + dt.timedelta(hours=2)}


def test_a_stale_settings_form_is_refused(client, administrator):
    client.force_login(administrator)
    url = reverse("obligations:settings")
    data = dict(client.get(url).context["form"].initial)
    client.post(url, {**data, "refer_cac_mdt_hours": "48"})
    response = client.post(url, {**data, "refer_cac_mdt_hours": "96"})
    assert "someone else changed the durations" in response.content.decode()
    assert AgencyClockPolicy.objects.get().refer_cac_mdt_hours == 48


def test_only_administrators_edit_the_durations(client, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("obligations:settings")).status_code == 404


@pytest.mark.parametrize(
    ("remaining", "words"),
    [
        (dt.timedelta(hours=24), "due in 24 h 0 min"),
        (dt.timedelta(hours=47, minutes=59), "due in 47 h 59 min"),
        (dt.timedelta(hours=72, minutes=30), "due in 3 d 0 h"),
        (dt.timedelta(minutes=5, seconds=59), "due in 5 min"),
        (dt.timedelta(0), "due in 0 min"),
        (-dt.timedelta(hours=1, minutes=2), "overdue by 1 h 2 min"),
    ],
)
def test_countdowns_read_in_hours_for_the_short_clocks_and_days_for_the_long(remaining, words):
    from safeharbor.ui.templatetags.ui_tags import countdown

    assert countdown(remaining) == words


def test_a_referral_obligation_leads_to_the_referral_form_which_satisfies_it(
    client, caseworker, youth_record, frozen
):
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="screening_completed",
        at=NOW - dt.timedelta(hours=2),
        tier="high_risk",
    )
    row = Obligation.objects.get(kind="refer_cac_mdt")
    client.force_login(caseworker)
    page = client.get(reverse("obligations:detail", args=[row.pk])).content.decode()
    link = reverse("partners:referral_new", args=[youth_record.pk])
    assert f'href="{link}?to=cac&amp;purpose=convene_mdt"' in page
    data = {
        "idempotency_key": key(),
        "referred_to": "cac",
        "purpose": "convene_mdt",
        "organization": "Pine Child Advocacy Center (synthetic)",
        "made_at": "2026-03-10T11:00",
        "information_shared": "Risk factors from the screening",
        "shared_with": "CAC coordinator",
        "basis": "",
    }
    bad = client.post(link, data)
    assert bad.status_code == 400
    assert "Pine Child Advocacy Center (synthetic)" in bad.content.decode()
    assert Obligation.objects.get(pk=row.pk).status == "open"
    good = client.post(link, {**data, "basis": "Seed 002 §VII.B"})
    assert good.status_code == 302
    assert Obligation.objects.get(pk=row.pk).status == "satisfied"


# --- correcting a report that is not about a missing episode ------------------------------------


def _correction(report, **overrides):
    from safeharbor.obligations.forms import report_initial

    data = {name: value for name, value in report_initial(report).items() if value}
    data["reported_at"] = timezone.localtime(report.reported_at).strftime("%Y-%m-%dT%H:%M")
    return {
        **data,
        "idempotency_key": key(),
        "reference_number": "DA-26-0100",
        "amendment_reason": "The DA's office gave the wrong reference number on the phone.",
        **overrides,
    }


def test_a_da_report_is_corrected_beside_the_original_from_its_obligation(
    client, caseworker, youth_record
):
    report = da_report_for(youth_record)
    obligation = Obligation.objects.get(satisfied_report=report)
    client.force_login(caseworker)
    detail = client.get(reverse("obligations:detail", args=[obligation.pk])).content.decode()
    url = reverse("obligations:amend_report", args=[report.pk])
    assert f'href="{url}"' in detail

    form = client.get(url).content.decode()
    assert 'value="DA-26-0099"' in form  # pre-filled with the report as it stands
    assert "NCIC" not in form  # only law enforcement gives one
    response = client.post(url, _correction(report))
    assert response.status_code == 302
    assert response["Location"] == reverse("obligations:detail", args=[obligation.pk])

    report.refresh_from_db()
    assert report.reference_number == "DA-26-0099"  # never edited
    amendment = LegalReport.objects.get(amends=report)
    assert (amendment.reference_number, amendment.recorded_by) == ("DA-26-0100", caseworker)
    assert amendment.recipient == "district_attorney"
    page = client.get(response["Location"]).content.decode()
    assert "The DA&#x27;s office gave the wrong reference number on the phone." in page
    assert AuditEvent.objects.filter(action="report.amended", youth=youth_record).count() == 1

    # A second correction starts from the first and links to the original too.
    again = client.get(reverse("obligations:amend_report", args=[amendment.pk])).content.decode()
    assert 'value="DA-26-0100"' in again
    client.post(url, _correction(report, reference_number="DA-26-0101"))
    assert list(
        LegalReport.objects.filter(amends=report)
        .order_by("id")
        .values_list("reference_number", flat=True)
    ) == ["DA-26-0100", "DA-26-0101"]


def test_a_correction_without_a_reason_is_refused_and_keeps_what_was_typed(
    client, caseworker, youth_record
):
    report = da_report_for(youth_record)
    client.force_login(caseworker)
    url = reverse("obligations:amend_report", args=[report.pk])
    response = client.post(url, _correction(report, amendment_reason="", officer="ADA Quill"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page
    assert "This field is required." in page
    assert 'value="ADA Quill"' in page
    assert not LegalReport.objects.filter(amends=report).exists()


def test_a_correction_cannot_lose_whom_it_went_to_or_be_dated_ahead(
    client, caseworker, youth_record
):
    report = da_report_for(youth_record)
    client.force_login(caseworker)
    url = reverse("obligations:amend_report", args=[report.pk])
    blank = client.post(url, _correction(report, agency_name=""))
    assert blank.status_code == 400
    assert 'id="id_agency_name-error"' in blank.content.decode()
    future = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    ahead = client.post(url, _correction(report, reported_at=future))
    assert "the report cannot have been made in the future" in ahead.content.decode()
    assert not LegalReport.objects.filter(amends=report).exists()


def test_the_same_correction_sent_twice_is_kept_once(client, caseworker, youth_record):
    report = da_report_for(youth_record)
    client.force_login(caseworker)
    url = reverse("obligations:amend_report", args=[report.pk])
    data = _correction(report)
    client.post(url, data)
    client.post(url, data)
    assert LegalReport.objects.filter(amends=report).count() == 1


def test_those_who_only_see_the_obligation_cannot_correct_its_report(
    client, caseworker, program_admin, youth_record
):
    report = da_report_for(youth_record)
    obligation = Obligation.objects.get(satisfied_report=report)
    client.force_login(program_admin)
    detail = client.get(reverse("obligations:detail", args=[obligation.pk])).content.decode()
    assert "DA-26-0099" in detail
    assert "Correct this report" not in detail
    url = reverse("obligations:amend_report", args=[report.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _correction(report)).status_code == 404
    assert not LegalReport.objects.filter(amends=report).exists()
    client.force_login(caseworker)  # who may correct it: a report that does not exist is 404 too
    nowhere = reverse("obligations:amend_report", args=[report.pk + 1000])
    assert client.get(nowhere).status_code == 404


def test_a_missing_episodes_report_is_corrected_on_the_episode(client, caseworker, youth_record):
    from tests.missing.builders import report_for

    report = report_for(youth_record)
    client.force_login(caseworker)
    response = client.get(reverse("obligations:amend_report", args=[report.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "missing:amend", args=[youth_record.pk, report.missing_episode_id, report.pk]
    )


def test_a_law_enforcement_report_is_corrected_with_its_ncic_number(
    client, caseworker, youth_record
):
    from safeharbor.obligations.actions import record_legal_report

    report, _ = record_legal_report(
        actor=caseworker,
        youth=youth_record,
        recipient="law_enforcement",
        about="sex_trafficking",
        agency_name="Pine City Police Department (synthetic)",
        method="in_person",
        reported_at=timezone.now() - dt.timedelta(hours=2),
        reference_number="PCPD-26-0500",
        idempotency_key=key(),
    )
    client.force_login(caseworker)
    url = reverse("obligations:amend_report", args=[report.pk])
    assert "NCIC number" in client.get(url).content.decode()
    response = client.post(url, _correction(report, reference_number="", ncic_number="M555000111"))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:youth", args=[youth_record.pk])
    amendment = LegalReport.objects.get(amends=report)
    assert (amendment.reference_number, amendment.ncic_number) == ("", "M555000111")


def test_the_youths_timeline_leads_those_who_may_to_correct_a_report(
    client, caseworker, program_admin, youth_record
):
    report = da_report_for(youth_record)
    url = reverse("obligations:amend_report", args=[report.pk])
    client.force_login(caseworker)
    assert (
        f'href="{url}"'
        in client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    )
    client.force_login(program_admin)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "DA-26-0099" in page
    assert f'href="{url}"' not in page
