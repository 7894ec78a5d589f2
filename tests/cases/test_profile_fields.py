"""The whole profile: every identity and demographic field is edited, and bad input is named."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeharbor.cases.models import Youth
from tests.cases.test_profile_edit import _form


@pytest.fixture
def edit_url(youth_record):
    return reverse("cases:youth_edit", args=[youth_record.pk])


def test_every_profile_field_is_saved(client, caseworker, youth_record, edit_url):
    client.force_login(caseworker)
    values = _form(client, edit_url)
    changes = {
        "legal_middle_name": "Quinn",
        "date_of_birth": "2010-06-01",
        "race": ["asian", "white"],
        "hispanic_latino": "no",
        "other_languages": "Tagalog",
        "immigration_status": "asylee",
        "custody_status": "closed",
        "closed_reason": "reunified",
        "state_record_number": "ST-000123",
    }
    assert client.post(edit_url, {**values, **changes}).status_code == 302
    youth = Youth.objects.get(pk=youth_record.pk)
    assert (youth.legal_middle_name, youth.date_of_birth, youth.race) == (
        "Quinn",
        dt.date(2010, 6, 1),
        ["asian", "white"],
    )
    assert (youth.custody_status, youth.closed_reason, youth.state_record_number) == (
        "closed",
        "reunified",
        "ST-000123",
    )
    page = client.get(reverse("cases:youth", args=[youth.pk])).content.decode()
    assert "Case closed (Reunified with family, services completed)" in page
    assert "ST-000123" in page


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"date_of_birth": "2099-01-01"}, "date_of_birth", "cannot be in the future"),
        ({"date_of_birth": "2010-02-31"}, "date_of_birth", "Enter a real date"),
        ({"date_of_birth": "1950-01-01"}, "date_of_birth", "older than 25"),
        ({"custody_status": "closed"}, "closed_reason", "Say why the case closed."),
        ({"closed_reason": "adopted"}, "closed_reason", "Only a closed case has a reason"),
        ({"custody_status": "young_adult"}, "custody_status", "for ages 18 to 21"),
        ({"race": ["white", "declined"]}, "race", "cannot be chosen with a race"),
        ({"state_record_number": "ST 12;"}, "state_record_number", "letters, digits and hyphens"),
        ({"legal_last_name": "x" * 81}, "legal_last_name", "at most 80 characters"),
    ],
)
def test_bad_profile_input_is_named_beside_its_field_and_nothing_typed_is_lost(
    client, caseworker, youth_record, edit_url, change, field, problem
):
    client.force_login(caseworker)
    values = _form(client, edit_url)
    response = client.post(edit_url, {**values, "other_languages": "Typed Tongue", **change})
    page = response.content.decode()
    assert response.status_code == 200
    assert problem in page
    assert 'value="Typed Tongue"' in page
    assert response.context["form"].errors[field]
    assert Youth.objects.get(pk=youth_record.pk).other_languages == ""
