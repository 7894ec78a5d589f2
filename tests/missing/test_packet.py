"""The missing-report packet: a real PDF, read back here, with the episode's facts; the placement
address only for those who may see it (the canary never reaches anyone else)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from safeharbor.audit.models import AuditEvent
from safeharbor.missing.actions import record_locate_effort, record_missing, record_return
from tests.conftest import CANARY_ADDRESS
from tests.missing.builders import key, report_for


@pytest.fixture
def episode(caseworker, youth_record):
    """Jo's second episode: the first ended at a bus station; this one has a full description."""
    chicago = timezone.get_current_timezone()
    first = record_missing(
        actor=caseworker,
        youth=youth_record,
        last_seen_at=dt.datetime(2026, 2, 1, 18, 0, tzinfo=chicago),
        learned_at=dt.datetime(2026, 2, 1, 20, 0, tzinfo=chicago),
    )
    record_return(
        actor=caseworker,
        episode=first,
        returned_at=dt.datetime(2026, 2, 3, 9, 0, tzinfo=chicago),
        found_where="Greyhound station, Cedar City",
        found_by="Cedar City police",
    )
    now = timezone.now()
    second = record_missing(
        actor=caseworker,
        youth=youth_record,
        last_seen_at=now - dt.timedelta(hours=6),
        learned_at=now - dt.timedelta(hours=5),
        placement=youth_record.placements.get(),
        last_seen_where="Corner of Fifth and Main",
        last_seen_with="An adult man in a silver sedan",
        circumstances="Left school at lunch.",
        risk_medications="yes",
        risk_medications_detail="Insulin twice a day",
        risk_exploiter="yes",
        risk_exploiter_detail="Older boyfriend, about 25",
        height_inches=64,
        weight_pounds=118,
        hair="Black, braided",
        eyes="hazel",
        marks="Crown tattoo behind the right ear",
        clothing="Green parka, white sneakers",
        photo_reference="Photo in case file, taken 2026-09-01",
    )
    report_for(youth_record)
    record_locate_effort(
        actor=caseworker,
        episode=second,
        made_at=now - dt.timedelta(hours=1),
        made_by="Casey",
        effort="Called the school counsellor",
        result="Saw her leave at noon",
        idempotency_key=key(),
    )
    return second


def _packet_text(client, user, youth, episode):
    client.force_login(user)
    response = client.post(reverse("missing:packet", args=[youth.pk, episode.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())  # PDF text comes back with its own line breaks


def test_the_packet_opens_and_holds_the_episodes_facts(client, caseworker, youth_record, episode):
    text = _packet_text(client, caseworker, youth_record, episode)

    for fact in (
        "Missing child report packet: Jo Testperson",
        "Legal name Jordan Testperson",
        "Date of birth May 17, 2010",
        "Height 5 ft 4 in",
        "Weight 118 lb",
        "Eyes Hazel",
        "Crown tattoo behind the right ear",
        "Green parka, white sneakers",
        "Photo in case file, taken 2026-09-01",
        "Corner of Fifth and Main",
        "An adult man in a silver sedan",
        "Needs medication Yes. Insulin twice a day",
        "Older boyfriend, about 25",
        "Foster home",
        "PCPD-26-0415",
        "Greyhound station, Cedar City by Cedar City police",
        "Called the school counsellor",
        "NCMEC Not yet recorded",
        "1-800-THE-LOST",
        CANARY_ADDRESS,
        "Synthetic Foster Family",
    ):
        assert fact in text, fact
    assert youth_record.caseworker.get_full_name() in text


def test_generating_the_packet_is_audited_with_the_address_it_showed(
    client, caseworker, youth_record, episode
):
    _packet_text(client, caseworker, youth_record, episode)
    event = AuditEvent.objects.get(action="missing.packet_generated")
    assert (event.actor, event.youth_id, event.detail) == (
        caseworker,
        youth_record.pk,
        {"address_included": True, "photo_included": False},
    )
    assert AuditEvent.objects.filter(action="youth.address_viewed", actor=caseworker).count() == 1


def test_a_program_administrator_gets_the_packet_without_the_address(
    client, program_admin, youth_record, episode
):
    text = _packet_text(client, program_admin, youth_record, episode)

    assert CANARY_ADDRESS not in text
    assert "Synthetic Foster Family" not in text
    assert "Withheld: you may not see the placement address" in text
    assert "Foster home" in text  # the placement type is not protected
    assert "Corner of Fifth and Main" in text
    event = AuditEvent.objects.get(action="missing.packet_generated")
    assert event.detail == {"address_included": False, "photo_included": False}
    assert not AuditEvent.objects.filter(action="youth.address_viewed").exists()


def test_an_mdt_partner_gets_only_what_was_shared(client, mdt_partner, youth_record, episode):
    text = _packet_text(client, mdt_partner, youth_record, episode)

    assert CANARY_ADDRESS not in text
    assert "Synthetic Foster Family" not in text
    assert "Placement Not shared with you." in text
    assert "Race" not in text  # demographics were not shared
    assert "Crown tattoo behind the right ear" in text


def test_outsiders_get_no_packet(client, other_caseworker, youth_record, episode):
    client.force_login(other_caseworker)
    response = client.post(reverse("missing:packet", args=[youth_record.pk, episode.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="missing.packet_generated").exists()
