"""Sign-in, sign-out, home, and error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.queries import search_caseload
from safeharbor.domain.access import Role
from safeharbor.web.forms import LoginForm

CASELOAD_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN, Role.MDT_PARTNER}


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Sign in with username and password."""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)  # rotates the session key
            with transaction.atomic():
                record_event(actor=user, action="auth.login", target=user)
            return redirect(_safe_next(request))
        with transaction.atomic():
            record_event(
                actor=None,
                action="auth.login_failed",
                detail={"username": form.cleaned_data["username"][:150]},
            )
        form.add_error(None, "That username and password do not match an active account.")
    return render(request, "registration/login.html", {"form": form, "next": _safe_next(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out and end the session."""
    if request.user.is_authenticated:
        with transaction.atomic():
            record_event(actor=request.user, action="auth.logout", target=request.user)
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the signed-in person's caseload, or their role's starting page."""
    user: User = request.user  # type: ignore[assignment]
    role = Role(user.role)
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
        {"page": page, "q": text, "role": role, "today": _today()},
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
