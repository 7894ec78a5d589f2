"""One request of each page inside the loader's process: how many queries, how much HTML.

Django's test client against the same database, signed in as the first person of each role
(the session marked as after the second factor, as tests/mfa.py does), each page asked for
twice and the second counted, so one-time work (templates, caches) is left out.
"""

from __future__ import annotations

import time
from typing import Any

from bench.pages.people import BenchUser
from bench.pages.walks import MINIMAL_PAGE, MINIMAL_PATH, walk_for


def _client(username: str) -> Any:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from safeharbor.accounts.models import User
    from safeharbor.accounts.sessions import SIGNED_IN_AT

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session[SIGNED_IN_AT] = time.time()
    session.save()
    return client


def _measure(client: Any, path: str) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return {"queries": len(queries), "size": len(response.content), "status": response.status_code}


def pages(people: list[BenchUser]) -> dict[str, dict[str, int]]:
    """Return each page's query count, HTML size and status, by page name."""
    from django.test import Client

    found: dict[str, dict[str, int]] = {}
    for person in {p.role: p for p in reversed(people)}.values():  # the first of each role
        client = _client(person.username)
        for step in walk_for(person.role, youth=person.youth, searches=person.searches):
            if step.page != MINIMAL_PAGE:
                found[step.page] = _measure(client, step.paths[0])
    found[MINIMAL_PAGE] = _measure(Client(), MINIMAL_PATH)
    return found
