"""Read the stored audit trail back and check its hash chain (``safeharbor audit verify``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction

from safeharbor.audit.actions import record_event
from safeharbor.audit.models import AuditEvent
from safeharbor.domain.audit_chain import Break, ChainedEvent, first_break


@dataclass(frozen=True)
class Verdict:
    """What the verifier found: how many events, the last one, and the first break if any."""

    events: int
    head_id: int | None
    head_hash: str
    broken: Break | None
    broken_event: AuditEvent | None = None
    anchor_problem: str = ""

    @property
    def intact(self) -> bool:
        """Return whether the chain holds and the anchor, if given, is still in it."""
        return self.broken is None and not self.anchor_problem


class _Counter:
    def __init__(self) -> None:
        self.events = 0
        self.last: AuditEvent | None = None

    def stream(self) -> Iterator[ChainedEvent]:
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
            self.events += 1
            self.last = event
            yield ChainedEvent(event.pk, event.chained_fields(), event.prev_hash, event.hash)


def verify_trail(*, anchor: tuple[int, str] | None = None) -> Verdict:
    """Check every event's link to the one before; optionally that ``anchor`` (id, hash) holds.

    The chain alone cannot show that the newest events were deleted: an operator keeps the head
    printed by an earlier run somewhere else and passes it back as ``anchor``.
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
    if anchor is not None:
        problem = _anchor_problem(*anchor)
        if problem:
            return Verdict(**{**verdict.__dict__, "anchor_problem": problem})
    return verdict


def verify_and_record(*, anchor: tuple[int, str] | None = None) -> Verdict:
    """Check the trail (``verify_trail``) and audit that it was checked, with the outcome."""
    verdict = verify_trail(anchor=anchor)
    with transaction.atomic(durable=True):
        record_event(
            actor=None,
            action="audit.verified",
            detail={"events": verdict.events, "intact": verdict.intact},
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
