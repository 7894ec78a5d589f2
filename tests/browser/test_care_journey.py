"""A caseworker records a youth's removal into care and the placement, writes a case note with a
PDF attached, and downloads it again (SPEC §3; every download audited, SPEC §8)."""

import datetime as dt
from pathlib import Path

from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.cases.models import CareEpisode, CaseNote
from tests import factories
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.cases.builders import pdf_with


def test_removal_to_placement_to_a_note_with_a_pdf_downloaded(page, caseworker, agency, tmp_path):
    youth = factories.youth(agency.pine, caseworker, first="Rae", last="Newcase")
    removed = timezone.localdate() - dt.timedelta(days=10)
    axe = {}
    sign_in(page, "caseworker")
    page.goto(f"/youth/{youth.pk}/")
    page.get_by_role("link", name="Out-of-home care: removals, placements, exits").click()
    page.get_by_role("heading", name="Out-of-home care: Rae Newcase").wait_for()
    axe["care"] = serious_accessibility_violations(page)

    page.get_by_role("link", name="Record a removal").click()
    page.get_by_label("Date of removal").fill(removed.isoformat())
    axe["removal"] = serious_accessibility_violations(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Choose at least one reason for the removal.").wait_for()  # beside the field
    assert page.get_by_label("Date of removal").input_value() == removed.isoformat()  # kept
    axe["removal refused"] = serious_accessibility_violations(page)
    page.locator("label", has_text="Sex trafficking").first.click()  # USWDS styles the label
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The removal is recorded: add the placement next.").wait_for()

    page.get_by_role("link", name="Record a placement").click()
    page.get_by_label("Type of placement").select_option("shelter")
    page.get_by_label("Start date").fill(removed.isoformat())
    page.get_by_label("Provider").fill("Harbor Light Shelter (synthetic)")
    page.get_by_label("Address").fill("12 Synthetic Row, Pine City")
    axe["placement"] = serious_accessibility_violations(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The placement is recorded.").wait_for()
    assert "Homeless or emergency shelter" in page.content()
    episode = CareEpisode.objects.get(youth=youth)
    assert (episode.removal_date, episode.placements.get().address) == (
        removed,
        "12 Synthetic Row, Pine City",
    )

    page.goto(f"/youth/{youth.pk}/")
    assert page.locator('[data-kind="removal"]').count() == 1
    page.get_by_role("link", name="Write a case note").click()
    page.get_by_label("Date of the note").fill(timezone.localdate().isoformat())
    page.locator("#id_text").fill("Agreed a safety plan with the youth (synthetic).")
    pdf = pdf_with("Safety plan (synthetic)")
    page.get_by_label("Attach a document (optional)").set_input_files(
        {"name": "safety-plan.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    axe["note"] = serious_accessibility_violations(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The note is saved.").wait_for()
    axe["youth"] = serious_accessibility_violations(page)

    with page.expect_download() as downloading:
        page.get_by_role("link", name="safety-plan.pdf").click()
    download = downloading.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert download.suggested_filename == "safety-plan.pdf"
    assert Path(saved).read_bytes() == pdf
    note = CaseNote.objects.get(youth=youth)
    assert AuditEvent.objects.filter(
        action="note.attachment_downloaded",
        youth_id=youth.pk,
        target_id=str(note.attachments.get().pk),
    ).exists()
    assert axe == {name: [] for name in axe}
