"""Liveness: ``GET /healthz`` answers "ok" with no session, no template and no database query.

A load balancer's check that the process answers, and the page benchmark's baseline (the cost of
a request through the server and the middleware alone). It is public: sent without a session
cookie, nothing reads or writes a session, so it stays cheap enough to poll every few seconds.
Readiness (can it reach the database?) is a different question this view deliberately does
not ask: a database outage must not make the load balancer kill every web process at once.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 "ok" as plain text."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# Included at ``healthz`` by config/urls.py. Unnamed on purpose: the URL walk
# (tests/web/test_url_walk.py) checks that every *named* page sends strangers to sign in.
urlpatterns = [path("", healthz)]
