"""What a referral must say before it is recorded (SPEC §8; seed 002 §VII.B), as a pure rule."""

import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.referrals import (
    REPORTING_KINDS,
    ListedAgency,
    ReferralDraft,
    check_listed_agency,
    check_referral,
)

NOW = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)


def _draft(**kw) -> ReferralDraft:
    fields = {
        "referred_to": "cac",
        "organization": " Pine Child Advocacy Center ",
        "made_at": NOW - dt.timedelta(hours=1),
        "information_shared": "All assessed risk factors\n",
        "shared_with": " CAC coordinator",
        "basis": "Seed 002 §VII.B.2 ",
        "contact": " Avery Lin, 555-0100 ",
        "purpose": "convene_mdt",
    }
    return ReferralDraft(**(fields | kw))


def test_a_complete_referral_comes_back_trimmed():
    checked = check_referral(_draft(), now=NOW)
    assert (checked.organization, checked.contact, checked.shared_with, checked.basis) == (
        "Pine Child Advocacy Center",
        "Avery Lin, 555-0100",
        "CAC coordinator",
        "Seed 002 §VII.B.2",
    )
    assert checked.information_shared == "All assessed risk factors"


def test_a_referral_a_few_minutes_ahead_of_the_server_clock_is_not_the_future():
    check_referral(_draft(made_at=NOW + dt.timedelta(minutes=4)), now=NOW)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"referred_to": "school"}, "referred_to", "unknown kind of referral 'school'"),
        ({"organization": " "}, "organization", "name the organization the youth was referred to"),
        (
            {"made_at": NOW.replace(tzinfo=None)},
            "made_at",
            "the referral time needs a time zone",
        ),
        (
            {"made_at": NOW + dt.timedelta(minutes=6)},
            "made_at",
            "the referral cannot have been made in the future",
        ),
        ({"information_shared": ""}, "information_shared", "say what information was shared"),
        ({"shared_with": " "}, "shared_with", "say with whom the information was shared"),
        ({"basis": ""}, "basis", "say on what basis the information was shared"),
        ({"purpose": "fun"}, "purpose", "unknown purpose 'fun'"),
    ],
)
def test_a_referral_without_its_sharing_record_is_refused_beside_the_field(
    overrides, field, message
):
    with pytest.raises(InputError) as refused:
        check_referral(_draft(**overrides), now=NOW)
    assert (refused.value.field, refused.value.message) == (field, message)


def test_the_reports_are_the_da_and_law_enforcement_referrals():
    assert {"district_attorney", "law_enforcement"} == REPORTING_KINDS
    assert "cac" not in REPORTING_KINDS


def test_a_listed_agency_serving_the_district_fits_a_community_referral():
    listed = ListedAgency("Harbor Light (synthetic)", active=True, serves_district=True)
    check_listed_agency("community_agency", listed, district="Pine County")


@pytest.mark.parametrize(
    ("referred_to", "listed", "message"),
    [
        (
            "cac",
            ListedAgency("Harbor Light", active=True, serves_district=True),
            "the service directory is for referrals to community agencies",
        ),
        (
            "community_agency",
            ListedAgency("Harbor Light", active=False, serves_district=True),
            "Harbor Light is no longer in the service directory",
        ),
        (
            "community_agency",
            ListedAgency("Harbor Light", active=True, serves_district=False),
            "Harbor Light does not serve Pine County",
        ),
    ],
)
def test_a_listed_agency_that_does_not_fit_is_refused(referred_to, listed, message):
    with pytest.raises(InputError) as refused:
        check_listed_agency(referred_to, listed, district="Pine County")
    assert (refused.value.field, refused.value.message) == ("service_agency", message)
