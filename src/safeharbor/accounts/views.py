"""Signing in (password, then the second factor), signing out, changing one's password.

Every page but these requires a signed-in person with a verified second factor
(``accounts.middleware.RequireSecondFactorMiddleware`` and Django's LoginRequiredMiddleware).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from safeharbor.accounts import second_factor
from safeharbor.accounts.actions import change_password, check_second_factor
from safeharbor.accounts.forms import CodeForm, LoginForm
from safeharbor.accounts.models import User
from safeharbor.accounts.sessions import mark_signed_in
from safeharbor.audit.actions import record_event

# One message for every failed sign-in: a wrong password, an unknown username, a paused account.
SIGN_IN_FAILED = (
    "Sign-in failed: the username and password do not match an active account. "
    "After 5 failures in 15 minutes, sign-in is paused for 15 minutes."
)


def sign_in_step(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view reachable before the second factor is verified (and without signing in)."""
    view.sign_in_step = True  # type: ignore[attr-defined]
    return login_not_required(view)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': _safe_next(request)})}"


def axes_lockout_response(
    request: HttpRequest, original_response: HttpResponse, credentials: Any = None
) -> HttpResponse:
    """Keep the sign-in page's own answer: a paused account looks like any failed sign-in."""
    return original_response


@sign_in_step
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """First step: username and password (throttled by django-axes)."""
    if request.user.is_authenticated and request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_safe_next(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)  # a new session key; the second factor is still to come
            mark_signed_in(request)
            with transaction.atomic():
                record_event(actor=user, action="auth.password_accepted", target=user)
            return redirect(_with_next("accounts:second_factor", request))
        paused = bool(getattr(request, "axes_locked_out", False))
        with transaction.atomic():
            record_event(
                actor=None,
                action="auth.login_paused" if paused else "auth.login_failed",
                detail={"username": username[:150]},
            )
        form.add_error(None, SIGN_IN_FAILED)
    context = {
        "form": form,
        "next": _safe_next(request),
        "expired": request.GET.get("expired") == "1",
    }
    return render(request, "registration/login.html", context)


def _pending_user(request: HttpRequest) -> User | None:
    user = request.user
    return user if user.is_authenticated else None  # type: ignore[return-value]


@sign_in_step
@require_http_methods(["GET", "POST"])
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """Second step: the code from the person's authenticator app."""
    user = _pending_user(request)
    if user is None:
        return redirect(_with_next("login", request))
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(_safe_next(request))
    device = second_factor.confirmed_device(user)
    if device is None:
        return redirect(_with_next("accounts:enrol", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, problem = check_second_factor(actor=user, device=device, code=form.cleaned_data["code"])
        if ok:
            return _complete_sign_in(request, device)
        form.add_error("code", problem)
    return render(
        request, "accounts/second_factor.html", {"form": form, "next": _safe_next(request)}
    )


@sign_in_step
@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    """At first sign-in: add an authenticator app by its QR code, and prove it with a code."""
    user = _pending_user(request)
    if user is None:
        return redirect(_with_next("login", request))
    if second_factor.confirmed_device(user) is not None:
        return redirect(_with_next("accounts:second_factor", request))
    with transaction.atomic():
        device = second_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, problem = check_second_factor(actor=user, device=device, code=form.cleaned_data["code"])
        if ok:
            device.refresh_from_db()
            messages.success(request, "Your authenticator app is set up. You are signed in.")
            return _complete_sign_in(request, device)
        form.add_error("code", problem)
    context = {
        "form": form,
        "next": _safe_next(request),
        "qr_code": second_factor.qr_code_data_uri(device),
        "secret": second_factor.secret_base32(device),
    }
    return render(request, "accounts/enrol.html", context)


def _complete_sign_in(request: HttpRequest, device: Any) -> HttpResponse:
    django_otp.login(request, device)
    request.session.cycle_key()  # another new key now that the person is fully signed in
    return redirect(_safe_next(request))


@sign_in_step
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out and end the session (the server forgets it; the cookie becomes useless)."""
    if request.user.is_authenticated:
        with transaction.atomic():
            record_event(actor=request.user, action="auth.logout", target=request.user)  # type: ignore[arg-type]
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    """Change one's password; every other session of the person ends."""
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_password(actor=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)  # keeps this session (with a new key) only
        messages.success(request, "Your password is changed. Any other session you had has ended.")
        return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})


@require_POST
def stay_signed_in(request: HttpRequest) -> HttpResponse:
    """Renew the session's idle timer (the session-timeout warning's "Stay signed in")."""
    return HttpResponse(status=204)
