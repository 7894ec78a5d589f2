"""The field-encryption keys: read from SAFEHARBOR_FIELD_KEYS, never from the database or the code.

SAFEHARBOR_FIELD_KEYS is a comma-separated list of Fernet keys (``Fernet.generate_key()``). The
first key encrypts; every key decrypts, so a new key can be put in front and the old rows
re-encrypted (``manage.py safeharbor rotate-keys``) before the old key is removed. Production
refuses to start without real keys; development and tests use a fixed, public development key.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Mapping

from cryptography.fernet import Fernet, MultiFernet

from safeharbor.env import ConfigurationError, env_str

# Public on purpose: it protects synthetic demo data only, and production refuses it.
DEVELOPMENT_KEY = base64.urlsafe_b64encode(b"safeharbor-development-only-key!").decode()
GENERATE_HINT = (
    "generate one with: python -c "
    "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)


def env_field_keys(
    name: str, *, production: bool, env: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Read the field keys; production refuses a missing, malformed or development key."""
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
    """Refuse an empty or malformed key, and the development key in production."""
    if not key:
        raise ConfigurationError(f"{name} has an empty key in its comma-separated list")
    try:
        Fernet(key)
    except ValueError:
        raise ConfigurationError(
            f"{name}: key {position} is not a Fernet key (32 url-safe base64-encoded bytes); "
            + GENERATE_HINT
        ) from None
    if production and key == DEVELOPMENT_KEY:
        raise ConfigurationError(f"{name}: the public development key is refused in production")


@functools.lru_cache(maxsize=4)
def fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    """Return the cipher for ``keys``: encrypts with the first, decrypts with any."""
    return MultiFernet([Fernet(key) for key in keys])


def current_fernet() -> MultiFernet:
    """Return the cipher for the keys in the settings."""
    from django.conf import settings

    return fernet_for(tuple(settings.SAFEHARBOR_FIELD_KEYS))
