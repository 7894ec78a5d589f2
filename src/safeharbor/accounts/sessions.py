"""Session limits (SPEC §8 "Sessions expire"): idle timeout by the session store, a 12-hour cap.

The idle timeout is the session's own expiry (SESSION_COOKIE_AGE, renewed on every request by
SESSION_SAVE_EVERY_REQUEST), enforced by the server, not the browser. The absolute limit is the
time of sign-in kept in the session: past it the session ends whatever the activity.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

SIGNED_IN_AT = "safeharbor_signed_in_at"


def mark_signed_in(request: HttpRequest, *, now: dt.datetime | None = None) -> None:
    """Start the absolute session clock."""
    request.session[SIGNED_IN_AT] = (now or timezone.now()).timestamp()


def beyond_absolute_limit(request: HttpRequest, *, now: dt.datetime | None = None) -> bool:
    """Return whether the session has no sign-in time or passed the absolute limit."""
    started = request.session.get(SIGNED_IN_AT)
    if not isinstance(started, int | float):
        return True
    limit = settings.SAFEHARBOR_SESSION_MAX_HOURS * 3600
    return (now or timezone.now()).timestamp() - started > limit
