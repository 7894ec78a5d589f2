"""Tamper evidence for the audit trail: each event's digest covers the previous event's digest.

Source: SPEC §8 ("an append-only audit trail that shows tampering"). Changing, deleting,
inserting or reordering any event breaks the chain at that event, and ``first_break`` names it.
"""

from __future__ import annotations

import hashlib
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
