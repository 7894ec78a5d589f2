"""Demo case notes (one with a generated PDF attached) and synthetic photos (a plain silhouette
with the youth's initials, never a person's likeness), written by each youth's caseworker."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from safeharbor.cases.actions import Upload, upload_photo, write_note
from safeharbor.cases.models import Youth

NOTES = (
    (30, "Home visit at the placement. The youth is settling in and asked about school."),
    (12, "Met with the youth and the foster parent to agree a safety plan (attached)."),
    (3, "Phone call with the youth's teacher: attendance is back to every day."),
)


def add_demo_records(youth: list[Youth], today: dt.date) -> int:
    """Give three assigned youth a photo and the first of them notes, one with a PDF."""
    assigned = [(y, y.caseworker) for y in youth if y.caseworker is not None][:3]
    for record, worker in assigned:
        upload_photo(actor=worker, youth=record, data=silhouette(initials(record)))
    first, worker = assigned[0]
    for days, text in NOTES:
        attached = (Upload("safety-plan.pdf", safety_plan(first)),) if "attached" in text else ()
        write_note(
            actor=worker,
            youth=first,
            noted_on=today - dt.timedelta(days=days),
            text=text,
            idempotency_key=f"demo-note-{first.pk}-{days}",
            attachments=attached,
        )
    return len(NOTES)


def initials(youth: Youth) -> str:
    """Return the youth's initials, preferred name first."""
    return f"{(youth.preferred_name or youth.legal_first_name)[:1]}{youth.legal_last_name[:1]}"


def silhouette(letters: str) -> bytes:
    """Return a PNG of a plain head-and-shoulders outline with ``letters`` beneath it."""
    image = Image.new("RGB", (240, 300), (223, 225, 226))
    draw = ImageDraw.Draw(image)
    draw.ellipse((80, 50, 160, 140), fill=(113, 118, 122))
    draw.ellipse((40, 150, 200, 330), fill=(113, 118, 122))
    draw.text((110, 20), letters, fill=(27, 27, 27))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def safety_plan(youth: Youth) -> bytes:
    """Return a one-page synthetic safety plan as a PDF."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=LETTER)
    lines = (
        f"Safety plan for {youth.short_name} (synthetic demo document)",
        "1. Trusted adults to call: the caseworker, the foster parent.",
        "2. Safe places after school: the library, the community center.",
        "3. If contacted by the exploiter: tell an adult, do not reply.",
    )
    for number, line in enumerate(lines):
        page.drawString(72, 720 - 20 * number, line)
    page.save()
    return buffer.getvalue()
