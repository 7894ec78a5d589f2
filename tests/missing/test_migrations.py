"""The migration that protects missing episodes encrypts what was stored before it, in place."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from safeharbor.missing.models import MissingEpisode
from safeharbor.protected.fields import is_token

BEFORE = [("missing", "0001_initial"), ("cases", "0001_initial")]


def _raw(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM missing_missingepisode WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_circumstances_and_risk_notes_written_before_are_encrypted():
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
    row = old.get_model("missing", "MissingEpisode").objects.create(
        youth=youth,
        last_seen_at="2026-02-01T10:00:00Z",
        learned_at="2026-02-01T11:00:00Z",
        circumstances="Left with an older adult (synthetic)",
        risk_notes="Takes insulin (synthetic)",
        created_at="2026-02-01T11:00:00Z",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert is_token(_raw("circumstances", row.pk))
    assert is_token(_raw("risk_notes", row.pk))
    episode = MissingEpisode.objects.get(pk=row.pk)
    assert (episode.circumstances, episode.risk_notes, episode.risk_pregnancy) == (
        "Left with an older adult (synthetic)",
        "Takes insulin (synthetic)",
        "unknown",
    )
