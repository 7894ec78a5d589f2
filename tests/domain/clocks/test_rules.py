"""The clock table, compared row by row with SPEC §5 and §5.1."""

from __future__ import annotations

from collections import Counter

from safeharbor.domain.clocks import (
    RULES,
    SATISFACTIONS,
    ClockPolicy,
    EventType,
    ObligationKind,
    policy_keys,
)

# (event, tier, only if alleging HTCSEC, only if identifying a victim, opens, default hours,
# policy key, source) from SPEC §5/§5.1
# fmt: off
SPEC_TABLE = [
    ("intake_received", None, True, False, "intake_disposition", 24, None, "seed 002 §VII.A.1"),
    ("intake_received", None, False, True, "report_law_enforcement", 24, None,
     "42 U.S.C. 671(a)(34)(A); seed 000 (PSTSFA §102)"),
    ("intake_screened_in", None, False, False, "complete_screening", 72, "complete_screening_hours",
     "seed 002 §VII.A.1"),
    ("youth_missing", None, False, False, "report_missing_law_enforcement", 24,
     "report_missing_hours",
     "42 U.S.C. 671(a)(35)(B); seed 004"),
    ("youth_missing", None, False, False, "report_missing_ncmec", 24,
     "report_missing_hours",
     "42 U.S.C. 671(a)(35)(B); seed 004"),
    ("youth_returned", None, False, False, "return_debrief", 24, "return_debrief_hours",
     "42 U.S.C. 671(a)(35)(A); seeds 000, 004"),
    ("youth_returned", None, False, False, "return_screening", 24, "return_debrief_hours",
     "seed 002 §VII.A.2"),
    ("screening_completed", "confirmed", False, False, "report_law_enforcement", 24, None,
     "42 U.S.C. 671(a)(34)(A); seed 000 (PSTSFA §102)"),
    ("screening_completed", "confirmed", False, False, "report_district_attorney", 24, None,
     "seed 002 §VII.B.1"),
    ("screening_completed", "confirmed", False, False, "refer_cac_mdt", 72, "refer_cac_mdt_hours",
     "seed 002 §VII.B.1-2; 34 U.S.C. 20304(c)(2)(C)"),
    ("screening_completed", "high_risk", False, False, "refer_cac_mdt", 72, "refer_cac_mdt_hours",
     "seed 002 §VII.B.1-2; 34 U.S.C. 20304(c)(2)(C)"),
    ("screening_completed", "high_risk", False, False, "report_district_attorney", 72,
     "high_risk_da_report_hours", "seed 002 Appendix A"),
    ("screening_completed", "moderate_risk", False, False, "consultation_meeting", 168,
     "consultation_meeting_hours", "seed 002 §VII.B.3"),
    ("screening_completed", "at_risk", False, False, "community_referrals", 336,
     "community_referrals_hours", "seed 002 §VII.B.4"),
]
# fmt: on

SPEC_SATISFIES = [
    ("intake_screened_in", "intake_disposition"),
    ("intake_referred_da", "intake_disposition"),
    ("missing_reported_law_enforcement", "report_missing_law_enforcement"),
    ("missing_reported_ncmec", "report_missing_ncmec"),
    ("return_debrief_completed", "return_debrief"),
    ("screening_completed", "complete_screening"),
    ("screening_completed", "return_screening"),
    ("reported_law_enforcement", "report_law_enforcement"),
    ("reported_district_attorney", "report_district_attorney"),
    ("cac_referral_made", "refer_cac_mdt"),
    ("consultation_held", "consultation_meeting"),
    ("community_referrals_made", "community_referrals"),
]


def test_rules_match_the_spec_table_row_by_row():
    actual = [
        (
            r.event,
            r.tier,
            r.only_if_alleges_htcsec,
            r.only_if_identified_victim,
            r.opens,
            r.hours,
            r.policy_key,
            r.source,
        )
        for r in RULES
    ]
    assert actual == SPEC_TABLE


def test_satisfactions_match_the_spec_table():
    assert [(s.event, s.satisfies) for s in SATISFACTIONS] == SPEC_SATISFIES


def test_policy_keys_and_defaults_are_the_spec_ones():
    assert policy_keys() == (
        "complete_screening_hours",
        "return_debrief_hours",
        "refer_cac_mdt_hours",
        "high_risk_da_report_hours",
        "consultation_meeting_hours",
        "community_referrals_hours",
        "escalate_pa_hours",
        "prior_action_credit_hours",
        "report_missing_hours",
    )
    defaults = ClockPolicy()
    assert [defaults.hours(key) for key in policy_keys()] == [72, 24, 72, 72, 168, 336, 24, 168, 24]


def test_each_configurable_rule_defaults_to_its_policy_default():
    defaults = ClockPolicy()
    for rule in RULES:
        if rule.agency_configurable:
            assert rule.policy_key is not None
            assert defaults.hours(rule.policy_key) == rule.hours, rule


def test_fixed_rules_are_the_immediate_24_hour_ones():
    fixed = [(rule.tier, rule.opens) for rule in RULES if not rule.agency_configurable]
    assert fixed == [
        (None, "intake_disposition"),
        (None, "report_law_enforcement"),
        ("confirmed", "report_law_enforcement"),
        ("confirmed", "report_district_attorney"),
    ]
    assert {rule.hours for rule in RULES if not rule.agency_configurable} == {24}


def test_every_kind_is_opened_by_a_rule_and_satisfied_by_an_event():
    assert {rule.opens for rule in RULES} == set(ObligationKind)
    assert {rule.satisfies for rule in SATISFACTIONS} == set(ObligationKind)


def test_every_event_type_opens_or_satisfies_something():
    used = {rule.event for rule in RULES} | {rule.event for rule in SATISFACTIONS}
    assert used == set(EventType)


def test_no_event_and_tier_opens_the_same_kind_twice():
    counts = Counter((rule.event, rule.tier, rule.opens) for rule in RULES)
    assert max(counts.values()) == 1


def test_every_rule_has_a_plain_title_and_a_source():
    for rule in RULES:
        assert rule.title[:1].isupper()
        assert not rule.title.endswith(".")
        assert rule.source
