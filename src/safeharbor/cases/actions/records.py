"""Writes of the youth's photo and case notes with their documents; notes are corrected by
amendment, never deleted or overwritten (SPEC §3, §8). Audit details never carry a file's name
or a note's words: the audit trail is read by more people than the notes are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import CaseNote, NoteAttachment, StoredContent, Youth, YouthPhoto
from safeharbor.cases.scope import require
from safeharbor.cases.uploads import check_photo, document_type
from safeharbor.domain.access import Action
from safeharbor.domain.care import check_not_future
from safeharbor.domain.errors import InputError
from safeharbor.writes import create_once, save_if_current


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: the name the person's computer gave it, and its bytes."""

    name: str
    data: bytes


def upload_photo(*, actor: User, youth: Youth, data: bytes) -> YouthPhoto:
    """Store a new current photo of the youth (checked and re-encoded); earlier ones are kept."""
    require(actor, youth, Action.EDIT)
    photo = check_photo(data)
    with transaction.atomic(durable=True):
        stored = YouthPhoto.objects.create(
            youth=youth,
            media_type=photo.media_type,
            width=photo.width,
            height=photo.height,
            content=StoredContent.objects.create(data=photo.data, size=len(photo.data)),
            uploaded_at=timezone.now(),
            uploaded_by=actor,
        )
        detail = {"size": len(photo.data), "width": photo.width, "height": photo.height}
        record_event(
            actor=actor, action="photo.uploaded", target=stored, youth=youth, detail=detail
        )
        return stored


def write_note(
    *,
    actor: User,
    youth: Youth,
    noted_on: dt.date,
    text: str,
    idempotency_key: str,
    attachments: tuple[Upload, ...] = (),
) -> CaseNote:
    """Record a dated case note with its documents (each checked by its content), once per key."""
    require(actor, youth, Action.EDIT)
    _check_note(noted_on, text)
    kinds = [document_type(upload.data) for upload in attachments]
    with transaction.atomic(durable=True):
        note, created = create_once(
            CaseNote,
            key={"idempotency_key": idempotency_key},
            create=lambda: _new_note(actor, youth, noted_on, text, idempotency_key),
            expect={"youth_id": youth.pk},
        )
        if created:
            for upload, media_type in zip(attachments, kinds, strict=True):
                _attach(actor, note, upload, media_type)
        return note


def _check_note(noted_on: dt.date, text: str) -> None:
    check_not_future(noted_on, timezone.localdate(), "noted_on")
    if not text.strip():
        raise InputError("write the note", field="text")


def _new_note(
    actor: User,
    youth: Youth,
    noted_on: dt.date,
    text: str,
    key: str,
    amends: CaseNote | None = None,
    reason: str = "",
) -> CaseNote:
    note = CaseNote.objects.create(
        youth=youth,
        noted_on=noted_on,
        text=text,
        amends=amends,
        amendment_reason=reason,
        idempotency_key=key,
        written_at=timezone.now(),
        written_by=actor,
    )
    action = "note.written" if amends is None else "note.amended"
    detail = {"amends": amends.pk} if amends is not None else {}
    record_event(actor=actor, action=action, target=note, youth=youth, detail=detail)
    return note


def _attach(actor: User, note: CaseNote, upload: Upload, media_type: str) -> NoteAttachment:
    return NoteAttachment.objects.create(
        note=note,
        name=_safe_name(upload.name),
        media_type=media_type,
        size=len(upload.data),
        content=StoredContent.objects.create(data=upload.data, size=len(upload.data)),
        uploaded_at=timezone.now(),
        uploaded_by=actor,
    )


def _safe_name(name: str) -> str:
    """Return the file's own name without any folder, control character or over-long tail."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:200] or "document"


def amend_note(
    *,
    actor: User,
    note: CaseNote,
    noted_on: dt.date,
    text: str,
    reason: str,
    seen_version: int,
    idempotency_key: str,
) -> CaseNote:
    """Correct a note with an amendment giving the reason; refused if amended since it was seen."""
    require(actor, note.youth, Action.EDIT)
    if note.amends_id is not None:
        raise InputError("amend the original note, not an amendment")
    _check_note(noted_on, text)
    if not reason.strip():
        raise InputError("say why the note is corrected", field="reason")
    replayed = CaseNote.objects.filter(idempotency_key=idempotency_key, amends=note).first()
    if replayed is not None:  # a double submission: the amendment is already saved
        return replayed
    with transaction.atomic(durable=True):
        save_if_current(
            note,
            seen_version=seen_version,
            changes={},
            stale="someone else corrected this note after you opened it",
        )
        amendment, _ = create_once(
            CaseNote,
            key={"idempotency_key": idempotency_key},
            create=lambda: _new_note(
                actor, note.youth, noted_on, text, idempotency_key, note, reason.strip()
            ),
            expect={"amends_id": note.pk},
        )
        return amendment
