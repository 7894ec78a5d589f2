"""A caseworker signs in, finds a youth in the caseload and opens the record."""

from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.conftest import CANARY_ADDRESS


def test_caseworker_opens_caseload_and_youth_with_no_serious_accessibility_issues(
    page, caseworker, youth_record
):
    visited = {}
    page.goto("/login/")
    visited["sign in"] = serious_accessibility_violations(page)

    sign_in(page, "caseworker")
    page.get_by_role("heading", name="My caseload").wait_for()
    visited["caseload"] = serious_accessibility_violations(page)

    page.get_by_label("Search by name or record number").fill("Testperson")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Jo Testperson").click()
    page.get_by_role("heading", name="Jo Testperson").wait_for()
    assert "Legal name: Jordan" in page.content()
    assert CANARY_ADDRESS not in page.content()
    visited["youth"] = serious_accessibility_violations(page)

    page.get_by_role("button", name="Show provider and address (recorded)").click()
    page.get_by_text("4417 Canary Test Lane").wait_for()
    visited["address revealed"] = serious_accessibility_violations(page)

    assert visited == {name: [] for name in visited}
