"""The service directory: administrators maintain it with validated forms; staff read it."""

import pytest
from django.urls import reverse

from safeharbor.domain.errors import InputError
from safeharbor.partners.actions import NotAllowed, save_service_agency
from safeharbor.partners.models import ServiceAgency
from tests.partners.builders import agency as directory_entry

FORM = {
    "name": "Lighthouse Sexual Assault Services (synthetic)",
    "needs": ["psychological", "therapy_support"],
    "sexual_assault_support": "on",
    "services": "24-hour hotline, hospital accompaniment, counselling.",
    "phone": "555-0199",
    "email": "intake@lighthouse.example.org",
    "languages": "English, Spanish",
    "eligibility": "Any survivor aged 12 and over in the county.",
    "active": "on",
}


def test_an_administrator_adds_an_agency_through_the_form(client, administrator, agency):
    client.force_login(administrator)
    response = client.post(reverse("partners:agency_new"), FORM | {"districts": [agency.pine.pk]})
    assert response.status_code == 302
    saved = ServiceAgency.objects.get()
    assert (saved.needs, saved.sexual_assault_support, list(saved.districts.all())) == (
        ["psychological", "therapy_support"],
        True,
        [agency.pine],
    )
    listing = client.get(reverse("partners:directory")).content.decode()
    assert "Lighthouse Sexual Assault Services (synthetic)" in listing


def test_a_bad_directory_form_names_each_problem_and_saves_nothing(client, administrator):
    client.force_login(administrator)
    bad = FORM | {"phone": "", "email": "not-an-address", "website": "nowhere"}
    response = client.post(reverse("partners:agency_new"), bad)
    text = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in text
    assert "Enter a valid URL." in text
    assert "This field is required." in text  # districts
    assert "24-hour hotline, hospital accompaniment" in text
    assert ServiceAgency.objects.count() == 0


def test_an_agency_needs_a_way_to_reach_it_and_a_need_it_meets(agency):
    with pytest.raises(InputError, match="give a phone number or an e-mail address"):
        directory_entry(agency.pine, phone="", email="")
    with pytest.raises(InputError, match="say which needs the agency meets"):
        directory_entry(agency.pine, needs=[])
    with pytest.raises(InputError, match="unknown need 'ponies'"):
        directory_entry(agency.pine, needs=["ponies"])


def test_only_administrators_maintain_the_directory(client, caseworker, agency):
    entry = directory_entry(agency.pine)
    with pytest.raises(NotAllowed):
        save_service_agency(actor=caseworker, districts=[agency.pine], agency=entry, name="X")
    client.force_login(caseworker)
    assert client.get(reverse("partners:agency_edit", args=[entry.pk])).status_code == 404
    assert client.get(reverse("partners:directory")).status_code == 200


def test_a_stale_correction_is_refused_and_an_inactive_agency_is_not_offered(
    client, administrator, agency, youth_record
):
    entry = directory_entry(agency.pine)
    client.force_login(administrator)
    url = reverse("partners:agency_edit", args=[entry.pk])
    data = FORM | {"districts": [agency.pine.pk], "name": entry.name, "version": entry.version}
    assert client.post(url, data | {"active": ""}).status_code == 302
    stale = client.post(url, data)
    assert stale.status_code == 400
    assert "someone else changed" in stale.content.decode()
    client.force_login(youth_record.caseworker)
    form = client.get(reverse("partners:referral_new", args=[youth_record.pk])).content.decode()
    assert entry.name not in form
