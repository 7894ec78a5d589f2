"""Tamper evidence for the audit trail: each event's digest covers the previous event's digest.

Source: SPEC §8 ("an append-only audit trail that shows tampering"). Changing, deleting,
inserting or reordering any event breaks the chain at that event, and ``first_break`` names it.
Keyed checkpoints (below) catch what the chain cannot: a rewrite that recomputes every hash
after the change, and the deletion of the newest events.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64


def digest(prev_hash: str, fields: Mapping[str, object]) -> str:
    """Return the SHA-256 digest of an event's fields chained to the previous digest."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainedEvent:
    """One stored event as the verifier reads it back."""

    seq: int
    fields: Mapping[str, object]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Break:
    """Where the chain first fails, and how."""

    seq: int
    problem: str


def first_break(events: Iterable[ChainedEvent]) -> Break | None:
    """Return the first event whose chain does not hold, or None when the trail is intact."""
    expected_prev = GENESIS
    last_seq = 0
    for event in events:
        if event.seq <= last_seq:
            return Break(event.seq, "out of order")
        if event.prev_hash != expected_prev:
            return Break(
                event.seq,
                "does not follow the event before it (an event was deleted, inserted or reordered)",
            )
        if digest(event.prev_hash, event.fields) != event.hash:
            return Break(event.seq, "its content was altered after it was written")
        expected_prev = event.hash
        last_seq = event.seq
    return None


# Keyed checkpoints (docs/adr/0011). The chain alone proves only that each event follows the one
# before: someone who can write the table (a database superuser, a restored backup) can recompute
# every hash after a change, or cut the newest events, and the chain still holds. A checkpoint is
# the head at a moment, signed with HMAC-SHA256 under a key the database never holds; kept
# outside the database, it pins every event up to that head.
CHECKPOINT_VERSION = 1
_KEY_ID_PREFIX = b"safeharbor audit checkpoint key id\n"


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head (its last event's id and hash) at a moment, as signed."""

    at: str  # ISO 8601 in UTC, e.g. 2026-12-02T08:30:00.000000Z
    head_id: int
    head_hash: str

    def message(self) -> bytes:
        """Return the exact bytes the signature covers."""
        fields = {
            "v": CHECKPOINT_VERSION,
            "at": self.at,
            "head_id": self.head_id,
            "head_hash": self.head_hash,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def key_id(key: str) -> str:
    """Return a short public name for a checkpoint key (which key signed, without revealing it)."""
    return hashlib.sha256(_KEY_ID_PREFIX + key.encode()).hexdigest()[:12]


def sign(checkpoint: Checkpoint, key: str) -> str:
    """Return the HMAC-SHA256 of the checkpoint under ``key``, in hex."""
    return hmac.new(key.encode(), checkpoint.message(), hashlib.sha256).hexdigest()


def signed_by(checkpoint: Checkpoint, mac: str, keys: Iterable[str]) -> bool:
    """Return whether ``mac`` is the checkpoint's signature under one of ``keys``."""
    return any(hmac.compare_digest(sign(checkpoint, key), mac) for key in keys)


@dataclass(frozen=True)
class CheckpointHeld:
    """How one checkpoint compares with the stored trail."""

    checkpoint: Checkpoint
    problem: str  # "" when the head it signed is still there, unchanged


def compare_checkpoint(checkpoint: Checkpoint, stored_hash: str | None) -> CheckpointHeld:
    """Compare a checkpoint with the hash now stored for its head (None: no such event)."""
    head, at = checkpoint.head_id, checkpoint.at
    if stored_hash is None:
        problem = f"event #{head}, the head signed at {at}, is missing (events were deleted)"
    elif not hmac.compare_digest(stored_hash, checkpoint.head_hash):
        problem = (
            f"event #{head} no longer has the hash signed at {at} "
            f"(the trail was rewritten at or before event #{head})"
        )
    else:
        problem = ""
    return CheckpointHeld(checkpoint, problem)
