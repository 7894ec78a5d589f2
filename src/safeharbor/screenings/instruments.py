"""The instruments the app scores with: the bundled ones plus the agency's own folder (SPEC §4.5).

An agency adds a version by putting ``<id>/<version>.toml`` in SAFEHARBOR_INSTRUMENTS_DIR
(check it first with ``safeharbor instrument check FILE``). ``manage.py check`` loads every
version, so a broken file stops a deployment instead of a caseworker's screening.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.core import checks

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import Instrument, Registry, bundled_registry
from safeharbor.domain.screening.registry import DEFAULT_INSTRUMENT, registry_from_folder


@functools.cache
def registry() -> Registry:
    """Return the bundled instruments combined with the agency's folder, if one is configured."""
    folder = settings.SAFEHARBOR_INSTRUMENTS_DIR
    if not folder:
        return bundled_registry()
    return bundled_registry().combined_with(
        registry_from_folder(folder, default=DEFAULT_INSTRUMENT)
    )


def instrument_for(instrument_id: str | None = None, version: str | None = None) -> Instrument:
    """Return one instrument version (the latest of the default instrument when not named)."""
    return registry().get(instrument_id, version)


@checks.register()
def check_instruments(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Load every instrument version; report the first that cannot be used."""
    try:
        registry().load_all()
    except (InputError, OSError) as exc:
        return [checks.Error(f"screening instrument: {exc}", id="safeharbor.E001")]
    return []
