"""A caseworker corrects the reference number of a report to the District Attorney."""

from safeharbor.obligations.models import LegalReport, Obligation
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.obligations.builders import da_report_for


def test_a_caseworker_corrects_a_da_report_and_the_original_is_kept(page, caseworker, youth_record):
    report = da_report_for(youth_record)
    obligation = Obligation.objects.get(satisfied_report=report)
    visited = {}
    sign_in(page, "caseworker")
    page.goto(f"/obligations/{obligation.pk}/")
    page.get_by_role("link", name="Correct this report").click()
    page.get_by_role("heading", name="Correct the report to District Attorney").wait_for()
    visited["correct a report"] = serious_accessibility_violations(page)

    page.get_by_role("button", name="Record the correction").click()  # no reason given
    page.get_by_text("Nothing was saved").wait_for()
    visited["refused"] = serious_accessibility_violations(page)

    page.get_by_label("Reference number").fill("DA-26-0100")
    page.get_by_label("What is corrected, and why").fill("The office read the number out wrong.")
    page.get_by_role("button", name="Record the correction").click()
    page.get_by_text("The correction is recorded beside the original report.").wait_for()
    assert "The office read the number out wrong." in page.content()
    visited["obligation"] = serious_accessibility_violations(page)

    report.refresh_from_db()
    assert report.reference_number == "DA-26-0099"
    assert LegalReport.objects.get(amends=report).reference_number == "DA-26-0100"
    assert visited == {name: [] for name in visited}
