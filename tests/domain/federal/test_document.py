"""The §7.1 documents: what the reader accepts and refuses, and the shape of the output."""

from __future__ import annotations

import copy
import json

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.federal import Kind, Timing, parse_document, run_document
from tests.domain.federal.support import GOLDEN, day

EXAMPLE = json.loads((GOLDEN / "docs_example.input.json").read_text(encoding="utf-8"))


def with_change(change) -> dict:
    document = copy.deepcopy(EXAMPLE)
    change(document)
    return document


def refused(document) -> InputError:
    with pytest.raises(InputError) as caught:
        run_document(document)
    return caught.value


def test_the_reader_returns_typed_children():
    parsed = parse_document(EXAMPLE)
    assert (parsed.period.name, parsed.detail_min_age, len(parsed.children)) == ("2026A", 12, 3)
    first = parsed.children[0]
    assert (first.id, first.date_of_birth, first.detail_completed) == (
        "PINE-0107",
        day("2011-02-20"),
        True,
    )
    assert first.determinations[1].kind is Kind.SEX
    assert first.determinations[1].timing is Timing.IN_CARE
    assert first.determinations[1].reported_to_law_enforcement == (day("2026-01-15"),)


def test_detail_min_age_defaults_to_12_and_may_be_0():
    assert parse_document(EXAMPLE).detail_min_age == 12
    assert parse_document({**EXAMPLE, "detail_min_age": 0}).detail_min_age == 0


def test_the_output_has_the_contract_fields_first_then_the_extras():
    output = run_document(EXAMPLE)
    assert list(output) == [
        "period",
        "start",
        "end",
        "due",
        "report_date",
        "mapping",
        "detail_min_age",
        "records",
        "findings",
        "summary",
        "exempt",
    ]
    assert list(output["records"][0]) == ["child", "E106", "E107", "E108", "E109", "E110", "E111"]
    assert list(output["findings"][0]) == [
        "child",
        "element",
        "rule",
        "severity",
        "message",
        "source",
    ]
    assert output["summary"]["E106"] == {"records": 3, "missing": 1, "over_limit": True}


def test_the_output_is_plain_json():
    output = run_document(EXAMPLE)
    assert json.loads(json.dumps(output)) == output


def test_a_problem_in_a_child_names_the_path_and_the_child():
    error = refused(
        with_change(lambda d: d["children"][1]["episodes"][1].update(exit_date="2025-01-01"))
    )
    assert error.field == "children[1].episodes[1].exit_date"
    assert str(error) == (
        "children[1].episodes[1].exit_date: 2025-01-01 is before the episode's removal date "
        '2025-12-01 (child "PINE-0031")'
    )


def test_an_unknown_field_at_the_top_is_refused_because_a_misspelt_age_would_be_lost():
    error = refused({**EXAMPLE, "detail_min_ag": 14})
    assert error.field == "detail_min_ag"


def test_unknown_fields_inside_a_child_are_ignored():
    document = with_change(lambda d: d["children"][0].update(record_number="A-1", notes=None))
    assert run_document(document) == run_document(EXAMPLE)


def test_a_child_id_is_compared_exactly():
    document = with_change(lambda d: d["children"][1].update(id="pine-0107"))
    assert [r["child"] for r in run_document(document)["records"]] == [
        "PINE-0107",
        "PINE-0219",
        "pine-0107",
    ]


@pytest.mark.parametrize("value", [True, 1.0, "12", -3, None, [12]])
def test_detail_min_age_must_be_a_whole_number_0_or_more(value):
    assert refused({**EXAMPLE, "detail_min_age": value}).field == "detail_min_age"


def test_an_empty_list_of_reports_and_determinations_is_fine():
    document = with_change(lambda d: d["children"][0].update(determinations=[]))
    assert run_document(document)["records"][1]["E106"] == 0
