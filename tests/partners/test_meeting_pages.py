"""The meeting pages: a refused schedule or record names the problem and keeps what was typed."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safeharbor.partners.models import Meeting
from tests.partners.builders import key, meeting_for


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_district_mdt_without_the_advocate_is_refused_on_the_form(client, cedar):
    client.force_login(cedar.caseworker)
    url = reverse("partners:meeting_new", args=[cedar.youth.pk])
    assert "a sexual assault advocate" in client.get(url, {"kind": "mdt"}).content.decode()
    response = client.post(
        url,
        {
            "kind": "mdt",
            "starts_at": _local(timezone.now() + dt.timedelta(days=2)),
            "duration": "60",
            "location": "Cedar County office, room 7",
            "invitees": [cedar.supervisor.pk, cedar.police.pk, cedar.da.pk],
            "share_basis": "MDT protocol",
            "share_until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "idempotency_key": key(),
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "invite a sexual assault advocate before scheduling" in text
    assert 'value="Cedar County office, room 7"' in text
    assert Meeting.objects.count() == 0


def test_a_next_step_without_an_owner_is_refused_and_nothing_is_recorded(client, youth_record):
    meeting = meeting_for(youth_record, starts_in=-dt.timedelta(hours=1))
    client.force_login(youth_record.caseworker)
    url = reverse("partners:meeting_outcome", args=[youth_record.pk, meeting.pk])
    response = client.post(
        url,
        {
            "held_at": _local(meeting.starts_at),
            "decisions": "Forensic interview on Thursday.",
            "version": meeting.version,
            "step_1": "Confirm the interview time",
            "step_1_due": _local(timezone.now() + dt.timedelta(days=1)),
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Name who owns this next step." in text
    assert "Forensic interview on Thursday." in text
    meeting.refresh_from_db()
    assert (meeting.status, meeting.next_steps.count()) == ("scheduled", 0)


def test_ten_thousand_characters_in_where_are_refused_and_the_rest_is_kept(client, cedar):
    client.force_login(cedar.caseworker)
    url = reverse("partners:meeting_new", args=[cedar.youth.pk])
    response = client.post(
        url,
        {
            "kind": "mdt",
            "starts_at": _local(timezone.now() + dt.timedelta(days=2)),
            "duration": "60",
            "location": "W" * 10_000,
            "invitees": [cedar.supervisor.pk, cedar.police.pk, cedar.da.pk, cedar.advocate.pk],
            "share_basis": "MDT protocol for the Cedar team",
            "share_until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "idempotency_key": key(),
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters (it has 10000)." in text
    assert 'maxlength="200"' in text  # the browser stops typing at the limit too
    assert "MDT protocol for the Cedar team" in text  # nothing else typed is lost
    assert Meeting.objects.count() == 0
