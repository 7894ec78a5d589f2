"""Attribute each request's audit events to its network address and client."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from safeharbor.audit.context import Origin, origin


class RequestOriginMiddleware:
    """Set the audit origin from REMOTE_ADDR and the User-Agent for the length of a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = Origin(
            address=client_address(request, settings.SAFEHARBOR_TRUSTED_PROXIES),
            client="web " + request.META.get("HTTP_USER_AGENT", "")[:200],
        )
        with origin(value):
            return self.get_response(request)


def client_address(request: HttpRequest, trusted_proxies: list[str]) -> str:
    """Return the address of whoever sent the request, seen through the agency's own proxies.

    Behind a proxy REMOTE_ADDR is the proxy's; the proxy appends the address it saw to
    X-Forwarded-For. Only a request from a trusted proxy is believed, and only the last hop that
    is not itself a trusted proxy counts: earlier entries are whatever the client claimed.
    """
    address = str(request.META.get("REMOTE_ADDR", ""))
    if address not in trusted_proxies:
        return address
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop.strip() for hop in forwarded.split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if hop not in trusted_proxies:
            return str(hop)
    return address
