"""Canary values: unique protected values seeded into a case, then looked for everywhere.

Every page of every URL pattern (from the resolver, so a new page is covered the day it is
added), with every persona who may not see a value, must not contain it: not in the page, a
header, a PDF's text, a notification or its e-mail, the audit trail's words, a log line, or an
error page.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.intake.actions import record_intake
from safeharbor.notifications.actions import deliver_emails
from safeharbor.notifications.models import Notification
from tests.conftest import CANARY_ADDRESS, PERSONA_NAMES
from tests.mfa import SignedInClient
from tests.missing.builders import episode_for
from tests.web import test_url_walk
from tests.web.test_url_walk import PATTERNS, _request, _url

CANARY_PROVIDER = "Synthetic Foster Family"  # tests/factories.py gives youth_record this provider
CANARY_NARRATIVE = "Canary disclosure 5KX: met the older adult at the Larkhaven bus shelter"
CANARY_NOTE = "Canary note 7QZ: the youth named the car of the exploiter"
CANARY_DOCUMENT_NAME = "canary-document-4RT.pdf"
CANARY_DOCUMENT_TEXT = "Canary document 9PL safety plan"
CANARY_PHOTO_NAME = "canary-photo-2XW.jpg"
CANARY_RISK = "Canary risk 3MV: takes a synthetic medication nightly"
NOTE_READERS = {"caseworker", "supervisor", "program_admin"}

# Each canary, and the personas allowed to see it (SPEC §8): addresses only the assigned worker
# and their supervisor; disclosure narratives (field group "notes") the case's staff and the
# intake worker who took the report.
CANARIES = {
    CANARY_ADDRESS: {"caseworker", "supervisor"},
    CANARY_PROVIDER: {"caseworker", "supervisor"},
    CANARY_NARRATIVE: {"intake_worker", "caseworker", "supervisor", "program_admin"},
    # Case notes and their documents are the "notes" field group: the case's staff only.
    CANARY_NOTE: NOTE_READERS,
    CANARY_DOCUMENT_NAME: NOTE_READERS,
    CANARY_DOCUMENT_TEXT: NOTE_READERS,
    # A photo's file name is never kept, so nobody sees it anywhere.
    CANARY_PHOTO_NAME: set(),
    # A missing episode's risk details are their own field group ("missing_risk", issue 15): the
    # case's staff, and mdt_partner, whose law-enforcement sharing includes the risk while missing.
    CANARY_RISK: {"caseworker", "supervisor", "program_admin", "mdt_partner"},
}


@pytest.fixture
def seeded(youth_record, intake_worker, monkeypatch):
    """youth_record with a protected address and provider, and an intake report's narrative.

    The walk's intake pages show this report (not a fresh one), so the narrative is on them.
    """
    report, _ = record_intake(
        actor=intake_worker,
        received_at=timezone.now() - dt.timedelta(hours=2),
        reporter_type="school",
        narrative=CANARY_NARRATIVE,
        alleges_htcsec=True,
        idempotency_key="canary-intake",
        youth=youth_record,
    )
    monkeypatch.setitem(test_url_walk.EXAMPLE_ARGS, "intake_pk", lambda youth: report.pk)
    _plant_note_and_photo(youth_record)
    episode_for(youth_record, risk_medications="yes", risk_medications_detail=CANARY_RISK)
    return youth_record


def _plant_note_and_photo(youth):
    """Write a note with a document and add a photo through the pages, as a caseworker does."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.cases.builders import image_bytes, pdf_with

    client = SignedInClient()
    client.force_login(youth.caseworker)
    document = SimpleUploadedFile(CANARY_DOCUMENT_NAME, pdf_with(CANARY_DOCUMENT_TEXT))
    written = client.post(
        f"/youth/{youth.pk}/notes/new/",
        {
            "idempotency_key": "canary-note",
            "noted_on": "2026-11-30",
            "text": CANARY_NOTE,
            "attachment": document,
        },
    )
    photo = SimpleUploadedFile(CANARY_PHOTO_NAME, image_bytes("JPEG"))
    added = client.post(f"/youth/{youth.pk}/photo/", {"photo": photo})
    assert (written.status_code, added.status_code) == (302, 302)


def _text(response) -> str:
    """Return everything a response shows: headers, and the body (a PDF's extracted text)."""
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    content = getattr(response, "content", b"")
    if response.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        return headers + " ".join(page.extract_text() or "" for page in reader.pages)
    return headers + content.decode("utf-8", errors="replace")


def _forbidden_for(persona: str) -> list[str]:
    return [canary for canary, allowed in CANARIES.items() if persona not in allowed]


@pytest.mark.parametrize("persona", PERSONA_NAMES, indirect=True)
def test_no_page_shows_a_protected_value_to_a_persona_not_allowed_it(
    persona, request, seeded, caplog
):
    forbidden = _forbidden_for(persona.username)
    for name in PERSONA_NAMES:  # every persona exists, as in the URL matrix
        request.getfixturevalue(name)
    client = SignedInClient()
    client.force_login(persona)
    leaks = []
    with caplog.at_level(logging.DEBUG):
        for name in PATTERNS:
            text = _text(_request(client, _url(name, seeded)))
            leaks += [(name, canary) for canary in forbidden if canary in text]
    assert leaks == []
    assert [c for c in CANARIES if c in caplog.text] == []  # operators see logs: no canary


def test_the_walk_would_catch_a_leak(client, caseworker, seeded):
    """The canary check is not vacuous: the assigned worker does get the address on request."""
    client.force_login(caseworker)
    placement = seeded.placements.get()
    text = _text(client.post(f"/youth/{seeded.pk}/placements/{placement.pk}/address/"))
    assert CANARY_ADDRESS in text
    assert CANARY_PROVIDER in text
    intake = _url("intake:detail", seeded)
    assert CANARY_NARRATIVE in _text(client.get(intake))
    page = _text(client.get(f"/youth/{seeded.pk}/"))
    assert CANARY_NOTE in page
    assert CANARY_DOCUMENT_NAME in page
    assert CANARY_DOCUMENT_TEXT in _text(client.get(_url("cases:attachment", seeded)))
    assert CANARY_RISK in _text(client.get(_url("missing:episode", seeded)))


def test_no_notification_e_mail_or_audit_event_carries_a_protected_value(
    client, supervisor, other_caseworker, seeded
):
    from tests.mfa import fresh_code

    # Emergency access notifies the supervisor; the reveal is audited.
    client.force_login(other_caseworker)
    client.post(
        "/youth/emergency/",
        {
            "record_number": seeded.record_number,
            "reason": "Youth in crisis at the shelter, worker unreachable",
            "code": fresh_code(other_caseworker),
        },
    )
    client.force_login(supervisor)
    placement = seeded.placements.get()
    client.post(f"/youth/{seeded.pk}/placements/{placement.pk}/address/")
    assert Notification.objects.exists()
    deliver_emails()
    stored = [f"{n.subject} {n.body}" for n in Notification.objects.all()]
    stored += [f"{m.subject} {m.body}" for m in mail.outbox]
    stored += [f"{e.reason} {e.detail}" for e in AuditEvent.objects.all()]
    assert [c for c in CANARIES if any(c in s for s in stored)] == []


def test_an_error_while_showing_an_address_shows_and_logs_nothing_of_it(
    client, caseworker, seeded, monkeypatch, caplog
):
    from safeharbor.cases import views

    def broken(request, template, context=None, *args, **kwargs):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(views, "render", broken)
    client.raise_request_exception = False
    client.force_login(caseworker)
    placement = seeded.placements.get()
    with caplog.at_level(logging.DEBUG):
        response = client.post(f"/youth/{seeded.pk}/placements/{placement.pk}/address/")
    assert response.status_code == 500
    assert [c for c in CANARIES if c in _text(response) or c in caplog.text] == []


def test_a_partner_given_the_reports_without_the_risk_details_never_sees_them(seeded, caplog):
    """A DA partner sees the missing episode and its reports, never its risk details (issue 15)."""
    from safeharbor.cases.actions import share_youth
    from safeharbor.domain.access import Role
    from safeharbor.domain.sharing import STARTING_DEFAULTS, PartnerKind
    from tests import factories

    prosecutor = factories.staff(Role.MDT_PARTNER, "canary_da", partner_kind="district_attorney")
    share_youth(
        actor=seeded.caseworker,
        youth=seeded,
        partner=prosecutor,
        fields=STARTING_DEFAULTS[PartnerKind.DISTRICT_ATTORNEY],
        basis="Report to the DA",
        expires_at=timezone.now() + dt.timedelta(days=5),
    )
    client = SignedInClient()
    client.force_login(prosecutor)
    assert client.get(_url("missing:episode", seeded)).status_code == 200  # not vacuous
    leaks = []
    with caplog.at_level(logging.DEBUG):
        for name in PATTERNS:
            text = _text(_request(client, _url(name, seeded)))
            leaks += [
                name for canary in (CANARY_RISK, *_forbidden_for("mdt_partner")) if canary in text
            ]
    assert leaks == []
