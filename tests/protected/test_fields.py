"""Protected fields: encrypted in the database, plain in Python, keys only from the environment."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from safeharbor.cases.models import Placement
from safeharbor.env import ConfigurationError
from safeharbor.protected.fields import UndecryptableValue
from safeharbor.protected.keys import DEVELOPMENT_KEY, env_field_keys
from safeharbor.protected.rotation import rotate_all
from tests.conftest import CANARY_ADDRESS


def _raw(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM cases_placement WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_address_is_stored_encrypted_and_read_back_plain(youth_record):
    placement = youth_record.placements.get()
    assert placement.address == CANARY_ADDRESS
    assert placement.provider_name == "Synthetic Foster Family"
    stored = _raw("address", placement.pk) + _raw("provider_name", placement.pk)
    assert "Canary" not in stored
    assert "Synthetic" not in stored
    assert _raw("address", placement.pk).startswith("gAAAAA")


def test_two_saves_of_the_same_address_store_different_tokens(youth_record):
    placement = youth_record.placements.get()
    first = _raw("address", placement.pk)
    placement.save(update_fields=["address"])
    assert _raw("address", placement.pk) != first
    assert Placement.objects.get(pk=placement.pk).address == CANARY_ADDRESS


def test_searching_an_encrypted_field_is_refused_not_silently_empty(youth_record):
    with pytest.raises(FieldError, match=r"cases\.Placement\.address is encrypted at rest"):
        list(Placement.objects.filter(address__icontains="Canary"))
    assert Placement.objects.filter(address__isnull=False).count() == 1


def test_a_value_no_key_opens_is_refused_without_showing_the_value(youth_record, settings):
    pk = youth_record.placements.get().pk
    settings.SAFEHARBOR_FIELD_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(UndecryptableValue) as refused:
        Placement.objects.get(pk=pk)
    # the first encrypted column of the row that no key opens is named (end_reason, then provider)
    assert "cases.Placement.end_reason cannot be decrypted" in str(refused.value)
    assert "Canary" not in str(refused.value)


def test_rotation_moves_every_value_to_the_new_key(youth_record, settings):
    placement = youth_record.placements.get()
    new_key = Fernet.generate_key().decode()
    settings.SAFEHARBOR_FIELD_KEYS = [new_key, DEVELOPMENT_KEY]
    counts = rotate_all()
    assert counts["cases.Placement.address"] == 1
    settings.SAFEHARBOR_FIELD_KEYS = [new_key]  # the old key is gone
    assert Placement.objects.get(pk=placement.pk).address == CANARY_ADDRESS


def test_the_rotate_keys_command_reports_what_it_rewrote(youth_record, settings, capsys):
    settings.SAFEHARBOR_FIELD_KEYS = [Fernet.generate_key().decode(), DEVELOPMENT_KEY]
    call_command("safeharbor", "rotate-keys")
    assert "cases.Placement.address: 1 value(s) re-encrypted" in capsys.readouterr().out


def test_production_refuses_missing_development_malformed_and_repeated_keys():
    with pytest.raises(ConfigurationError, match="must be set in production"):
        env_field_keys("K", production=True, env={})
    with pytest.raises(ConfigurationError, match="development key is refused"):
        env_field_keys("K", production=True, env={"K": DEVELOPMENT_KEY})
    with pytest.raises(ConfigurationError, match="key 2 is not a Fernet key"):
        env_field_keys("K", production=True, env={"K": Fernet.generate_key().decode() + ",nope"})
    with pytest.raises(ConfigurationError, match="empty key"):
        env_field_keys("K", production=False, env={"K": DEVELOPMENT_KEY + ","})
    with pytest.raises(ConfigurationError, match="same key twice"):
        env_field_keys("K", production=False, env={"K": f"{DEVELOPMENT_KEY},{DEVELOPMENT_KEY}"})


def test_development_uses_the_public_development_key_and_production_a_real_one():
    assert env_field_keys("K", production=False, env={}) == (DEVELOPMENT_KEY,)
    real = Fernet.generate_key().decode()
    assert env_field_keys("K", production=True, env={"K": f" {real} "}) == (real,)


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_rows_written_before_it():
    executor = MigrationExecutor(connection)
    executor.migrate([("cases", "0001_initial")])
    old = executor.loader.project_state([("cases", "0001_initial")]).apps
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
    row = old.get_model("cases", "Placement").objects.create(
        youth=youth,
        placement_type="foster_home",
        start_date="2026-01-01",
        provider_name="Plain Provider (synthetic)",
        address="12 Plain Street (synthetic)",
        created_at="2026-01-01T00:00:00Z",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert _raw("address", row.pk).startswith("gAAAAA")
    placement = Placement.objects.get(pk=row.pk)
    assert (placement.provider_name, placement.address) == (
        "Plain Provider (synthetic)",
        "12 Plain Street (synthetic)",
    )


def test_rotation_moves_uploaded_files_and_their_names_to_the_new_key(youth_record, settings):
    from safeharbor.cases.models import StoredContent
    from tests.cases.builders import attachment_for, photo_for

    document, photo = attachment_for(youth_record), photo_for(youth_record)
    before = (document.content.data, photo.content.data)
    new_key = Fernet.generate_key().decode()
    settings.SAFEHARBOR_FIELD_KEYS = [new_key, DEVELOPMENT_KEY]
    counts = rotate_all()
    assert counts["cases.StoredContent.data"] == 2
    assert counts["cases.NoteAttachment.name"] == 1
    settings.SAFEHARBOR_FIELD_KEYS = [new_key]  # the old key is gone: only the new one opens them
    stored = {row.pk: row.data for row in StoredContent.objects.all()}
    assert (stored[document.content_id], stored[photo.content_id]) == before
