"""PostgreSQL: the app's connections terminated mid-request and while idle (web/unavailable.py).

Requests go through Django's real WSGI application, called as a WSGI server calls it (the
request_started and request_finished signals fire, the response is closed), because that is
where Django closes a broken connection and checks a kept one; the test client skips both.
A second connection terminates the app's own with ``pg_terminate_backend``, as a database
restart, a failover or an administrator would.
"""

from __future__ import annotations

import logging
import re
from http.cookies import SimpleCookie

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import RequestFactory
from django.urls import reverse

from safeharbor.audit.models import AuditEvent
from safeharbor.audit.verify import verify_trail
from safeharbor.cases.actions import youth as youth_actions
from safeharbor.cases.models import Youth
from safeharbor.web.unavailable import PAGE
from tests.mfa import SignedInClient

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


class Server:
    """Django's WSGI application served to one browser with a cookie jar."""

    def __init__(self, cookies: SimpleCookie) -> None:
        self.app = WSGIHandler()
        self.cookies = cookies

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, bytes]:
        """Return the status and body, after closing the response as a server does."""
        request = getattr(RequestFactory(), method.lower())(path, data or {})
        environ = request.environ
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        started: list[tuple[str, list[tuple[str, str]]]] = []

        def start_response(status, headers, exc_info=None):
            started.append((status, headers))

        response = self.app(environ, start_response)
        body = b"".join(response)
        response.close()  # fires request_finished: Django closes a connection that failed
        status, headers = started[0]
        for name, value in headers:
            if name.lower() == "set-cookie":
                self.cookies.load(value)
        return int(status.split()[0]), body


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid: int) -> None:
    """Terminate backend ``pid`` from a second connection of our own."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


@pytest.fixture
def server(caseworker, youth_record):
    client = SignedInClient()
    client.force_login(caseworker)
    return Server(client.cookies)


def _edit_form(server: Server, youth: Youth) -> dict[str, str]:
    """Open the edit page; return its form's fields as the browser would post them."""
    status, body = server.request("GET", reverse("cases:youth_edit", args=[youth.pk]))
    assert status == 200
    page = body.decode()
    fields = dict(re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', page))
    fields.update(re.findall(r'<input[^>]*?value="([^"]*)"[^>]*?name="([^"]+)"', page)[::-1])
    # Selects post their chosen option (custody status is required).
    for name, options in re.findall(r'<select[^>]*?name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        if chosen:
            fields[name] = chosen.group(1)
    return fields


def test_terminated_mid_write_gives_a_503_then_a_200_with_nothing_lost(
    server, youth_record, caplog
):
    values = _edit_form(server, youth_record)
    assert "csrfmiddlewaretoken" in values
    assert "version" in values
    before = list(AuditEvent.objects.order_by("id").values_list("id", "hash"))
    real_record_event = youth_actions.record_event

    def terminated_after_the_update(**kwargs):  # the youth row is updated, not yet committed
        _terminate(_backend_pid())
        return real_record_event(**kwargs)

    edit = reverse("cases:youth_edit", args=[youth_record.pk])
    caplog.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(youth_actions, "record_event", terminated_after_the_update)
        status, body = server.request("POST", edit, {**values, "preferred_name": "Jojo"})
    assert (status, body) == (503, PAGE)
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1
    assert problems[0].exc_info is None
    assert problems[0].getMessage().startswith(f"database unavailable: POST {edit} answered 503")

    # Nothing half-done: the update was rolled back with its audit event; nothing before is lost.
    assert Youth.objects.get(pk=youth_record.pk).preferred_name == "Jo"
    kept = AuditEvent.objects.filter(id__lte=before[-1][0]).values_list("id", "hash")
    assert list(kept) == before
    assert not AuditEvent.objects.filter(action="youth.updated").exists()

    # The next request gets a new connection: no restart.
    assert server.request("GET", reverse("home"))[0] == 200
    status, _ = server.request("POST", edit, {**values, "preferred_name": "Jojo"})
    assert status == 302
    assert Youth.objects.get(pk=youth_record.pk).preferred_name == "Jojo"
    assert AuditEvent.objects.filter(action="youth.updated").count() == 1
    assert verify_trail().intact


def test_a_connection_terminated_while_idle_costs_no_request(server, caplog):
    assert server.request("GET", reverse("home"))[0] == 200
    _terminate(_backend_pid())  # the connection the app keeps between requests (CONN_MAX_AGE)
    caplog.clear()
    assert server.request("GET", reverse("home"))[0] == 200  # checked and replaced first
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
