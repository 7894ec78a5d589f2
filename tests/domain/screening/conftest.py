"""Fixtures for the screening tests: the bundled instrument and the test-only ladder."""

from __future__ import annotations

import pytest

from safeharbor.domain.screening import Instrument, bundled_registry, parse_instrument
from tests.domain.screening.support import LADDER_FILE


@pytest.fixture(scope="session")
def htcsec() -> Instrument:
    """The bundled htcsec-screen 2016-04-07 (SPEC §4)."""
    return bundled_registry().get("htcsec-screen", "2016-04-07")


@pytest.fixture(scope="session")
def ladder() -> Instrument:
    """A made-up instrument with other indicators, rules and tiers, read from tests/."""
    return parse_instrument(LADDER_FILE.read_text(encoding="utf-8"), origin=LADDER_FILE.name)
