"""The screening form, its live result, the result page, and professional judgement on the web."""

import pytest
from django.urls import reverse

from safeharbor.screenings.models import Screening


def _form(**answers):
    data = {"as_of": "", "occasion": "caseworker_concern", "episodes": "[]"}
    from django.utils import timezone

    data["as_of"] = timezone.localdate().isoformat()
    data.update(answers)
    return data


def test_the_form_groups_questions_by_tier_and_shows_recorded_episodes(
    client, caseworker, two_recent_episodes
):
    client.force_login(caseworker)
    page = client.get(reverse("screenings:new", args=[two_recent_episodes.pk])).content.decode()
    sections = [
        s
        for s in ("confirmed", "high_risk", "moderate_risk", "at_risk")
        if f'data-section="{s}"' in page
    ]
    assert sections == ["confirmed", "high_risk", "moderate_risk", "at_risk"]
    assert page.count("Reported missing") == 2
    assert "So far: High risk" in page  # derived from the episodes before any answer
    assert "Talking with the youth" in page  # guidance beside the form


def test_saving_stores_the_screening_and_shows_the_result(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = client.post(
        reverse("screenings:new", args=[youth_record.pk]),
        _form(hotels_for_sex="yes", hotels_for_sex__source="collateral_contact"),
    )
    screening = Screening.objects.get()
    assert response["Location"] == reverse(
        "screenings:detail", args=[youth_record.pk, screening.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-tier="high_risk"' in page
    assert 'data-reason="hotels_for_sex"' in page
    assert 'data-action="refer_cac_mdt"' in page
    assert 'data-action="report_district_attorney"' in page
    assert 'data-rescore="same"' in page
    assert "Collateral contact" in page


def test_no_indicators_says_it_does_not_mean_no_exploitation(client, caseworker, youth_record):
    client.force_login(caseworker)
    client.post(reverse("screenings:new", args=[youth_record.pk]), _form())
    screening = Screening.objects.get()
    page = client.get(
        reverse("screenings:detail", args=[youth_record.pk, screening.pk])
    ).content.decode()
    assert 'data-tier="no_indicators"' in page
    assert "does not mean that the youth is not" in page
    assert "not yet answered" in page


def test_a_note_without_an_answer_is_refused_and_nothing_is_saved(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = client.post(
        reverse("screenings:new", args=[youth_record.pk]),
        _form(hotels_for_sex__note="Seen at a motel", history_sexual_abuse="yes"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Answer yes, no or unknown before giving a source or a note." in page
    assert "Seen at a motel" in page  # nothing typed is lost
    assert 'value="yes" checked' in page
    assert Screening.objects.count() == 0


def test_a_future_date_is_refused(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = client.post(
        reverse("screenings:new", args=[youth_record.pk]), {**_form(), "as_of": "2999-01-01"}
    )
    assert "cannot be in the future" in response.content.decode()
    assert Screening.objects.count() == 0


def test_harmful_words_in_a_note_are_offered_an_alternative_before_saving(
    client, caseworker, youth_record
):
    client.force_login(caseworker)
    data = _form(
        hotels_for_sex="yes", hotels_for_sex__note="Reporter called her a child prostitute"
    )
    page = client.post(reverse("screenings:new", args=[youth_record.pk]), data).content.decode()
    assert "child sex trafficking victim" in page
    assert Screening.objects.count() == 0
    client.post(reverse("screenings:new", args=[youth_record.pk]), {**data, "wording": "mine"})
    assert Screening.objects.count() == 1


def test_the_live_preview_scores_without_saving(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = client.post(
        reverse("screenings:preview", args=[youth_record.pk]),
        _form(identified_by_law_enforcement="yes"),
    )
    page = response.content.decode()
    assert 'data-tier="confirmed"' in page
    assert "record_victim_status" in page
    assert Screening.objects.count() == 0


def test_the_preview_counts_the_episodes_the_form_carries(client, caseworker, youth_record):
    client.force_login(caseworker)
    data = _form()
    data["episodes"] = '[["{}", null]]'.format(data["as_of"])
    page = client.post(reverse("screenings:preview", args=[youth_record.pk]), data).content.decode()
    assert 'data-tier="moderate_risk"' in page


@pytest.mark.parametrize("bad", ["not json", "[[1, 2]]", '{"a": 1}'])
def test_a_tampered_episode_field_counts_as_none(client, caseworker, youth_record, bad):
    client.force_login(caseworker)
    data = {**_form(), "episodes": bad}
    response = client.post(reverse("screenings:preview", args=[youth_record.pk]), data)
    assert response.status_code == 200
    assert 'data-tier="no_indicators"' in response.content.decode()


def test_a_partner_reads_shared_screenings_but_cannot_screen(
    client, caseworker, mdt_partner, youth_record
):
    client.force_login(caseworker)
    client.post(reverse("screenings:new", args=[youth_record.pk]), _form())
    screening = Screening.objects.get()
    client.force_login(mdt_partner)
    assert (
        client.get(reverse("screenings:detail", args=[youth_record.pk, screening.pk])).status_code
        == 200
    )
    assert client.get(reverse("screenings:new", args=[youth_record.pk])).status_code == 404
    assert (
        client.post(reverse("screenings:preview", args=[youth_record.pk]), _form()).status_code
        == 404
    )


def test_the_youth_page_lists_screenings_and_offers_to_screen(client, caseworker, youth_record):
    client.force_login(caseworker)
    client.post(reverse("screenings:new", args=[youth_record.pk]), _form(hotels_for_sex="yes"))
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Screen for trafficking" in page
    assert "High risk" in page


def test_lowering_on_the_web_is_held_for_the_supervisor(
    client, caseworker, supervisor, youth_record
):
    client.force_login(caseworker)
    client.post(reverse("screenings:new", args=[youth_record.pk]), _form(hotels_for_sex="yes"))
    screening = Screening.objects.get()
    url = reverse("screenings:override", args=[youth_record.pk, screening.pk])
    response = client.post(
        url, {"tier": "at_risk", "reason": "Hotel stay was a family trip."}, follow=True
    )
    assert "needs the supervisor&#x27;s approval" in response.content.decode()
    screening.refresh_from_db()
    assert screening.final_tier == "high_risk"

    override = screening.overrides.get()
    client.force_login(supervisor)
    decision = reverse(
        "screenings:override_decision", args=[youth_record.pk, screening.pk, override.pk]
    )
    client.post(decision, {"decision": "approve", "reason": "Agreed after a call with the family."})
    screening.refresh_from_db()
    assert screening.final_tier == "at_risk"


def test_an_override_without_a_reason_keeps_what_was_typed(client, caseworker, youth_record):
    client.force_login(caseworker)
    client.post(reverse("screenings:new", args=[youth_record.pk]), _form())
    screening = Screening.objects.get()
    response = client.post(
        reverse("screenings:override", args=[youth_record.pk, screening.pk]),
        {"tier": "at_risk", "reason": ""},
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_count_rule_names_the_indicators_it_counted(client, caseworker, youth_record):
    from safeharbor.screenings.instruments import instrument_for

    counted = [
        "history_sexual_abuse",
        "juvenile_justice_involvement",
        "controlling_older_partner",
        "brands_or_tattoos",
    ]
    answers = dict.fromkeys(counted, "yes")
    answers |= {f"{name}__source": "records" for name in counted}
    client.force_login(caseworker)
    response = client.post(reverse("screenings:new", args=[youth_record.pk]), _form(**answers))
    page = client.get(response["Location"]).content.decode()
    assert 'data-reason="at_risk_4_or_more"' in page
    members = page.split('data-rule-members="at_risk_4_or_more"')[1].split("</ul>")[0]
    instrument = instrument_for()
    for name in counted:
        assert instrument.label(name) in members.replace("&#x27;", "'")
    assert instrument.label("school_disconnectedness") not in members
