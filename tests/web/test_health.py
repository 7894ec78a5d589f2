"""The liveness view: public, plain text, no session and no database query."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_healthz_answers_ok_without_signing_in_and_without_a_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.django_db
def test_healthz_sets_no_cookie_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_a_load_balancers_head_and_refuses_a_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
