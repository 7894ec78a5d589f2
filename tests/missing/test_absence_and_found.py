"""SPEC §3 missing episode: the kind of absence, and telling law enforcement and NCMEC the youth
is found after the return (when, by whom)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.missing.actions import record_found_notice, record_return
from safeharbor.missing.models import MissingEpisode
from tests.missing.builders import episode_for, local_input


@pytest.fixture
def returned(youth_record):
    episode = episode_for(youth_record, hours_ago=6, absence_kind="taken_by_family")
    return record_return(
        actor=youth_record.caseworker,
        episode=episode,
        returned_at=timezone.now() - dt.timedelta(hours=2),
        found_where="An aunt's apartment",
    )


def test_the_kind_of_absence_is_recorded_and_shown(client, returned):
    assert returned.absence_kind == "taken_by_family"
    client.force_login(returned.youth.caseworker)
    page = client.get(reverse("missing:episode", args=[returned.youth.pk, returned.pk]))
    assert "<dd data-absence-kind>Taken by a family member</dd>" in page.content.decode()


def test_an_unknown_kind_of_absence_is_refused(youth_record):
    with pytest.raises(InputError, match="unknown kind of absence 'vacation'"):
        episode_for(youth_record, absence_kind="vacation")


def test_the_form_asks_the_kind_of_absence(client, youth_record):
    client.force_login(youth_record.caseworker)
    form = client.get(reverse("missing:new", args=[youth_record.pk])).context["form"]
    assert form.fields["absence_kind"].required
    assert form.initial["learned_at"] is not None  # when the agency learned: now by default


def test_telling_law_enforcement_and_ncmec_the_youth_is_found(client, returned):
    worker = returned.youth.caseworker
    told = timezone.now() - dt.timedelta(hours=1)
    record_found_notice(actor=worker, episode=returned, recipient="law_enforcement", told_at=told)
    client.force_login(worker)
    url = reverse("missing:found", args=[returned.youth.pk, returned.pk])
    response = client.post(url, {"found-recipient": "ncmec", "found-told_at": local_input(told)})
    assert response.status_code == 302
    episode = MissingEpisode.objects.get()
    assert (episode.found_told_law_enforcement_at, episode.found_told_law_enforcement_by) == (
        told,
        worker,
    )
    assert episode.found_told_ncmec_by == worker
    page = client.get(reverse("missing:episode", args=[episode.youth.pk, episode.pk]))
    assert f"by {worker}" in page.content.decode().split("data-found-notices")[1]


def test_a_notice_before_the_return_or_in_the_future_is_refused_beside_the_field(client, returned):
    client.force_login(returned.youth.caseworker)
    url = reverse("missing:found", args=[returned.youth.pk, returned.pk])
    early = local_input(returned.returned_at - dt.timedelta(hours=1))
    response = client.post(url, {"found-recipient": "law_enforcement", "found-told_at": early})
    assert response.status_code == 400
    assert response.context["found_form"].errors["told_at"] == [
        "they cannot have been told the youth is found before the youth returned"
    ]
    later = local_input(timezone.now() + dt.timedelta(hours=3))
    response = client.post(url, {"found-recipient": "ncmec", "found-told_at": later})
    assert response.context["found_form"].errors["told_at"] == ["This cannot be in the future."]
    assert MissingEpisode.objects.get().found_told_law_enforcement_at is None


def test_a_notice_while_the_youth_is_still_missing_is_refused(youth_record):
    episode = episode_for(youth_record)
    with pytest.raises(InputError, match="record the youth's return first"):
        record_found_notice(
            actor=youth_record.caseworker,
            episode=episode,
            recipient="ncmec",
            told_at=timezone.now(),
        )


def test_the_return_form_defaults_to_now(client, youth_record):
    episode = episode_for(youth_record)
    client.force_login(youth_record.caseworker)
    page = client.get(reverse("missing:episode", args=[youth_record.pk, episode.pk]))
    initial = page.context["return_form"].initial["returned_at"]
    assert abs(initial - timezone.localtime()) < dt.timedelta(minutes=1)
