"""Readers for the decoded JSON of the federal documents: each refuses a wrong type by name."""

from __future__ import annotations

import json

from safeharbor.domain.errors import InputError


def shown(value: object) -> str:
    """Return ``value`` as the JSON input would write it (true, null, "12"), for messages."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def required(container: dict[str, object], key: str, where: str) -> object:
    """Return ``container[key]``; refuse a missing key, naming its path."""
    if key not in container:
        path = f"{where}.{key}" if where else key
        raise InputError(f"{path}: missing", field=path)
    return container[key]


def as_object(value: object, *, field: str, expected: str) -> dict[str, object]:
    """Return ``value`` if it is a JSON object; else refuse, saying what was ``expected``."""
    if not isinstance(value, dict):
        raise InputError(f"{field}: expected {expected}, got {shown(value)}", field=field)
    return value


def as_list(value: object, *, field: str, expected: str) -> list[object]:
    """Return ``value`` if it is a JSON list; else refuse, saying what was ``expected``."""
    if not isinstance(value, list):
        raise InputError(f"{field}: expected {expected}, got {shown(value)}", field=field)
    return value


def as_bool(value: object, *, field: str) -> bool:
    """Return ``value`` if it is true or false; refuse anything else (even 0, 1, "yes")."""
    if not isinstance(value, bool):
        raise InputError(f"{field}: expected true or false, got {shown(value)}", field=field)
    return value


def as_age(value: object, *, field: str) -> int:
    """Return ``value`` if it is a whole number of years, 0 or more; refuse "12", 12.5, -1, true."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(
            f"{field}: expected a whole number of years, 0 or more, got {shown(value)}",
            field=field,
        )
    return value


def as_text(value: object, *, field: str) -> str:
    """Return ``value`` if it is a string with more than spaces in it; else refuse it."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{field}: expected a non-empty string, got {shown(value)}", field=field)
    return value
