"""Youth record pages: thin views over cases.queries."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from safeharbor.audit.catalogue import describe
from safeharbor.cases import queries
from safeharbor.cases.sections import render_sections


@login_required
@require_GET
def youth_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a youth's profile and placement timeline, as far as the viewer may see."""
    record = queries.get_youth(actor=request.user, pk=pk)
    return render(
        request,
        "cases/youth_detail.html",
        {
            "record": record,
            "youth": record.youth,
            "today": timezone.localdate(),
            "sections": render_sections(request, record),
        },
    )


@login_required
@require_POST
def placement_address(request: HttpRequest, pk: int, placement_pk: int) -> HttpResponse:
    """Reveal one placement's address to someone allowed to see it (audited)."""
    view = queries.reveal_placement_address(actor=request.user, pk=pk, placement_pk=placement_pk)
    return render(request, "cases/_placement_address.html", {"placement": view})


@login_required
@require_GET
def youth_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """Show who has seen or changed this youth's record, newest first."""
    youth, events = queries.audit_trail_for(actor=request.user, pk=pk)
    page = Paginator(events, settings.SAFEHARBOR_PAGE_SIZE * 2).get_page(request.GET.get("page"))
    rows = [(event, describe(event.action)) for event in page.object_list]
    return render(
        request,
        "cases/youth_audit.html",
        {"youth": youth, "page": page, "rows": rows},
    )
