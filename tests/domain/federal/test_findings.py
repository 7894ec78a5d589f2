"""The findings on a period's file and the summary against the 10% limit (SPEC §7)."""

from __future__ import annotations

import pytest

from safeharbor.domain.federal import Rule, Severity, build_file, is_exempt, parse_period
from tests.domain.federal.support import PERIOD, child, episode, sex


def findings(*kids, detail_min_age=12) -> list[tuple[str, str, str, str]]:
    built = build_file(PERIOD, kids, detail_min_age=detail_min_age)
    return [(f.child, f.element.number, f.rule.value, f.severity.value) for f in built.findings]


def only_finding(*kids, detail_min_age=12):
    (finding,) = build_file(PERIOD, kids, detail_min_age=detail_min_age).findings
    return finding


def test_a_blank_e106_and_e109_are_errors_from_detail_min_age_on_the_period_end():
    assert findings(child(born="2014-03-31")) == [
        ("c-1", "E106", "missing_data", "error"),
        ("c-1", "E109", "missing_data", "error"),
    ]


def test_a_blank_is_a_warning_for_a_child_a_day_younger():
    assert findings(child(born="2014-04-01")) == [
        ("c-1", "E106", "missing_data", "warning"),
        ("c-1", "E109", "missing_data", "warning"),
    ]


def test_the_agency_sets_detail_min_age():
    aged_13 = child(born="2012-04-01")
    assert findings(aged_13, detail_min_age=14)[0][3] == "warning"
    assert findings(aged_13, detail_min_age=13)[0][3] == "error"
    newborn = child(born="2026-03-01", episodes=(episode("2026-03-01"),))
    assert findings(newborn, detail_min_age=0)[0][3] == "error"


def test_missing_data_names_the_child_the_element_in_words_and_what_to_do():
    finding = only_finding(
        child(
            "PINE-0042",
            born="2010-05-05",
            completed=False,
            determinations=(sex("2026-01-10", "in_care", "2026-01-10"),),
        )
    )
    assert finding.message == (
        "Child PINE-0042: E106 (victim of sex trafficking before entering foster care) is blank "
        "because the sex-trafficking detail for period 2026A was not completed. The child is 15 "
        "on 2026-03-31, so the detail is required (age 12 or older): complete it before the "
        "file is sent (due 2026-05-15)."
    )
    assert (finding.rule, finding.severity, finding.source) == (
        Rule.MISSING_DATA,
        Severity.ERROR,
        "45 CFR 1355.46",
    )


def test_an_unreported_determination_is_an_error_on_e107_or_e110():
    kids = (
        child("prior", determinations=(sex("2025-12-01", "before_entry"),), completed=True),
        child("in-care", determinations=(sex("2025-12-01"),), completed=True),
    )
    assert findings(*kids) == [
        ("in-care", "E110", "victim_not_reported", "error"),
        ("prior", "E107", "victim_not_reported", "error"),
    ]


@pytest.mark.parametrize(
    ("identified_on", "found"),
    [("2026-03-29", True), ("2026-03-30", False), ("2026-03-31", False)],
)
def test_victim_not_reported_waits_until_more_than_one_day_has_passed(identified_on, found):
    kid = child(determinations=(sex(identified_on),), completed=True)
    assert bool(findings(kid)) is found


def test_a_report_after_the_period_end_does_not_satisfy_it():
    kid = child(determinations=(sex("2026-01-10", "in_care", "2026-04-02"),), completed=True)
    assert findings(kid) == [("c-1", "E110", "victim_not_reported", "error")]


def test_victim_not_reported_names_each_unreported_determination_once():
    kid = child(
        determinations=(
            sex("2026-02-15"),
            sex("2026-02-01"),
            sex("2026-01-10", "in_care", "2026-01-10"),
        ),
        completed=True,
    )
    finding = only_finding(kid)
    assert finding.source == "42 U.S.C. 671(a)(34)(A)"
    assert finding.message == (
        "Child c-1: for E110 (sex trafficking while in foster care reported to law enforcement), "
        "the sex-trafficking determinations identified on 2026-02-01 and 2026-02-15 have no "
        "report to law enforcement dated on or before 2026-03-31. Report them to law "
        "enforcement now and record the date: the law asks for a report within 24 hours of "
        "identification (42 U.S.C. 671(a)(34)(A))."
    )


@pytest.mark.parametrize(
    ("reported", "late"),
    [("2026-01-10", False), ("2026-01-11", False), ("2026-01-12", True), ("2026-01-09", False)],
)
def test_a_first_report_more_than_one_day_after_identification_is_late(reported, late):
    kid = child(determinations=(sex("2026-01-10", "in_care", reported),), completed=True)
    expected = [("c-1", "E111", "report_late", "warning")] if late else []
    assert findings(kid) == expected


def test_only_the_first_report_decides_lateness():
    kid = child(
        determinations=(sex("2026-01-10", "in_care", "2026-03-01", "2026-01-10"),), completed=True
    )
    assert findings(kid) == []


def test_a_late_prior_report_is_a_warning_on_e108():
    kid = child(determinations=(sex("2025-08-01", "before_entry", "2025-08-05"),), completed=True)
    finding = only_finding(kid)
    assert (finding.element.number, finding.rule, finding.severity) == (
        "E108",
        Rule.REPORT_LATE,
        Severity.WARNING,
    )
    assert (
        "identified on 2025-08-01 was first reported to law enforcement on 2025-08-05, 4 days later"
        in (finding.message)
    )


def test_several_late_determinations_are_one_finding_naming_each():
    kid = child(
        determinations=(
            sex("2025-11-01", "in_care", "2025-11-05"),
            sex("2025-12-01", "in_care", "2025-12-03"),
        ),
        completed=True,
    )
    finding = only_finding(kid)
    assert (
        "(identified on 2025-11-01, first reported on 2025-11-05 (4 days later); identified on "
        "2025-12-01, first reported on 2025-12-03 (2 days later))"
    ) in finding.message


def test_an_in_care_report_before_the_removal_is_an_error_on_e111():
    kid = child(
        episodes=(episode("2025-06-01", "2025-08-31"), episode("2025-11-01")),
        determinations=(sex("2025-11-10", "in_care", "2025-10-20", "2025-11-10"),),
        completed=True,
    )
    finding = only_finding(kid)
    assert (finding.element.number, finding.rule, finding.severity) == (
        "E111",
        Rule.REPORT_BEFORE_REMOVAL,
        Severity.ERROR,
    )
    assert finding.source == "45 CFR 1355.44(d)(6)"
    assert "holds the report date 2025-10-20, before the removal on 2025-11-01" in finding.message


def test_a_prior_report_before_the_removal_is_expected():
    kid = child(determinations=(sex("2025-08-01", "before_entry", "2025-08-01"),), completed=True)
    assert findings(kid) == []


@pytest.mark.parametrize(
    ("born", "exempt"),
    [("2007-09-30", True), ("2007-10-01", False), ("2008-02-29", False), ("2006-01-01", True)],
)
def test_a_child_who_turned_18_before_the_period_began_is_exempt(born, exempt):
    assert is_exempt(child(born=born), PERIOD) is exempt


def test_an_exempt_child_is_in_the_file_without_findings():
    kid = child(born="2007-09-30", determinations=(sex("2025-12-01"),), completed=False)
    built = build_file(PERIOD, [kid])
    assert [record.child for record in built.records] == ["c-1"]
    assert (built.findings, built.exempt) == ((), ("c-1",))


def test_a_leap_day_birthday_turns_18_on_1_march():
    period = parse_period("2026B")  # begins 2026-04-01
    assert is_exempt(child(born="2008-02-29"), period)
    assert not is_exempt(
        child(born="2008-03-01", episodes=(episode("2026-04-01"),)), parse_period("2026A")
    )


def test_findings_are_sorted_by_child_element_and_rule():
    kid = child(
        "c-1",
        episodes=(episode("2025-10-05"),),
        determinations=(
            sex("2026-02-01"),
            sex("2026-01-10", "in_care", "2026-01-20"),
            sex("2025-10-10", "in_care", "2025-10-04"),
        ),
    )
    assert findings(child("c-2"), kid) == [
        ("c-1", "E106", "missing_data", "error"),
        ("c-1", "E110", "victim_not_reported", "error"),
        ("c-1", "E111", "report_before_removal", "error"),
        ("c-1", "E111", "report_late", "warning"),
        ("c-2", "E106", "missing_data", "error"),
        ("c-2", "E109", "missing_data", "error"),
    ]


def summary(done: int, missing: int) -> list[tuple[str, int, int, bool]]:
    kids = [child(f"done-{i}", completed=True) for i in range(done)]
    kids += [child(f"missing-{i}", completed=False) for i in range(missing)]
    built = build_file(PERIOD, kids)
    return [(s.element.number, s.records, s.missing, s.over_limit) for s in built.summary]


@pytest.mark.parametrize(
    ("done", "missing", "over"),
    [
        (9, 1, False),
        (8, 1, True),
        (18, 2, False),
        (17, 2, True),
        (0, 0, False),
        (0, 1, True),
        (1, 0, False),
    ],
)
def test_more_than_10_percent_blank_is_over_the_limit_and_exactly_10_is_not(done, missing, over):
    total = done + missing
    assert summary(done, missing) == [
        ("E106", total, missing, over),
        ("E109", total, missing, over),
    ]


def test_the_summary_counts_exempt_children_too():
    built = build_file(PERIOD, [child("adult", born="2006-01-01"), child("young", completed=True)])
    assert [(s.records, s.missing) for s in built.summary] == [(2, 1), (2, 1)]


def test_report_before_removal_names_every_such_date():
    kid = child(
        episodes=(episode("2025-06-01", "2025-08-31"), episode("2025-11-01")),
        determinations=(
            sex("2025-11-10", "in_care", "2025-10-20", "2025-11-10"),
            sex("2025-11-12", "in_care", "2025-09-02", "2025-10-20"),
        ),
        completed=True,
    )
    (finding,) = [
        f for f in build_file(PERIOD, [kid]).findings if f.rule is Rule.REPORT_BEFORE_REMOVAL
    ]
    assert "holds the report dates 2025-09-02 and 2025-10-20, before the removal" in finding.message
