"""Whether an intake report, the youth it introduces and its disposition can be recorded.

Seed 002 §VII.A.1: a report alleging human trafficking or commercial sexual exploitation (HTCSEC)
is screened in for child welfare intervention or referred to the District Attorney's office within
24 hours of the call. The checks refuse what cannot be true (a call received in the future, a
disposition before the call) and what the record cannot do without, naming the field to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from safeharbor.domain.errors import InputError

# A form filled on a clock a little ahead of the server's is not "in the future".
SKEW = dt.timedelta(minutes=5)
DISPOSITIONS = ("screened_in", "referred_da")


def check_call(
    *,
    received_at: dt.datetime,
    reporter_type: str,
    narrative: str,
    reporter_types: Collection[str],
    now: dt.datetime,
) -> None:
    """Refuse a call received in the future, from an unknown kind of reporter, or unwritten."""
    if received_at.utcoffset() is None:
        raise InputError("the time the call was received needs a time zone", field="received_at")
    if received_at > now + SKEW:
        raise InputError("the call cannot have been received in the future", field="received_at")
    if reporter_type not in reporter_types:
        raise InputError(f"unknown reporter type {reporter_type!r}", field="reporter_type")
    if not narrative.strip():
        raise InputError("write down what the reporter said", field="narrative")


# What a report alleges (SPEC §3): seed 002 §VI counts both kinds as human trafficking.
ALLEGATION_KINDS = ("sex_trafficking", "labor_trafficking", "both")


def check_allegation(
    *, alleges_htcsec: bool, allegation_kind: str, identifies_victim: bool
) -> None:
    """Refuse a kind of trafficking that is unknown or alleged by a report alleging none, and a
    victim identified by a report that alleges no trafficking (SPEC §3)."""
    if allegation_kind and allegation_kind not in ALLEGATION_KINDS:
        raise InputError(
            f"unknown kind of trafficking {allegation_kind!r}", field="allegation_kind"
        )
    if allegation_kind and not alleges_htcsec:
        raise InputError(
            "a report that alleges no trafficking has no kind of trafficking; answer Yes above "
            "or leave the kind empty",
            field="allegation_kind",
        )
    if identifies_victim and not alleges_htcsec:
        raise InputError(
            "a report that identifies the youth as a victim alleges trafficking; answer Yes to "
            "the question above",
            field="identifies_victim",
        )


@dataclass(frozen=True)
class NewYouth:
    """What intake must know of a youth the agency has never met (field names: the record's)."""

    has_district: bool
    legal_first_name: str
    legal_last_name: str
    date_of_birth: dt.date | None
    custody_status: str


def check_new_youth(youth: NewYouth, *, custody_statuses: Collection[str], today: dt.date) -> None:
    """Refuse a new youth without a district, a name, a past date of birth or a custody status."""
    if not youth.has_district:
        raise InputError("choose the district the youth lives in", field="district")
    for name, label in (("legal_first_name", "first name"), ("legal_last_name", "last name")):
        if not str(getattr(youth, name)).strip():
            raise InputError(f"enter the youth's {label}", field=name)
    if youth.date_of_birth is None:
        raise InputError("enter the youth's date of birth", field="date_of_birth")
    if youth.date_of_birth > today:
        raise InputError("the date of birth cannot be in the future", field="date_of_birth")
    if youth.custody_status not in custody_statuses:
        raise InputError("choose the youth's custody status", field="custody_status")


def check_disposition(
    disposition: str, *, at: dt.datetime, received_at: dt.datetime, now: dt.datetime
) -> None:
    """Refuse an unknown disposition, or one dated before the call or in the future."""
    if disposition not in DISPOSITIONS:
        raise InputError(
            "choose screened in or referred to the District Attorney", field="disposition"
        )
    if at.utcoffset() is None:
        raise InputError("the disposition time needs a time zone", field="at")
    if at < received_at:
        raise InputError("the disposition cannot come before the call was received", field="at")
    if at > now + SKEW:
        raise InputError("the disposition cannot be in the future", field="at")
