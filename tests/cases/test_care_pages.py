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


def test_a_placement_is_corrected_its_address_read_audited_and_a_stale_correction_refused(
    client, caseworker, youth_record, episode
):
    from tests.conftest import CANARY_ADDRESS

    placement = youth_record.placements.get()
    url = reverse("cases:placement_edit", args=[youth_record.pk, placement.pk])
    client.force_login(caseworker)
    form = client.get(url).context["form"]
    assert form["address"].value() == CANARY_ADDRESS
    assert AuditEvent.objects.filter(
        action="youth.address_viewed", actor=caseworker, detail__purpose="correct the placement"
    ).exists()
    data = {n: form[n].value() or "" for n in form.fields}
    response = client.post(url, {**data, "placement_type": "kinship", "start_date": "2026-01-06"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert (placement.placement_type, placement.start_date) == ("kinship", dt.date(2026, 1, 6))
    event = AuditEvent.objects.filter(action="placement.corrected").latest("id")
    assert event.detail == {"fields": ["placement_type", "start_date"]}
    stale = client.post(url, {**data, "provider_name": "Another"})
    assert "someone else changed this placement after you opened it" in stale.content.decode()
    placement.refresh_from_db()
    assert placement.provider_name == "Synthetic Foster Family"


def test_a_placement_cannot_be_corrected_to_before_the_removal(
    client, caseworker, youth_record, episode
):
    placement = youth_record.placements.get()
    url = reverse("cases:placement_edit", args=[youth_record.pk, placement.pk])
    client.force_login(caseworker)
    response = _post(client, url, {"start_date": "2025-12-01"})
    assert "is before the removal (2026-01-05)" in response.content.decode()


def test_a_removal_is_corrected_but_never_after_its_first_placement(
    client, caseworker, youth_record, episode
):
    url = reverse("cases:removal_edit", args=[youth_record.pk, episode.pk])
    client.force_login(caseworker)
    refused = _post(client, url, {"removal_date": "2026-01-10"})
    assert (
        "a placement began 2026-01-05: the removal cannot be after it" in refused.content.decode()
    )
    response = _post(
        client, url, {"removal_date": "2026-01-02", "reasons": ["sex_trafficking", "neglect"]}
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.removal_date, episode.removal_reasons) == (
        dt.date(2026, 1, 2),
        ["sex_trafficking", "neglect"],
    )


def test_episodes_map_onto_the_federal_files_episodes(caseworker, youth_record, episode):
    from safeharbor.cases.actions import record_exit, record_removal
    from safeharbor.domain.federal.children import Child, Episode, check_child

    record_exit(
        actor=caseworker,
        episode=episode,
        exit_date=dt.date(2026, 5, 1),
        exit_reason="reunification",
        seen_version=episode.version,
    )
    record_removal(
        actor=caseworker,
        youth=youth_record,
        removal_date=dt.date(2026, 5, 1),  # the day of the last exit: allowed, as in the export
        reasons=["runaway"],
    )
    episodes = tuple(e.to_domain() for e in youth_record.care_episodes.order_by("removal_date"))
    assert episodes == (
        Episode(dt.date(2026, 1, 5), dt.date(2026, 5, 1)),
        Episode(dt.date(2026, 5, 1), None),
    )
    check_child(Child("c", youth_record.date_of_birth, episodes, (), detail_completed=False))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"start_date": "2099-01-01"}, "start_date", "This cannot be in the future"),
        ({"start_date": "2026-13-01"}, "start_date", "Enter a real date"),
        ({"end_date": "2026-02-01", "start_date": "2026-03-01"}, "end_date", "cannot end before"),
        ({"provider_name": "p" * 161}, "provider_name", "at most 160 characters"),
        ({"address": "a" * 501}, "address", "at most 500 characters"),
        ({"placement_type": "hotel"}, "placement_type", "Select a valid choice"),
    ],
)
def test_bad_placement_input_is_named_beside_its_field_with_the_typing_kept(
    client, caseworker, youth_record, episode, data, field, message
):
    client.force_login(caseworker)
    typed = {"placement_type": "kinship", "start_date": "2026-06-01", "end_reason": ""}
    response = _post(
        client, _placement_url(youth_record, episode), {**typed, "provider_name": "Kept", **data}
    )
    assert message in response.context["form"].errors[field][0]
    if field != "provider_name":
        assert 'value="Kept"' in response.content.decode()
    assert youth_record.placements.count() == 1
