"""The unit supervisor approves sharing more with one partner from the meeting page (issue 15),
in Chromium with axe: each partner's row says what they see, and the approval says why."""

from safeharbor.cases.models import CaseShare
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.partners.builders import meeting_for


def test_the_supervisor_shares_the_needs_plan_with_the_detective_giving_a_reason(
    page, supervisor, mdt_partner, youth_record
):
    meeting = meeting_for(youth_record)
    share = CaseShare.objects.get(invitations__meeting=meeting)
    assert "needs" not in share.fields  # law enforcement's default
    sign_in(page, "supervisor")
    page.goto(f"/youth/{youth_record.pk}/meetings/{meeting.pk}/")
    cell = page.locator(f"[data-invitee-sees='{share.invitations.get().pk}']")
    assert "risk details while missing" in cell.inner_text()
    seen = {"meeting page": serious_accessibility_violations(page)}
    cell.get_by_text("Share more (your approval)").click()
    cell.get_by_text("Needs and services", exact=True).click()
    cell.get_by_role("button", name="Approve and share").click()
    page.get_by_text("Why you approve it").first.wait_for()
    assert "This field is required." in page.content()
    seen["refused approval"] = serious_accessibility_violations(page)
    cell = page.locator(f"[data-invitee-sees='{share.invitations.get().pk}']")
    cell.get_by_label("Why you approve it").fill("The MDT plans housing with the detective")
    cell.get_by_role("button", name="Approve and share").click()
    page.get_by_text("now also sees what you approved").wait_for()
    assert (
        "approved by"
        in page.locator(f"[data-invitee-sees='{share.invitations.get().pk}']").inner_text()
    )
    share.refresh_from_db()
    assert "needs" in share.fields
    assert seen == {name: [] for name in seen}
