"""Calendar arithmetic shared by the rules: month windows with month-end clamping, aware times."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re

from safeharbor.domain.errors import InputError


def add_months(day: dt.date, months: int) -> dt.date:
    """Move ``day`` by whole calendar months; a day the target month lacks becomes its last day.

    SPEC §4.2: 2026-08-31 minus 6 months is 2026-02-28.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_window(as_of: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """Return the inclusive window ``[as_of - months, as_of]``."""
    return add_months(as_of, -months), as_of


_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object, *, field: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; refuse anything else, including impossible dates like 2026-02-30."""
    if not isinstance(value, str):
        raise InputError(f'{field}: expected a date as "YYYY-MM-DD", got {value!r}', field=field)
    try:
        # fromisoformat also takes week dates ("2026-W01-1"): insist on the digits and dashes.
        if not _YMD.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{field}: {value!r} is not a real date in the form YYYY-MM-DD", field=field
        ) from None


def parse_aware_datetime(value: object, *, field: str) -> dt.datetime:
    """Parse an ISO 8601 time that carries a UTC offset; refuse a naive or malformed one."""
    if not isinstance(value, str):
        raise InputError(f"{field}: expected an ISO 8601 time, got {value!r}", field=field)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{field}: {value!r} is not an ISO 8601 time", field=field) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise InputError(
            f"{field}: {value!r} has no UTC offset (add Z or e.g. -05:00)", field=field
        )
    try:
        return parsed.astimezone(dt.UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+05:00 falls before the first day in UTC
        raise InputError(f"{field}: {json.dumps(value)} is out of range", field=field) from None


def format_utc(moment: dt.datetime) -> str:
    """Format an aware time in UTC with a ``Z``, to the second."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Return the age in whole years on ``day``; a 29 February birthday counts from 1 March."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)
