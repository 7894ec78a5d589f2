"""Home and error pages (signing in and out lives in accounts.views; the youth's page in
web.youth)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases.queries import caseload_page
from safeharbor.domain.access import Role
from safeharbor.intake.queries import intakes_taken_by
from safeharbor.obligations.queries import my_work
from safeharbor.partners.queries import upcoming_meetings_for

CASELOAD_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN, Role.MDT_PARTNER}


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Show the signed-in person's caseload, or their role's starting page."""
    role = Role(request.user.role)
    if role is Role.INTAKE_WORKER:
        return _intake_home(request)
    if role not in CASELOAD_ROLES:
        return render(request, "web/home_other.html", {"role": role})
    return _caseload(request, role)


def _intake_home(request: AuthenticatedRequest) -> HttpResponse:
    """An intake worker starts from their work and the intakes they took."""
    user = request.user
    context = {
        "role": Role.INTAKE_WORKER,
        "work": my_work(user),
        "intakes": intakes_taken_by(user)[:10],
    }
    return render(request, "web/home_intake.html", context)


def _caseload(request: AuthenticatedRequest, role: Role) -> HttpResponse:
    """The caseload (searchable), upcoming meetings, and a caseworker's own work."""
    user = request.user
    text = request.GET.get("q", "").strip()[:100]
    page = caseload_page(
        actor=user,
        text=text,
        number=request.GET.get("page"),
        per_page=settings.SAFEHARBOR_PAGE_SIZE,
    )
    context = {
        "page": page,
        "q": text,
        "role": role,
        "today": timezone.localdate(),
        "upcoming_meetings": upcoming_meetings_for(user),
        "work": my_work(user) if role is Role.CASEWORKER else None,
    }
    return render(request, "web/caseload.html", context)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Say a page was not found, without saying whether a record exists."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Apologise without detail; the log has the trace."""
    return render(request, "500.html", status=500)
