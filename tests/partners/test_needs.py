"""Needs and services (SPEC §6): the youth's priorities first, unconditional, kept to 21."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.partners.actions import record_needs_assessment, update_need
from safeharbor.partners.models import Need, NeedsAssessment
from tests import factories


def _assess(youth, **kw):
    arguments = {
        "assessed_on": timezone.localdate(),
        "priorities": ["food_money", "housing"],
        "plans": {
            "medical": "Clinic visit this week.",
            "housing": "Transitional living application.",
            "food_money": "Food pantry card; a part-time job search.",
        },
        "in_youth_words": "I need my own place and a job.",
    } | kw
    return record_needs_assessment(actor=youth.caseworker, youth=youth, **arguments)


def test_the_plan_puts_the_youths_priorities_first(client, youth_record):
    _assess(youth_record)
    client.force_login(youth_record.caseworker)
    text = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    order = [text.index(f'data-need="{kind}"') for kind in ("food_money", "housing", "medical")]
    assert order == sorted(order)
    assert "1. Food and money; 2. Housing and utilities" in text
    assert "Services are unconditional, never transactional" in text


def test_a_priority_must_be_a_need_and_nothing_is_saved(youth_record):
    with pytest.raises(
        InputError, match="Affordable childcare is among the youth's priorities"
    ) as refused:
        _assess(youth_record, priorities=["childcare"])
    assert refused.value.field == "needs"
    assert (NeedsAssessment.objects.count(), Need.objects.count()) == (0, 0)


def test_a_second_assessment_keeps_each_need_once_and_its_status(youth_record):
    _assess(youth_record)
    housing = Need.objects.get(kind="housing")
    update_need(
        actor=youth_record.caseworker,
        need=housing,
        plan=housing.plan,
        status="in_progress",
        seen_version=housing.version,
    )
    _assess(
        youth_record,
        priorities=["housing"],
        plans={"housing": "Moved to the transitional program.", "safety": ""},
    )
    housing.refresh_from_db()
    assert (housing.status, housing.plan) == ("in_progress", "Moved to the transitional program.")
    assert sorted(Need.objects.values_list("kind", flat=True)) == [
        "food_money",
        "housing",
        "medical",
        "safety",
    ]
    with pytest.raises(InputError, match="someone else changed this need"):
        update_need(
            actor=youth_record.caseworker, need=housing, plan="x", status="met", seen_version=1
        )


def test_a_young_adult_keeps_the_plan(client, agency, caseworker):
    today = timezone.localdate()
    adult = factories.youth(
        agency.pine,
        caseworker,
        first="Sam",
        last="Eldertest",
        born=today.replace(year=today.year - 19) - dt.timedelta(days=3),
    )
    _assess(adult, priorities=["housing"], plans={"housing": "Extended foster care housing."})
    client.force_login(caseworker)
    text = client.get(reverse("cases:youth", args=[adult.pk])).content.decode()
    assert "Sam Eldertest keeps this plan and these services (seed 003)" in text
    assert "Extended foster care housing." in text
    form = client.get(reverse("partners:needs_assess", args=[adult.pk])).content.decode()
    assert "the plan and services continue to 21 (seed 003)" in form


def test_the_assessment_form_says_services_are_unconditional_and_keeps_bad_input(
    client, youth_record
):
    client.force_login(youth_record.caseworker)
    url = reverse("partners:needs_assess", args=[youth_record.pk])
    page = client.get(url).content.decode()
    assert "a youth never has to cooperate with an investigation" in page
    response = client.post(
        url,
        {
            "assessed_on": "2099-01-01",
            "priority_1": "housing",
            "need_housing": "on",
            "plan_housing": "Call the shelter line today.",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "The assessment cannot be dated in the future." in text
    assert "Call the shelter line today." in text
    assert NeedsAssessment.objects.count() == 0
    saved = client.post(
        url,
        {
            "assessed_on": timezone.localdate().isoformat(),
            "youth_took_part": "on",
            "priority_1": "housing",
            "need_housing": "on",
            "plan_housing": "Call the shelter line today.",
        },
    )
    assert saved.status_code == 302
    assert NeedsAssessment.objects.get().priorities == ["housing"]


def test_a_need_leads_to_a_referral_for_it(client, youth_record):
    _assess(youth_record)
    housing = Need.objects.get(kind="housing")
    client.force_login(youth_record.caseworker)
    page = client.get(reverse("partners:need", args=[youth_record.pk, housing.pk])).content.decode()
    link = f"?to=community_agency&amp;purpose=services&amp;need={housing.pk}"
    assert link in page
    form = client.get(
        reverse("partners:referral_new", args=[youth_record.pk]),
        {"to": "community_agency", "purpose": "services", "need": housing.pk},
    ).content.decode()
    assert f'<option value="{housing.pk}" selected>Housing and utilities</option>' in form
