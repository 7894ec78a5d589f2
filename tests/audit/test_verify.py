"""`safeharbor audit verify` finds the first altered, deleted, inserted or reordered event.

On PostgreSQL the table refuses UPDATE, DELETE and TRUNCATE; the tamper tests disable the trigger
the way a superuser would, change rows directly, and expect the verifier to name the event.
"""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from safeharbor.audit.models import AuditEvent
from safeharbor.cases import queries

POSTGRES = connection.vendor == "postgresql"
on_postgres = pytest.mark.skipif(not POSTGRES, reason="the append-only trigger is PostgreSQL's")

COLUMNS = (
    "at, actor_id, actor_username, actor_role, action, target_type, target_id, youth_id, "
    "origin_address, origin_client, reason, detail, prev_hash, hash"
)


# The same columns with a different hash, so the copy passes the unique constraint.
FORGED_COLUMNS = COLUMNS.replace(", hash", ", substr(hash, 2) || 'f'")


@pytest.fixture
def trail(caseworker, youth_record):
    """A trail of a dozen events or more; returns their ids in order."""
    for _ in range(3):
        queries.get_youth(actor=caseworker, pk=youth_record.pk)
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def _as_superuser(sql: str, params=()):
    """Change the table directly, as someone with the database's keys would."""
    with connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before ALTER
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if POSTGRES:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def _verify(*args):
    with pytest.raises(CommandError) as failed:
        call_command("safeharbor", "audit", "verify", *args)
    return str(failed.value)


def test_a_clean_trail_passes_and_prints_its_head(trail, capsys):
    call_command("safeharbor", "audit", "verify")
    out = capsys.readouterr().out
    head = AuditEvent.objects.order_by("-id").exclude(action="audit.verified").first()
    assert f"audit trail intact: {len(trail)} events" in out
    assert f"head: {head.pk}:{head.hash}" in out
    assert AuditEvent.objects.latest("id").action == "audit.verified"


def test_an_altered_event_is_named(trail):
    victim = trail[5]
    _as_superuser("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["edited", victim])
    message = _verify()
    assert f"audit trail broken at event #{victim} (" in message
    assert "its content was altered after it was written" in message


def test_a_changed_time_is_named(trail):
    victim = trail[4]
    _as_superuser(
        "UPDATE audit_auditevent SET at = at - interval '1 hour' WHERE id = %s"
        if POSTGRES
        else "UPDATE audit_auditevent SET at = datetime(at, '-1 hour') WHERE id = %s",
        [victim],
    )
    assert f"broken at event #{victim} " in _verify()


def test_a_deleted_event_is_named_by_the_one_after_it(trail):
    _as_superuser("DELETE FROM audit_auditevent WHERE id = %s", [trail[3]])
    message = _verify()
    assert f"broken at event #{trail[4]} " in message
    assert "an event was deleted, inserted or reordered" in message


def test_an_inserted_event_is_named(trail):
    forged = trail[-1] + 100
    _as_superuser(
        f"INSERT INTO audit_auditevent (id, {COLUMNS}) "  # noqa: S608 - a fixed column list
        f"SELECT %s, {FORGED_COLUMNS} "
        "FROM audit_auditevent WHERE id = %s",
        [forged, trail[2]],
    )
    assert f"broken at event #{forged} " in _verify()


def test_reordered_events_are_named(trail):
    first, second = trail[6], trail[7]
    _as_superuser("UPDATE audit_auditevent SET id = %s WHERE id = %s", [-1, first])
    _as_superuser("UPDATE audit_auditevent SET id = %s WHERE id = %s", [-2, second])
    _as_superuser("UPDATE audit_auditevent SET id = %s WHERE id = %s", [second, -1])
    _as_superuser("UPDATE audit_auditevent SET id = %s WHERE id = %s", [first, -2])
    assert f"broken at event #{first} " in _verify()


def test_deleting_the_newest_events_is_caught_by_the_anchor(trail, capsys):
    call_command("safeharbor", "audit", "verify")
    head = capsys.readouterr().out.split("head: ")[1].split()[0]
    head_id = int(head.split(":")[0])
    _as_superuser("DELETE FROM audit_auditevent WHERE id >= %s", [head_id])
    message = _verify("--anchor", head)
    assert f"event #{head_id}, the head recorded earlier, is missing" in message


def test_a_malformed_anchor_names_the_problem(trail):
    assert "is not ID:HASH" in _verify("--anchor", "twelve")


@on_postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET reason = 'edited'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_postgres_refuses_to_change_or_delete_audit_events(trail, statement):
    with (
        pytest.raises(DatabaseError, match="the audit trail is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.count() == len(trail)


@on_postgres
def test_postgres_refuses_to_truncate_audit_events(trail):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL safeharbor.audit_truncate = 'refuse'")
        with (
            pytest.raises(DatabaseError, match="TRUNCATE on audit_auditevent is refused"),
            transaction.atomic(),  # a savepoint: the refusal rolls back only the TRUNCATE
        ):
            cursor.execute("TRUNCATE audit_auditevent CASCADE")
    assert AuditEvent.objects.count() == len(trail)


@on_postgres
def test_the_orm_cannot_delete_an_audit_event_either(trail):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[0]).delete()
