"""The screenings section of the youth page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.access import FieldGroup
from safeharbor.screenings.queries import screenings_of, victim_statuses_of


def screenings_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the youth's screenings and the button to screen, for those who may see them."""
    if not record.shows(FieldGroup.SCREENINGS):
        return None
    context = {"record": record, "youth": record.youth, "screenings": screenings_of(record)}
    return render_to_string("screenings/_youth_screenings.html", context, request=request)


def victim_status_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the youth's victim status (SPEC §7) for those who see screenings."""
    if not record.shows(FieldGroup.SCREENINGS):
        return None
    determinations = victim_statuses_of(record)
    context = {"record": record, "youth": record.youth, "determinations": determinations}
    return render_to_string("screenings/_youth_victim_status.html", context, request=request)
