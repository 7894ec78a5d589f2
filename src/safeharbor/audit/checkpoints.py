"""Keyed checkpoints of the audit chain (ADR 0011): sign the head, store it, export it.

``write_checkpoint`` signs the newest event's id and hash with the first key of
``SAFEHARBOR_AUDIT_CHECKPOINT_KEYS`` (HMAC-SHA256), appends it to a JSON Lines file per day in
``SAFEHARBOR_AUDIT_CHECKPOINT_DIR`` (flushed to disk before anything else) and stores a copy in
the database. ``read_checkpoints`` gathers both for ``safeharbor audit verify``. Neither the
database nor a copy of it holds the key, so whoever can write the table cannot make a checkpoint
that verifies; the export keeps checkpoints a database superuser cannot delete.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeharbor.audit.models import AuditCheckpoint, AuditEvent
from safeharbor.domain.audit_chain import Checkpoint, key_id, sign

FILE_PATTERN = "audit-checkpoints-*.jsonl"
_FIELDS = ("at", "head_id", "head_hash", "key", "mac")


class CheckpointError(Exception):
    """A checkpoint could not be written, or an export file cannot be read."""


@dataclass(frozen=True)
class SignedCheckpoint:
    """A checkpoint with its signature, and where it was read from (for messages)."""

    checkpoint: Checkpoint
    key_id: str
    mac: str
    source: str


def write_checkpoint(
    *, now: dt.datetime | None = None, directory: Path | None = None, only_if_moved: bool = False
) -> SignedCheckpoint | None:
    """Sign the chain's head now, export it, then store it; None when there is nothing to sign.

    With ``only_if_moved`` (the worker's loop), nothing is written when the newest checkpoint
    already names the current head.
    """
    head = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    if head is None or (only_if_moved and _newest_stored_head() == head):
        return None
    at = (now or timezone.now()).astimezone(dt.UTC)
    checkpoint = Checkpoint(at=_iso(at), head_id=head[0], head_hash=head[1])
    key = settings.SAFEHARBOR_AUDIT_CHECKPOINT_KEYS[0]
    signed = SignedCheckpoint(checkpoint, key_id(key), sign(checkpoint, key), "")
    path = export(signed, directory or settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR, at.date())
    _store(signed, at)
    return SignedCheckpoint(signed.checkpoint, signed.key_id, signed.mac, str(path))


def _newest_stored_head() -> tuple[int, str] | None:
    return AuditCheckpoint.objects.order_by("-id").values_list("head_id", "head_hash").first()


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _store(signed: SignedCheckpoint, at: dt.datetime) -> None:
    checkpoint = signed.checkpoint
    with transaction.atomic():
        AuditCheckpoint.objects.create(
            at=at,
            head_id=checkpoint.head_id,
            head_hash=checkpoint.head_hash,
            key_id=signed.key_id,
            mac=signed.mac,
        )


def export(signed: SignedCheckpoint, directory: Path, day: dt.date) -> Path:
    """Append ``signed`` as one JSON line to the day's file and flush it to disk."""
    path = directory / f"audit-checkpoints-{day.isoformat()}.jsonl"
    line = json.dumps(_as_record(signed), separators=(",", ":")) + "\n"
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        with path.open("a", encoding="utf-8") as file:
            file.write(line)
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        raise CheckpointError(f"cannot write to {path}: {error.strerror or error}") from None
    return path


def _as_record(signed: SignedCheckpoint) -> dict[str, object]:
    checkpoint = signed.checkpoint
    return {
        "at": checkpoint.at,
        "head_id": checkpoint.head_id,
        "head_hash": checkpoint.head_hash,
        "key": signed.key_id,
        "mac": signed.mac,
    }


def read_checkpoints(directory: Path) -> list[SignedCheckpoint]:
    """Return every exported checkpoint in ``directory`` and every stored one, oldest first."""
    unique: dict[tuple[Checkpoint, str], SignedCheckpoint] = {}
    for signed in [*_exported(directory), *_stored()]:  # a stored copy of an export counts once
        unique.setdefault((signed.checkpoint, signed.mac), signed)
    return sorted(unique.values(), key=lambda signed: (signed.checkpoint.head_id, signed.source))


def _exported(directory: Path) -> Iterator[SignedCheckpoint]:
    if not directory.is_dir():
        return
    for path in sorted(directory.glob(FILE_PATTERN)):
        for number, line in enumerate(_lines(path), start=1):
            if line.strip():
                yield _parse(line, f"{path} line {number}")


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CheckpointError(f"cannot read the checkpoint file {path}: {error}") from None


def _parse(line: str, source: str) -> SignedCheckpoint:
    """Read one exported line; anything but a well-formed checkpoint is reported, not skipped."""
    try:
        record = json.loads(line)
        if not isinstance(record, dict) or set(record) != set(_FIELDS):
            raise ValueError("unexpected fields")
        checkpoint = Checkpoint(str(record["at"]), int(record["head_id"]), str(record["head_hash"]))
        return SignedCheckpoint(checkpoint, str(record["key"]), str(record["mac"]), source)
    except (ValueError, TypeError):
        raise CheckpointError(f"{source} is not a checkpoint (altered or truncated)") from None


def _stored() -> Iterator[SignedCheckpoint]:
    for row in AuditCheckpoint.objects.order_by("id").iterator(chunk_size=2000):
        checkpoint = Checkpoint(_iso(row.at.astimezone(dt.UTC)), row.head_id, row.head_hash)
        yield SignedCheckpoint(checkpoint, row.key_id, row.mac, f"stored checkpoint #{row.pk}")
