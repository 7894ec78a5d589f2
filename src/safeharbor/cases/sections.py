"""Sections of the youth page contributed by other apps (screenings, obligations, meetings…).

Each entry names a function ``(request, record) -> str | None`` returning the section's HTML, or
None when the viewer may see nothing of it. The youth page shows them in this order. A section
reads through its own app's queries, from the ``YouthRecord`` that was already scoped and audited.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from safeharbor.cases.queries import YouthRecord

YOUTH_PAGE_SECTIONS: tuple[str, ...] = (
    "safeharbor.missing.sections.missing_section",
    "safeharbor.screenings.sections.screenings_section",
    "safeharbor.obligations.sections.obligations_section",
    "safeharbor.partners.sections.needs_section",
    "safeharbor.partners.sections.meetings_section",
    "safeharbor.partners.sections.referrals_section",
)


def render_sections(request: HttpRequest, record: YouthRecord) -> list[SafeString]:
    """Return the HTML of every section the viewer may see, in page order."""
    rendered = (import_string(path)(request, record) for path in YOUTH_PAGE_SECTIONS)
    return [html for html in rendered if html]
