"""Sharing by partner kind (issue 15): each partner sees their kind's least-need default; more,
and notes and narratives always, only with the unit supervisor's approval and a reason."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.cases.actions import NotAllowed
from safeharbor.cases.models import CaseShare
from safeharbor.domain.access import FieldGroup
from safeharbor.domain.errors import InputError
from safeharbor.missing.actions import record_debrief, record_return
from safeharbor.partners.actions import schedule_meeting
from safeharbor.partners.models import Meeting
from tests.missing.builders import episode_for, report_for
from tests.partners.builders import key, need_for, sharing

PLAN = "Apply for the transitional living program."
DEBRIEF = {
    "primary_factors": "Missed a friend from the last placement.",
    "experiences_while_absent": "Stayed with a friend's cousin; ate at a youth shelter.",
}
RISK = "Said she wanted to disappear"


def _schedule(team, *, actor=None, share=None):
    start = timezone.now() + dt.timedelta(days=2)
    meeting, _ = schedule_meeting(
        actor=actor or team.caseworker,
        youth=team.youth,
        kind="mdt",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Cedar County office, room 2",
        invitees=[team.caseworker, team.supervisor, team.police, team.da, team.advocate],
        sharing=share or sharing(),
        idempotency_key=key(),
    )
    return meeting


def _history(team):
    """A needs plan, a missing episode with risk details and a report, a return and its debrief."""
    need_for(team.youth)
    episode = episode_for(team.youth, risk_suicide="yes", risk_suicide_detail=RISK)
    report_for(team.youth)
    episode = record_return(
        actor=team.caseworker, episode=episode, returned_at=timezone.now() - dt.timedelta(hours=1)
    )
    record_debrief(
        actor=team.caseworker,
        episode=episode,
        conducted_at=timezone.now(),
        participation="took_part",
        answers=DEBRIEF,
    )
    return episode


def _pages(client, person, team, episode):
    client.force_login(person)
    youth = client.get(reverse("cases:youth", args=[team.youth.pk]))
    missing = client.get(reverse("missing:episode", args=[team.youth.pk, episode.pk]))
    assert (youth.status_code, missing.status_code) == (200, 200)
    return youth.content.decode() + missing.content.decode()


def test_a_detective_invited_to_an_mdt_sees_identity_and_reports_not_needs_notes_or_debrief(
    client, cedar
):
    episode = _history(cedar)
    _schedule(cedar)
    police = _pages(client, cedar.police, cedar, episode)
    assert "Riley Cedarfield" in police  # identity
    assert "PCPD-26-0415" in police  # the report to law enforcement
    assert RISK in police  # the risk while missing: law enforcement's default
    assert PLAN not in police  # not the needs plan
    assert DEBRIEF["primary_factors"] not in police  # not the debrief's answers (notes)
    assert DEBRIEF["experiences_while_absent"] not in police


def test_the_advocate_sees_the_needs_plan_and_the_da_no_risk_details(client, cedar):
    episode = _history(cedar)
    _schedule(cedar)
    client.force_login(cedar.advocate)
    advocate = client.get(reverse("cases:youth", args=[cedar.youth.pk])).content.decode()
    assert PLAN in advocate
    assert DEBRIEF["primary_factors"] not in advocate
    da = _pages(client, cedar.da, cedar, episode)
    assert "PCPD-26-0415" in da
    assert RISK not in da
    assert PLAN not in da


def test_a_caseworker_alone_cannot_share_notes_with_law_enforcement(cedar):
    with pytest.raises(NotAllowed, match="case notes and narratives with law enforcement"):
        _schedule(cedar, share=sharing(extra={FieldGroup.NOTES}, reason="they asked"))
    assert not Meeting.objects.exists()
    assert not CaseShare.objects.exists()


def test_the_supervisor_shares_more_with_a_reason_and_it_is_recorded(cedar):
    with pytest.raises(InputError, match="say why you approve sharing needs and services"):
        _schedule(cedar, actor=cedar.supervisor, share=sharing(extra={FieldGroup.NEEDS}))
    _schedule(
        cedar,
        actor=cedar.supervisor,
        share=sharing(extra={FieldGroup.NEEDS}, reason="Housing plan for the MDT"),
    )
    police = CaseShare.objects.get(partner=cedar.police)
    assert "needs" in police.fields
    assert (police.approved_fields, police.approved_by) == (["needs"], cedar.supervisor)
    advocate = CaseShare.objects.get(partner=cedar.advocate)
    assert advocate.approved_fields == []  # needs are the advocate's default: nothing approved


def _form_data(team, **overrides):
    return {
        "kind": "mdt",
        "starts_at": timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "duration": "60",
        "location": "Cedar County office, room 7",
        "invitees": [team.supervisor.pk, team.police.pk, team.da.pk, team.advocate.pk],
        "share_basis": "MDT protocol",
        "share_until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "idempotency_key": key(),
    } | overrides


def test_the_meeting_form_ticks_nothing_extra_and_says_what_each_kind_sees(client, cedar):
    client.force_login(cedar.caseworker)
    url = reverse("partners:meeting_new", args=[cedar.youth.pk])
    text = client.get(url, {"kind": "mdt"}).content.decode()
    assert 'name="share_extra" value="needs" checked' not in text
    assert " checked" not in text.split('id="id_share_extra"')[1].split("</fieldset>")[0]
    assert "Sexual assault advocate</th><td>identity, meetings, needs and services<" in text
    assert "Sees: identity, missing episodes and their reports, risk details while missing" in text


def test_a_caseworker_asking_for_more_on_the_form_is_told_why_beside_the_field(client, cedar):
    client.force_login(cedar.caseworker)
    url = reverse("partners:meeting_new", args=[cedar.youth.pk])
    response = client.post(url, _form_data(cedar, share_extra=["notes"], approval_reason="asked"))
    text = response.content.decode()
    assert response.status_code == 400
    fieldset = text.split('id="id_share_extra"')[1].split("</fieldset>")[0]
    assert "supervisor&#x27;s approval" in fieldset
    assert 'value="Cedar County office, room 7"' in text
    assert not Meeting.objects.exists()


def test_the_meeting_page_shows_each_invitee_what_they_see(client, cedar):
    meeting = _schedule(cedar)
    police = meeting.invitees.get(user=cedar.police)
    client.force_login(cedar.caseworker)
    text = client.get(reverse("partners:meeting", args=[cedar.youth.pk, meeting.pk])).content
    cell = text.decode().split(f'data-invitee-sees="{police.pk}"')[1].split("</td>")[0]
    assert "identity, missing episodes and their reports, risk details while missing" in cell
    assert "needs" not in cell
    # The partner sees their own row, not the others'.
    client.force_login(cedar.da)
    text = client.get(reverse("partners:meeting", args=[cedar.youth.pk, meeting.pk])).content
    assert "risk details while missing, meetings" not in text.decode()


def test_the_supervisor_approves_more_from_the_meeting_page(client, cedar):
    meeting = _schedule(cedar)
    share = CaseShare.objects.get(partner=cedar.police)
    url = reverse("partners:share_widen", args=[cedar.youth.pk, meeting.pk, share.pk])
    client.force_login(cedar.caseworker)
    assert client.post(url, {f"widen-{share.pk}-fields_added": ["needs"]}).status_code == 404
    client.force_login(cedar.supervisor)
    refused = client.post(url, {f"widen-{share.pk}-fields_added": ["needs"]})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    done = client.post(
        url,
        {
            f"widen-{share.pk}-fields_added": ["needs"],
            f"widen-{share.pk}-approval_reason": "Housing plan for the MDT",
        },
    )
    assert done.status_code == 302
    share.refresh_from_db()
    assert "needs" in share.fields
    assert share.approval_reason == "Housing plan for the MDT"
