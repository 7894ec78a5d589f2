"""Pages speak a person's words: no clock event ids, no UTC "Z" stamps, no doubled words, and a
refusal from the rules reads as a sentence beside the field it is about (issue 17)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from safeharbor.obligations.models import Obligation
from safeharbor.ui.forms import new_key as key
from tests.obligations.builders import intake_for, obligation_for

UTC_STAMP = re.compile(r"\d\d:\d\dZ")
EVENT_IDS = ("intake_received", "intake_screened_in", "screening_completed", "youth_missing")


def _visible(html: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_an_obligation_says_what_started_it_in_words_and_local_time(client, youth_record):
    intake = intake_for(youth_record)
    row = Obligation.objects.get(youth=youth_record, opened_by_event="intake_received")
    client.force_login(youth_record.caseworker)
    text = _visible(client.get(reverse("obligations:detail", args=[row.pk])).content.decode())
    assert "Started by" in text
    assert "Intake report received" in text
    assert not UTC_STAMP.search(text), text
    assert not any(event in text for event in EVENT_IDS)
    local = timezone.localtime(intake.received_at)
    assert f"{local:%b} {local.day}, {local.year}" in text


def test_an_overdue_row_says_overdue_once(client, youth_record):
    obligation_for(youth_record, "youth_missing", hours_ago=30)
    client.force_login(youth_record.caseworker)
    text = _visible(client.get(reverse("obligations:my_work")).content.decode())
    assert "Overdue by" in text
    assert not re.search(r"Overdue\s+overdue", text, flags=re.I)


def test_a_refusal_from_the_rules_is_a_sentence_beside_its_field(client, youth_record):
    client.force_login(youth_record.caseworker)
    later = timezone.localtime() + dt.timedelta(days=2)
    response = client.post(
        reverse("partners:referral_new", args=[youth_record.pk]),
        {
            "referred_to": "cac",
            "purpose": "forensic_interview",
            "organization": "Pine Child Advocacy Center",
            "made_at": later.strftime("%Y-%m-%dT%H:%M"),
            "information_shared": "The screening result, shared with the youth's agreement.",
            "shared_with": "Forensic interviewer",
            "basis": "Seed 002 §VII.B",
            "idempotency_key": key(),
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert re.search(
        r'id="id_made_at-error"[^>]*>the referral cannot have been made in the future<', text
    ), text


def test_the_ncmec_report_names_ncmec_once(client, youth_record):
    from safeharbor.obligations.actions import record_legal_report
    from tests.missing.builders import any_episode

    episode = any_episode(youth_record)
    record_legal_report(
        actor=youth_record.caseworker,
        youth=youth_record,
        recipient="ncmec",
        about="missing",
        missing_episode=episode,
        agency_name="National Center for Missing & Exploited Children (NCMEC)",
        method="phone",
        reported_at=timezone.now() - dt.timedelta(minutes=30),
        reference_number="NCMEC-0001",
        idempotency_key=key(),
    )
    client.force_login(youth_record.caseworker)
    pages = [
        reverse("cases:youth", args=[youth_record.pk]),
        reverse("missing:episode", args=[youth_record.pk, episode.pk]),
    ]
    pages += [
        reverse("obligations:detail", args=[o.pk])
        for o in Obligation.objects.filter(youth=youth_record, status="satisfied")
    ]
    for url in pages:
        text = _visible(client.get(url).content.decode())
        assert "(NCMEC) (National Center" not in text, url
        assert text.count("National Center for Missing & Exploited Children") <= 2, url
