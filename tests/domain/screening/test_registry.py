"""Finding instrument versions: by id and version, the latest when none is named (SPEC §4.5)."""

from __future__ import annotations

import shutil

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import (
    Registry,
    bundled_registry,
    parse_instrument,
    registry_from_folder,
)
from tests.domain.screening.support import BUNDLED_FILE, LADDER_FILE


def ladder_version(version: str):
    text = LADDER_FILE.read_text(encoding="utf-8").replace("2024-01-01", version)
    return parse_instrument(text, origin=f"{version}.toml")


def test_the_bundled_registry_has_htcsec_screen_2016_04_07_as_default_and_latest():
    registry = bundled_registry()
    assert registry.ids() == ("htcsec-screen",)
    assert registry.versions("htcsec-screen") == ("2016-04-07",)
    instrument = registry.get()
    assert (instrument.id, instrument.version) == ("htcsec-screen", "2016-04-07")
    assert registry.get("htcsec-screen", "2016-04-07") is instrument


def test_without_a_version_the_latest_is_used_and_older_ones_stay_available():
    old, new = ladder_version("2023-06-30"), ladder_version("2025-03-01")
    registry = Registry.of(new, old)
    assert registry.versions("synthetic-ladder") == ("2023-06-30", "2025-03-01")
    assert registry.get("synthetic-ladder") is new
    assert registry.get("synthetic-ladder", "2023-06-30") is old
    assert registry.get() is new


def test_an_unknown_instrument_is_refused_naming_the_known_ones():
    with pytest.raises(InputError) as caught:
        bundled_registry().get("htcsec")
    assert str(caught.value) == (
        'instrument: "htcsec" is not a known instrument (known: htcsec-screen)'
    )
    assert caught.value.field == "instrument"


def test_an_unknown_version_is_refused_naming_the_versions():
    with pytest.raises(InputError) as caught:
        bundled_registry().get("htcsec-screen", "2016-04-08")
    assert str(caught.value) == (
        'version: htcsec-screen has no version "2016-04-08" (versions: 2016-04-07)'
    )


def test_an_agency_adds_a_version_by_adding_a_file(tmp_path):
    folder = tmp_path / "htcsec-screen"
    folder.mkdir()
    shutil.copy(BUNDLED_FILE, folder / "2016-04-07.toml")
    revised = BUNDLED_FILE.read_text(encoding="utf-8").replace(
        'version = "2016-04-07"', 'version = "2027-01-01"'
    )
    (folder / "2027-01-01.toml").write_text(revised, encoding="utf-8")
    (tmp_path / "README.txt").write_text("not an instrument")
    registry = registry_from_folder(tmp_path, default="htcsec-screen")
    assert registry.get().version == "2027-01-01"
    assert registry.get(version="2016-04-07").version == "2016-04-07"


def test_a_file_whose_contents_do_not_match_its_path_is_refused_when_first_used(tmp_path):
    folder = tmp_path / "htcsec-screen"
    folder.mkdir()
    shutil.copy(BUNDLED_FILE, folder / "2020-01-01.toml")
    registry = registry_from_folder(tmp_path, default="htcsec-screen")
    with pytest.raises(InputError) as caught:
        registry.get()
    assert str(caught.value) == (
        "instruments/htcsec-screen/2020-01-01.toml: id and version say it belongs at "
        "instruments/htcsec-screen/2016-04-07.toml"
    )


def test_a_broken_version_does_not_stop_other_versions_from_loading(tmp_path):
    folder = tmp_path / "htcsec-screen"
    folder.mkdir()
    shutil.copy(BUNDLED_FILE, folder / "2016-04-07.toml")
    (folder / "2027-01-01.toml").write_text("format = 1\n", encoding="utf-8")
    registry = registry_from_folder(tmp_path, default="htcsec-screen")
    assert registry.get(version="2016-04-07").version == "2016-04-07"
    with pytest.raises(InputError) as caught:
        registry.get()
    assert str(caught.value) == "instruments/htcsec-screen/2027-01-01.toml: actions: missing"
