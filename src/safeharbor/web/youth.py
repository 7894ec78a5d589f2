"""The youth's page, composed from the apps: the base record, one timeline, then each app's section.

``cases`` gives the scoped, audited record (``cases.queries.get_youth``) and draws the timeline's
picture; every other app contributes through the two registries below, in page order, reading
through its own queries and showing only the field groups the record shows. The top floor knows
the apps; the apps do not know each other or this page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases import queries
from safeharbor.cases.picture import draw
from safeharbor.cases.queries import YouthRecord
from safeharbor.cases.timeline import TimelineEntry, newest_first
from safeharbor.missing.timeline import missing_now
from safeharbor.screenings.queries import identified_victim

# Each names ``entries(record) -> list[TimelineEntry]``: the app's dated things about the youth.
YOUTH_TIMELINE: tuple[str, ...] = (
    "safeharbor.cases.timeline.entries",
    "safeharbor.missing.timeline.entries",
    "safeharbor.obligations.timeline.entries",
    "safeharbor.screenings.timeline.entries",
)

# Each names ``section(request, record) -> str | None``: the section's HTML, or None when the
# viewer may see nothing of it.
YOUTH_PAGE_SECTIONS: tuple[str, ...] = (
    "safeharbor.missing.sections.missing_section",
    "safeharbor.screenings.sections.victim_status_section",
    "safeharbor.screenings.sections.screenings_section",
    "safeharbor.obligations.sections.obligations_section",
    "safeharbor.partners.sections.needs_section",
    "safeharbor.partners.sections.meetings_section",
    "safeharbor.partners.sections.referrals_section",
    "safeharbor.cases.sections.notes_section",
)


def timeline(record: YouthRecord) -> list[TimelineEntry]:
    """Return every app's entries on one line of time, newest first, as the viewer may see them."""
    contributors: list[Callable[[YouthRecord], list[TimelineEntry]]]
    contributors = [import_string(path) for path in YOUTH_TIMELINE]
    return newest_first([entry for entries in contributors for entry in entries(record)])


def render_sections(request: HttpRequest, record: YouthRecord) -> list[SafeString]:
    """Return the HTML of every section the viewer may see, in page order."""
    rendered = (import_string(path)(request, record) for path in YOUTH_PAGE_SECTIONS)
    return [html for html in rendered if html]


@login_required
@require_GET
def youth_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show a youth's profile, timeline and every section the viewer may see."""
    record = queries.get_youth(actor=request.user, pk=pk)
    entries = timeline(record)
    context = {
        "record": record,
        "youth": record.youth,
        "today": timezone.localdate(),
        "timeline": entries,
        "picture": draw(entries, timezone.localdate(record.now)),
        "missing_now": missing_now(entries),
        "sections": render_sections(request, record),
        "identified_victim": identified_victim(record),
    }
    return render(request, "web/youth.html", context)
