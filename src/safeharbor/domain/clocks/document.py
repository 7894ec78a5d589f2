"""The ``safeharbor clocks`` JSON documents (SPEC §5.1): read the input, write the output.

Pure: takes the already-decoded JSON value and returns plain dicts; reading files and printing
belong to the CLI. Every problem raises ``InputError`` with one line naming the field, e.g.
``events[2].tier: unknown tier "high"``. Keys the contract does not name (top level or in an
event) are ignored, so tools may carry their own identifiers; policy keys are the exception,
because a misspelt override would silently leave a default clock in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safeharbor.domain.clocks.engine import ObligationResult, compute_obligations
from safeharbor.domain.clocks.events import Event, parse_bool, parse_event_type, parse_tier
from safeharbor.domain.clocks.policy import ClockPolicy
from safeharbor.domain.clocks.rules import EventType, Tier
from safeharbor.domain.clocks.status import Status
from safeharbor.domain.dates import format_utc, parse_aware_datetime
from safeharbor.domain.errors import InputError


@dataclass(frozen=True)
class ClockInput:
    """A parsed input document: the moment to report at, the policy and the events."""

    now: dt.datetime
    policy: ClockPolicy
    events: tuple[Event, ...]


def run_document(document: object) -> dict[str, object]:
    """Return the output document for an input document (what ``safeharbor clocks`` prints)."""
    parsed = parse_document(document)
    return render_results(compute_obligations(parsed.events, parsed.now, parsed.policy))


def parse_document(document: object) -> ClockInput:
    """Parse ``{"now", "policy"?, "events"}``; raise ``InputError`` naming the first problem."""
    if not isinstance(document, dict):
        raise InputError('the input must be a JSON object with "now" and "events"')
    now = parse_aware_datetime(_required(document, "now"), field="now")
    policy = _parse_policy(document.get("policy", {}))
    raw_events = _required(document, "events")
    if not isinstance(raw_events, list):
        raise InputError("events: expected a list of events", field="events")
    events = tuple(_parse_event(item, index) for index, item in enumerate(raw_events))
    return ClockInput(now, policy, events)


def render_results(results: Iterable[ObligationResult]) -> dict[str, object]:
    """Return ``{"obligations": [...]}`` with the SPEC §5.1 fields (and ``title``), times in UTC."""
    return {"obligations": [_render(result) for result in results]}


def _render(result: ObligationResult) -> dict[str, object]:
    obligation, state = result.obligation, result.state
    satisfied_at = obligation.satisfied_at if state.status is Status.SATISFIED else None
    return {
        "kind": obligation.kind.value,
        "opened_at": format_utc(obligation.opened_at),
        "due": format_utc(obligation.due),
        "status": state.status.value,
        "satisfied_at": None if satisfied_at is None else format_utc(satisfied_at),
        "on_time": state.on_time,
        "escalate_to": state.escalate_to.value if state.escalate_to else None,
        "source": obligation.source,
        "title": obligation.title,
    }


def _parse_policy(value: object) -> ClockPolicy:
    if not isinstance(value, Mapping):
        raise InputError("policy: expected an object of hours by key", field="policy")
    return ClockPolicy.from_mapping(value)


def _parse_event(item: object, index: int) -> Event:
    where = f"events[{index}]"
    if not isinstance(item, dict):
        raise InputError(f'{where}: expected an object with "type" and "at"', field=where)
    event_type = parse_event_type(_required(item, "type", where), field=f"{where}.type")
    at = parse_aware_datetime(_required(item, "at", where), field=f"{where}.at")
    alleges: bool | None = None
    identified: bool | None = None
    tier: Tier | None = None
    if event_type is EventType.INTAKE_RECEIVED:
        hint = "intake_received needs true or false"
        value = _required(item, "alleges_htcsec", where, hint=hint)
        alleges = parse_bool(value, field=f"{where}.alleges_htcsec")
        identified = parse_bool(
            item.get("identified_victim", False), field=f"{where}.identified_victim"
        )
    elif event_type is EventType.SCREENING_COMPLETED:
        value = _required(item, "tier", where, hint="screening_completed needs the tier")
        tier = parse_tier(value, field=f"{where}.tier")
    return Event(event_type, at, alleges_htcsec=alleges, tier=tier, identified_victim=identified)


def _required(container: dict[str, object], key: str, where: str = "", hint: str = "") -> object:
    if key not in container:
        path = f"{where}.{key}" if where else key
        raise InputError(f"{path}: missing" + (f" ({hint})" if hint else ""), field=path)
    return container[key]
