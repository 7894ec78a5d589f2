"""Case notes with documents, and the youth's photo: checked by content, encrypted, audited."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

from safeharbor.audit.models import AuditEvent
from safeharbor.cases.models import CaseNote, NoteAttachment, StoredContent, YouthPhoto
from safeharbor.cases.uploads import ATTACHMENT_MAX_BYTES, PHOTO_MAX_BYTES
from safeharbor.protected.fields import is_token
from tests.cases.builders import attachment_for, image_bytes, note_for, pdf_with, photo_for

NOTE_WORDS = "Talked with the youth about school (synthetic)."


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _note_form(client, youth, **data):
    url = reverse("cases:note_new", args=[youth.pk])
    key = client.get(url).context["form"]["idempotency_key"].value()
    return client.post(
        url, {"idempotency_key": key, "noted_on": "2026-11-30", "text": NOTE_WORDS, **data}
    )


def test_a_note_with_a_pdf_is_saved_encrypted_shown_and_its_download_audited(
    client, caseworker, youth_record
):
    client.force_login(caseworker)
    pdf = pdf_with("Safety plan (synthetic)")
    upload = SimpleUploadedFile("safety-plan.pdf", pdf, content_type="text/plain")
    assert _note_form(client, youth_record, attachment=upload).status_code == 302
    note = CaseNote.objects.get(youth=youth_record)
    document = note.attachments.get()
    assert (note.text, document.name, document.media_type) == (
        NOTE_WORDS,
        "safety-plan.pdf",
        "application/pdf",  # from the content, not from what the browser said
    )
    assert is_token(_raw("cases_casenote", "text", note.pk))
    assert is_token(_raw("cases_noteattachment", "name", document.pk))
    assert is_token(_raw("cases_storedcontent", "data", document.content_id))
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert NOTE_WORDS in page
    assert "safety-plan.pdf" in page
    url = reverse("cases:attachment", args=[youth_record.pk, note.pk, document.pk])
    before = AuditEvent.objects.filter(action="note.attachment_downloaded").count()
    response = client.get(url)
    assert response.content == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="safety-plan.pdf"'
    event = AuditEvent.objects.filter(action="note.attachment_downloaded").latest("id")
    assert AuditEvent.objects.filter(action="note.attachment_downloaded").count() == before + 1
    assert (event.actor, event.youth_id) == (caseworker, youth_record.pk)
    assert "safety-plan" not in str(event.detail)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", b"MZ\x90\x00 a program, not a document"),
        ("notes.docx", b"PK\x03\x04 not really a zip"),
        ("photo.png", b"\x89PNG\r\n\x1a\n broken image"),
    ],
)
def test_an_attachment_of_the_wrong_type_is_refused_and_the_note_kept_in_the_form(
    client, caseworker, youth_record, name, data
):
    client.force_login(caseworker)
    response = _note_form(client, youth_record, attachment=SimpleUploadedFile(name, data))
    page = response.content.decode()
    assert response.status_code == 200
    assert "is not" in response.context["form"].errors["attachment"][0]
    assert 'id="id_attachment-error"' in page
    assert NOTE_WORDS in page
    assert "Choose the file again" in page
    assert not CaseNote.objects.filter(youth=youth_record).exists()


def test_an_attachment_over_the_limit_is_refused(client, caseworker, youth_record):
    client.force_login(caseworker)
    big = b"%PDF-1.4\n" + b"0" * ATTACHMENT_MAX_BYTES
    response = _note_form(client, youth_record, attachment=SimpleUploadedFile("big.pdf", big))
    errors = response.context["form"].errors["attachment"]
    assert errors[0].startswith("Not saved: this file is 10.0 MB; the limit is 10 MB.")
    assert not CaseNote.objects.filter(youth=youth_record).exists()
    assert not StoredContent.objects.exists()


def test_a_note_over_its_length_or_in_the_future_is_refused_beside_the_field(
    client, caseworker, youth_record
):
    client.force_login(caseworker)
    response = _note_form(client, youth_record, text="x" * 5001, noted_on="2099-01-01")
    errors = response.context["form"].errors
    assert "at most 5000 characters" in errors["text"][0]
    assert "cannot be in the future" in errors["noted_on"][0]


def test_a_note_with_harmful_words_offers_the_respectful_wording(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = _note_form(client, youth_record, text="Police called her a child prostitute.")
    assert "Respectful wording" in response.content.decode()
    assert not CaseNote.objects.filter(youth=youth_record).exists()


def test_a_note_is_corrected_by_amendment_keeping_the_original(client, caseworker, youth_record):
    note = note_for(youth_record)
    client.force_login(caseworker)
    url = reverse("cases:note_amend", args=[youth_record.pk, note.pk])
    form = client.get(url).context["form"]
    data = {n: form[n].value() for n in form.fields}
    response = client.post(
        url, {**data, "text": "Met at school (synthetic).", "reason": "wrong place"}
    )
    assert response.status_code == 302
    amendment = CaseNote.objects.get(amends=note)
    assert (amendment.text, amendment.amendment_reason) == (
        "Met at school (synthetic).",
        "wrong place",
    )
    note.refresh_from_db()
    assert note.text == "Met at the placement (synthetic)."  # the original is kept
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Met at school (synthetic)." in page
    assert "corrected 1 time" in page
    # The same form again, from the version it was opened on: refused, nothing applied.
    stale = client.post(url, {**data, "idempotency_key": "another", "reason": "again"})
    assert "someone else corrected this note after you opened it" in stale.content.decode()
    assert CaseNote.objects.filter(amends=note).count() == 1


def test_a_photo_is_checked_reencoded_without_metadata_and_served_audited(
    client, caseworker, youth_record
):
    client.force_login(caseworker)
    url = reverse("cases:photo_upload", args=[youth_record.pk])
    upload = SimpleUploadedFile("jo-at-home.jpg", image_bytes("JPEG", exif=True))
    assert client.post(url, {"photo": upload}).status_code == 302
    photo = YouthPhoto.objects.get(youth=youth_record)
    assert is_token(_raw("cases_storedcontent", "data", photo.content_id))
    served = client.get(reverse("cases:photo", args=[youth_record.pk, photo.pk]))
    assert served["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(served.content))
    assert (image.format, image.size) == ("JPEG", (60, 80))
    assert not image.getexif()  # where it was taken is gone
    assert AuditEvent.objects.filter(action="photo.viewed", youth_id=youth_record.pk).exists()
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert f'src="/youth/{youth_record.pk}/photo/{photo.pk}/"' in page


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"GIF89a not an image at all", "this file is not an image"),
        (b"%PDF-1.4 a document", "this file is not an image"),
        (b"\xff\xd8\xff" + b"0" * PHOTO_MAX_BYTES, "the limit is 5 MB"),
    ],
)
def test_a_photo_that_is_not_an_image_or_too_large_is_refused(
    client, caseworker, youth_record, data, problem
):
    client.force_login(caseworker)
    url = reverse("cases:photo_upload", args=[youth_record.pk])
    response = client.post(url, {"photo": SimpleUploadedFile("photo.jpg", data)})
    assert response.status_code == 200
    assert problem in response.context["form"].errors["photo"][0]
    assert not YouthPhoto.objects.exists()


@pytest.mark.parametrize(
    ("persona", "document", "photo"),
    [
        ("caseworker", 200, 200),
        ("supervisor", 200, 200),
        ("program_admin", 200, 200),
        ("mdt_partner", 404, 200),  # shared the identity, not the notes
        ("other_caseworker", 404, 404),
        ("intake_worker", 404, 404),
        ("analyst", 404, 404),
    ],
    indirect=["persona"],
)
def test_who_may_download_documents_and_photos(client, persona, youth_record, document, photo):
    doc = attachment_for(youth_record)
    picture = photo_for(youth_record)
    client.force_login(persona)
    url = reverse("cases:attachment", args=[youth_record.pk, doc.note_id, doc.pk])
    assert client.get(url).status_code == document
    assert (
        client.get(reverse("cases:photo", args=[youth_record.pk, picture.pk])).status_code == photo
    )


def test_the_missing_report_packet_prints_the_photo(client, caseworker, youth_record):
    from pypdf import PdfReader

    from tests.missing.builders import any_episode

    photo_for(youth_record)
    episode = any_episode(youth_record)
    client.force_login(caseworker)
    response = client.post(reverse("missing:packet", args=[youth_record.pk, episode.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert sum(len(page.images) for page in reader.pages) == 1
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Printed below." in text
    event = AuditEvent.objects.filter(action="missing.packet_generated").latest("id")
    assert event.detail["photo_included"] is True


def test_a_document_of_another_note_or_youth_is_not_found(client, caseworker, youth_record, agency):
    from tests import factories

    other = factories.youth(agency.pine, caseworker, first="Ola", last="Other")
    doc = attachment_for(other)
    client.force_login(caseworker)
    wrong = reverse("cases:attachment", args=[youth_record.pk, doc.note_id, doc.pk])
    assert client.get(wrong).status_code == 404
    assert NoteAttachment.objects.count() == 1


def test_a_partner_given_the_notes_reads_them_and_downloads_their_documents(
    client, supervisor, mdt_partner, youth_record
):
    import datetime as dt

    from django.utils import timezone

    from safeharbor.cases.actions import share_youth
    from safeharbor.domain.access import FieldGroup

    doc = attachment_for(youth_record)
    share_youth(
        actor=supervisor,
        youth=youth_record,
        partner=mdt_partner,
        fields=frozenset({FieldGroup.IDENTITY, FieldGroup.NOTES}),
        basis="The CAC interviewer needs the safety plan",
        expires_at=timezone.now() + dt.timedelta(days=7),
        approval_reason="The interview plan depends on the safety plan (synthetic)",
    )
    client.force_login(mdt_partner)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Met at the placement (synthetic)." in page
    assert "Write a case note" not in page  # partners read, never write
    url = reverse("cases:attachment", args=[youth_record.pk, doc.note_id, doc.pk])
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(
        action="note.attachment_downloaded", actor=mdt_partner
    ).exists()
