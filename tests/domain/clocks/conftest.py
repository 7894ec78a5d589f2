"""Shared helpers for the clock tests: UTC times in one call, the default policy."""

from __future__ import annotations

import datetime as dt

import pytest

from safeharbor.domain.clocks import ClockPolicy


def utc(text: str) -> dt.datetime:
    """Return the aware UTC time for ``YYYY-MM-DDTHH:MM:SS`` (synthetic test times)."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.fixture
def policy() -> ClockPolicy:
    """The default agency policy (SPEC §5 defaults)."""
    return ClockPolicy()
