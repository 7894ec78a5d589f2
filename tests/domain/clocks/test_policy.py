"""ClockPolicy: defaults, overrides and refusals (SPEC §5.1: unknown key, not a positive number)."""

from __future__ import annotations

import pytest

from safeharbor.domain.clocks import ClockPolicy
from safeharbor.domain.errors import InputError


def test_defaults_are_the_seed_and_law_durations():
    assert ClockPolicy() == ClockPolicy(
        complete_screening_hours=72,
        return_debrief_hours=24,
        refer_cac_mdt_hours=72,
        high_risk_da_report_hours=72,
        consultation_meeting_hours=168,
        community_referrals_hours=336,
        escalate_pa_hours=24,
    )


def test_from_mapping_overrides_only_the_keys_given():
    policy = ClockPolicy.from_mapping({"complete_screening_hours": 48, "escalate_pa_hours": 12.5})
    assert policy.complete_screening_hours == 48
    assert policy.escalate_pa_hours == 12.5
    assert policy.return_debrief_hours == 24


def test_from_an_empty_mapping_is_the_default():
    assert ClockPolicy.from_mapping({}) == ClockPolicy()


def test_an_unknown_key_is_refused_and_named():
    with pytest.raises(InputError) as caught:
        ClockPolicy.from_mapping({"complete_screening_hour": 48})
    assert str(caught.value) == (
        'policy: unknown key "complete_screening_hour" (known keys: complete_screening_hours, '
        "return_debrief_hours, refer_cac_mdt_hours, high_risk_da_report_hours, "
        "consultation_meeting_hours, community_referrals_hours, escalate_pa_hours, "
        "prior_action_credit_hours, report_missing_hours)"
    )
    assert caught.value.field == "policy.complete_screening_hour"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (-1, "-1"),
        (-0.5, "-0.5"),
        (True, "true"),
        (False, "false"),
        ("72", '"72"'),
        (None, "null"),
        ([72], "[72]"),
        (float("nan"), "NaN"),
        (float("inf"), "Infinity"),
    ],
)
def test_a_value_that_is_not_a_positive_number_is_refused(value, shown):
    with pytest.raises(InputError) as caught:
        ClockPolicy.from_mapping({"return_debrief_hours": value})
    assert str(caught.value) == (
        f"policy.return_debrief_hours: expected a positive number of hours, got {shown}"
    )
    assert caught.value.field == "policy.return_debrief_hours"


def test_the_constructor_refuses_bad_values_too():
    with pytest.raises(InputError, match=r"policy.escalate_pa_hours: expected a positive number"):
        ClockPolicy(escalate_pa_hours=0)


def test_hours_refuses_a_key_that_is_not_a_policy_key():
    with pytest.raises(KeyError):
        ClockPolicy().hours("__init__")


@pytest.mark.parametrize("hours", [1, 2.5, 24, 24.0])
def test_a_state_may_shorten_the_missing_report_window(hours):
    assert ClockPolicy.from_mapping({"report_missing_hours": hours}).report_missing_hours == hours


@pytest.mark.parametrize(("hours", "shown"), [(24.000001, "24.000001"), (25, "25"), (48, "48")])
def test_the_missing_report_window_is_never_longer_than_24_hours(hours, shown):
    with pytest.raises(InputError) as caught:
        ClockPolicy.from_mapping({"report_missing_hours": hours})
    assert str(caught.value).startswith(f"policy.report_missing_hours: {shown} is above 24 hours")
    assert caught.value.field == "policy.report_missing_hours"
    with pytest.raises(InputError, match="is above 24 hours"):
        ClockPolicy(report_missing_hours=hours)
