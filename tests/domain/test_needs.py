"""The survivor-needs catalogue of SPEC §6, the youth's priorities first."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeharbor.domain.errors import InputError
from safeharbor.domain.needs import (
    CATALOGUE,
    Term,
    check_assessment,
    check_priorities,
    keeps_plan,
    need_kind,
    plan_order,
)


def test_the_catalogue_opens_with_what_youth_say_they_need_most():
    assert [k.id for k in CATALOGUE[:3]] == ["housing", "education_employment", "food_money"]
    assert all(k.youth_named for k in CATALOGUE[:3])
    assert not any(k.youth_named for k in CATALOGUE[3:])


def test_the_catalogue_has_every_need_of_spec_section_6_once():
    ids = [k.id for k in CATALOGUE]
    assert len(ids) == len(set(ids)) == 17
    assert {k.id for k in CATALOGUE if k.term is Term.IMMEDIATE} == {
        "food_money",
        "dignity",
        "basic_needs",
        "safety",
        "medical",
        "psychological",
    }


def test_plan_order_puts_the_youths_priorities_first_in_their_order():
    ordered = plan_order(["medical", "housing", "childcare", "identification"], ["childcare"])
    assert ordered == ["childcare", "housing", "medical", "identification"]


def test_check_priorities_refuses_a_repeat_and_an_unknown_need():
    assert check_priorities(["food_money", "housing"]) == ["food_money", "housing"]
    with pytest.raises(InputError, match="Housing and utilities is chosen twice"):
        check_priorities(["housing", "housing"])
    with pytest.raises(InputError, match="unknown need 'pony'"):
        check_priorities(["pony"])
    with pytest.raises(InputError, match="unknown need"):
        need_kind("")


@pytest.mark.parametrize(("age", "keeps"), [(12, True), (18, True), (21, True), (22, False)])
def test_young_adults_keep_their_plan_to_21(age, keeps):
    assert keeps_plan(age) is keeps


needs_ids = st.sampled_from([kind.id for kind in CATALOGUE])


@given(st.sets(needs_ids), st.lists(needs_ids, unique=True, max_size=3))
@settings(max_examples=60)
def test_plan_order_is_a_permutation_led_by_the_priorities_present(needs, priorities):
    ordered = plan_order(needs, priorities)
    assert sorted(ordered) == sorted(needs)
    leading = [need for need in priorities if need in needs]
    assert ordered[: len(leading)] == leading


TODAY = dt.date(2026, 11, 30)


def test_an_assessment_returns_the_youths_priorities_in_their_order():
    needs = {"housing": "", "food_money": "Pantry card.", "medical": ""}
    ordered = check_assessment(["food_money", "housing"], needs, assessed_on=TODAY, today=TODAY)
    assert ordered == ["food_money", "housing"]


@pytest.mark.parametrize(
    ("priorities", "needs", "assessed_on", "field", "words"),
    [
        ([], {"housing": ""}, TODAY + dt.timedelta(days=1), "assessed_on", "in the future"),
        (["housing", "housing"], {"housing": ""}, TODAY, "priorities", "chosen twice"),
        ([], {"ponies": ""}, TODAY, "need", "unknown need 'ponies'"),
        (
            ["childcare"],
            {"housing": ""},
            TODAY,
            "needs",
            "Affordable childcare is among the youth's priorities: tick it as a need too",
        ),
        ([], {}, TODAY, "needs", "tick at least one need"),
    ],
)
def test_an_assessment_is_refused_beside_the_field_at_fault(
    priorities, needs, assessed_on, field, words
):
    with pytest.raises(InputError, match=words) as refused:
        check_assessment(priorities, needs, assessed_on=assessed_on, today=TODAY)
    assert refused.value.field == field
