"""Response headers every authenticated page needs."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreForAuthenticatedMiddleware:
    """Keep case content out of browser and proxy caches (a shared computer, a back button)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code >= 500:  # an error page: never cached, and no user lookup, which
            add_never_cache_headers(response)  # would query a database that may be down
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # sets no-cache, no-store, must-revalidate, private
        return response


class SecurityHeadersMiddleware:
    """Add the Permissions-Policy header (Django sets nosniff, referrer and framing headers)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that an error page leaves the session store alone.

    Django never saves a session on a 5xx response, but with SESSION_SAVE_EVERY_REQUEST it still
    reads the session's expiry first, which queries the database: when the database is down,
    the 503 page (web/unavailable.py) would itself fail. The session stays as it was.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code >= 500:
            return response
        return super().process_response(request, response)
