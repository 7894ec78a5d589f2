"""A caseworker records a youth missing, makes both 24-hour reports, records the return, holds
the debrief, and screens: the new episode counts (SPEC §3, §5; seeds 000, 004)."""

import datetime as dt

from django.utils import timezone

from safeharbor.missing.models import MissingEpisode
from safeharbor.screenings.models import Screening
from tests.browser.conftest import serious_accessibility_violations, sign_in


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _report_states(page) -> list[str]:
    row = page.locator("[data-board=missing] tbody tr").first
    return [
        row.locator(f"[data-report={r}]").get_attribute("data-state")
        for r in ("law_enforcement", "ncmec")
    ]


def test_missing_to_reports_to_return_to_debrief_to_screening(page, caseworker, youth_record):
    axe = {}
    now = timezone.now()
    sign_in(page, "caseworker")
    page.goto(f"/youth/{youth_record.pk}/")
    page.get_by_role("link", name="Record Jo Testperson as missing").click()
    page.get_by_role("heading", name="Record Jo Testperson as missing").wait_for()
    axe["record"] = serious_accessibility_violations(page)
    page.get_by_label("When the youth was last seen").fill(_local(now - dt.timedelta(hours=3)))
    page.get_by_label("Where the youth was last seen").fill("The bus stop on Elm Street")
    page.get_by_label("What kind of absence is it?").select_option("ran_away")
    page.get_by_role("button", name="Record Jo Testperson as missing").click()
    page.get_by_role("heading", name="Reports to law enforcement and NCMEC").wait_for()
    axe["episode"] = serious_accessibility_violations(page)

    page.get_by_role("link", name="Missing now").click()
    page.get_by_role("heading", name="Missing now").wait_for()
    assert _report_states(page) == ["due", "due"]
    assert page.locator("[data-report=ncmec]").first.inner_text().startswith("Due in 23 h")
    axe["board"] = serious_accessibility_violations(page)

    page.get_by_role("link", name="Jo Testperson").click()
    police = page.get_by_role("form", name="Law-enforcement report")
    police.get_by_label("Law-enforcement agency").fill("Pine City Police Department")
    police.get_by_label("Officer who took the report").fill("Officer R. Lake")
    police.get_by_label("Report number").fill("PCPD-26-0415")
    police.get_by_label("When it was reported").fill(_local(now))
    police.get_by_role("button", name="Record the law-enforcement report").click()
    page.get_by_text("The law-enforcement report is recorded.").wait_for()
    ncmec = page.get_by_role("form", name="NCMEC report")
    ncmec.get_by_label("NCMEC case number").fill("1234567")
    ncmec.get_by_label("When it was reported").fill(_local(now))
    ncmec.get_by_role("button", name="Record the NCMEC report").click()
    page.get_by_text("The NCMEC report is recorded.").wait_for()
    axe["reported"] = serious_accessibility_violations(page)

    page.get_by_role("link", name="Missing now").click()
    assert _report_states(page) == ["reported", "reported"]

    page.get_by_role("link", name="Jo Testperson").click()
    page.get_by_label("When the youth returned or was found").fill(_local(timezone.now()))
    page.get_by_label("Where the youth was found").fill("A friend's apartment")
    page.get_by_role("button", name="Record the return").click()
    page.get_by_role("heading", name="Jo Testperson is back").wait_for()
    assert "glad they are back and safe" in page.content()
    axe["debrief"] = serious_accessibility_violations(page)

    page.get_by_text("The youth talked with me").click()
    page.get_by_label("What was going on for you before you left?").fill(
        "Missed a friend from the old placement."
    )
    page.get_by_label("While you were away, where did you stay").fill(
        "On a friend's couch; ate at a youth drop-in centre."
    )
    page.get_by_role("button", name="Record the debrief and go on to the screening").click()
    page.get_by_role("heading", name="Screen Jo Testperson for trafficking").wait_for()
    assert page.get_by_label("Why the youth is being screened").input_value() == (
        "returned_from_missing"
    )
    page.locator('#live-result [data-tier="moderate_risk"]').wait_for()  # the episode counts
    axe["screening"] = serious_accessibility_violations(page)
    page.get_by_role("button", name="Save the screening").click()
    page.locator('[data-tier="moderate_risk"]').wait_for()

    screening = Screening.objects.get()
    assert screening.occasion == "returned_from_missing"
    assert screening.result["reasons"] == ["missing_6mo"]
    assert len(screening.episodes) == MissingEpisode.objects.count() == 1
    assert 'data-reason="missing_6mo"' in page.content()
    assert axe == {name: [] for name in axe}
