"""Properties of the federal file over generated children (Hypothesis, synthetic data)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from safeharbor.domain.federal import parse_document, population, run_document

FIRST_BIRTH = dt.date(2006, 1, 1)
PERIODS = st.sampled_from(["2025B", "2026A", "2026B"])


def iso(day: dt.date) -> str:
    return day.isoformat()


@st.composite
def episodes(draw, born: dt.date) -> list[tuple[dt.date, dt.date | None]]:
    """Non-overlapping episodes in time order; only the last may be open."""
    cursor = max(born, dt.date(2019, 1, 1)) + dt.timedelta(days=draw(st.integers(0, 2000)))
    found: list[tuple[dt.date, dt.date | None]] = []
    for _ in range(draw(st.integers(0, 3))):
        removal = cursor + dt.timedelta(days=draw(st.integers(1, 400)))
        length = draw(st.none() | st.integers(0, 400))
        if length is None:
            found.append((removal, None))
            break
        cursor = removal + dt.timedelta(days=length)
        found.append((removal, cursor))
    return found


@st.composite
def determination(draw, born: dt.date, spells: list[tuple[dt.date, dt.date | None]]) -> dict:
    """A determination: ``in_care`` ones fall in an episode, the others any day after birth."""
    timing = draw(st.sampled_from(["before_entry", "in_care"])) if spells else "before_entry"
    if timing == "in_care":
        removal, exit_date = draw(st.sampled_from(spells))
        last = exit_date or removal + dt.timedelta(days=600)
        identified = removal + dt.timedelta(days=draw(st.integers(0, (last - removal).days)))
    else:
        identified = born + dt.timedelta(days=draw(st.integers(0, 9000)))
    reports = draw(st.lists(st.integers(-30, 60), max_size=3))
    return {
        "kind": draw(st.sampled_from(["sex", "sex", "labor"])),
        "identified_on": iso(identified),
        "timing": timing,
        "reported_to_law_enforcement": [
            iso(max(born, identified + dt.timedelta(days=offset))) for offset in reports
        ],
    }


@st.composite
def child(draw, child_id: str) -> dict:
    born = FIRST_BIRTH + dt.timedelta(days=draw(st.integers(0, 6000)))
    spells = draw(episodes(born))
    found = draw(st.lists(determination(born, spells), max_size=4))
    return {
        "id": child_id,
        "date_of_birth": iso(born),
        "episodes": [
            {"removal_date": iso(r), "exit_date": None if e is None else iso(e)} for r, e in spells
        ],
        "determinations": found,
        "detail_completed": draw(st.booleans()),
    }


@st.composite
def documents(draw) -> dict:
    ids = draw(st.lists(st.text("abcXYZ019-", min_size=1, max_size=4), unique=True, max_size=8))
    document = {"period": draw(PERIODS), "children": [draw(child(i)) for i in ids]}
    if draw(st.booleans()):
        document["detail_min_age"] = draw(st.integers(0, 21))
    return document


@settings(max_examples=100)
@given(documents())
def test_an_element_that_does_not_apply_is_blank(document):
    for record in run_document(document)["records"]:
        assert record["E106"] in (None, 0, 1)
        assert record["E109"] in (None, 0, 1)
        if record["E106"] != 1:
            assert (record["E107"], record["E108"]) == (None, None)
        if record["E109"] != 1:
            assert (record["E110"], record["E111"]) == (None, None)
        assert (record["E107"] == 1) == (record["E108"] is not None)
        assert (record["E110"] == 1) == (record["E111"] is not None)
        if record["E111"] is not None:
            assert record["E111"] == sorted(set(record["E111"]))
            assert all(len(date) == 8 and date.isdigit() for date in record["E111"])


@settings(max_examples=100)
@given(documents())
def test_every_child_of_the_population_appears_once_in_order(document):
    output = run_document(document)
    children = [record["child"] for record in output["records"]]
    assert children == sorted(set(children))
    parsed = parse_document(document)
    assert children == [kid.id for kid in population(parsed.children, parsed.period)]


@settings(max_examples=100)
@given(documents())
def test_findings_and_summary_agree_with_the_records(document):
    output = run_document(document)
    keys = [(f["child"], int(f["element"][1:]), f["rule"]) for f in output["findings"]]
    assert keys == sorted(keys)
    in_file = {record["child"] for record in output["records"]}
    assert {f["child"] for f in output["findings"]} <= in_file - set(output["exempt"])
    for element in ("E106", "E109"):
        blanks = sum(1 for record in output["records"] if record[element] is None)
        summary = output["summary"][element]
        assert (summary["records"], summary["missing"]) == (len(output["records"]), blanks)
        assert summary["over_limit"] == (blanks * 10 > len(output["records"]))
