"""An intake call, the new youth it introduces and its disposition are checked before saving."""

import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.intake import NewYouth, check_call, check_disposition, check_new_youth

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 2)
REPORTERS = {"school", "medical"}
CUSTODY = {"receiving_services", "in_custody"}


def _call(**overrides):
    arguments = {
        "received_at": NOW - dt.timedelta(hours=1),
        "reporter_type": "school",
        "narrative": "A counselor reports an older adult picking the youth up.",
        "reporter_types": REPORTERS,
        "now": NOW,
        **overrides,
    }
    check_call(**arguments)


def _youth(**overrides):
    fields = {
        "has_district": True,
        "legal_first_name": "Noor",
        "legal_last_name": "Newcomer",
        "date_of_birth": dt.date(2011, 2, 3),
        "custody_status": "receiving_services",
        **overrides,
    }
    check_new_youth(NewYouth(**fields), custody_statuses=CUSTODY, today=TODAY)


def _refused(call, **overrides):
    with pytest.raises(InputError) as caught:
        call(**overrides)
    return caught.value.field, caught.value.message


def test_a_complete_call_and_youth_pass():
    _call(received_at=NOW + dt.timedelta(minutes=5))  # a clock a little ahead
    _youth(date_of_birth=TODAY)


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        (
            {"received_at": dt.datetime(2026, 11, 2, 14, 0)},  # noqa: DTZ001  naive on purpose
            ("received_at", "the time the call was received needs a time zone"),
        ),
        (
            {"received_at": NOW + dt.timedelta(minutes=6)},
            ("received_at", "the call cannot have been received in the future"),
        ),
        ({"reporter_type": "neighbour"}, ("reporter_type", "unknown reporter type 'neighbour'")),
        ({"narrative": "  "}, ("narrative", "write down what the reporter said")),
    ],
)
def test_a_call_that_cannot_be_recorded_is_refused(overrides, refusal):
    assert _refused(_call, **overrides) == refusal


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"has_district": False}, ("district", "choose the district the youth lives in")),
        ({"legal_first_name": " "}, ("legal_first_name", "enter the youth's first name")),
        ({"legal_last_name": ""}, ("legal_last_name", "enter the youth's last name")),
        ({"date_of_birth": None}, ("date_of_birth", "enter the youth's date of birth")),
        (
            {"date_of_birth": TODAY + dt.timedelta(days=1)},
            ("date_of_birth", "the date of birth cannot be in the future"),
        ),
        ({"custody_status": ""}, ("custody_status", "choose the youth's custody status")),
    ],
)
def test_a_new_youth_missing_what_the_record_needs_is_refused(overrides, refusal):
    assert _refused(_youth, **overrides) == refusal


def test_a_disposition_within_the_window_passes():
    check_disposition("referred_da", at=NOW + dt.timedelta(minutes=5), received_at=NOW, now=NOW)


@pytest.mark.parametrize(
    ("disposition", "at", "refusal"),
    [
        ("closed", NOW, ("disposition", "choose screened in or referred to the District Attorney")),
        (
            "screened_in",
            dt.datetime(2026, 11, 2, 15, 0),  # noqa: DTZ001  naive on purpose
            ("at", "the disposition time needs a time zone"),
        ),
        (
            "screened_in",
            NOW - dt.timedelta(hours=2),
            ("at", "the disposition cannot come before the call was received"),
        ),
        (
            "screened_in",
            NOW + dt.timedelta(minutes=6),
            ("at", "the disposition cannot be in the future"),
        ),
    ],
)
def test_a_disposition_that_cannot_be_true_is_refused(disposition, at, refusal):
    with pytest.raises(InputError) as caught:
        check_disposition(disposition, at=at, received_at=NOW - dt.timedelta(hours=1), now=NOW)
    assert (caught.value.field, caught.value.message) == refusal
