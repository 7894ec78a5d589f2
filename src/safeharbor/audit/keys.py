"""The audit checkpoint keys: read from SAFEHARBOR_AUDIT_CHECKPOINT_KEYS, never from the database.

A comma-separated list of secrets of at least 32 characters. The first signs new checkpoints;
every key verifies, so a new key can be put in front while checkpoints signed under the old one
are still checked (docs/security.md, "Audit checkpoints"). Production refuses to start without
a key or with the public development key, like the field keys (``protected/keys.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

from safeharbor.env import ConfigurationError, env_str

# Public on purpose: it signs checkpoints of synthetic demo data only, and production refuses it.
DEVELOPMENT_KEY = "safeharbor-development-only-audit-checkpoint-key"
MIN_CHARACTERS = 32
GENERATE_HINT = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"


def env_checkpoint_keys(
    name: str, *, production: bool, env: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Read the checkpoint keys; production refuses a missing, short or development key."""
    value = env_str(name, "", env)
    if not value:
        if production:
            raise ConfigurationError(f"{name} must be set in production; {GENERATE_HINT}")
        return (DEVELOPMENT_KEY,)
    keys = tuple(item.strip() for item in value.split(","))
    for position, key in enumerate(keys, start=1):
        _check_key(name, position, key, production=production)
    if len(set(keys)) != len(keys):
        raise ConfigurationError(f"{name} lists the same key twice")
    return keys


def _check_key(name: str, position: int, key: str, *, production: bool) -> None:
    """Refuse an empty or short key, and the development key in production."""
    if not key:
        raise ConfigurationError(f"{name} has an empty key in its comma-separated list")
    if len(key) < MIN_CHARACTERS:
        raise ConfigurationError(
            f"{name}: key {position} is shorter than {MIN_CHARACTERS} characters; " + GENERATE_HINT
        )
    if production and key == DEVELOPMENT_KEY:
        raise ConfigurationError(f"{name}: the public development key is refused in production")
