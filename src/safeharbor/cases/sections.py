"""The base record's sections of the youth page: case notes with their documents."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.access import FieldGroup


def notes_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the case notes and their documents for those who may see notes."""
    if not record.shows(FieldGroup.NOTES):
        return None
    context = {"record": record, "youth": record.youth, "notes": record.notes()}
    return render_to_string("cases/_youth_notes.html", context, request=request)
