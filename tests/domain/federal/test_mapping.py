"""The element mapping is versioned data, and a period picks the one in force for all of it."""

from __future__ import annotations

import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal import (
    Role,
    build_file,
    bundled_mappings,
    mapping_for,
    mappings_from_folder,
    parse_mapping,
    parse_period,
    render_file,
)
from safeharbor.domain.federal.mapping import MAPPINGS_FOLDER
from tests.domain.federal.support import child, episode, sex

CURRENT = (bundled_mappings()[0],)
NEXT_LIST = """
version = "2028-10-01"
title = "A renumbered list, for the test"
in_force_from = 2028-10-01
missing_data_citation = "45 CFR 1355.46"
missing_data_limit_percent = 10

[elements.prior_victim]
number = "E206"
xml_name = "E206_prior_victim_sex_trafficking"
label = "victim of sex trafficking before entering foster care"
citation = "45 CFR 1355.44(d)(5)"

[elements.prior_reported]
number = "E207"
xml_name = "E207_prior_victim_sex_trafficking_reported"
label = "reported"
citation = "45 CFR 1355.44(d)(5)"

[elements.prior_report_date]
number = "E208"
xml_name = "E208_prior_victim_sex_trafficking_reported_date"
label = "report date"
citation = "45 CFR 1355.44(d)(5)"

[elements.in_care_victim]
number = "E209"
xml_name = "E209_victim_sex_trafficking"
label = "victim of sex trafficking while in foster care"
citation = "45 CFR 1355.44(d)(6)"

[elements.in_care_reported]
number = "E210"
xml_name = "E210_victim_sex_trafficking_reported"
label = "reported"
citation = "45 CFR 1355.44(d)(6)"

[elements.in_care_report_dates]
number = "E211"
xml_name = "E211_victim_sex_trafficking_reported_date"
label = "report dates"
citation = "45 CFR 1355.44(d)(6)"
"""


def next_list(text: str = NEXT_LIST):
    return parse_mapping(text, origin="test")


def test_the_bundled_mapping_holds_the_spec_element_names_in_order():
    (mapping,) = bundled_mappings()
    assert [mapping[role].xml_name for role in Role] == [
        "E106_prior_victim_sex_trafficking",
        "E107_prior_victim_sex_trafficking_reported",
        "E108_prior_victim_sex_trafficking_reported_date",
        "E109_victim_sex_trafficking",
        "E110_victim_sex_trafficking_reported",
        "E111_victim_sex_trafficking_reported_date",
    ]
    assert [mapping[role].number for role in Role] == [f"E{n}" for n in range(106, 112)]


def test_the_mapping_in_force_now_ends_on_30_september_2028():
    (mapping,) = bundled_mappings()
    assert mapping.in_force_until == dt.date(2028, 9, 30)
    assert mapping.missing_data_limit_percent == 10
    assert mapping.missing_data_citation == "45 CFR 1355.46"
    assert {mapping[role].citation for role in Role} == {
        "45 CFR 1355.44(d)(5)",
        "45 CFR 1355.44(d)(6)",
    }


def test_the_last_period_before_the_change_uses_the_current_list():
    assert mapping_for(parse_period("2028B")).version == "2022-10-01"
    assert mapping_for(parse_period("2023A")).version == "2022-10-01"


@pytest.mark.parametrize("name", ["2029A", "2022B"])
def test_a_period_with_no_mapping_is_refused_with_a_clear_message(name):
    with pytest.raises(InputError) as caught:
        mapping_for(parse_period(name))
    assert str(caught.value).startswith(f"period: no AFCARS element mapping is in force for {name}")
    assert "2022-10-01 (in force 2022-10-01 to 2028-09-30)" in str(caught.value)
    assert caught.value.field == "period"


def test_a_period_picks_its_mapping_by_date_when_a_second_list_is_given():
    held = (*CURRENT, next_list())
    assert mapping_for(parse_period("2028B"), held).version == "2022-10-01"
    assert mapping_for(parse_period("2029A"), held).version == "2028-10-01"
    assert mapping_for(parse_period("2040B"), held).version == "2028-10-01"  # no end date


def test_the_output_follows_the_numbers_of_the_mapping_in_force():
    held = (*CURRENT, next_list())
    victim = child(
        episodes=(episode("2028-10-05"),),
        determinations=(sex("2028-11-02", "in_care", "2028-11-02"),),
        completed=True,
    )
    output = render_file(build_file(parse_period("2029A"), [victim], mappings=held))
    assert output["mapping"] == "2028-10-01"
    assert output["records"] == [
        {
            "child": "c-1",
            "E206": 0,
            "E207": None,
            "E208": None,
            "E209": 1,
            "E210": 1,
            "E211": ["20281102"],
        }
    ]
    assert list(output["summary"]) == ["E206", "E209"]


def test_two_mappings_in_force_for_one_period_are_refused():
    overlapping = next_list(
        NEXT_LIST.replace("in_force_from = 2028-10-01", "in_force_from = 2026-10-01")
    )
    with pytest.raises(InputError, match="more than one element mapping"):
        mapping_for(parse_period("2027A"), (*CURRENT, overlapping))


def test_a_mapping_that_begins_mid_period_covers_only_the_periods_after():
    starts_mid = next_list(
        NEXT_LIST.replace("in_force_from = 2028-10-01", "in_force_from = 2029-01-01")
    )
    with pytest.raises(InputError, match="no AFCARS element mapping"):
        mapping_for(parse_period("2029A"), (*CURRENT, starts_mid))
    assert mapping_for(parse_period("2029B"), (*CURRENT, starts_mid)) is starts_mid


def test_the_bundled_files_are_named_by_their_version():
    assert mappings_from_folder(MAPPINGS_FOLDER) == bundled_mappings()


def test_a_file_named_other_than_its_version_is_refused(tmp_path):
    (tmp_path / "2028-10-01.toml").write_text(NEXT_LIST.replace('"2028-10-01"', '"2029"'))
    with pytest.raises(InputError, match="is not its name"):
        mappings_from_folder(tmp_path)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('version = "2028-10-01"', "version = 2028"), "version: expected text"),
        (
            ("in_force_from = 2028-10-01", 'in_force_from = "2028-10-01"'),
            "in_force_from: expected a date",
        ),
        (
            ("in_force_from = 2028-10-01", "in_force_from = 2028-10-01T00:00:00"),
            "in_force_from: expected a date",
        ),
        (
            (
                "in_force_from = 2028-10-01",
                "in_force_from = 2028-10-01\nin_force_until = 2028-09-30",
            ),
            "in_force_until: before",
        ),
        (
            ("missing_data_limit_percent = 10", "missing_data_limit_percent = 110"),
            "missing_data_limit_percent",
        ),
        (('number = "E206"', 'number = "206"'), "elements.prior_victim.number"),
        (('number = "E207"', 'number = "E206"'), "two roles share one element number"),
        (
            ('xml_name = "E209_victim_sex_trafficking"', 'xml_name = "E209 victim"'),
            "is not an XML name",
        ),
        (
            ("[elements.in_care_report_dates]", "[elements.in_care_report_dates_typo]"),
            "unknown role",
        ),
        (('label = "report dates"', ""), "elements.in_care_report_dates.label: expected text"),
        (("[elements.prior_victim]", "[elements.prior_victim]\n]"), "not valid TOML"),
    ],
)
def test_a_bad_mapping_is_refused_naming_the_file_and_the_key(change, problem):
    with pytest.raises(InputError) as caught:
        parse_mapping(NEXT_LIST.replace(*change), origin="mappings/2028-10-01.toml")
    assert str(caught.value).startswith("mappings/2028-10-01.toml: ")
    assert problem in str(caught.value)


def test_a_mapping_without_elements_is_refused():
    text = NEXT_LIST.split("[elements.prior_victim]")[0]
    with pytest.raises(InputError, match="elements: expected a table per element"):
        parse_mapping(text, origin="test")


def test_a_mapping_missing_a_role_is_refused():
    text = NEXT_LIST.split("[elements.in_care_report_dates]")[0]
    with pytest.raises(InputError, match=r"elements\.in_care_report_dates: missing"):
        parse_mapping(text, origin="test")


def test_an_element_is_described_by_number_and_words():
    (mapping,) = bundled_mappings()
    assert mapping[Role.IN_CARE_VICTIM].described == (
        "E109 (victim of sex trafficking while in foster care)"
    )
    assert mapping.in_force == "2022-10-01 to 2028-09-30"
    assert next_list().in_force == "2028-10-01 to no end date"


def test_with_no_mapping_held_every_period_is_refused():
    with pytest.raises(InputError, match="the mappings held: none"):
        mapping_for(parse_period("2026A"), ())
