"""Agency instrument folders combine with the bundled instruments (SPEC §4.5)."""

import shutil
from pathlib import Path

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import bundled_registry
from safeharbor.domain.screening.registry import DEFAULT_INSTRUMENT, registry_from_folder

BUNDLED = Path(__file__).resolve().parents[3] / "src/safeharbor/domain/screening/instruments"


def _agency_folder(tmp_path, version: str) -> Path:
    target = tmp_path / "htcsec-screen"
    target.mkdir()
    text = (BUNDLED / "htcsec-screen/2016-04-07.toml").read_text(encoding="utf-8")
    (target / f"{version}.toml").write_text(
        text.replace('version = "2016-04-07"', f'version = "{version}"'), encoding="utf-8"
    )
    return tmp_path


def test_an_agency_version_becomes_the_latest_without_code(tmp_path):
    folder = _agency_folder(tmp_path, "2027-01-01")
    combined = bundled_registry().combined_with(
        registry_from_folder(folder, default=DEFAULT_INSTRUMENT)
    )
    assert combined.versions("htcsec-screen") == ("2016-04-07", "2027-01-01")
    assert combined.get().version == "2027-01-01"
    assert combined.get(version="2016-04-07").version == "2016-04-07"


def test_redefining_a_bundled_version_is_refused(tmp_path):
    folder = _agency_folder(tmp_path, "2016-04-07")
    agency = registry_from_folder(folder, default=DEFAULT_INSTRUMENT)
    with pytest.raises(InputError, match="defined twice: htcsec-screen 2016-04-07"):
        bundled_registry().combined_with(agency)


def test_load_all_names_a_broken_file(tmp_path):
    folder = _agency_folder(tmp_path, "2027-01-01")
    broken = folder / "htcsec-screen" / "2027-01-01.toml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('tier = "at_risk"', 'tier = "nope"', 1)
    )
    agency = registry_from_folder(folder, default=DEFAULT_INSTRUMENT)
    with pytest.raises(InputError, match=r"instruments/htcsec-screen/2027-01-01.toml"):
        agency.load_all()
    shutil.rmtree(folder)
