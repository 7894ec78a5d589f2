"""Referrals record what was shared with whom and why, once, and satisfy protocol clocks."""

import datetime as dt

import pytest
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.obligations.actions import record_clock_event
from safeharbor.obligations.models import Obligation
from safeharbor.partners.actions import NotAllowed, record_referral, update_referral_status
from safeharbor.partners.models import Referral
from tests.obligations.builders import key


def _refer(actor, youth, **overrides):
    arguments = {
        "actor": actor,
        "youth": youth,
        "referred_to": "cac",
        "organization": "Pine Child Advocacy Center",
        "made_at": timezone.now() - dt.timedelta(hours=1),
        "information_shared": "All assessed risk factors",
        "shared_with": "CAC coordinator",
        "basis": "Seed 002 §VII.B.2 MDT referral",
        "idempotency_key": key(),
        **overrides,
    }
    return record_referral(**arguments)


def test_a_cac_referral_satisfies_the_mdt_referral_obligation(caseworker, youth_record):
    record_clock_event(
        actor=caseworker,
        youth=youth_record,
        event_type="screening_completed",
        at=timezone.now() - dt.timedelta(hours=5),
        tier="high_risk",
    )
    _, created = _refer(caseworker, youth_record)
    row = Obligation.objects.get(kind="refer_cac_mdt")
    assert (created, row.status, row.satisfied_record) == (
        True,
        "satisfied",
        "Referred to Pine Child Advocacy Center (Child Advocacy Center (CAC))",
    )
    assert Obligation.objects.get(kind="report_district_attorney").status == "open"


def test_the_same_referral_submitted_twice_is_kept_once(caseworker, youth_record):
    same = key()
    first, _ = _refer(caseworker, youth_record, idempotency_key=same)
    again, created = _refer(caseworker, youth_record, idempotency_key=same)
    assert (first.pk, created, Referral.objects.count()) == (again.pk, False, 1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"basis": " "}, "say on what basis the information was shared"),
        ({"shared_with": ""}, "say with whom the information was shared"),
        ({"referred_to": "school"}, "unknown kind of referral 'school'"),
    ],
)
def test_a_referral_without_its_sharing_record_is_refused(
    caseworker, youth_record, overrides, message
):
    with pytest.raises(InputError) as error:
        _refer(caseworker, youth_record, **overrides)
    assert str(error.value) == message
    assert Referral.objects.count() == 0


def test_only_those_who_change_the_record_refer(other_caseworker, youth_record):
    with pytest.raises(NotAllowed):
        _refer(other_caseworker, youth_record)


def test_a_stale_status_change_is_refused(caseworker, youth_record):
    referral, _ = _refer(caseworker, youth_record)
    update_referral_status(
        actor=caseworker, referral=referral, status="accepted", outcome="", seen_version=1
    )
    with pytest.raises(InputError) as error:
        update_referral_status(
            actor=caseworker, referral=referral, status="declined", outcome="", seen_version=1
        )
    assert "someone else changed this referral" in str(error.value)
    referral.refresh_from_db()
    assert (referral.status, referral.version) == ("accepted", 2)
