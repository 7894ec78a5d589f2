"""The database down, simulated (any database): a plain 503, one log line, nothing half-saved.

The real thing, connections terminated on PostgreSQL mid-request, is in
``test_database_down_postgres.py``.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from safeharbor.audit.models import AuditEvent
from safeharbor.cases.actions import youth as youth_actions
from safeharbor.cases.models import Youth
from safeharbor.web.unavailable import PAGE
from tests.mfa import SignedInClient

REFUSED = "connection to server at 127.0.0.1, port 5432 failed: Connection refused"


@pytest.fixture
def browser(caseworker, youth_record):
    """A signed-in caseworker whose failed requests come back as the server would send them."""
    client = SignedInClient(raise_request_exception=False)
    client.force_login(caseworker)
    return client


@contextmanager
def _database_down():
    """Make every query fail as it does when the server refuses connections."""

    def refuse(*args, **kwargs):
        raise OperationalError(REFUSED)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection, "ensure_connection", refuse)
        yield


def _problems(caplog):
    return [record for record in caplog.records if record.levelno >= logging.WARNING]


def _assert_plain_503(response):
    assert response.status_code == 503
    assert response.content == PAGE
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies  # the session was neither saved nor ended


def test_with_the_database_down_every_page_is_a_plain_503_and_one_log_line(
    browser, youth_record, caplog
):
    pages = (reverse("home"), reverse("cases:youth", args=[youth_record.pk]), "/no-such/")
    for path in pages:
        caplog.clear()
        with _database_down():
            response = browser.get(path)
        _assert_plain_503(response)
        (line,) = _problems(caplog)
        assert line.getMessage() == (
            f"database unavailable: GET {path} answered 503 (OperationalError: {REFUSED})"
        )
        assert line.exc_info is None  # no traceback
    assert browser.get(reverse("home")).status_code == 200  # back without a restart


def test_signing_in_gets_the_same_page(caseworker, caplog):
    visitor = SignedInClient(raise_request_exception=False)
    with _database_down():
        assert visitor.get(reverse("login")).status_code == 200  # needs no database
        response = visitor.post(
            reverse("login"), {"username": "caseworker", "password": "a password of some length"}
        )
    _assert_plain_503(response)
    assert len(_problems(caplog)) == 1


def test_a_write_cut_off_part_way_is_refused_whole(browser, youth_record, caplog):
    edit = reverse("cases:youth_edit", args=[youth_record.pk])
    form = browser.get(edit).context["form"]
    values = {name: form[name].value() for name in form.fields}
    events = AuditEvent.objects.count()

    def cut_after_the_update(**kwargs):  # the youth row is updated; its audit event is next
        raise OperationalError("server closed the connection unexpectedly")

    caplog.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(youth_actions, "record_event", cut_after_the_update)
        response = browser.post(edit, {**values, "preferred_name": "Jojo"})
    _assert_plain_503(response)
    assert len(_problems(caplog)) == 1
    assert Youth.objects.get(pk=youth_record.pk).preferred_name == "Jo"  # rolled back
    assert AuditEvent.objects.count() == events + 1  # only the read of the form page's POST
    assert browser.post(edit, {**values, "preferred_name": "Jojo"}).status_code == 302
    assert Youth.objects.get(pk=youth_record.pk).preferred_name == "Jojo"


def test_other_server_errors_still_get_the_500_page(browser, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("safeharbor.web.views.caseload_page", broken)
    response = browser.get(reverse("home"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert any(record.exc_info for record in _problems(caplog))  # a bug keeps its traceback
