"""The obligations section of the youth page: each clock with its rule, source, owner, history."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.access import FieldGroup
from safeharbor.obligations.queries import obligations_of


def obligations_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the youth's obligations for those who may see them (``FieldGroup.OBLIGATIONS``)."""
    if not record.shows(FieldGroup.OBLIGATIONS):
        return None
    context = {"record": record, "obligations": obligations_of(record.youth, now=record.now)}
    return render_to_string("obligations/_youth_obligations.html", context, request=request)
