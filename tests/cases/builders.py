"""Synthetic files for tests: a small PDF with given words, a plain image, and notes with them."""

from __future__ import annotations

import datetime as dt
import io
import uuid

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from safeharbor.cases.actions import Upload, upload_photo, write_note


def pdf_with(words: str) -> bytes:
    """Return a one-page PDF that says ``words``."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=LETTER)
    page.drawString(72, 700, words)
    page.save()
    return buffer.getvalue()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (60, 80), exif: bool = False) -> bytes:
    """Return a plain silhouette image (never a person's likeness)."""
    image = Image.new("RGB", size, (200, 210, 220))
    ImageDraw.Draw(image).ellipse((15, 10, 45, 40), fill=(90, 100, 110))
    buffer = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010E] = "Synthetic location 41.88N 87.62W"  # ImageDescription
        image.save(buffer, format=fmt, exif=data)
    else:
        image.save(buffer, format=fmt)
    return buffer.getvalue()


def note_for(youth, *, text: str = "Met at the placement (synthetic).", name: str = "", data=b""):
    """Return a note written by the youth's caseworker, with one attachment when ``data`` given."""
    uploads = (
        (Upload(name or "visit.pdf", data or pdf_with("Visit summary")),) if name or data else ()
    )
    return write_note(
        actor=youth.caseworker,
        youth=youth,
        noted_on=dt.date(2026, 2, 1),
        text=text,
        idempotency_key=uuid.uuid4().hex,
        attachments=uploads,
    )


def attachment_for(youth):
    """Return a document attached to a note of the youth, writing one if there is none."""
    from safeharbor.cases.models import NoteAttachment

    found = NoteAttachment.objects.filter(note__youth=youth).first()
    return found or note_for(youth, name="visit.pdf").attachments.get()


def photo_for(youth):
    """Return the youth's current photo, adding a synthetic one if there is none."""
    return youth.photos.first() or upload_photo(
        actor=youth.caseworker, youth=youth, data=image_bytes()
    )
