"""Done already counts (SPEC §5): the caseworker reports to law enforcement first, then types up
the confirmed screening whose interview came an hour earlier; the law-enforcement duty shows as
already done, on time, by that report."""

import datetime as dt

from django.utils import timezone

from safeharbor.obligations.models import LegalReport, Obligation
from tests.browser.conftest import serious_accessibility_violations, sign_in


def test_a_report_made_before_the_screening_is_typed_up_counts_for_the_duty(
    page, caseworker, youth_record
):
    seen = {}
    sign_in(page, "caseworker")
    page.goto(f"/youth/{youth_record.pk}/referrals/new/?to=law_enforcement&purpose=report")
    page.get_by_role("heading", name="Record a referral for Jo Testperson").wait_for()
    page.get_by_label("Organization").fill("Magnolia Springs PD")
    page.get_by_label(
        "How it was made (law enforcement and DA: this is also the report)"
    ).select_option("phone")
    page.get_by_label("Reference number").fill("MSPD-26-0417")
    page.get_by_label("What information was shared").fill(
        "The youth told the caseworker an adult arranged dates for her in exchange for a "
        "place to stay."
    )
    page.get_by_label("Shared with (name and role)").fill(
        "Det. Riley Okafor, crimes against children"
    )
    page.get_by_role("button", name="Record the referral").click()
    page.get_by_text("It satisfied nothing yet").wait_for()  # so no one records it twice
    seen["referral recorded"] = serious_accessibility_violations(page)
    report = LegalReport.objects.get()
    assert Obligation.objects.count() == 0

    interview = timezone.localtime() - dt.timedelta(hours=1)
    page.goto(f"/youth/{youth_record.pk}/")
    page.get_by_role("link", name="Screen for trafficking").click()
    page.get_by_label("When the interview took place").fill(interview.strftime("%Y-%m-%dT%H:%M"))
    page.locator("[data-indicator=identified_by_law_enforcement]").get_by_text(
        "Yes", exact=True
    ).click()
    page.locator('#live-result [data-tier="confirmed"]').wait_for()
    page.get_by_role("button", name="Save the screening").click()
    page.locator('[data-tier="confirmed"]').first.wait_for()

    page.goto(f"/youth/{youth_record.pk}/#obligations")
    duty = page.locator("#obligations li", has_text="Report to law enforcement")
    done = duty.locator("[data-already-done]")
    done.wait_for()
    text = " ".join(done.inner_text().split())
    local = timezone.localtime(report.reported_at)
    assert text.startswith(
        f"Already done: report to Magnolia Springs PD on {local:%a} "
        f"{local.strftime('%I:%M %p').lstrip('0')}, by {caseworker}"
    ), text
    assert "on time" in text
    seen["youth page"] = serious_accessibility_violations(page)

    row = Obligation.objects.get(kind="report_law_enforcement")
    assert (row.status, row.on_time, row.already_done, row.satisfied_report) == (
        "satisfied",
        True,
        True,
        report,
    )
    assert row.opened_at == interview.replace(second=0, microsecond=0)
    assert Obligation.objects.get(kind="report_district_attorney").status == "open"
    assert seen == {name: [] for name in seen}
