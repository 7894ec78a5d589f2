"""Home and error pages (signing in and out lives in accounts.views; the youth's page in
web.youth)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.accounts.models import User
from safeharbor.cases.queries import caseload_page
from safeharbor.domain.access import Role
from safeharbor.intake.queries import intakes_taken_by
from safeharbor.missing.queries import unanswered_flags
from safeharbor.obligations.queries import BOARD_ROLES, board, my_work
from safeharbor.partners.queries import upcoming_meetings_for
from safeharbor.web import search, unavailable

CASELOAD_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN, Role.MDT_PARTNER}


@login_required
@require_http_methods(["GET", "POST"])
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Show the signed-in person's caseload, or their role's starting page; POST searches it."""
    role = Role(request.user.role)
    if request.method == "POST":
        return _search(request) if role in CASELOAD_ROLES else HttpResponseNotAllowed(["GET"])
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
    token, text = search.recall(request)
    if request.GET.get(search.TOKEN_PARAMETER) and not token:
        messages.info(request, "That search has ended with its session. Search again.")
    page = caseload_page(
        actor=user,
        text=text,
        number=request.GET.get("page"),
        per_page=settings.SAFEHARBOR_PAGE_SIZE,
    )
    context = {
        "page": page,
        "q": text,
        "search_token": token,
        "role": role,
        "today": timezone.localdate(),
        "upcoming_meetings": upcoming_meetings_for(user),
        "work": my_work(user) if role is Role.CASEWORKER else None,
        "needs": _needs(user) if role in BOARD_ROLES else None,
    }
    return render(request, "web/caseload.html", context)


def _needs(user: User) -> dict[str, object]:
    """What a supervisor's or PA's home opens on: youth awaiting assignment, overdue by worker,
    pattern flags nobody has responded to."""
    deadlines = board(user)
    return {
        "awaiting": deadlines.awaiting,
        "overdue_by_worker": [line for line in deadlines.by_worker if line.overdue],
        "unowned": len(deadlines.unowned),
        "flags": list(unanswered_flags(user)[:20]),
    }


def _search(request: AuthenticatedRequest) -> HttpResponse:
    """Keep the words in the session and show the results at a URL without them (web/search.py)."""
    text = search.words_from(request)
    if not text:
        return redirect("home")
    token = search.remember(request, text)
    return redirect(f"{reverse('home')}?{search.TOKEN_PARAMETER}={token}")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Say a page was not found, without saying whether a record exists."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Apologise without detail; the log has the trace. No database: a plain 503 (unavailable)."""
    failure = unavailable.database_failure()
    if failure is not None:
        return unavailable.unavailable_response(request, failure)
    return render(request, "500.html", status=500)
