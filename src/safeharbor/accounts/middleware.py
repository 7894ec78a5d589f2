"""Every page requires a verified second factor, and no session outlives its absolute limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from safeharbor.accounts.actions import record_session_limit
from safeharbor.accounts.models import User
from safeharbor.accounts.second_factor import is_verified
from safeharbor.accounts.sessions import beyond_absolute_limit


class SessionLimitMiddleware:
    """End a session that has reached the absolute limit (12 hours after sign-in by default)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and beyond_absolute_limit(request):
            record_session_limit(actor=user)
            logout(request)
            query = urlencode({"next": request.get_full_path(), "expired": "1"})
            return redirect(f"{reverse('login')}?{query}")
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """Send a signed-in person whose second factor is not verified yet to that step.

    Django's LoginRequiredMiddleware (before this one) sends anonymous visitors to sign in; views
    marked ``accounts.views.sign_in_step`` (sign-in, the second factor, enrolment, sign-out) are
    the only pages reachable in between.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if getattr(view_func, "sign_in_step", False):
            return None
        if request.user.is_authenticated and not is_verified(request.user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:second_factor')}?{query}")
        return None
