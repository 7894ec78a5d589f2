"""An agency adds an instrument version as a file; old screenings keep their own (SPEC §4.5)."""

from pathlib import Path

import pytest
from django.core import checks
from django.utils import timezone

from safeharbor.screenings import instruments
from safeharbor.screenings.actions import record_screening
from safeharbor.screenings.queries import rescore

BUNDLED = Path(__file__).resolve().parents[2] / "src/safeharbor/domain/screening/instruments"


def _install_agency_version(folder: Path, settings, version: str = "2027-01-01") -> Path:
    """Copy the bundled definition as an agency version in ``folder`` and point the app at it."""
    target = folder / "htcsec-screen"
    target.mkdir()
    text = (BUNDLED / "htcsec-screen/2016-04-07.toml").read_text(encoding="utf-8")
    path = target / f"{version}.toml"
    path.write_text(text.replace('version = "2016-04-07"', f'version = "{version}"'), "utf-8")
    settings.SAFEHARBOR_INSTRUMENTS_DIR = str(folder)
    instruments.registry.cache_clear()
    return path


@pytest.fixture(autouse=True)
def _fresh_registry():
    instruments.registry.cache_clear()
    yield
    instruments.registry.cache_clear()


def _screen(caseworker, youth):
    return record_screening(
        actor=caseworker, youth=youth, as_of=timezone.localdate(), answers={}, occasion="review"
    )


def test_new_screenings_use_the_agencys_latest_version_and_old_ones_keep_theirs(
    caseworker, youth_record, settings, tmp_path
):
    old = _screen(caseworker, youth_record)
    _install_agency_version(tmp_path, settings)
    new = _screen(caseworker, youth_record)
    assert (old.instrument_version, new.instrument_version) == ("2016-04-07", "2027-01-01")
    assert rescore(old).version == "2016-04-07"


def test_the_system_check_names_a_broken_agency_file(settings, tmp_path):
    path = _install_agency_version(tmp_path, settings)
    path.write_text("format = 1\nid = 'htcsec-screen'\n", encoding="utf-8")
    (error,) = instruments.check_instruments()
    assert error.id == "safeharbor.E001"
    assert "instruments/htcsec-screen/2027-01-01.toml" in error.msg


def test_the_system_check_is_quiet_when_every_version_loads(settings, tmp_path):
    _install_agency_version(tmp_path, settings)
    assert instruments.check_instruments() == []
    assert [m for m in checks.run_checks() if m.id == "safeharbor.E001"] == []
