"""Typed readers for deployment settings: each refuses a bad value with a message naming it.

Modelled on healthchecks' settings: configuration comes from the environment, and a typo in a
variable must stop the process at start-up rather than run with a silently wrong value.
"""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Mapping


class ConfigurationError(Exception):
    """A deployment setting has a value SafeHarbor cannot use."""


def _raw(name: str, env: Mapping[str, str] | None) -> str | None:
    value = (env if env is not None else os.environ).get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    """Read a string setting."""
    value = _raw(name, env)
    return default if value is None else value


def env_bool(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    """Read a yes/no setting; refuse anything but the usual spellings."""
    value = _raw(name, env)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={value!r} is not a yes/no value (use true or false)")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Read a whole-number setting within optional bounds."""
    value = _raw(name, env)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a whole number") from None
    if minimum is not None and number < minimum:
        raise ConfigurationError(f"{name}={number} is below the minimum of {minimum}")
    if maximum is not None and number > maximum:
        raise ConfigurationError(f"{name}={number} is above the maximum of {maximum}")
    return number


def env_list(name: str, default: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    """Read a comma-separated list setting."""
    value = _raw(name, env)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ConfigurationError(f"{name}={value!r} has an empty item in its comma-separated list")
    return items


def env_choice(
    name: str, default: str, choices: tuple[str, ...], env: Mapping[str, str] | None = None
) -> str:
    """Read a setting that must be one of a fixed set of words."""
    value = env_str(name, default, env)
    if value not in choices:
        raise ConfigurationError(f"{name}={value!r} must be one of: {', '.join(choices)}")
    return value


def env_time_zone(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    """Read an IANA time zone name such as America/Chicago."""
    value = env_str(name, default, env)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"{name}={value!r} is not a known time zone (e.g. America/Chicago)"
        ) from None
    return value


INSECURE_KEY_PREFIX = "insecure-"


def env_secret_key(name: str, *, production: bool, env: Mapping[str, str] | None = None) -> str:
    """Read the secret key; production refuses a missing, short or development key."""
    value = _raw(name, env)
    if not production:
        return value or INSECURE_KEY_PREFIX + "development-only-key-never-use-in-production"
    if value is None:
        raise ConfigurationError(f"{name} must be set in production (50+ random characters)")
    if value.startswith(INSECURE_KEY_PREFIX) or len(value) < 50 or len(set(value)) < 5:
        raise ConfigurationError(
            f"{name} is not a real secret: use 50 or more random characters, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return value


def env_directory(name: str, env: Mapping[str, str] | None = None) -> str:
    """Read an optional path that must name an existing directory; empty when unset."""
    value = _raw(name, env)
    if value is None:
        return ""
    if not os.path.isdir(value):
        raise ConfigurationError(f"{name}={value!r} is not a directory")
    return value
