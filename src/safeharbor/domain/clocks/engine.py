"""Apply events to obligations: one event at a time (``apply_event``), or a youth's whole history.

The rules (SPEC §5.1):

- An event first satisfies, for each kind it satisfies, the oldest open obligation of that kind
  opened at or before it (ties: the order given). Then it opens its rules' obligations.
- An obligation of a kind already open is not opened twice; if the new clock would fall due
  sooner, the open obligation's due time moves to the sooner time, and its source and title
  become those of the rule whose clock now governs it.
- An event that matches nothing is recorded by the caller and changes nothing here; the caller
  keeps it (``kept``). "Done already counts" (SPEC §5): a protocol obligation (``CREDITED_KINDS``)
  that opens is satisfied at once, at the record's time, by the latest kept matching event at or
  after ``opened_at - prior_action_credit_hours``; each kept event satisfies one obligation at
  most. Screenings, debriefs, dispositions and missing reports get no such credit.
- Due times are elapsed hours after the event, computed in UTC: a day with a clock change still
  counts 24 hours.

``apply_event`` is what the app calls as it records each event; ``compute_obligations`` replays a
history in time order (ties in the order given) through ``apply_event`` for the CLI and the tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safeharbor.domain.clocks.events import Event, as_utc
from safeharbor.domain.clocks.obligation import Obligation
from safeharbor.domain.clocks.policy import ClockPolicy
from safeharbor.domain.clocks.rules import (
    CREDITED_KINDS,
    ClockRule,
    ObligationKind,
    kinds_satisfied_by,
    rules_opened_by,
)
from safeharbor.domain.clocks.status import ObligationStatus, status_at
from safeharbor.domain.dates import format_utc
from safeharbor.domain.errors import InputError


@dataclass(frozen=True)
class DueMove:
    """An open obligation whose due time a sooner clock moves earlier."""

    obligation: Obligation  # as it was given
    due: dt.datetime
    source: str  # of the rule whose sooner clock now governs the obligation
    title: str

    @property
    def moved(self) -> Obligation:
        """Return the obligation with its new due time, source and title."""
        return dataclasses.replace(
            self.obligation, due=self.due, source=self.source, title=self.title
        )


@dataclass(frozen=True)
class Satisfaction:
    """An open obligation the event satisfies."""

    obligation: Obligation  # as it was given
    satisfied_at: dt.datetime
    on_time: bool  # satisfied at or before the due time

    @property
    def satisfied(self) -> Obligation:
        """Return the obligation marked satisfied."""
        return dataclasses.replace(self.obligation, satisfied_at=self.satisfied_at)


@dataclass(frozen=True)
class Credit:
    """A newly opened obligation satisfied at once by an earlier record (SPEC §5, done already)."""

    obligation: Obligation  # as opened: the very object in ``Changes.opened``
    event: Event  # the kept record that satisfies it; ``event.ref`` names the app's record
    on_time: bool  # the record's time is at or before the due time

    @property
    def satisfied(self) -> Obligation:
        """Return the obligation marked satisfied at the record's time."""
        return dataclasses.replace(self.obligation, satisfied_at=self.event.at)


@dataclass(frozen=True)
class Changes:
    """What one event changes: obligations opened, due times moved, obligations satisfied.

    ``credited`` names the obligations among ``opened`` that an earlier record satisfies at once.
    """

    event: Event
    opened: tuple[Obligation, ...] = ()
    moved: tuple[DueMove, ...] = ()
    satisfied: tuple[Satisfaction, ...] = ()
    credited: tuple[Credit, ...] = ()

    @property
    def changes_nothing(self) -> bool:
        """Return whether the event opened, moved and satisfied nothing."""
        return not (self.opened or self.moved or self.satisfied)


@dataclass(frozen=True)
class ObligationResult:
    """An obligation and its status at ``now``."""

    obligation: Obligation
    state: ObligationStatus


def apply_event(
    open_obligations: Iterable[Obligation],
    event: Event,
    policy: ClockPolicy,
    kept: Iterable[Event] = (),
) -> Changes:
    """Return what ``event`` changes among the youth's open obligations (SPEC §5.1).

    ``kept`` are the youth's earlier satisfying events that satisfied nothing (the app's records
    that satisfied nothing yet); a protocol obligation the event opens may be credited to one.
    Satisfied obligations among ``open_obligations`` are ignored. Raises ``InputError`` when a
    due time would fall beyond the year 9999.
    """
    still_open = [obligation for obligation in open_obligations if obligation.is_open]
    satisfied = _satisfactions(still_open, event)
    taken = {id(satisfaction.obligation) for satisfaction in satisfied}
    still_open = [obligation for obligation in still_open if id(obligation) not in taken]
    opened: list[Obligation] = []
    moved: dict[int, DueMove] = {}
    rules = rules_opened_by(
        event.type,
        tier=event.tier,
        alleges_htcsec=event.alleges_htcsec,
        identified_victim=event.identified_victim,
    )
    for rule in rules:
        due = _due(event, rule, policy)
        _open_or_move(rule, event, due, still_open, opened, moved)
    credited = _credits(opened, list(kept), policy)
    return Changes(event, tuple(opened), tuple(moved.values()), satisfied, credited)


def compute_obligations(
    events: Sequence[Event], now: dt.datetime, policy: ClockPolicy
) -> tuple[ObligationResult, ...]:
    """Replay ``events`` in time order and return every obligation's status at ``now``.

    Ties keep the order given. Sorted by due time, then kind. Raises ``InputError`` for an event
    after ``now`` (naming it as ``events[i]``).
    """
    now = as_utc(now, field="now")
    for index, event in enumerate(events):
        if event.at > now:
            raise InputError(
                f"events[{index}].at: {format_utc(event.at)} is after now ({format_utc(now)})",
                field=f"events[{index}].at",
            )
    ledger: list[Obligation] = []
    kept: list[Event] = []
    for index in sorted(range(len(events)), key=lambda index: events[index].at):
        try:
            changes = apply_event(ledger, events[index], policy, kept)
        except InputError as error:
            field = f"events[{index}].{error.field}" if error.field == "at" else error.field
            raise InputError(f"events[{index}]: {error}", field=field) from None
        ledger = _with_changes(ledger, changes)
        kept = _still_kept(kept, changes)
    ledger.sort(key=lambda item: (item.due, item.kind, item.opened_at, _ref_order(item)))
    return tuple(ObligationResult(item, status_at(item, now, policy)) for item in ledger)


def _satisfactions(still_open: list[Obligation], event: Event) -> tuple[Satisfaction, ...]:
    """Pick, per kind the event satisfies, the oldest open obligation opened at or before it."""
    found = []
    for kind in kinds_satisfied_by(event.type):
        candidates = [o for o in still_open if o.kind is kind and o.opened_at <= event.at]
        if candidates:
            oldest = min(candidates, key=lambda obligation: obligation.opened_at)
            on_time = event.at <= oldest.due
            found.append(Satisfaction(oldest, event.at, on_time))
    return tuple(found)


def _credits(
    opened: list[Obligation], kept: list[Event], policy: ClockPolicy
) -> tuple[Credit, ...]:
    """Credit each newly opened protocol obligation to the latest unused kept record in window."""
    credits: list[Credit] = []
    for obligation in opened:
        if obligation.kind not in CREDITED_KINDS:
            continue
        since = _credit_window_start(obligation.opened_at, policy.prior_action_credit_hours)
        matching = [
            (position, event)
            for position, event in enumerate(kept)
            if obligation.kind in kinds_satisfied_by(event.type) and event.at >= since
        ]
        if matching:  # latest by time; ties: the one recorded last
            position, record = max(matching, key=lambda item: (item[1].at, item[0]))
            kept = kept[:position] + kept[position + 1 :]
            credits.append(Credit(obligation, record, on_time=record.at <= obligation.due))
    return tuple(credits)


def _credit_window_start(opened_at: dt.datetime, hours: float) -> dt.datetime:
    """Return ``opened_at - hours``, or the earliest time when that is before the calendar."""
    try:
        return opened_at - dt.timedelta(hours=hours)
    except OverflowError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _still_kept(kept: list[Event], changes: Changes) -> list[Event]:
    """Return the kept events after ``changes``: less the credited, plus the event if unmatched."""
    used = {id(credit.event) for credit in changes.credited}
    remaining = [event for event in kept if id(event) not in used]
    event = changes.event
    satisfied_kinds = {done.obligation.kind for done in changes.satisfied}
    protocol_kinds = set(kinds_satisfied_by(event.type)) & CREDITED_KINDS
    if protocol_kinds and not protocol_kinds & satisfied_kinds:
        remaining.append(event)
    return remaining


def _open_or_move(
    rule: ClockRule,
    event: Event,
    due: dt.datetime,
    still_open: list[Obligation],
    opened: list[Obligation],
    moved: dict[int, DueMove],
) -> None:
    """Open the rule's obligation, or move an open one of its kind to a sooner due time."""
    same_kind = [o for o in opened if o.kind is rule.opens]
    if same_kind:  # two rules of one event, same kind: keep the sooner clock
        index = opened.index(same_kind[0])
        if due < same_kind[0].due:
            opened[index] = dataclasses.replace(
                same_kind[0], due=due, source=rule.source, title=rule.title
            )
        return
    existing = _oldest_of_kind(still_open, rule.opens)
    if existing is None:
        opened.append(Obligation(rule.opens, event.at, due, rule.source, rule.title))
        return
    current = moved.get(id(existing))
    current_due = existing.due if current is None else current.due
    if due < current_due:
        moved[id(existing)] = DueMove(existing, due, rule.source, rule.title)


def _oldest_of_kind(obligations: list[Obligation], kind: ObligationKind) -> Obligation | None:
    """Return the oldest obligation of ``kind`` (ties: the order given), or None."""
    of_kind = [obligation for obligation in obligations if obligation.kind is kind]
    return min(of_kind, key=lambda obligation: obligation.opened_at) if of_kind else None


def _due(event: Event, rule: ClockRule, policy: ClockPolicy) -> dt.datetime:
    """Return ``event.at`` plus the rule's elapsed hours under ``policy``, in UTC."""
    hours = rule.hours if rule.policy_key is None else policy.hours(rule.policy_key)
    try:  # event.at is UTC, so this adds elapsed hours, not wall-clock hours
        return event.at + dt.timedelta(hours=hours)
    except OverflowError:
        cause = "at" if rule.policy_key is None else f"policy.{rule.policy_key}"
        raise InputError(
            f"{rule.opens} would fall due after the year 9999 ({cause})", field=cause
        ) from None


def _with_changes(ledger: list[Obligation], changes: Changes) -> list[Obligation]:
    """Return the ledger with the changes applied; new obligations get the next ``ref``."""
    replaced = {id(move.obligation): move.moved for move in changes.moved}
    replaced.update({id(done.obligation): done.satisfied for done in changes.satisfied})
    updated = [replaced.get(id(obligation), obligation) for obligation in ledger]
    credited = {id(credit.obligation): credit.satisfied for credit in changes.credited}
    for offset, obligation in enumerate(changes.opened):
        opened = credited.get(id(obligation), obligation)
        updated.append(dataclasses.replace(opened, ref=len(ledger) + offset))
    return updated


def _ref_order(obligation: Obligation) -> int:
    """Return the ledger position ``compute_obligations`` stored in ``ref``."""
    return obligation.ref if isinstance(obligation.ref, int) else 0
