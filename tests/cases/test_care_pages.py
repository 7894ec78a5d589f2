"""Recording a removal, placements and the exit from care, as a caseworker does in the browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeharbor.audit.models import AuditEvent
from safeharbor.cases.models import CareEpisode, Placement
from tests import factories


@pytest.fixture
def episode(youth_record):
    """youth_record's episode: removed 2026-01-05, a foster home since then."""
    return youth_record.care_episodes.get()


def _placement_url(youth, episode):
    return reverse("cases:placement_new", args=[youth.pk, episode.pk])


def _post(client, url, data):
    form = client.get(url).context["form"]
    return client.post(url, {**{n: form[n].value() or "" for n in form.fields}, **data})


def test_a_caseworker_records_a_removal_and_the_placement_that_follows(client, caseworker, agency):
    youth = factories.youth(agency.pine, caseworker, first="Rae", last="Newcase")
    client.force_login(caseworker)
    url = reverse("cases:removal_new", args=[youth.pk])
    response = _post(client, url, {"removal_date": "2026-11-20", "reasons": ["sex_trafficking"]})
    assert response.status_code == 302
    episode = CareEpisode.objects.get(youth=youth)
    assert (episode.removal_date, episode.removal_reasons) == (
        dt.date(2026, 11, 20),
        ["sex_trafficking"],
    )
    response = _post(
        client,
        _placement_url(youth, episode),
        {"placement_type": "shelter", "start_date": "2026-11-20", "address": "1 Synthetic Way"},
    )
    assert response.status_code == 302
    placement = Placement.objects.get(youth=youth)
    assert (placement.episode, placement.address) == (episode, "1 Synthetic Way")
    actions = list(AuditEvent.objects.filter(youth_id=youth.pk).values_list("action", flat=True))
    assert "care.removal_recorded" in actions
    assert "placement.added" in actions
    page = client.get(reverse("cases:youth", args=[youth.pk])).content.decode()
    assert 'data-kind="removal"><strong>Removed into out-of-home care</strong> Nov 20, 2026' in page
    assert "1 Synthetic Way" not in page


def test_an_overlapping_placement_is_refused_beside_the_field_keeping_the_typing(
    client, caseworker, youth_record, episode
):
    client.force_login(caseworker)
    response = _post(
        client,
        _placement_url(youth_record, episode),
        {
            "placement_type": "kinship",
            "start_date": "2026-02-01",
            "end_date": "2026-03-01",
            "provider_name": "Typed Provider Name",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "overlaps the placement 2026-01-05 to now; placements may not overlap" in page
    assert 'id="id_start_date-error"' in page
    assert 'value="Typed Provider Name"' in page
    assert youth_record.placements.count() == 1


def test_a_placement_outside_its_episode_is_refused(client, caseworker, youth_record, episode):
    client.force_login(caseworker)
    response = _post(
        client,
        _placement_url(youth_record, episode),
        {"placement_type": "kinship", "start_date": "2025-12-01", "end_date": "2025-12-20"},
    )
    assert "is before the removal (2026-01-05)" in response.content.decode()
    assert youth_record.placements.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"exit_date": "2025-12-31"}, "exit_date", "is before the removal (2026-01-05)"),
        ({"exit_date": "2099-01-01"}, "exit_date", "This cannot be in the future"),
        ({"exit_date": "2026-02-30"}, "exit_date", "Enter a real date"),
        ({"exit_reason": ""}, "exit_reason", "This field is required"),
    ],
)
def test_a_bad_exit_is_refused_beside_its_field(
    client, caseworker, youth_record, episode, data, field, message
):
    client.force_login(caseworker)
    url = reverse("cases:care_exit", args=[youth_record.pk, episode.pk])
    response = _post(
        client, url, {"exit_date": "2026-06-01", "exit_reason": "reunification", **data}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'id="id_{field}-error"' in page
    episode.refresh_from_db()
    assert episode.exit_date is None


def test_the_exit_ends_the_current_placement_and_a_stale_exit_is_refused(
    client, caseworker, supervisor, youth_record, episode
):
    from tests.mfa import SignedInClient

    url = reverse("cases:care_exit", args=[youth_record.pk, episode.pk])
    client.force_login(caseworker)
    other = SignedInClient()
    other.force_login(supervisor)
    stale = other.get(url).context["form"]["version"].value()
    response = _post(client, url, {"exit_date": "2026-06-01", "exit_reason": "reunification"})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.exit_date, episode.exit_reason) == (dt.date(2026, 6, 1), "reunification")
    placement = youth_record.placements.get()
    assert (placement.end_date, placement.end_reason) == (dt.date(2026, 6, 1), "left care")
    # The supervisor's form was opened before: the episode has ended, so the page is gone ...
    assert other.get(url).status_code == 404
    # ... and the action refuses the version they saw.
    from safeharbor.cases.actions import record_exit
    from safeharbor.domain.errors import InputError

    with pytest.raises(InputError, match="already ended"):
        record_exit(
            actor=supervisor,
            episode=episode,
            exit_date=dt.date(2026, 6, 2),
            exit_reason="adoption",
            seen_version=stale,
        )


def test_a_stale_exit_form_is_refused_with_who_changed_it(
    client, caseworker, supervisor, youth_record, episode
):
    url = reverse("cases:care_exit", args=[youth_record.pk, episode.pk])
    client.force_login(caseworker)
    form = client.get(url).context["form"]
    CareEpisode.objects.filter(pk=episode.pk).update(version=episode.version + 1)
    response = client.post(
        url,
        {"version": form["version"].value(), "exit_date": "2026-06-01", "exit_reason": "adoption"},
    )
    page = response.content.decode()
    assert "someone else changed this episode of care after you opened it" in page
    episode.refresh_from_db()
    assert episode.exit_date is None


def test_a_removal_with_both_runaway_and_whereabouts_unknown_is_refused(client, caseworker, agency):
    youth = factories.youth(agency.pine, caseworker, first="Lee", last="Twice")
    client.force_login(caseworker)
    response = _post(
        client,
        reverse("cases:removal_new", args=[youth.pk]),
        {"removal_date": "2026-11-01", "reasons": ["runaway", "whereabouts_unknown"]},
    )
    assert "choose only one of: runaway, whereabouts unknown" in response.content.decode()
    assert not CareEpisode.objects.filter(youth=youth).exists()


def test_a_second_removal_while_in_care_is_refused(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = _post(
        client,
        reverse("cases:removal_new", args=[youth_record.pk]),
        {"removal_date": "2026-11-01", "reasons": ["neglect"]},
    )
    assert "record that exit first" in response.content.decode()


@pytest.mark.parametrize("persona", ["mdt_partner", "program_admin"], indirect=True)
def test_only_the_worker_and_supervisor_record_care(client, persona, youth_record, episode):
    client.force_login(persona)
    assert client.get(reverse("cases:removal_new", args=[youth_record.pk])).status_code == 404
    assert client.get(_placement_url(youth_record, episode)).status_code == 404
