"""The checks before a screening or a change of its tier is recorded (SPEC §4.5, §4.6)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import Instrument
from safeharbor.domain.screening.recording import check_override, check_screening_day, lowers

TODAY = dt.date(2026, 5, 1)
BORN = dt.date(2012, 2, 29)


def test_a_screening_describes_a_day_between_birth_and_today():
    check_screening_day(TODAY, today=TODAY, born=BORN)
    check_screening_day(BORN, today=TODAY, born=BORN)
    with pytest.raises(InputError, match="cannot describe a day in the future") as future:
        check_screening_day(TODAY + dt.timedelta(days=1), today=TODAY, born=BORN)
    with pytest.raises(InputError, match="before the youth was born") as unborn:
        check_screening_day(BORN - dt.timedelta(days=1), today=TODAY, born=BORN)
    assert (future.value.field, unborn.value.field) == ("as_of", "as_of")


def test_a_change_of_tier_names_another_tier_and_a_reason(htcsec: Instrument):
    reason = check_override(htcsec, current="high_risk", tier="at_risk", reason="  A trip.  ")
    assert reason == "A trip."


@pytest.mark.parametrize(
    ("tier", "reason", "field", "message"),
    [
        ("very_high", "r", "tier", "'very_high' is not a tier of this instrument"),
        ("high_risk", "r", "tier", "choose a tier different from the current one"),
        ("at_risk", "  ", "reason", "write the reason for changing the tier"),
    ],
)
def test_bad_changes_of_tier_are_refused(htcsec: Instrument, tier, reason, field, message):
    with pytest.raises(InputError) as caught:
        check_override(htcsec, current="high_risk", tier=tier, reason=reason)
    assert (caught.value.field, caught.value.message) == (field, message)


def test_lowering_is_measured_by_the_instruments_precedence(htcsec: Instrument):
    assert lowers(htcsec, "high_risk", "moderate_risk") is True
    assert lowers(htcsec, "moderate_risk", "high_risk") is False
    assert lowers(htcsec, "no_indicators", "confirmed") is False
