"""The placement address kept out of text partners read (issue 15): refused beside the field,
with the reason, nothing typed lost and nothing saved."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.partners.actions import complete_next_step, record_referral, schedule_meeting
from safeharbor.partners.models import Meeting, Referral
from tests.partners.builders import key, meeting_for, sharing, step_for

# The youth_record's placement is "4417 Canary Test Lane, Unit 9Q, Pine City" (tests/conftest).
TYPED = "Stay at 4417 canary test ln. with the door locked; check in by text at 6 pm."
WHY = "names the youth&#x27;s placement address. Partners read this text"


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_address_typed_into_a_safety_plan_is_refused_beside_the_field(client, youth_record):
    meeting = meeting_for(youth_record, starts_in=-dt.timedelta(hours=1))
    client.force_login(youth_record.caseworker)
    response = client.post(
        reverse("partners:meeting_outcome", args=[youth_record.pk, meeting.pk]),
        {
            "held_at": _local(meeting.starts_at),
            "decisions": "Forensic interview on Thursday.",
            "safety_plan": TYPED,
            "version": meeting.version,
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    error = text.split('id="id_safety_plan-error"')[1].split("</span>")[0]
    assert "The safety plan " + WHY in error
    assert TYPED in text  # nothing typed is lost
    meeting.refresh_from_db()
    assert (meeting.status, meeting.safety_plan) == ("scheduled", "")


def test_a_next_step_naming_the_address_is_refused_beside_that_step(client, youth_record):
    meeting = meeting_for(youth_record, starts_in=-dt.timedelta(hours=1))
    client.force_login(youth_record.caseworker)
    response = client.post(
        reverse("partners:meeting_outcome", args=[youth_record.pk, meeting.pk]),
        {
            "held_at": _local(meeting.starts_at),
            "decisions": "Forensic interview on Thursday.",
            "version": meeting.version,
            "step_2": "Drive past 4417 Canary Test Lane nightly",
            "step_2_owner": youth_record.caseworker.pk,
            "step_2_due": _local(timezone.now() + dt.timedelta(days=1)),
        },
    )
    assert response.status_code == 400
    error = response.content.decode().split('id="id_step_2-error"')[1].split("</span>")[0]
    assert "This next step " + WHY in error
    assert meeting.next_steps.count() == 0


def test_decisions_naming_the_address_are_refused_and_other_words_pass(youth_record):
    meeting = meeting_for(youth_record, starts_in=-dt.timedelta(hours=1))
    from safeharbor.partners.actions import record_meeting_outcome

    arguments = {
        "actor": youth_record.caseworker,
        "meeting": meeting,
        "held_at": meeting.starts_at,
        "attended": set(),
        "safety_plan": "Daily check-in by text at 6 pm.",
        "next_steps": [],
        "seen_version": meeting.version,
    }
    with pytest.raises(InputError) as refused:
        record_meeting_outcome(decisions="Move her from 4417 CANARY TEST LANE.", **arguments)
    assert refused.value.field == "decisions"
    assert "4417" not in refused.value.message  # the address is never repeated
    held = record_meeting_outcome(decisions="Keep the current placement.", **arguments)
    assert held.status == "held"


def test_the_meeting_place_cannot_be_the_placement(youth_record, mdt_partner):
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(InputError) as refused:
        schedule_meeting(
            actor=youth_record.caseworker,
            youth=youth_record,
            kind="consultation",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            location="4417 Canary Test Ln, Pine City",
            invitees=[mdt_partner],
            sharing=sharing(),
            idempotency_key=key(),
        )
    assert refused.value.field == "location"
    assert refused.value.message.startswith("The meeting place names the youth's placement")
    assert not Meeting.objects.exists()


def test_referral_information_naming_the_address_is_refused(youth_record):
    with pytest.raises(InputError) as refused:
        record_referral(
            actor=youth_record.caseworker,
            youth=youth_record,
            referred_to="cac",
            purpose="forensic_interview",
            organization="Pine CAC (synthetic)",
            made_at=timezone.now() - dt.timedelta(minutes=5),
            information_shared="Pick her up at 4417 Canary Test Lane.",
            shared_with="Intake coordinator",
            basis="Seed 002 §VII.B",
            idempotency_key=key(),
        )
    assert refused.value.field == "information_shared"
    assert not Referral.objects.exists()


def test_what_was_done_for_a_step_is_checked_too(youth_record):
    step = step_for(youth_record)
    with pytest.raises(InputError) as refused:
        complete_next_step(
            actor=youth_record.caseworker, step=step, note="Visited 4417 Canary Test Lane"
        )
    assert refused.value.field == "note"
    step.refresh_from_db()
    assert step.done_at is None
