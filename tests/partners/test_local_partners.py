"""Local partners (issue 15): partners belong to districts; a district without a CAC seats its
own police and DA at its MDT; the forms list the district's partners first."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.domain.access import Role
from safeharbor.domain.errors import InputError
from safeharbor.partners.actions import schedule_meeting
from safeharbor.partners.models import Meeting
from safeharbor.partners.queries import eligible_invitees
from tests import factories
from tests.partners.builders import key, sharing


@pytest.fixture
def pine_police(agency):
    """A Pine County detective: another district's police, for Cedar County's youth."""
    return factories.staff(
        Role.MDT_PARTNER,
        "pine_police",
        partner_kind="law_enforcement",
        organization="Pine City Police (synthetic)",
        district=agency.pine,
        email="pine_police@example.org",
    )


def _schedule(team, invitees):
    start = timezone.now() + dt.timedelta(days=2)
    return schedule_meeting(
        actor=team.caseworker,
        youth=team.youth,
        kind="mdt",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Cedar County office, room 2",
        invitees=invitees,
        sharing=sharing(),
        idempotency_key=key(),
    )


def test_a_no_cac_districts_seat_is_refused_for_another_districts_police(cedar, pine_police):
    with pytest.raises(InputError) as refused:
        _schedule(cedar, [cedar.supervisor, pine_police, cedar.da, cedar.advocate])
    assert refused.value.field == "invitees"
    assert f"{pine_police} is not of Cedar County" in refused.value.message
    assert "needs a partner of Cedar County" in refused.value.message
    assert not Meeting.objects.exists()
    # Beside Cedar's own police, the Pine detective may come.
    meeting, _ = _schedule(
        cedar, [cedar.supervisor, cedar.police, pine_police, cedar.da, cedar.advocate]
    )
    assert meeting.invitees.filter(user=pine_police).exists()


def test_a_partner_without_a_district_does_not_fill_the_seat(cedar):
    cedar.da.district = None
    cedar.da.save(update_fields=["district"])
    with pytest.raises(InputError, match="is not of Cedar County"):
        _schedule(cedar, [cedar.supervisor, cedar.police, cedar.da, cedar.advocate])


def test_the_form_lists_the_districts_partners_first_and_shows_the_refusal(
    client, cedar, pine_police
):
    partners = [u for u in eligible_invitees(cedar.youth) if u.role == Role.MDT_PARTNER]
    assert partners[-1] == pine_police
    assert {p.district_id for p in partners[:-1]} == {cedar.youth.district_id}
    client.force_login(cedar.caseworker)
    url = reverse("partners:meeting_new", args=[cedar.youth.pk])
    text = client.get(url, {"kind": "mdt"}).content.decode()
    assert text.index("Cedar SAS (synthetic) (Cedar County)") < text.index(
        "Pine City Police (synthetic) (Pine County)"
    )
    response = client.post(
        url,
        {
            "kind": "mdt",
            "starts_at": timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "duration": "60",
            "location": "Cedar County office, room 7",
            "invitees": [cedar.supervisor.pk, pine_police.pk, cedar.da.pk, cedar.advocate.pk],
            "share_basis": "MDT protocol",
            "share_until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "idempotency_key": key(),
        },
    )
    assert response.status_code == 400
    invitees = response.content.decode().split('id="id_invitees"')[1].split("</fieldset>")[0]
    assert "is not of Cedar County" in invitees
