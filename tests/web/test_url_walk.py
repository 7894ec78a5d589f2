"""Walk every URL pattern: anonymous → sign-in page; an outsider → 404 on every case URL.

A new URL whose arguments are not in EXAMPLE_ARGS fails this test until someone decides what an
outsider must see there.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from safeharbor.notifications.actions import notify
from tests.obligations.builders import intake_for, obligation_for
from tests.screenings.builders import override_for, screening_for

# Pages anyone may open without signing in, and why.
PUBLIC = {
    "login": "the sign-in page itself",
    "logout": "signing out without a session does nothing",
}
# URL argument name -> how to build a value that points at youth_record's case.
EXAMPLE_ARGS = {
    "pk": lambda youth: youth.pk,
    "placement_pk": lambda youth: youth.placements.get().pk,
    "obligation_pk": lambda youth: obligation_for(youth).pk,
    "intake_pk": lambda youth: intake_for(youth).pk,
    "screening_pk": lambda youth: screening_for(youth).pk,
    "override_pk": lambda youth: override_for(youth).pk,
    "notification_pk": lambda youth: (
        notify(
            recipient=youth.caseworker, dedupe_key=f"walk:{youth.pk}", subject="Walk", youth=youth
        )[0].pk
    ),
}


def _walk(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += _walk(entry, namespace)
        elif entry.name:
            found.append((prefix + entry.name, entry))
    return found


ALL = dict(_walk(get_resolver()))
PATTERNS = sorted(ALL)
SIGNED_IN_ONLY = [name for name in PATTERNS if name not in PUBLIC]
CASE_URLS = [name for name in PATTERNS if ALL[name].pattern.converters]


def _url(name: str, youth) -> str:
    pattern = ALL[name]
    arg_names = list(pattern.pattern.converters)
    missing = [a for a in arg_names if a not in EXAMPLE_ARGS]
    assert not missing, f"{name}: add {missing} to EXAMPLE_ARGS"
    return reverse(name, kwargs={a: EXAMPLE_ARGS[a](youth) for a in arg_names})


def _request(client, url: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


def test_every_named_url_is_walked():
    assert "cases:youth" in CASE_URLS
    assert "home" in SIGNED_IN_ONLY
    assert set(PUBLIC) <= set(PATTERNS), "PUBLIC names a URL that no longer exists"


@pytest.mark.parametrize("name", SIGNED_IN_ONLY)
def test_anonymous_visitors_are_sent_to_sign_in(name, client, youth_record):
    response = _request(client, _url(name, youth_record))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")


OUTSIDERS = ["other_caseworker", "uninvited_partner", "intake_worker", "analyst", "administrator"]


@pytest.mark.parametrize("persona", OUTSIDERS, indirect=True)
@pytest.mark.parametrize("name", CASE_URLS)
def test_an_outsider_gets_not_found_on_every_case_url(name, persona, client, youth_record):
    client.force_login(persona)
    response = _request(client, _url(name, youth_record))
    assert response.status_code == 404
    assert youth_record.legal_last_name not in response.content.decode()
