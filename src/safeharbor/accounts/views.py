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
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts import queries, second_factor
from safeharbor.accounts.actions import (
    STAFF_FIELDS,
    accept_password,
    change_password,
    check_second_factor,
    invite_staff,
    record_sign_out,
    refuse_sign_in,
    reset_second_factor,
    send_set_password_link,
    set_own_password,
    start_enrolment,
    update_staff,
)
from safeharbor.accounts.forms import CodeForm, LoginForm, ResetSecondFactorForm, StaffForm
from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.accounts.models import ROLE_CHOICES, User
from safeharbor.accounts.second_factor import is_verified
from safeharbor.accounts.sessions import mark_signed_in
from safeharbor.domain.access import Role
from safeharbor.domain.errors import InputError
from safeharbor.ui.forms import run_action

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
    if is_verified(request.user):
        return redirect(_safe_next(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if isinstance(user, User):
            return _password_accepted(request, user)
        refuse_sign_in(
            username=form.cleaned_data["username"],
            paused=bool(getattr(request, "axes_locked_out", False)),
        )
        form.add_error(None, SIGN_IN_FAILED)
    context = {
        "form": form,
        "next": _safe_next(request),
        "expired": request.GET.get("expired") == "1",
    }
    return render(request, "registration/login.html", context)


def _password_accepted(request: HttpRequest, user: User) -> HttpResponse:
    login(request, user)  # a new session key; the second factor is still to come
    mark_signed_in(request)
    accept_password(actor=user)
    return redirect(_with_next("accounts:second_factor", request))


def _pending_user(request: HttpRequest) -> User | None:
    """Return the person half-way through signing in (password accepted), if any."""
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


@sign_in_step
@require_http_methods(["GET", "POST"])
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """Second step: the code from the person's authenticator app."""
    user = _pending_user(request)
    if user is None:
        return redirect(_with_next("login", request))
    if is_verified(user):
        return redirect(_safe_next(request))
    device = second_factor.confirmed_device(user)
    if device is None:
        return redirect(_with_next("accounts:enrol", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_accepted(form, user, device):
        return _complete_sign_in(request, device)
    return render(
        request, "accounts/second_factor.html", {"form": form, "next": _safe_next(request)}
    )


def _code_accepted(form: CodeForm, user: User, device: TOTPDevice) -> bool:
    """Check the typed code; a refusal goes beside the code field."""
    ok, problem = check_second_factor(actor=user, device=device, code=form.cleaned_data["code"])
    if not ok:
        form.add_error("code", problem)
    return ok


@sign_in_step
@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    """At first sign-in: add an authenticator app by its QR code, and prove it with a code."""
    user = _pending_user(request)
    if user is None:
        return redirect(_with_next("login", request))
    if second_factor.confirmed_device(user) is not None:
        return redirect(_with_next("accounts:second_factor", request))
    device = start_enrolment(actor=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_accepted(form, user, device):
        messages.success(request, "Your authenticator app is set up. You are signed in.")
        return _complete_sign_in(request, device)
    context = {
        "form": form,
        "next": _safe_next(request),
        "qr_code": second_factor.qr_code_data_uri(device),
        "secret": second_factor.secret_base32(device),
    }
    return render(request, "accounts/enrol.html", context)


def _complete_sign_in(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    django_otp.login(request, device)
    request.session.cycle_key()  # another new key now that the person is fully signed in
    return redirect(_safe_next(request))


@sign_in_step
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out and end the session (the server forgets it; the cookie becomes useless)."""
    if isinstance(request.user, User):
        record_sign_out(actor=request.user)
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def password_change_view(request: AuthenticatedRequest) -> HttpResponse:
    """Change one's password; every other session of the person ends."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_password(actor=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # keeps this session (new key) only
        messages.success(request, "Your password is changed. Any other session you had has ended.")
        return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})


@require_POST
def stay_signed_in(request: AuthenticatedRequest) -> HttpResponse:
    """Renew the session's idle timer (the session-timeout warning's "Stay signed in")."""
    return HttpResponse(status=204)


# --- staff administration (LoginRequiredMiddleware signs in; queries refuse all but admins) ---


@require_GET
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    """List staff accounts for an administrator, searchable and by role."""
    text = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    accounts = queries.staff_visible_to(request.user, text=text, role=role)
    page = Paginator(accounts, settings.SAFEHARBOR_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/staff_list.html",
        {"page": page, "q": text, "role": role, "roles": ROLE_CHOICES},
    )


def _staff_form_values(form: StaffForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "role": Role(data["role"]),
        "unit": data["unit"],
        "district": data["district"],
        "partner_kind": data["partner_kind"],
        **{name: data[name] for name in STAFF_FIELDS},
    }


@require_http_methods(["GET", "POST"])
def staff_new(request: AuthenticatedRequest) -> HttpResponse:
    """Open a staff account; the person chooses a password through an e-mailed link."""
    queries.staff_visible_to(request.user)  # 404 for anyone but an administrator
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = run_action(
            form,
            lambda: invite_staff(
                actor=request.user,
                username=form.cleaned_data["username"],
                base_url=settings.SAFEHARBOR_BASE_URL,
                **_staff_form_values(form),
            ),
        )
        if account is not None:
            messages.success(
                request, f"{account} can now set a password: the link went to {account.email}."
            )
            return redirect("accounts:staff_edit", staff_pk=account.pk)
    return render(request, "accounts/staff_form.html", {"form": form, "account": None})


@require_http_methods(["GET", "POST"])
def staff_edit(request: AuthenticatedRequest, staff_pk: int) -> HttpResponse:
    """Change a staff account's role, place, details, or close it."""
    account = queries.get_staff(actor=request.user, pk=staff_pk)
    form = StaffForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        values = {"is_active": form.cleaned_data["is_active"], **_staff_form_values(form)}
        saved = run_action(
            form,
            lambda: update_staff(actor=request.user, user=account, **values),
        )
        if saved:
            messages.success(request, "The account was saved.")
            return redirect("accounts:staff_edit", staff_pk=account.pk)
        # The bound form changed its copy of the account: show the account as it is stored.
        account = queries.get_staff(actor=request.user, pk=staff_pk)
    context = {
        "form": form,
        "account": account,
        "reset_form": ResetSecondFactorForm(),
        "has_authenticator": second_factor.confirmed_device(account) is not None,
    }
    return render(request, "accounts/staff_form.html", context)


def _say_outcome(request: HttpRequest, call: Callable[[], object], done: str) -> None:
    """Run an action; say ``done``, or the refusal, at the top of the next page."""
    try:
        call()
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


@require_POST
def staff_reset_second_factor(request: AuthenticatedRequest, staff_pk: int) -> HttpResponse:
    """Remove a person's authenticator so they enrol a new one at their next sign-in."""
    account = queries.get_staff(actor=request.user, pk=staff_pk)
    form = ResetSecondFactorForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the second factor is being reset.")
    else:
        reason = form.cleaned_data["reason"]
        _say_outcome(
            request,
            lambda: reset_second_factor(actor=request.user, user=account, reason=reason),
            f"{account} will set up a new authenticator at the next sign-in.",
        )
    return redirect("accounts:staff_edit", staff_pk=account.pk)


@require_POST
def staff_send_link(request: AuthenticatedRequest, staff_pk: int) -> HttpResponse:
    """E-mail a new set-password link (a forgotten password)."""
    account = queries.get_staff(actor=request.user, pk=staff_pk)
    _say_outcome(
        request,
        lambda: send_set_password_link(
            actor=request.user, user=account, base_url=settings.SAFEHARBOR_BASE_URL
        ),
        f"A set-password link went to {account.email}.",
    )
    return redirect("accounts:staff_edit", staff_pk=account.pk)


@sign_in_step
@require_http_methods(["GET", "POST"])
def set_password_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Choose a password through a one-time link from an administrator."""
    if request.user.is_authenticated:  # never set one account's password inside another's session
        context = {"form": None, "signed_in": True}
        return render(request, "accounts/set_password.html", context, status=400)
    account = queries.account_for_link(uidb64, token)
    if account is None:
        return render(request, "accounts/set_password.html", {"form": None}, status=400)
    form = _set_password_form(account, request)
    if request.method == "POST" and form.is_valid():
        set_own_password(user=account, new_password=form.cleaned_data["new_password1"])
        messages.success(request, "Your password is set. Sign in to set up your authenticator app.")
        return redirect("login")
    return render(request, "accounts/set_password.html", {"form": form, "account": account})


def _set_password_form(account: User, request: HttpRequest) -> SetPasswordForm[User]:
    form = SetPasswordForm(account, request.POST or None)
    form.fields["new_password1"].help_text = ""  # the page says the rules in plain words
    for field in form.fields.values():
        field.widget.attrs["autocomplete"] = "new-password"
    return form
