"""Events as the clocks see them (SPEC §5.1): a type, an aware time, the fields the type needs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from safeharbor.domain.clocks.rules import EventType, Tier
from safeharbor.domain.errors import InputError

_EVENT_TYPE_IDS = frozenset(item.value for item in EventType)
_TIER_IDS = frozenset(item.value for item in Tier)


@dataclass(frozen=True)
class Event:
    """A recorded event; ``at`` becomes UTC. Invalid fields raise ``InputError`` naming them.

    ``alleges_htcsec`` is required for ``intake_received`` (``identified_victim`` is optional
    there, default false) and ``tier`` for ``screening_completed``; other types ignore them.
    ``ref`` is the app's identifier for the record that is the event; the rules carry it
    unchanged, so a credited obligation names the record that satisfied it.
    """

    type: EventType
    at: dt.datetime
    alleges_htcsec: bool | None = None
    tier: Tier | None = None
    identified_victim: bool | None = None
    ref: int | str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", parse_event_type(self.type, field="type"))
        object.__setattr__(self, "at", as_utc(self.at, field="at"))
        if self.type is EventType.INTAKE_RECEIVED:
            parse_bool(self.alleges_htcsec, field="alleges_htcsec")
            if self.identified_victim is not None:
                parse_bool(self.identified_victim, field="identified_victim")
        if self.type is EventType.SCREENING_COMPLETED:
            if self.tier is None:
                raise InputError("tier: missing (screening_completed needs a tier)", field="tier")
            object.__setattr__(self, "tier", parse_tier(self.tier, field="tier"))


def parse_event_type(value: object, *, field: str) -> EventType:
    """Return the ``EventType`` with id ``value``; refuse anything else."""
    if isinstance(value, str) and value in _EVENT_TYPE_IDS:
        return EventType(value)
    raise InputError(f"{field}: unknown event type {shown(value)}", field=field)


def parse_tier(value: object, *, field: str) -> Tier:
    """Return the ``Tier`` with id ``value``; refuse anything else."""
    if isinstance(value, str) and value in _TIER_IDS:
        return Tier(value)
    known = ", ".join(Tier)
    raise InputError(f"{field}: unknown tier {shown(value)} (known tiers: {known})", field=field)


def as_utc(value: object, *, field: str) -> dt.datetime:
    """Return an aware datetime converted to UTC; refuse a naive or out-of-range one."""
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InputError(f"{field}: expected a time with a UTC offset, got {value!r}", field=field)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise InputError(f"{field}: {value.isoformat()} is out of range", field=field) from None


def parse_bool(value: object, *, field: str) -> bool:
    """Return ``value`` if it is true or false; refuse anything else (even 0, 1, "yes")."""
    if not isinstance(value, bool):
        raise InputError(f"{field}: expected true or false, got {shown(value)}", field=field)
    return value


def shown(value: object) -> str:
    """Return ``value`` as the JSON input would write it (true, null, "72"), for messages."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
