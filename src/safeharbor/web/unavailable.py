"""When the database cannot be reached: a plain 503 that needs neither session nor database.

Django turns an exception anywhere in a request (a middleware loading the session, a view, a
template) into a call of ``handler500`` (``web.views.server_error``) while the exception is
still being handled. When that exception is the database's ``OperationalError`` or
``InterfaceError`` (refused, cut, restarting, locked beyond the busy timeout), the answer is
this page: static bytes read once at start-up, no template, no context processor, no session,
no query. One log line says what failed, instead of a traceback per request (Django's own
logging of the response is marked done). The connection is not reused: Django closes a
connection that failed when the request ends, and checks a kept one before its first query
(``CONN_HEALTH_CHECKS``), so the next request reconnects without a restart.

Writes run in one transaction with their audit event (``transaction.atomic`` in every action),
so a write cut off part-way is rolled back by the database: it is either committed or refused.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("safeharbor.unavailable")

PAGE = (Path(__file__).parent / "static" / "web" / "unavailable.html").read_bytes()
RETRY_AFTER_SECONDS = 30
_MESSAGE_CHARACTERS = 200


def database_failure() -> BaseException | None:
    """Return the exception being handled if it says the database cannot be used, else None."""
    error = sys.exc_info()[1]
    return error if isinstance(error, OperationalError | InterfaceError) else None


def unavailable_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    """Log one line for ``error`` and return the static 503 page."""
    first_line = (str(error).strip().splitlines() or [""])[0][:_MESSAGE_CHARACTERS]
    logger.error(
        "database unavailable: %s %s answered 503 (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        first_line,
    )
    response = HttpResponse(PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    response._has_been_logged = True  # type: ignore[attr-defined]  # no traceback from Django
    return response
