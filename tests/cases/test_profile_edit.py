"""Two people edit one profile at once: the second save is refused and shows what changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeharbor.cases.models import Youth
from tests.mfa import SignedInClient


@pytest.fixture
def edit_url(youth_record):
    return reverse("cases:youth_edit", args=[youth_record.pk])


def _form(client, url):
    """Open the edit form; return the values it carries (hidden ones too), as the browser would."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form[name].value() for name in form.fields}


def test_a_stale_edit_is_refused_and_shows_who_changed_what(
    caseworker, supervisor, youth_record, edit_url
):
    first, second = SignedInClient(), SignedInClient()
    first.force_login(caseworker)
    second.force_login(supervisor)
    mine, theirs = _form(first, edit_url), _form(second, edit_url)

    saved = first.post(edit_url, {**mine, "preferred_name": "Jojo"})
    assert saved.status_code == 302

    refused = second.post(edit_url, {**theirs, "preferred_name": "Jordy", "pronouns": "they/them"})
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "Someone else saved this profile after you opened it" in page
    assert '<th scope="row">Preferred name</th><td>Jo</td><td>Jojo</td><td>Jordy</td>' in page
    assert "Test Caseworker" in page  # who saved it
    youth = Youth.objects.get(pk=youth_record.pk)
    assert (youth.preferred_name, youth.pronouns) == ("Jojo", "")  # nothing silently applied
    assert 'value="Jordy"' in page  # their typing is kept

    # Having seen the change, saving again is a deliberate choice and goes through.
    again = refused.context["form"].data
    assert second.post(edit_url, dict(again)).status_code == 302
    youth.refresh_from_db()
    assert (youth.preferred_name, youth.pronouns) == ("Jordy", "they/them")


def test_an_edit_on_the_current_version_is_saved_and_audited(
    client, caseworker, youth_record, edit_url
):
    client.force_login(caseworker)
    values = _form(client, edit_url)
    response = client.post(edit_url, {**values, "gender_identity": "Nonbinary"})
    assert response["Location"] == reverse("cases:youth", args=[youth_record.pk])
    youth = Youth.objects.get(pk=youth_record.pk)
    assert youth.gender_identity == "Nonbinary"
    assert youth.version == youth_record.version + 1


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"primary_language": ""}, "This field is required."),
        ({"pronouns": "x" * 31}, "Ensure this value has at most 30 characters"),
        ({"version": "abc"}, "This form arrived incomplete"),
    ],
)
def test_bad_input_names_the_problem_and_saves_nothing(
    client, caseworker, youth_record, edit_url, change, problem
):
    client.force_login(caseworker)
    values = _form(client, edit_url)
    response = client.post(edit_url, {**values, "preferred_name": "Jojo", **change})
    page = response.content.decode()
    assert response.status_code == 200
    assert problem in page
    assert "Traceback" not in page
    assert Youth.objects.get(pk=youth_record.pk).preferred_name == "Jo"


def test_saving_without_changes_changes_nothing(client, caseworker, youth_record, edit_url):
    client.force_login(caseworker)
    response = client.post(edit_url, _form(client, edit_url))
    assert response.status_code == 302
    assert Youth.objects.get(pk=youth_record.pk).version == youth_record.version


@pytest.mark.parametrize(
    "persona", ["mdt_partner", "program_admin", "other_caseworker"], indirect=True
)
def test_only_the_assigned_worker_and_supervisor_may_edit(client, persona, youth_record, edit_url):
    client.force_login(persona)
    assert client.get(edit_url).status_code == 404
    assert client.post(edit_url, {"version": 1, "primary_language": "French"}).status_code == 404
    assert Youth.objects.get(pk=youth_record.pk).primary_language == "English"
