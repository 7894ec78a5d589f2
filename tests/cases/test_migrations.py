"""The migration that puts placements into episodes of care loses none of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from safeharbor.cases.models import CareEpisode, Placement

BEFORE = [("cases", "0004_care_episodes_photos_notes")]


@pytest.mark.django_db(transaction=True)
def test_placements_recorded_before_episodes_become_one_open_episode_per_youth():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    district = old.get_model("accounts", "District").objects.create(name="D", code="d")
    youth = old.get_model("cases", "Youth").objects.create(
        record_number="M-1",
        legal_first_name="Avery",
        legal_last_name="Sample",
        date_of_birth="2010-01-01",
        custody_status="in_care",
        district=district,
        created_at="2026-01-01T00:00:00Z",
        updated_at="2026-01-01T00:00:00Z",
    )
    old_placement = old.get_model("cases", "Placement")
    for start, end in (("2025-03-01", "2025-09-01"), ("2025-09-01", None)):
        old_placement.objects.create(
            youth=youth,
            placement_type="foster_home",
            start_date=start,
            end_date=end,
            created_at="2026-01-01T00:00:00Z",
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    episode = CareEpisode.objects.get(youth_id=youth.pk)
    assert (episode.removal_date, episode.exit_date, episode.removal_reasons) == (
        dt.date(2025, 3, 1),
        None,
        ["not_recorded"],
    )
    assert Placement.objects.filter(youth_id=youth.pk, episode=episode).count() == 2
