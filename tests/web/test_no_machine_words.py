"""No page shows a person a clock event id, a UTC "Z" time or an internal snake_case field name.

Walks every named URL with the URL walk's machinery (tests/web/test_url_walk.py): the same example
records on the youth of the fixtures, as each role that works a case or runs the agency. Only what
a person reads counts: the text between tags, outside scripts and styles (ids, names and data-*
attributes are for the code).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from safeharbor.accounts.models import User
from safeharbor.domain.clocks.rules import EventType
from tests.mfa import SignedInClient
from tests.obligations.builders import intake_for
from tests.web.test_url_walk import PATTERNS, _request, _url

ROLES = [
    "intake_worker",
    "caseworker",
    "supervisor",
    "program_admin",
    "mdt_partner",
    "administrator",
]
EVENT_ID = re.compile(r"\b(" + "|".join(e.value for e in EventType) + r")\b")
UTC_TIME = re.compile(r"\d\d:\d\dZ\b")
SNAKE_CASE = re.compile(r"(?<![\w@./-])[a-z]+(?:_[a-z0-9]+)+(?![\w@/-])")


class _VisibleText(HTMLParser):
    """Collect the text a person sees: not scripts, styles or the content of <template>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def machine_words(text: str) -> list[str]:
    """Return each event id, UTC time or snake_case name in ``text``."""
    found = EVENT_ID.findall(text) + UTC_TIME.findall(text)
    return found + [w for w in SNAKE_CASE.findall(text) if w not in found]


def test_the_checker_catches_what_the_issue_saw():
    text = visible_text(
        "<p>Started by intake_received: Intake report received 2026-12-01 22:40Z</p>"
        "<script>var a_b = 1;</script><p data-kind='made_at'>When</p><p>x@pine_city.gov</p>"
    )
    assert machine_words(text) == ["intake_received", "22:40Z"]
    assert machine_words(visible_text("<li>the field made_at is wrong</li>")) == ["made_at"]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_machine_words(role, request, youth_record):
    intake_for(youth_record)  # its clock's record was stored as "… 2026-12-01 22:40Z"
    person = request.getfixturevalue(role)
    client = SignedInClient()
    client.force_login(person)
    seen: dict[str, list[str]] = {}
    usernames = set(User.objects.values_list("username", flat=True))  # what people sign in with
    for name in [p for p in PATTERNS if p != "logout"]:  # signing out would end the walk
        response = _request(client, _url(name, youth_record))
        assert response.status_code != 302 or "/login" not in response["Location"], name
        if response.status_code not in (200, 400) or "html" not in response.get("Content-Type", ""):
            continue
        words = set(machine_words(visible_text(response.content.decode()))) - usernames
        if words:
            seen[name] = sorted(set(words))
    assert not seen, f"{role} sees machine words: {seen}"
