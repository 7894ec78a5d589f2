"""An MDT partner sees only the youth shared with its meeting, only the granted fields, only while
the sharing lasts; every read is audited (SPEC §1, §8)."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.cases.actions import revoke_share
from safeharbor.cases.models import CaseShare
from tests import factories
from tests.conftest import CANARY_ADDRESS
from tests.partners.builders import cac_referral, key, meeting_for, sharing


def _pages(youth, meeting):
    return [
        reverse("cases:youth", args=[youth.pk]),
        reverse("partners:meeting", args=[youth.pk, meeting.pk]),
        reverse("partners:meeting_ics", args=[youth.pk, meeting.pk]),
    ]


def test_an_uninvited_partner_gets_not_found_everywhere(client, youth_record, uninvited_partner):
    meeting = meeting_for(youth_record)
    client.force_login(uninvited_partner)
    for url in _pages(youth_record, meeting):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Testperson" not in response.content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "Testperson" not in home
    assert "No meetings scheduled that you are invited to." in home


def test_the_invited_partner_sees_the_youth_and_the_meeting_but_never_the_address(
    client, youth_record, mdt_partner
):
    meeting = meeting_for(youth_record)
    client.force_login(mdt_partner)
    for url in _pages(youth_record, meeting):
        response = client.get(url)
        assert response.status_code == 200, url
        assert CANARY_ADDRESS not in response.content.decode()
    youth_page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Team meetings" in youth_page
    assert "Referrals" not in youth_page  # not granted: no section at all
    placement = youth_record.placements.get()
    reveal = reverse("cases:placement_address", args=[youth_record.pk, placement.pk])
    assert client.post(reveal).status_code == 404
    reads = AuditEvent.objects.filter(actor=mdt_partner).values_list("action", flat=True)
    assert {"youth.viewed", "meeting.viewed"} <= set(reads)


def test_the_partners_home_lists_its_shared_youth_and_upcoming_meetings(
    client, agency, youth_record, mdt_partner, caseworker
):
    other = factories.youth(agency.pine, caseworker, first="Morgan", last="Otheryouth")
    meeting = meeting_for(youth_record)
    client.force_login(mdt_partner)
    home = client.get(reverse("home")).content.decode()
    assert "Jo Testperson" in home
    assert f'data-upcoming-meeting="{meeting.pk}"' in home
    assert other.legal_last_name not in home


def test_an_expired_sharing_ends_access_on_the_next_request(client, youth_record, mdt_partner):
    meeting = meeting_for(youth_record)
    url = reverse("partners:meeting", args=[youth_record.pk, meeting.pk])
    client.force_login(mdt_partner)
    assert client.get(url).status_code == 200
    latest = max(s.expires_at for s in CaseShare.objects.filter(partner=mdt_partner))
    with time_machine.travel(latest + dt.timedelta(seconds=1), tick=False):
        client.force_login(mdt_partner)  # a fresh session: the old one timed out meanwhile
        assert client.get(url).status_code == 404
        assert client.get(reverse("cases:youth", args=[youth_record.pk])).status_code == 404


def test_a_revoked_sharing_ends_access_at_once(client, youth_record, mdt_partner, supervisor):
    meeting = meeting_for(youth_record)
    url = reverse("partners:meeting", args=[youth_record.pk, meeting.pk])
    client.force_login(mdt_partner)
    assert client.get(url).status_code == 200
    for share in CaseShare.objects.filter(partner=mdt_partner):
        revoke_share(actor=supervisor, share=share, reason="The MDT closed the case.")
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="share.revoked", reason="The MDT closed the case.")


def test_a_partner_sees_only_the_meetings_they_were_invited_to(
    client, youth_record, mdt_partner, caseworker
):
    from safeharbor.partners.actions import schedule_meeting

    invited = meeting_for(youth_record)
    start = timezone.now() + dt.timedelta(days=5)
    private, _ = schedule_meeting(
        actor=caseworker,
        youth=youth_record,
        kind="mdt",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="CAC room A",
        invitees=[],
        sharing=sharing(),
        cac_referral=cac_referral(youth_record),
        idempotency_key=key(),
    )
    client.force_login(mdt_partner)
    assert (
        client.get(reverse("partners:meeting", args=[youth_record.pk, invited.pk])).status_code
        == 200
    )
    response = client.get(reverse("partners:meeting", args=[youth_record.pk, private.pk]))
    assert response.status_code == 404


def test_the_partner_can_revoke_nothing_and_record_nothing(client, youth_record, mdt_partner):
    meeting = meeting_for(youth_record)
    share = meeting.invitees.exclude(share=None).get().share
    client.force_login(mdt_partner)
    revoke = reverse("partners:share_revoke", args=[youth_record.pk, meeting.pk, share.pk])
    assert client.post(revoke, {"reason": "x"}).status_code == 404
    outcome = reverse("partners:meeting_outcome", args=[youth_record.pk, meeting.pk])
    assert client.get(outcome).status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is None
