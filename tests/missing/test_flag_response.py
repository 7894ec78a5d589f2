"""Responding to a pattern flag (issue 12): a plan, or a team meeting scheduled from the flag; the
flag then shows who responded and how, and leaves the homes' "flags without a response"."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.missing.models import FlagResponse
from safeharbor.missing.queries import unanswered_flags
from safeharbor.partners.models import Meeting
from tests.missing.builders import flag_for, local_input
from tests.obligations.builders import key


def test_a_supervisor_records_a_plan_and_the_flag_shows_who_responded_and_how(
    client, supervisor, youth_record
):
    flag = flag_for(youth_record)
    assert list(unanswered_flags(supervisor)) == [flag]
    client.force_login(supervisor)
    home = client.get(reverse("home")).content.decode()
    assert "Flags without a response (1)" in home

    response = client.post(
        reverse("missing:flag_respond", args=[youth_record.pk, flag.pk]),
        {
            "how": "plan",
            "plan": "Weekly check-ins; safety plan with the group home by Friday.",
            "idempotency_key": key(),
        },
    )

    assert response.status_code == 302
    (answer,) = FlagResponse.objects.all()
    assert (answer.how, answer.responded_by) == ("plan", supervisor)
    assert list(unanswered_flags(supervisor)) == []
    episode = client.get(response["Location"]).content.decode()
    assert f"Responded: a plan by {supervisor}" in episode
    assert AuditEvent.objects.filter(action="missing.flag_responded").count() == 1
    assert "Flags without a response (0)" in client.get(reverse("home")).content.decode()


def test_a_plan_without_words_is_refused_beside_the_field(client, supervisor, youth_record):
    flag = flag_for(youth_record)
    client.force_login(supervisor)
    response = client.post(
        reverse("missing:flag_respond", args=[youth_record.pk, flag.pk]),
        {"how": "plan", "plan": "  ", "idempotency_key": key()},
    )
    assert response.status_code == 400
    assert "Write the plan: who does what, by when." in response.content.decode()
    assert FlagResponse.objects.count() == 0


def test_harmful_words_in_a_plan_are_pointed_out_before_saving(client, supervisor, youth_record):
    flag = flag_for(youth_record)
    client.force_login(supervisor)
    response = client.post(
        reverse("missing:flag_respond", args=[youth_record.pk, flag.pk]),
        {
            "how": "plan",
            "plan": "Keep the child prostitute away from the motel",
            "idempotency_key": key(),
        },
    )
    assert response.status_code == 400
    assert "Respectful wording" in response.content.decode()
    assert FlagResponse.objects.count() == 0


def test_scheduling_the_consultation_from_the_flag_records_it_as_the_response(
    client, caseworker, supervisor, program_admin, youth_record
):
    flag = flag_for(youth_record)
    client.force_login(caseworker)
    response = client.post(
        reverse("missing:flag_respond", args=[youth_record.pk, flag.pk]),
        {"how": "consultation", "plan": "", "idempotency_key": key()},
    )
    assert response.status_code == 302
    assert f"flag={flag.pk}" in response["Location"]
    assert "data-from-flag" in client.get(response["Location"]).content.decode()

    response = client.post(
        reverse("partners:meeting_new", args=[youth_record.pk]),
        {
            "flag": flag.pk,
            "kind": "consultation",
            "starts_at": local_input(timezone.now() + dt.timedelta(days=2)),
            "duration": "60",
            "location": "Pine County office",
            "invitees": [supervisor.pk, program_admin.pk],
            "share_basis": "Consultation under the agency's policy",
            "share_until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "idempotency_key": key(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get()
    (answer,) = FlagResponse.objects.all()
    assert (answer.how, answer.meeting_id, answer.responded_by) == (
        "consultation",
        meeting.pk,
        caseworker,
    )
    page = client.get(reverse("missing:episode", args=[youth_record.pk, flag.episode_id]))
    assert reverse("partners:meeting", args=[youth_record.pk, meeting.pk]) in page.content.decode()


def test_someone_outside_the_case_cannot_open_the_response_page(
    client, other_caseworker, mdt_partner, youth_record
):
    flag = flag_for(youth_record)
    for person in (other_caseworker, mdt_partner):
        client.force_login(person)
        url = reverse("missing:flag_respond", args=[youth_record.pk, flag.pk])
        assert client.get(url).status_code == 404
