"""Caseload search keeps names out of URLs: links, redirects and pagination carry a token only.

Access logs, proxies, browser history and Referer headers record URLs; a youth's name must reach
none of them (web/search.py).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests import factories
from tests.mfa import SignedInClient

NAMES = ("Marisol", "Quenby", "Quenbyfield")  # the words searched, and the youth's names


class _Urls(HTMLParser):
    """Collect every URL-like attribute of a page (links, forms, scripts, htmx)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            url_like = name in {"href", "src", "action", "formaction"}
            if value and (url_like or name.startswith(("hx-", "data-"))):
                self.urls.append(value)


def _urls_in(page: str) -> list[str]:
    parser = _Urls()
    parser.feed(page)
    return parser.urls


def _assert_no_name(urls):
    for url in urls:
        for name in NAMES:
            assert name.lower() not in url.lower(), url


@pytest.fixture
def searched_caseload(settings, agency, caseworker):
    """Seven youth called Marisol Quenbyfield (pages of five) and one other youth."""
    settings.SAFEHARBOR_PAGE_SIZE = 5
    for n in range(7):
        factories.youth(agency.pine, caseworker, first="Marisol", last=f"Quenbyfield{n}")
    factories.youth(agency.pine, caseworker, first="Other", last="Youth")


def test_no_name_reaches_a_url_through_the_search_its_redirect_or_its_pages(
    client, caseworker, searched_caseload
):
    client.force_login(caseworker)
    response = client.post(reverse("home"), {"q": "Marisol Quenby"})
    assert response.status_code == 302
    location = response["Location"]
    assert re.fullmatch(r"/\?search=[A-Za-z0-9_-]{12}", location)
    visited = [location]
    first = client.get(location)
    page = first.content.decode()
    assert page.count("Quenbyfield") >= 5
    assert "Other Youth" not in page
    assert "Page 1 of 2" in page
    assert 'value="Marisol Quenby"' in page  # the words stay in the form, in the page body only
    urls = _urls_in(page)
    (next_page,) = [u for u in urls if "page=2" in u]
    visited.append(next_page)
    second = client.get(reverse("home") + next_page.replace("&amp;", "&")).content.decode()
    assert "Page 2 of 2" in second
    assert second.count("Quenbyfield") >= 2
    assert "Other Youth" not in second
    urls += _urls_in(second)
    _assert_no_name(visited + urls)
    assert all(location.split("=")[1] in u for u in urls if "page=" in u)


def test_a_search_by_get_is_not_a_search(client, caseworker, searched_caseload):
    client.force_login(caseworker)
    page = client.get(reverse("home") + "?q=Marisol").content.decode()
    # The old ?q= does nothing: names are never taken from a URL.
    assert "matching" not in page
    assert 'value="Marisol"' not in page
    assert "Page 1 of 2" in page  # all eight youth


def test_a_search_token_works_only_in_the_session_that_made_it(
    caseworker, supervisor, searched_caseload
):
    worker = SignedInClient()
    worker.force_login(caseworker)
    location = worker.post(reverse("home"), {"q": "Marisol"})["Location"]
    other = SignedInClient()
    other.force_login(supervisor)
    page = other.get(location).content.decode()
    assert "That search has ended with its session. Search again." in page
    assert 'value="Marisol"' not in page


def test_an_empty_search_shows_the_whole_caseload(client, caseworker, searched_caseload):
    client.force_login(caseworker)
    response = client.post(reverse("home"), {"q": "  "})
    assert response["Location"] == reverse("home")


def test_the_search_form_posts_with_a_csrf_token(client, caseworker, searched_caseload):
    client.force_login(caseworker)
    page = client.get(reverse("home")).content.decode()
    start = page.index('role="search"')
    form = page[start : page.index("</form>", start)]
    assert 'method="post"' in form
    assert 'name="csrfmiddlewaretoken"' in form


def test_the_search_refuses_a_post_without_csrf(caseworker, searched_caseload):
    strict = SignedInClient(enforce_csrf_checks=True)
    strict.force_login(caseworker)
    assert strict.post(reverse("home"), {"q": "Marisol"}).status_code == 403


def test_roles_without_a_caseload_cannot_post_to_home(client, intake_worker):
    client.force_login(intake_worker)
    assert client.post(reverse("home"), {"q": "Marisol"}).status_code == 405
