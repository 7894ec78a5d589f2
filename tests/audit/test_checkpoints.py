"""Keyed checkpoints: `audit verify` catches a full rewrite from any point and a deleted tail.

The attacker here can write the database as a superuser (on PostgreSQL the append-only trigger
is disabled first, as a superuser would) and recompute every hash after their change, so the
chain alone still holds. They cannot sign a checkpoint: the key is in the application's
environment, never in the database (ADR 0011).
"""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from safeharbor.audit.checkpoints import write_checkpoint
from safeharbor.audit.keys import DEVELOPMENT_KEY
from safeharbor.audit.models import AuditCheckpoint, AuditEvent
from safeharbor.audit.verify import verify_trail
from safeharbor.cases import queries
from safeharbor.cli import main
from safeharbor.domain.audit_chain import GENESIS, Checkpoint, digest, key_id, sign, signed_by
from tests.audit.test_verify import POSTGRES, _as_superuser

NEW_KEY = "a-new-checkpoint-key-for-the-rotation-test-0123456789"


@pytest.fixture
def reads(caseworker, youth_record):
    """Record ``n`` more reads of the youth's record (a few audit events each)."""

    def read(n: int = 3) -> None:
        for _ in range(n):
            queries.get_youth(actor=caseworker, pk=youth_record.pk)

    return read


def _ids() -> list[int]:
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def _exported(settings) -> list[dict]:
    files = sorted(settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR.glob("audit-checkpoints-*.jsonl"))
    return [json.loads(line) for path in files for line in path.read_text().splitlines()]


def _verify(*args: str) -> str:
    with pytest.raises(CommandError) as failed:
        call_command("safeharbor", "audit", "verify", *args)
    return str(failed.value)


def _rewrite_from(first_id: int) -> None:
    """Change event ``first_id`` and recompute every hash after it, as a careful attacker would."""
    events = list(AuditEvent.objects.filter(id__gte=first_id).order_by("id"))
    before = AuditEvent.objects.filter(id__lt=first_id).order_by("-id").first()
    previous = before.hash if before else GENESIS
    events[0].reason = "nothing to see here"
    statements = []
    for event in events:
        new_hash = digest(previous, event.chained_fields())
        statements.append((event.pk, event.reason, previous, new_hash))
        previous = new_hash
    for pk, reason, prev_hash, new_hash in statements:
        _as_superuser(
            "UPDATE audit_auditevent SET reason = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [reason, prev_hash, new_hash, pk],
        )


def test_a_checkpoint_is_signed_stored_and_exported(reads, settings, capsys):
    reads()
    head = AuditEvent.objects.order_by("-id").first()
    call_command("safeharbor", "audit", "checkpoint")
    assert f"checkpoint signed at event #{head.pk}" in capsys.readouterr().out
    (line,) = _exported(settings)
    assert (line["head_id"], line["head_hash"]) == (head.pk, head.hash)
    assert line["key"] == key_id(DEVELOPMENT_KEY)
    checkpoint = Checkpoint(line["at"], line["head_id"], line["head_hash"])
    assert signed_by(checkpoint, line["mac"], [DEVELOPMENT_KEY])
    assert not signed_by(checkpoint, line["mac"], [NEW_KEY])
    stored = AuditCheckpoint.objects.get()
    assert (stored.head_id, stored.head_hash, stored.mac) == (head.pk, head.hash, line["mac"])


def test_verify_passes_and_says_what_the_checkpoints_cover(reads, capsys):
    reads()
    write_checkpoint()
    reads(2)
    capsys.readouterr()
    call_command("safeharbor", "audit", "verify")
    out = capsys.readouterr().out
    assert "audit trail intact" in out
    assert "checkpoints: 1 signed, all hold" in out
    assert "event(s) since are covered by the chain alone" in out


def test_verify_without_checkpoints_says_what_it_cannot_see(reads, capsys):
    reads()
    call_command("safeharbor", "audit", "verify")
    assert "no signed checkpoints found" in capsys.readouterr().out


@pytest.mark.parametrize("where", ["the first event", "the middle", "the checkpoint's head"])
def test_a_full_rewrite_from_any_point_is_caught(reads, where):
    reads()
    write_checkpoint()
    head = AuditEvent.objects.order_by("-id").first().pk
    reads(2)  # events after the checkpoint, rewritten too
    ids = _ids()
    start = {
        "the first event": ids[0],
        "the middle": ids[len(ids) // 3],
        "the checkpoint's head": head,
    }
    _rewrite_from(start[where])

    # The chain alone is fooled: every link holds.
    assert verify_trail(checkpoint_dir=None).broken is None
    message = _verify()
    assert f"event #{head} no longer has the hash signed at " in message
    assert f"(the trail was rewritten at or before event #{head})" in message


def test_a_rewrite_is_placed_between_the_checkpoints_around_it(reads):
    reads()
    write_checkpoint()
    earlier = AuditEvent.objects.order_by("-id").first().pk
    reads()
    write_checkpoint()
    later = AuditEvent.objects.order_by("-id").first().pk
    _rewrite_from(earlier + 1)
    message = _verify()
    assert f"event #{later} no longer has the hash signed at" in message
    assert f"it still held at event #{earlier}" in message


def test_deleting_the_newest_events_is_caught(reads):
    reads()
    write_checkpoint()
    head = AuditEvent.objects.order_by("-id").first().pk
    reads(2)
    _as_superuser("DELETE FROM audit_auditevent WHERE id >= %s", [head - 1])
    assert verify_trail(checkpoint_dir=None).broken is None  # what is left is a valid chain
    message = _verify()
    assert f"event #{head}, the head signed at " in message
    assert "is missing (events were deleted)" in message


def test_the_export_catches_it_when_the_stored_checkpoints_are_deleted_too(
    reads, settings, tmp_path
):
    reads()
    write_checkpoint()
    head = AuditEvent.objects.order_by("-id").first().pk
    off_host = tmp_path / "off-host-copy"
    shutil.copytree(settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR, off_host)
    _as_superuser("DELETE FROM audit_auditevent WHERE id >= %s", [head - 2])
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditcheckpoint DISABLE TRIGGER USER")
            cursor.execute("DELETE FROM audit_auditcheckpoint")
            cursor.execute("ALTER TABLE audit_auditcheckpoint ENABLE TRIGGER USER")
    else:
        AuditCheckpoint.objects.all().delete()
    shutil.rmtree(settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR)  # even the host's copy is gone
    message = _verify("--checkpoints", str(off_host))
    assert f"event #{head}, the head signed at " in message


def test_a_checkpoint_forged_without_the_key_is_refused(reads):
    reads()
    write_checkpoint()
    _rewrite_from(_ids()[0])
    # The attacker signs the rewritten head with a key they made up.
    head = AuditEvent.objects.order_by("-id").first()
    forged = Checkpoint("2099-01-01T00:00:00.000000Z", head.pk, head.hash)
    AuditCheckpoint.objects.create(
        at="2099-01-01T00:00:00Z",
        head_id=head.pk,
        head_hash=head.hash,
        key_id=key_id("guessed"),
        mac=sign(forged, "guessed"),
    )
    message = _verify()
    assert "is not signed by a configured checkpoint key" in message


def test_an_altered_export_line_is_refused(reads, settings):
    reads()
    write_checkpoint()
    (path,) = settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR.glob("*.jsonl")
    line = json.loads(path.read_text())
    line["head_id"] -= 1
    path.write_text(json.dumps(line) + "\n")
    assert "is not signed by a configured checkpoint key" in _verify()
    path.write_text('{"at": "2026-')
    assert "line 1 is not a checkpoint (altered or truncated)" in _verify()


def test_old_checkpoints_still_verify_after_a_new_key_is_put_first(reads, settings, capsys):
    reads()
    write_checkpoint()
    settings.SAFEHARBOR_AUDIT_CHECKPOINT_KEYS = (NEW_KEY, DEVELOPMENT_KEY)
    reads()
    signed = write_checkpoint()
    assert signed.key_id == key_id(NEW_KEY)
    call_command("safeharbor", "audit", "verify")
    assert "checkpoints: 2 signed, all hold" in capsys.readouterr().out
    settings.SAFEHARBOR_AUDIT_CHECKPOINT_KEYS = (NEW_KEY,)
    message = _verify()
    assert f"signed with key {key_id(DEVELOPMENT_KEY)}, no longer configured" in message


def test_the_worker_signs_a_checkpoint_only_when_the_trail_has_grown(reads, settings):
    reads()
    assert main(["worker", "--once"]) == 0
    assert len(_exported(settings)) == 1
    assert write_checkpoint(only_if_moved=True) is None  # nothing new since
    reads()
    assert write_checkpoint(only_if_moved=True) is not None
    assert len(_exported(settings)) == 2


def test_a_checkpoint_that_cannot_be_exported_is_one_line(reads, settings, tmp_path):
    reads()
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR = blocker / "checkpoints"
    with pytest.raises(CommandError, match=r"cannot write to .*a-file/checkpoints"):
        call_command("safeharbor", "audit", "checkpoint")
    assert not AuditCheckpoint.objects.exists()  # stored only once exported


@pytest.mark.skipif(not POSTGRES, reason="the append-only trigger is PostgreSQL's")
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditcheckpoint SET head_id = 1", "DELETE FROM audit_auditcheckpoint"],
)
def test_postgres_refuses_to_change_or_delete_checkpoints(reads, statement):
    reads()
    write_checkpoint()
    with (
        pytest.raises(DatabaseError, match="audit checkpoints are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditCheckpoint.objects.count() == 1
