"""Attribute each request's audit events to its network address and client."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from safeharbor.audit.context import Origin, origin


class RequestOriginMiddleware:
    """Set the audit origin from REMOTE_ADDR and the User-Agent for the length of a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = Origin(
            address=request.META.get("REMOTE_ADDR", ""),
            client="web " + request.META.get("HTTP_USER_AGENT", "")[:200],
        )
        with origin(value):
            return self.get_response(request)
