"""The checks before a screening or a change of its tier is recorded (SPEC §4.5, §4.6).

A screening describes a day no later than today and no earlier than the youth's birth. A change
of tier by professional judgement names another tier of the screening's own instrument version
and gives a written reason; lowering the tier is the change a supervisor approves.
"""

from __future__ import annotations

import datetime as dt

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening.model import Instrument


def check_screening_day(as_of: dt.date, *, today: dt.date, born: dt.date) -> None:
    """Refuse a screening of a day in the future, or of a day before the youth was born."""
    if as_of > today:
        raise InputError("a screening cannot describe a day in the future", field="as_of")
    if as_of < born:
        raise InputError(
            "a screening cannot describe a day before the youth was born", field="as_of"
        )


def check_override(instrument: Instrument, *, current: str, tier: str, reason: str) -> str:
    """Return the reason for changing ``current`` to ``tier``, stripped; refuse a tier that is
    not the instrument's or is the current one, and a change without a reason."""
    if tier not in {t.id for t in instrument.tiers}:
        raise InputError(f"{tier!r} is not a tier of this instrument", field="tier")
    if tier == current:
        raise InputError("choose a tier different from the current one", field="tier")
    if not reason.strip():
        raise InputError("write the reason for changing the tier", field="reason")
    return reason.strip()


def lowers(instrument: Instrument, current: str, tier: str) -> bool:
    """Return whether ``tier`` is less grave than ``current`` in this instrument version."""
    return instrument.tier(tier).precedence < instrument.tier(current).precedence
