"""An HTCSEC intake starts a 24-hour clock the intake worker sees; 25 hours on, the supervisor's
board shows it overdue. Time is frozen, then moved, in the whole process (the live server too)."""

import datetime as dt

import time_machine

from tests.browser.conftest import serious_accessibility_violations, sign_in

T0 = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)  # 10:00 CDT


def test_an_htcsec_intake_counts_down_for_the_intake_worker_then_is_overdue_on_the_board(
    page, intake_worker, supervisor, agency
):
    visited = {}
    with time_machine.travel(T0, tick=False) as traveller:
        sign_in(page, "intake_worker")
        visited["my work, empty"] = serious_accessibility_violations(page)
        page.get_by_role("link", name="New intake report").first.click()
        page.get_by_role("heading", name="New intake report").wait_for()
        visited["new intake"] = serious_accessibility_violations(page)

        page.get_by_label("When the call was received").fill("2026-03-10T10:00")
        page.get_by_label("Who called").select_option("school")
        page.locator("label[for=id_alleges_htcsec_0]").click()  # USWDS styles the label
        page.locator("label[for=id_allegation_kind_0]").click()  # sex trafficking
        page.get_by_label("What the reporter said").fill(
            "The school counselor saw an older adult collect the youth with gifts and a new phone."
        )
        page.get_by_label("Youth's first name").fill("Marisol")
        page.get_by_label("Youth's last name").fill("Journeytest")
        page.get_by_label("Youth's date of birth").fill("2011-04-02")
        page.get_by_label("District (new youth)").select_option(label="Pine County")
        page.get_by_label("Custody status (new youth)").select_option("receiving_services")
        page.get_by_role("button", name="Find the youth and save the report").click()
        page.get_by_text("Its disposition is due within 24 hours of the call").wait_for()
        visited["intake saved"] = serious_accessibility_violations(page)

        page.get_by_role("link", name="My work").first.click()
        row = page.locator("#my-work tbody tr", has_text="Marisol Journeytest")
        row.wait_for()  # count() does not wait for the page the click opens
        assert row.locator("td", has_text="Intake disposition").count() == 1
        assert row.locator(".sh-countdown").inner_text() == "due in 24 h 0 min"
        assert "Wed Mar 11, 10:00 AM CDT" in row.inner_text()
        visited["my work"] = serious_accessibility_violations(page)

        traveller.move_to(T0 + dt.timedelta(hours=25))
        page.context.clear_cookies()
        sign_in(page, "supervisor")
        page.get_by_role("link", name="Deadlines", exact=True).click()
        page.get_by_role("heading", name="Unit deadlines").wait_for()
        assert page.get_by_role("heading", name="Overdue (1)").is_visible()
        # The youth also waits first in "Awaiting assignment": the overdue table has the duty.
        overdue = page.locator("table", has=page.locator("tr", has_text="Marisol Journeytest"))
        overdue = overdue.filter(has_text="Intake disposition")
        assert "Overdue by 1 h 0 min" in overdue.first.inner_text()
        assert "Intake disposition" in overdue.first.inner_text()
        visited["board"] = serious_accessibility_violations(page)

    assert visited == {name: [] for name in visited}
