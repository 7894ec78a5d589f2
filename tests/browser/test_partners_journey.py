"""A high-risk screening leads the caseworker to the CAC referral and the MDT meeting; the invited
partner then signs in and sees that youth, and nothing else."""

import datetime as dt

from django.utils import timezone

from safeharbor.domain.access import Role
from safeharbor.domain.screening import YES
from safeharbor.partners.models import Meeting
from safeharbor.screenings.actions import record_screening
from tests import factories
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.conftest import CANARY_ADDRESS


def test_a_high_risk_screening_leads_to_the_cac_and_the_mdt_and_the_partner_sees_only_that(
    page, agency, caseworker, youth_record
):
    detective = factories.staff(
        Role.MDT_PARTNER,
        "detective",
        first_name="Rowan",
        last_name="Vale",
        email="detective@example.org",
    )
    other = factories.youth(agency.pine, caseworker, first="Quinn", last="Notshared")
    screening = record_screening(
        actor=caseworker,
        youth=youth_record,
        as_of=timezone.localdate(),
        answers={"hotels_for_sex": YES},
        occasion="caseworker_concern",
    )
    seen = {}
    sign_in(page, "caseworker")
    page.goto(f"/youth/{youth_record.pk}/screenings/{screening.pk}/")
    page.get_by_role("link", name="Refer to Pine Child Advocacy Center to convene the MDT").click()
    page.get_by_role("heading", name="Record a referral for Jo Testperson").wait_for()
    seen["referral form"] = serious_accessibility_violations(page)
    assert page.get_by_label("Organization").input_value() == "Pine Child Advocacy Center"
    page.get_by_label("Shared with (name and role)").fill("Avery Lin, CAC intake coordinator")
    page.get_by_role("button", name="Record the referral").click()

    page.get_by_role("link", name="Schedule the MDT meeting the CAC convenes").click()
    page.get_by_role("heading", name="Schedule a team meeting for Jo Testperson").wait_for()
    seen["meeting form"] = serious_accessibility_violations(page)
    start = timezone.localtime() + dt.timedelta(days=2)
    page.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT10:00"))
    page.get_by_text("Rowan Vale — Law enforcement").click()
    page.get_by_role("button", name="Schedule and send the invitations").click()
    page.get_by_text("The meeting is scheduled").wait_for()
    seen["meeting"] = serious_accessibility_violations(page)
    meeting = Meeting.objects.get()
    assert (meeting.convened_by, meeting.cac_referral.referred_to) == ("cac", "cac")
    share = meeting.invitees.get(user=detective).share
    assert "placement_address" not in share.fields
    # The detective sees what law enforcement sees by default: never the needs plan or notes.
    assert set(share.fields) == {"identity", "meetings", "missing", "missing_risk"}

    page.get_by_role("button", name="Sign out").first.click()
    sign_in(page, "detective")
    page.get_by_role("heading", name="Youth shared with you").wait_for()
    home = page.content()
    assert "Jo Testperson" in home
    assert other.legal_last_name not in home
    seen["partner home"] = serious_accessibility_violations(page)
    page.get_by_role("link", name="Multidisciplinary team (MDT) meeting for Jo Testperson").click()
    page.get_by_role(
        "heading", name="Multidisciplinary team (MDT) meeting for Jo Testperson"
    ).wait_for()
    assert CANARY_ADDRESS not in page.content()
    seen["partner meeting"] = serious_accessibility_violations(page)
    response = page.goto(f"/youth/{other.pk}/")
    assert response.status == 404
    assert seen == {name: [] for name in seen}
