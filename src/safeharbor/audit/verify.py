"""Read the stored audit trail back and check its hash chain (``safeharbor audit verify``).

The chain shows an event altered, deleted, inserted or reordered among the others; the signed
checkpoints (``audit/checkpoints.py``, ADR 0011) show a rewrite that recomputed the hashes and
the deletion of the newest events, up to the newest checkpoint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from safeharbor.audit.actions import record_event
from safeharbor.audit.checkpoints import CheckpointError, SignedCheckpoint, read_checkpoints
from safeharbor.audit.models import AuditEvent
from safeharbor.domain.audit_chain import (
    Break,
    ChainedEvent,
    Checkpoint,
    compare_checkpoint,
    first_break,
    signed_by,
)

_LOOKUP_CHUNK = 1000


@dataclass(frozen=True)
class Verdict:
    """What the verifier found: how many events, the last one, and the first break if any."""

    events: int
    head_id: int | None
    head_hash: str
    broken: Break | None
    broken_event: AuditEvent | None = None
    anchor_problem: str = ""
    checkpoints: int = 0
    newest_checkpoint: Checkpoint | None = None
    checkpoint_problem: str = ""

    @property
    def intact(self) -> bool:
        """Return whether the chain holds, the anchor is still in it and every checkpoint holds."""
        return self.broken is None and not self.anchor_problem and not self.checkpoint_problem


class _Counter:
    def __init__(self) -> None:
        self.events = 0
        self.last: AuditEvent | None = None

    def stream(self) -> Iterator[ChainedEvent]:
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
            self.events += 1
            self.last = event
            yield ChainedEvent(event.pk, event.chained_fields(), event.prev_hash, event.hash)


def verify_trail(
    *, anchor: tuple[int, str] | None = None, checkpoint_dir: Path | None = None
) -> Verdict:
    """Check every event's link to the one before, the signed checkpoints, and ``anchor``.

    The chain alone cannot show a rewrite that recomputed every hash, nor that the newest
    events were deleted: the checkpoints exported to ``checkpoint_dir`` (the setting
    ``SAFEHARBOR_AUDIT_CHECKPOINT_DIR`` by default) and stored beside the trail can. An
    ``anchor`` (id, hash) printed by an earlier run is checked too.
    """
    counter = _Counter()
    broken = first_break(counter.stream())
    last = counter.last
    verdict = Verdict(
        events=counter.events,
        head_id=last.pk if last else None,
        head_hash=last.hash if last else "",
        broken=broken,
        broken_event=AuditEvent.objects.filter(pk=broken.seq).first() if broken else None,
    )
    verdict = _with_checkpoints(verdict, checkpoint_dir or settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR)
    if anchor is not None:
        verdict = dataclasses.replace(verdict, anchor_problem=_anchor_problem(*anchor))
    return verdict


def _with_checkpoints(verdict: Verdict, directory: Path) -> Verdict:
    """Return ``verdict`` with what the checkpoints say: how many, the newest, the first problem."""
    try:
        signed = read_checkpoints(directory)
    except CheckpointError as error:
        return dataclasses.replace(verdict, checkpoint_problem=str(error))
    problem = _unsigned(signed) or _first_not_held(signed)
    newest = max((s.checkpoint for s in signed), key=lambda c: c.head_id, default=None)
    return dataclasses.replace(
        verdict, checkpoints=len(signed), newest_checkpoint=newest, checkpoint_problem=problem
    )


def _unsigned(signed: Sequence[SignedCheckpoint]) -> str:
    """Name the first checkpoint no configured key signed (forged, altered, or an old key)."""
    keys = settings.SAFEHARBOR_AUDIT_CHECKPOINT_KEYS
    for item in signed:
        if not signed_by(item.checkpoint, item.mac, keys):
            return (
                f"{item.source}: the checkpoint of {item.checkpoint.at} (event "
                f"#{item.checkpoint.head_id}) is not signed by a configured checkpoint key "
                f"(forged or altered, or signed with key {item.key_id}, no longer configured)"
            )
    return ""


def _first_not_held(signed: Sequence[SignedCheckpoint]) -> str:
    """Name the oldest checkpoint whose head is gone or changed, and the last one that held."""
    stored = _stored_hashes([item.checkpoint.head_id for item in signed])
    last_held: Checkpoint | None = None
    for item in signed:
        held = compare_checkpoint(item.checkpoint, stored.get(item.checkpoint.head_id))
        if held.problem:
            since = f"; it still held at event #{last_held.head_id}" if last_held else ""
            return f"{held.problem}{since} ({item.source})"
        last_held = item.checkpoint
    return ""


def _stored_hashes(ids: Sequence[int]) -> dict[int, str]:
    """Return the stored hash of each event in ``ids`` that still exists."""
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start : start + _LOOKUP_CHUNK]
        found.update(AuditEvent.objects.filter(pk__in=chunk).values_list("id", "hash"))
    return found


def events_after(checkpoint: Checkpoint | None) -> int:
    """Return how many events came after ``checkpoint`` (all of them when there is none)."""
    after = checkpoint.head_id if checkpoint else 0
    return AuditEvent.objects.filter(pk__gt=after).count()


def verify_and_record(
    *, anchor: tuple[int, str] | None = None, checkpoint_dir: Path | None = None
) -> Verdict:
    """Check the trail (``verify_trail``) and audit that it was checked, with the outcome."""
    verdict = verify_trail(anchor=anchor, checkpoint_dir=checkpoint_dir)
    with transaction.atomic(durable=True):
        record_event(
            actor=None,
            action="audit.verified",
            detail={
                "events": verdict.events,
                "intact": verdict.intact,
                "checkpoints": verdict.checkpoints,
            },
        )
    return verdict


def problem_of(verdict: Verdict) -> str:
    """Return what is wrong with the trail in one line, or "" when it is intact."""
    if verdict.broken is not None:
        event = verdict.broken_event
        what = (
            f" ({event.at:%Y-%m-%d %H:%M:%S} UTC, {event.actor_username}, {event.action})"
            if event
            else ""
        )
        return (
            f"audit trail broken at event #{verdict.broken.seq}{what}: "
            f"{verdict.broken.problem}; {verdict.events} events read"
        )
    if verdict.checkpoint_problem:
        return f"audit trail broken: {verdict.checkpoint_problem}"
    if verdict.anchor_problem:
        return f"audit trail broken: {verdict.anchor_problem}"
    return ""


def _anchor_problem(event_id: int, expected_hash: str) -> str:
    stored = AuditEvent.objects.filter(pk=event_id).values_list("hash", flat=True).first()
    if stored is None:
        return f"event #{event_id}, the head recorded earlier, is missing (events were deleted)"
    if stored != expected_hash:
        return (
            f"event #{event_id} no longer has the hash recorded earlier (the trail was rewritten)"
        )
    return ""
