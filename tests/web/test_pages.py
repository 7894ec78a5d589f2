"""Sign-in, the caseload and the youth page as each persona meets them."""

import pytest
from django.urls import reverse

from tests import factories
from tests.conftest import CANARY_ADDRESS, PERSONA_NAMES


def test_sign_out_ends_the_session(client, caseworker):
    client.force_login(caseworker)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize("persona", PERSONA_NAMES, indirect=True)
def test_every_persona_has_a_home_page_showing_only_its_youth(client, persona, youth_record):
    client.force_login(persona)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    shown = "Jo Testperson" in response.content.decode()
    assert shown is (
        persona.username in {"caseworker", "supervisor", "program_admin", "mdt_partner"}
    )


def test_caseload_search_and_pagination(client, settings, caseworker, agency):
    settings.SAFEHARBOR_PAGE_SIZE = 5
    for n in range(7):
        factories.youth(agency.pine, caseworker, first=f"Kid{n}", last="Pagetest")
    client.force_login(caseworker)
    first = client.get(reverse("home")).content.decode()
    assert "Page 1 of 2" in first
    assert first.count("Pagetest</a>") == 5
    second = client.get(reverse("home") + "?page=2").content.decode()
    assert second.count("Pagetest</a>") == 2
    found = client.post(reverse("home"), {"q": "Kid3"}, follow=True).content.decode()
    assert found.count("Pagetest</a>") == 1
    nothing = client.post(reverse("home"), {"q": "zzz"}, follow=True).content.decode()
    assert "No youth in your caseload match" in nothing


def test_a_nonsense_page_number_shows_the_last_page_not_an_error(client, caseworker, youth_record):
    client.force_login(caseworker)
    assert client.get(reverse("home") + "?page=abc").status_code == 200
    assert client.get(reverse("home") + "?page=999").status_code == 200


def test_youth_page_names_the_youth_by_preferred_name_first(client, caseworker, youth_record):
    client.force_login(caseworker)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert '<h1 class="margin-top-1 margin-bottom-0">Jo Testperson</h1>' in page
    assert "Legal name: Jordan" in page
    assert "Foster home" in page
    assert CANARY_ADDRESS not in page  # revealed only on request


def test_the_address_is_revealed_on_request_to_the_assigned_worker(
    client, caseworker, youth_record
):
    client.force_login(caseworker)
    placement = youth_record.placements.get()
    response = client.post(reverse("cases:placement_address", args=[youth_record.pk, placement.pk]))
    assert CANARY_ADDRESS in response.content.decode()


@pytest.mark.parametrize("persona", ["mdt_partner", "program_admin"], indirect=True)
def test_the_address_never_reaches_those_without_address_access(client, persona, youth_record):
    client.force_login(persona)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert CANARY_ADDRESS not in page
    assert "Synthetic Foster Family" not in page
    placement = youth_record.placements.get()
    response = client.post(reverse("cases:placement_address", args=[youth_record.pk, placement.pk]))
    assert response.status_code == 404
    assert CANARY_ADDRESS not in response.content.decode()


def test_supervisor_sees_who_has_seen_the_record(client, caseworker, supervisor, youth_record):
    client.force_login(caseworker)
    client.get(reverse("cases:youth", args=[youth_record.pk]))
    client.force_login(supervisor)
    page = client.get(reverse("cases:youth_audit", args=[youth_record.pk])).content.decode()
    assert "opened the youth&#x27;s record" in page
    assert "Test Caseworker" in page


@pytest.mark.parametrize("persona", ["caseworker", "mdt_partner"], indirect=True)
def test_who_has_seen_is_for_supervisors_and_program_administrators(client, persona, youth_record):
    client.force_login(persona)
    assert client.get(reverse("cases:youth_audit", args=[youth_record.pk])).status_code == 404


def test_authenticated_pages_are_never_cached(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = client.get(reverse("cases:youth", args=[youth_record.pk]))
    assert "no-store" in response["Cache-Control"]
