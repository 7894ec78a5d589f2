"""A legal report is complete enough to count, and a correction changes only what it may."""

import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.reports import (
    AMENDABLE,
    ReportDetails,
    check_corrected,
    check_reason,
    check_report,
)

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
METHODS = {"phone", "in_person"}


def _report(**overrides):
    fields = {
        "recipient": "law_enforcement",
        "agency_name": "Pine City Police Department (synthetic)",
        "method": "phone",
        "reported_at": NOW - dt.timedelta(hours=1),
        "reference_number": "PCPD-26-0500",
        **overrides,
    }
    return ReportDetails(**fields)


def _refusal(report):
    with pytest.raises(InputError) as caught:
        check_report(report, methods=METHODS, now=NOW)
    return caught.value.field, caught.value.message


def test_a_complete_report_passes():
    check_report(_report(), methods=METHODS, now=NOW)


def test_an_ncic_number_alone_is_enough_for_law_enforcement():
    check_report(_report(reference_number="", ncic_number="M555"), methods=METHODS, now=NOW)


def test_the_district_attorney_gives_no_reference_and_needs_none():
    report = _report(recipient="district_attorney", reference_number="")
    check_report(report, methods=METHODS, now=NOW)


def test_a_clock_a_little_ahead_is_not_the_future():
    check_report(_report(reported_at=NOW + dt.timedelta(minutes=5)), methods=METHODS, now=NOW)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"agency_name": "  "}, "agency_name", "name the agency the report was made to"),
        ({"method": "pigeon"}, "method", "unknown method 'pigeon'"),
        (
            {"reported_at": dt.datetime(2026, 11, 2, 14, 0)},  # noqa: DTZ001  naive on purpose
            "reported_at",
            "the report time needs a time zone",
        ),
        (
            {"reported_at": NOW + dt.timedelta(minutes=6)},
            "reported_at",
            "the report cannot have been made in the future",
        ),
        (
            {"reference_number": " ", "ncic_number": ""},
            "reference_number",
            "enter the report or NCIC number the recipient gave",
        ),
        (
            {"recipient": "ncmec", "reference_number": "", "ncic_number": "M555"},
            "reference_number",
            "enter the NCMEC case number the recipient gave",
        ),
    ],
)
def test_an_incomplete_or_impossible_report_is_refused_naming_the_field(overrides, field, message):
    assert _refusal(_report(**overrides)) == (field, message)


def test_a_correction_gives_its_reason_trimmed():
    assert check_reason("  The DA gave the wrong number.  ") == "The DA gave the wrong number."


def test_a_correction_without_a_reason_is_refused():
    with pytest.raises(InputError) as caught:
        check_reason(" ")
    assert (caught.value.field, caught.value.message) == (
        "amendment_reason",
        "say what the correction is and why",
    )


def test_a_correction_changes_only_the_amendable_fields():
    check_corrected(AMENDABLE)
    with pytest.raises(InputError, match="a report has no field 'recipient' to correct"):
        check_corrected(["notes", "recipient", "youth"])
