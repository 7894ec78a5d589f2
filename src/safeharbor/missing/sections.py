"""The missing-from-care section of the youth page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.access import FieldGroup
from safeharbor.missing.queries import episodes_of


def missing_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the youth's episodes, flags and the button to record missing, for those who may."""
    if not record.shows(FieldGroup.MISSING):
        return None
    episodes = episodes_of(record)
    context = {
        "record": record,
        "youth": record.youth,
        "episodes": episodes,
        "can_record": record.can["edit"] and not any(e.is_open for e in episodes),
    }
    return render_to_string("missing/_youth_missing.html", context, request=request)
