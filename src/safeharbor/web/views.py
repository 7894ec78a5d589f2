"""Home and error pages (signing in and out lives in accounts.views)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.queries import search_caseload
from safeharbor.domain.access import Role
from safeharbor.intake.queries import intakes_taken_by
from safeharbor.obligations.queries import my_work
from safeharbor.partners.queries import upcoming_meetings_for

CASELOAD_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN, Role.MDT_PARTNER}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the signed-in person's caseload, or their role's starting page."""
    user: User = request.user  # type: ignore[assignment]
    role = Role(user.role)
    if role is Role.INTAKE_WORKER:
        intakes = intakes_taken_by(user)[:10]
        context = {"role": role, "work": my_work(user), "intakes": intakes}
        return render(request, "web/home_intake.html", context)
    if role not in CASELOAD_ROLES:
        return render(request, "web/home_other.html", {"role": role})
    text = request.GET.get("q", "").strip()[:100]
    paginator = Paginator(search_caseload(user, text=text), settings.SAFEHARBOR_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    with transaction.atomic():
        record_event(
            actor=user,
            action="caseload.viewed",
            detail={"search": bool(text), "page": page.number, "shown": len(page.object_list)},
        )
    return render(
        request,
        "web/caseload.html",
        {
            "page": page,
            "q": text,
            "role": role,
            "today": _today(),
            "upcoming_meetings": upcoming_meetings_for(user),
            "work": my_work(user) if role is Role.CASEWORKER else None,
        },
    )


def _today():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.localdate()


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Say a page was not found, without saying whether a record exists."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Apologise without detail; the log has the trace."""
    return render(request, "500.html", status=500)
