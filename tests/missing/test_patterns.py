"""Flags raised as episodes are recorded: the chronic runaway for the team, the same placement for
the supervisor, each with its reason, at the boundaries the agency sets (seeds 001, 004)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safeharbor.cases.actions import add_placement, record_removal
from safeharbor.missing.actions import record_missing, record_return, update_pattern_policy
from safeharbor.missing.models import PatternFlag
from safeharbor.notifications.models import Notification
from tests import factories

GROUP_HOME = "17 Harbor View Road, Pine City"


def _episode(youth, seen, *, placement=None, returned=True):
    episode = record_missing(
        actor=youth.caseworker,
        youth=youth,
        last_seen_at=seen,
        learned_at=seen + dt.timedelta(hours=1),
        placement=placement,
    )
    if returned:
        record_return(
            actor=youth.caseworker, episode=episode, returned_at=seen + dt.timedelta(days=1)
        )
    return episode


def _days_ago(days, hours=0):
    return timezone.now() - dt.timedelta(days=days, hours=hours)


# --- chronic runaway -----------------------------------------------------------------------------


def test_the_third_episode_in_twelve_months_flags_a_chronic_runaway(
    caseworker, supervisor, youth_record
):
    _episode(youth_record, _days_ago(300))
    second = _episode(youth_record, _days_ago(100))
    assert PatternFlag.objects.count() == 0

    third = _episode(youth_record, _days_ago(2), returned=False)

    flag = PatternFlag.objects.get()
    assert (flag.kind, flag.youth, flag.episode, flag.trigger) == (
        "chronic_runaway",
        youth_record,
        third,
        third,
    )
    assert flag.reason.startswith("3 missing episodes reported between ")
    assert flag.reason.endswith(
        "the agency treats 3 or more in 12 months as a high-risk chronic runaway, for an "
        "immediate team response"
    )
    assert second in flag.related.all()
    told = Notification.objects.filter(dedupe_key__startswith=f"missing-flag:{flag.pk}:")
    assert sorted(n.recipient.username for n in told) == ["caseworker", "supervisor"]
    assert {n.subject for n in told} == {"High-risk chronic runaway: Jo Testperson"}
    assert all("older" not in n.body for n in told)


def test_an_episode_older_than_the_window_does_not_count(youth_record):
    _episode(youth_record, _days_ago(380))  # learned more than 12 calendar months ago
    _episode(youth_record, _days_ago(100))
    _episode(youth_record, _days_ago(2), returned=False)
    assert PatternFlag.objects.count() == 0


def test_the_agency_threshold_applies_to_later_episodes(administrator, youth_record):
    _episode(youth_record, _days_ago(100))
    update_pattern_policy(
        actor=administrator,
        values={"chronic_episodes": 2, "chronic_months": 6, "same_placement_hours": 72},
        seen_version=0,
    )
    _episode(youth_record, _days_ago(2), returned=False)
    flag = PatternFlag.objects.get()
    assert "the agency treats 2 or more in 6 months" in flag.reason


# --- same placement ------------------------------------------------------------------------------


@pytest.fixture
def housemates(agency, caseworker, other_caseworker, youth_record):
    """Jo (caseworker's, Unit A) and Sam (other_caseworker's, Unit B) live at the same group home,
    recorded as two placements with the address typed a little differently."""
    sam = factories.youth(agency.pine, other_caseworker, first="Sam", last="Rivers")
    jo_home = youth_record.placements.get()
    jo_home.address = GROUP_HOME
    jo_home.save(update_fields=["address"])
    record_removal(actor=None, youth=sam, removal_date=dt.date(2026, 1, 5), reasons=["neglect"])
    sam_home = add_placement(
        actor=None,
        youth=sam,
        placement_type="group_home",
        start_date=dt.date(2026, 1, 5),
        provider_name="Harbor View Group Home",
        address="17 harbor view road,  PINE CITY",
    )
    return youth_record, jo_home, sam, sam_home


def test_two_youth_missing_from_one_placement_within_72_hours_are_flagged(
    housemates, supervisor, agency
):
    jo, jo_home, sam, sam_home = housemates
    factories.staff(factories.Role.SUPERVISOR, "supervisor_b", unit=agency.unit_b)
    base = _days_ago(5)
    first = _episode(jo, base, placement=jo_home)
    second = _episode(sam, base + dt.timedelta(hours=72), placement=sam_home)

    flags = {f.youth: f for f in PatternFlag.objects.filter(kind="same_placement")}
    assert set(flags) == {jo, sam}
    assert (flags[jo].episode, flags[jo].trigger) == (first, second)
    assert (flags[sam].episode, flags[sam].trigger) == (second, second)
    assert list(flags[jo].related.all()) == [second]
    assert flags[sam].reason == (
        "another youth went missing from the same group home within 72 h of this youth (the "
        "agency's window is 72 hours): traffickers may use youth to recruit others in group "
        "homes; the supervisor should look at the placement"
    )
    told = {
        (n.recipient.username, n.youth.legal_first_name)
        for n in Notification.objects.filter(dedupe_key__startswith="missing-flag:")
    }
    assert told == {("supervisor", "Jordan"), ("supervisor_b", "Sam")}


def test_one_minute_past_the_window_is_not_flagged(housemates):
    jo, jo_home, sam, sam_home = housemates
    base = _days_ago(5)
    _episode(jo, base, placement=jo_home)
    _episode(sam, base + dt.timedelta(hours=72, minutes=1), placement=sam_home)
    assert PatternFlag.objects.filter(kind="same_placement").count() == 0


def test_a_different_address_is_a_different_placement(housemates):
    jo, jo_home, sam, sam_home = housemates
    sam_home.address = "19 Harbor View Road, Pine City"
    sam_home.save(update_fields=["address"])
    _episode(jo, _days_ago(5), placement=jo_home)
    _episode(sam, _days_ago(5, hours=-1), placement=sam_home)
    assert PatternFlag.objects.count() == 0
