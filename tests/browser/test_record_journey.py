"""The record an agency runs on (issue 12): intake records a new youth → the supervisor assigns a
caseworker → the caseworker finds the youth, records the removal and a placement, screens
`confirmed`, confirms the victim status, records the report to law enforcement, adds a note with
a PDF attached → the supervisor reassigns the youth and the open obligations follow. Every page
on the way has no serious or critical axe violation. (tests/browser/test_care_journey.py covers
the refusals and the audited download of the same pages.)
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safeharbor.cases.models import CareEpisode, CaseNote, VictimDetermination, Youth
from safeharbor.domain.access import Role
from safeharbor.obligations.queries import my_work
from tests import factories
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.cases.builders import pdf_with


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_new_youth_is_assigned_screened_identified_reported_and_reassigned(
    page, intake_worker, supervisor, caseworker, agency
):
    colleague = factories.staff(Role.CASEWORKER, "colleague", unit=agency.unit_a)
    visited: dict[str, list[str]] = {}
    now = timezone.now()

    # Intake records a call about a youth the agency does not know, and screens it in.
    sign_in(page, "intake_worker")
    page.get_by_role("link", name="New intake report").first.click()
    page.get_by_label("When the call was received").fill(_local(now - dt.timedelta(hours=2)))
    page.get_by_label("Who called").select_option("school")
    page.locator("label[for=id_alleges_htcsec_0]").click()
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
    page.get_by_text("Screened in for child welfare intervention").click()
    page.get_by_label("When it was decided").fill(_local(now - dt.timedelta(minutes=30)))
    page.get_by_role("button", name="Record the disposition").click()
    page.get_by_text("Screened in for child welfare intervention,").wait_for()
    visited["intake screened in"] = serious_accessibility_violations(page)
    youth = Youth.objects.get(legal_last_name="Journeytest")
    assert youth.caseworker is None

    # The supervisor's home opens on the youth awaiting assignment; they assign a caseworker.
    page.context.clear_cookies()
    sign_in(page, "supervisor")
    page.get_by_role("heading", name="Awaiting assignment (1)").wait_for()
    visited["supervisor home"] = serious_accessibility_violations(page)
    page.get_by_role("link", name="Assign Marisol Journeytest").click()
    page.get_by_role("heading", name="Assign a caseworker to Marisol Journeytest").wait_for()
    visited["assign"] = serious_accessibility_violations(page)
    page.locator("#id_caseworker").select_option(str(caseworker.pk))
    page.get_by_role("button", name="Assign", exact=True).click()
    page.get_by_text("the open obligations moved with the case").wait_for()
    assert [v.row.kind for v in my_work(caseworker)] == ["complete_screening"]

    # The caseworker finds the youth and records the removal into care and the placement.
    page.context.clear_cookies()
    sign_in(page, "caseworker")
    page.get_by_role("link", name="Marisol Journeytest").first.click()
    page.get_by_role("link", name="Out-of-home care: removals, placements, exits").click()
    page.get_by_role("link", name="Record a removal").click()
    removed = timezone.localdate()
    page.get_by_label("Date of removal").fill(removed.isoformat())
    page.locator("label", has_text="Sex trafficking").first.click()  # USWDS styles the label
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The removal is recorded: add the placement next.").wait_for()
    page.get_by_role("link", name="Record a placement").click()
    page.get_by_label("Type of placement").select_option("shelter")
    page.get_by_label("Start date").fill(removed.isoformat())
    page.get_by_label("Provider").fill("Harbor Light Shelter (synthetic)")
    page.get_by_label("Address").fill("12 Synthetic Row, Pine City")
    visited["placement"] = serious_accessibility_violations(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The placement is recorded.").wait_for()
    episode = CareEpisode.objects.get(youth=youth)
    assert (episode.removal_date, episode.placements.count()) == (removed, 1)

    # The caseworker screens `confirmed` and confirms the victim status.
    page.goto(f"/youth/{youth.pk}/")
    page.get_by_role("link", name="Screen for trafficking").click()
    law_enforcement = page.locator("[data-indicator=identified_by_law_enforcement]")
    law_enforcement.get_by_text("Yes", exact=True).click()
    page.locator('#live-result [data-tier="confirmed"]').wait_for()
    page.get_by_role("button", name="Save the screening").click()
    page.get_by_role("heading", name="Record the youth as a victim of trafficking").wait_for()
    visited["screening result"] = serious_accessibility_violations(page)
    page.get_by_label("Who, in a few words").fill("Pine City Police, Det. Alder (synthetic)")
    page.get_by_role("button", name="Confirm the victim status").click()
    page.locator("[data-victim-status=recorded]").wait_for()
    determination = VictimDetermination.objects.get(youth=youth)
    assert (determination.kind, determination.source) == ("sex", "confirmed_screening")

    # The report to law enforcement, recorded on its obligation, follows the determination.
    page.get_by_role("link", name="Victim status on the youth's page").click()
    page.locator("[data-identified-victim]").first.wait_for()
    visited["youth page"] = serious_accessibility_violations(page)
    page.get_by_role("link", name="Report to law enforcement", exact=True).click()
    page.get_by_label("Reported to (agency)").fill("Pine City Police Department")
    page.get_by_label("How it was reported").select_option("phone")
    # The next minute: a report typed to the minute before the clock opened would not satisfy it.
    page.get_by_label("When it was reported").fill(_local(timezone.now() + dt.timedelta(minutes=1)))
    page.get_by_label("Reference number").fill("PCPD-26-7731")
    page.get_by_role("button", name="Record the report").click()
    page.get_by_text("Pine City Police Department").first.wait_for()
    assert [r.reference_number for r in determination.legal_reports.all()] == ["PCPD-26-7731"]
    open_kinds = sorted(v.row.kind for v in my_work(caseworker))
    assert open_kinds == ["refer_cac_mdt", "report_district_attorney"]

    # A case note with the safety plan attached as a PDF.
    page.goto(f"/youth/{youth.pk}/")
    page.get_by_role("link", name="Write a case note").click()
    page.get_by_label("Date of the note").fill(timezone.localdate().isoformat())
    page.locator("#id_text").fill("Agreed a safety plan with the youth (synthetic).")
    page.get_by_label("Attach a document (optional)").set_input_files(
        {"name": "safety-plan.pdf", "mimeType": "application/pdf", "buffer": pdf_with("Plan")}
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The note is saved.").wait_for()
    page.get_by_role("link", name="safety-plan.pdf").wait_for()
    visited["note saved"] = serious_accessibility_violations(page)
    assert CaseNote.objects.get(youth=youth).attachments.get().media_type == "application/pdf"

    # The supervisor reassigns the youth; the open obligations follow the case.
    page.context.clear_cookies()
    sign_in(page, "supervisor")
    page.goto(f"/youth/{youth.pk}/")
    page.get_by_role("link", name="Reassign the case").click()
    page.locator("#id_caseworker").select_option(str(colleague.pk))
    page.get_by_label("Note for the assignment history").fill("Balancing caseloads")
    page.get_by_role("button", name="Reassign").click()
    page.get_by_text("the open obligations moved with the case").wait_for()
    visited["reassigned youth page"] = serious_accessibility_violations(page)
    assert sorted(v.row.kind for v in my_work(colleague)) == open_kinds
    assert my_work(caseworker) == []
    timeline = page.locator(".sh-timeline").inner_text()
    assert f"Assigned to {colleague}" in timeline
    assert f"Assigned to {caseworker}" in timeline

    assert visited == {name: [] for name in visited}
