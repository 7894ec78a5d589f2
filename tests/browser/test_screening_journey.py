"""A caseworker screens a youth with two recent missing episodes and sees high risk."""

from safeharbor.screenings.models import Screening
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.screenings.builders import add_two_recent_episodes


def test_caseworker_screens_a_youth_and_a_lowering_waits_for_the_supervisor(
    page, caseworker, youth_record
):
    youth = add_two_recent_episodes(caseworker, youth_record)
    sign_in(page, "caseworker")
    page.goto(f"/youth/{youth.pk}/")
    page.get_by_role("link", name="Screen for trafficking").click()
    page.get_by_role("heading", name="Screen Jo Testperson for trafficking").wait_for()
    assert serious_accessibility_violations(page) == []

    live = page.locator("#live-result")
    assert "High risk" in live.inner_text()  # the two episodes count before any answer
    law_enforcement = page.locator("[data-indicator=identified_by_law_enforcement]")
    law_enforcement.get_by_text("Yes", exact=True).click()
    page.locator('#live-result [data-tier="confirmed"]').wait_for()  # the result follows answers
    law_enforcement.get_by_text("No", exact=True).click()
    page.locator('#live-result [data-tier="high_risk"]').wait_for()
    page.locator("[data-indicator=history_sexual_abuse]").get_by_text("Yes", exact=True).click()
    page.get_by_role("button", name="Save the screening").click()

    page.locator('[data-tier="high_risk"]').wait_for()
    text = page.content()
    assert 'data-reason="missing_2plus_6mo"' in text
    assert 'data-action="refer_cac_mdt"' in text
    assert 'data-action="report_district_attorney"' in text
    assert serious_accessibility_violations(page) == []

    page.get_by_label("Change the tier to").select_option("at_risk")
    page.get_by_label("Reason").fill("Both times the youth stayed with a grandparent.")
    page.get_by_role("button", name="Change the tier").click()
    page.get_by_text("Lowering the tier needs the supervisor's approval").wait_for()
    assert Screening.objects.get().final_tier == "high_risk"
    assert serious_accessibility_violations(page) == []
