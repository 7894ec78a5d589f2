"""Find an instrument by id and version; bundled ones are ``instruments/<id>/<version>.toml``.

Source: SPEC §4.5 (a screening keeps the version it was scored with; re-scoring uses that
version; an agency adds a version by adding a file, without changing code). Without a version,
the latest one (versions are dates, so the latest sorts last) is used.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening.answers import shown
from safeharbor.domain.screening.loader import parse_instrument
from safeharbor.domain.screening.model import Instrument

DEFAULT_INSTRUMENT = "htcsec-screen"
_Load = Callable[[], Instrument]


class Registry:
    """Instrument versions by id, each loaded (and validated) the first time it is asked for."""

    def __init__(self, loaders: Mapping[tuple[str, str], _Load], *, default: str) -> None:
        self._loaders = dict(loaders)
        self._loaded: dict[tuple[str, str], Instrument] = {}
        self._found: dict[tuple[str | None, str | None], Instrument] = {}  # what get() returned
        self.default = default

    @classmethod
    def of(cls, *instruments: Instrument) -> Registry:
        """Build a registry of already loaded instruments; the first one's id is the default."""
        loaders = {(i.id, i.version): _given(i) for i in instruments}
        return cls(loaders, default=instruments[0].id)

    def combined_with(self, other: Registry) -> Registry:
        """Return one registry of both; a version defined in both is refused (SPEC §4.5).

        An agency adds versions beside the bundled ones; it never redefines a version that
        screenings may already have been scored with.
        """
        both = sorted(set(self._loaders) & set(other._loaders))
        if both:
            named = ", ".join(f"{i} {v}" for i, v in both)
            raise InputError(f"instruments: defined twice: {named}", field="instruments")
        return Registry({**self._loaders, **other._loaders}, default=self.default)

    def load_all(self) -> tuple[Instrument, ...]:
        """Load and validate every version now (a deploy-time check); raise on the first bad one."""
        return tuple(self._load(i, v) for i, v in sorted(self._loaders))

    def ids(self) -> tuple[str, ...]:
        """Return the instrument ids, sorted."""
        return tuple(sorted({key[0] for key in self._loaders}))

    def versions(self, instrument_id: str) -> tuple[str, ...]:
        """Return the versions of one instrument, oldest first."""
        return tuple(sorted(v for i, v in self._loaders if i == instrument_id))

    def get(self, instrument_id: str | None = None, version: str | None = None) -> Instrument:
        """Return one version (the latest when ``version`` is None) of one instrument."""
        found = self._found.get((instrument_id, version))
        if found is None:
            found = self._found[(instrument_id, version)] = self._find(instrument_id, version)
        return found

    def _find(self, instrument_id: str | None, version: str | None) -> Instrument:
        """Resolve the default id and the latest version, refusing unknown ones."""
        instrument_id = self.default if instrument_id is None else instrument_id
        versions = self.versions(instrument_id)
        if not versions:
            known = ", ".join(self.ids())
            raise InputError(
                f"instrument: {shown(instrument_id)} is not a known instrument (known: {known})",
                field="instrument",
            )
        if version is None:
            version = versions[-1]
        elif version not in versions:
            raise InputError(
                f"version: {instrument_id} has no version {shown(version)} "
                f"(versions: {', '.join(versions)})",
                field="version",
            )
        return self._load(instrument_id, version)

    def _load(self, instrument_id: str, version: str) -> Instrument:
        """Load a version once and keep it."""
        key = (instrument_id, version)
        if key not in self._loaded:
            self._loaded[key] = self._loaders[key]()
        return self._loaded[key]


@functools.cache
def bundled_registry() -> Registry:
    """Return the registry of the instruments shipped in this package."""
    # A path beside this module rather than importlib.resources: that import alone costs the
    # CLI a fifth of its start-up, and the package is always installed as plain files.
    root = os.path.join(os.path.dirname(__file__), "instruments")
    return registry_from_folder(root, default=DEFAULT_INSTRUMENT)


def registry_from_folder(root: str | os.PathLike[str], *, default: str) -> Registry:
    """Find every ``<id>/<version>.toml`` under ``root``; each is read when first asked for."""
    loaders: dict[tuple[str, str], _Load] = {}
    for folder in os.scandir(root):
        if not folder.is_dir():
            continue
        for file in os.scandir(folder.path):
            if file.name.endswith(".toml"):
                version = file.name.removesuffix(".toml")
                loaders[(folder.name, version)] = functools.partial(
                    _load_file, folder.name, file.name, file.path
                )
    return Registry(loaders, default=default)


def _load_file(folder: str, name: str, path: str) -> Instrument:
    """Read one definition and check that its contents match its path."""
    origin = f"instruments/{folder}/{name}"
    with open(path, encoding="utf-8") as file:
        instrument = parse_instrument(file.read(), origin=origin)
    expected = f"instruments/{instrument.id}/{instrument.version}.toml"
    if origin != expected:
        raise InputError(f"{origin}: id and version say it belongs at {expected}", field="id")
    return instrument


def _given(instrument: Instrument) -> _Load:
    """Return a loader of an instrument that is already loaded."""
    return lambda: instrument
