"""Scoring htcsec-screen 2016-04-07 (SPEC §4.2, §4.3): tiers, reasons, derived indicators."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import (
    NO,
    UNKNOWN,
    YES,
    Answer,
    AnswerSource,
    AnswerValue,
    MissingEpisode,
    score,
)

AS_OF = dt.date(2026, 5, 1)
AT_RISK = (
    "history_sexual_abuse",
    "juvenile_justice_involvement",
    "history_runaway_missing",
    "controlling_older_partner",
    "sti_or_pregnancy",
    "suspected_gang_affiliation",
    "brands_or_tattoos",
    "frequents_risky_areas",
    "frequents_hotels_motels",
    "unexplained_injuries",
    "secrecy_about_relationships",
    "disconnected_from_family_peers",
    "fear_anxiety_hypervigilance",
    "unexplained_money_goods",
    "school_disconnectedness",
    "refugee_asylee_unaccompanied",
)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def missing(reported: str, returned: str | None = None) -> MissingEpisode:
    return MissingEpisode(day(reported), None if returned is None else day(returned))


def yes(*ids: str) -> dict[str, Answer]:
    return dict.fromkeys(ids, YES)


def test_two_episodes_in_window_raise_high_risk(htcsec):
    result = score(htcsec, {}, [missing("2026-01-05", "2026-01-06"), missing("2026-04-20")], AS_OF)
    assert result.tier == "high_risk"
    assert result.reasons == ("missing_2plus_6mo",)
    assert result.derived == ("missing_2plus_6mo", "missing_6mo", "history_runaway_missing")
    assert result.actions == ("refer_cac_mdt", "report_district_attorney")


def test_window_starts_on_the_clamped_month_end_and_includes_it(htcsec):
    inside = [missing("2026-02-28", "2026-03-01"), missing("2026-08-31")]
    assert score(htcsec, {}, inside, day("2026-08-31")).tier == "high_risk"


def test_episode_the_day_before_the_window_counts_only_as_history(htcsec):
    episodes = [missing("2026-02-27", "2026-03-01"), missing("2026-08-31")]
    result = score(htcsec, {}, episodes, day("2026-08-31"))
    assert result.tier == "moderate_risk"
    assert result.derived == ("missing_6mo", "history_runaway_missing")


def test_episodes_are_counted_by_the_day_reported_missing_not_the_return(htcsec):
    returned_in_window = missing("2025-10-31", "2025-11-02")  # window starts 2025-11-01
    result = score(htcsec, {}, [returned_in_window], AS_OF)
    assert result.tier == "at_risk"
    assert result.derived == ("history_runaway_missing",)


def test_an_old_episode_makes_history_runaway_missing_yes(htcsec):
    result = score(htcsec, {}, [missing("2019-07-04", "2019-07-05")], AS_OF)
    assert (result.tier, result.reasons, result.at_risk_count) == (
        "at_risk",
        ("history_runaway_missing",),
        1,
    )


def test_an_indicator_derived_and_answered_yes_counts_once(htcsec):
    answers = yes("history_runaway_missing", "missing_6mo", "brands_or_tattoos")
    result = score(htcsec, answers, [missing("2026-04-01", "2026-04-02")], AS_OF)
    assert result.at_risk_count == 2
    assert result.reasons == ("missing_6mo",)
    assert result.counts == {
        "confirmed": 0,
        "high_risk": 0,
        "moderate_risk": 1,
        "at_risk": 2,
    }


def test_an_episode_on_record_outweighs_an_answer_of_no(htcsec):
    answers = {"missing_6mo": NO, "history_runaway_missing": NO}
    result = score(htcsec, answers, [missing("2026-04-01", "2026-04-02")], AS_OF)
    assert result.tier == "moderate_risk"
    assert result.derived == ("missing_6mo", "history_runaway_missing")


def test_answered_yes_without_episodes_counts(htcsec):
    assert score(htcsec, yes("missing_2plus_6mo"), [], AS_OF).tier == "high_risk"
    assert score(htcsec, yes("missing_6mo"), [], AS_OF).tier == "moderate_risk"


@pytest.mark.parametrize("count", [1, 2, 3])
def test_one_to_three_at_risk_indicators_are_at_risk(htcsec, count):
    result = score(htcsec, yes(*AT_RISK[:count]), [], AS_OF)
    assert (result.tier, result.reasons, result.at_risk_count) == (
        "at_risk",
        AT_RISK[:count],
        count,
    )
    assert result.actions == ("community_referrals",)


@pytest.mark.parametrize("count", [4, 5, 16])
def test_four_or_more_at_risk_indicators_are_moderate_risk(htcsec, count):
    result = score(htcsec, yes(*AT_RISK[-count:]), [], AS_OF)
    assert (result.tier, result.reasons, result.at_risk_count) == (
        "moderate_risk",
        ("at_risk_4_or_more",),
        count,
    )
    assert result.actions == ("consultation_meeting",)


def test_moderate_risk_reasons_list_both_in_instrument_order(htcsec):
    answers = yes(*AT_RISK[:4], "missing_6mo")
    result = score(htcsec, answers, [], AS_OF)
    assert result.reasons == ("missing_6mo", "at_risk_4_or_more")
    assert result.present == ("missing_6mo", *AT_RISK[:4], "at_risk_4_or_more")


def test_unknown_and_no_never_count(htcsec):
    answers = dict.fromkeys(AT_RISK[:8], UNKNOWN) | dict.fromkeys(AT_RISK[8:], NO)
    answers["hotels_for_sex"] = UNKNOWN
    result = score(htcsec, answers, [], AS_OF)
    assert (result.tier, result.at_risk_count, result.reasons) == ("no_indicators", 0, ())
    assert result.unknown == ("hotels_for_sex", *AT_RISK[:8])


def test_an_answer_built_from_a_plain_string_counts_like_the_enum(htcsec):
    answers = {"hotels_for_sex": Answer("yes")}  # type: ignore[arg-type]
    assert score(htcsec, answers, [], AS_OF).tier == "high_risk"


@pytest.mark.parametrize(
    ("answered", "tier", "reasons"),
    [
        (
            ("identified_by_law_enforcement", "hotels_for_sex", "missing_6mo", *AT_RISK),
            "confirmed",
            ("identified_by_law_enforcement",),
        ),
        (("hotels_for_sex", "missing_6mo", *AT_RISK), "high_risk", ("hotels_for_sex",)),
        (("missing_6mo", "sti_or_pregnancy"), "moderate_risk", ("missing_6mo",)),
    ],
)
def test_the_highest_tier_that_fires_wins(htcsec, answered, tier, reasons):
    result = score(htcsec, yes(*answered), [], AS_OF)
    assert (result.tier, result.reasons) == (tier, reasons)


@pytest.mark.parametrize(
    ("indicator", "tier", "actions"),
    [
        (
            "disclosed_commercial_sex_force_fraud_coercion",
            "confirmed",
            (
                "record_victim_status",
                "report_district_attorney",
                "report_law_enforcement",
                "refer_cac_mdt",
            ),
        ),
        ("disclosed_commercial_sex_under_18", "confirmed", None),
        ("identified_by_law_enforcement", "confirmed", None),
        (
            "interstate_travel_without_resources",
            "high_risk",
            ("refer_cac_mdt", "report_district_attorney"),
        ),
        ("hotels_for_sex", "high_risk", None),
        ("missing_2plus_6mo", "high_risk", None),
        ("missing_6mo", "moderate_risk", ("consultation_meeting",)),
        *((i, "at_risk", ("community_referrals",)) for i in AT_RISK),
    ],
)
def test_each_indicator_alone_gives_its_tier_and_protocol(htcsec, indicator, tier, actions):
    result = score(htcsec, yes(indicator), [], AS_OF)
    assert (result.tier, result.reasons) == (tier, (indicator,))
    if actions is not None:
        assert result.actions == actions


def test_nothing_answered_gives_no_indicators_with_everything_unanswered(htcsec):
    result = score(htcsec, {}, [], AS_OF)
    assert (result.tier, result.tier_label, result.actions) == (
        "no_indicators",
        "No indicators identified",
        (),
    )
    assert result.unanswered == tuple(i.id for i in htcsec.indicators)
    assert "does not mean the youth is not being exploited" in htcsec.tier("no_indicators").meaning


def test_unanswered_leaves_out_answered_and_derived_yes_indicators(htcsec):
    answers = {"hotels_for_sex": NO, "sti_or_pregnancy": UNKNOWN}
    result = score(htcsec, answers, [missing("2026-04-01", "2026-04-02")], AS_OF)
    left_out = {"hotels_for_sex", "sti_or_pregnancy", "missing_6mo", "history_runaway_missing"}
    assert result.unanswered == tuple(i.id for i in htcsec.indicators if i.id not in left_out)


def test_answer_source_and_note_do_not_change_the_score(htcsec):
    plain = score(htcsec, yes("hotels_for_sex"), [], AS_OF)
    sourced = {"hotels_for_sex": Answer(AnswerValue.YES, AnswerSource.RECORDS, "Police report.")}
    assert score(htcsec, sourced, [], AS_OF) == plain


def test_episodes_may_be_any_iterable(htcsec):
    episodes = (missing(d) for d in ("2026-03-01", "2026-04-01"))
    assert score(htcsec, {}, episodes, AS_OF).tier == "high_risk"


def test_to_dict_gives_the_spec_output_fields(htcsec):
    result = score(htcsec, yes("hotels_for_sex", "sti_or_pregnancy"), [], AS_OF)
    assert result.to_dict() == {
        "instrument": "htcsec-screen",
        "version": "2016-04-07",
        "as_of": "2026-05-01",
        "tier": "high_risk",
        "tier_label": "High risk of trafficking",
        "confirmed_count": 0,
        "high_risk_count": 1,
        "moderate_risk_count": 0,
        "at_risk_count": 1,
        "reasons": ("hotels_for_sex",),
        "actions": ("refer_cac_mdt", "report_district_attorney"),
        "unanswered": tuple(
            i.id for i in htcsec.indicators if i.id not in {"hotels_for_sex", "sti_or_pregnancy"}
        ),
        "unknown": (),
        "derived": (),
    }


def test_result_is_frozen(htcsec):
    result = score(htcsec, {}, [], AS_OF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.tier = "confirmed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.counts["at_risk"] = 3  # type: ignore[index]


def test_answering_the_rule_at_risk_4_or_more_is_refused(htcsec):
    with pytest.raises(InputError) as caught:
        score(htcsec, yes("at_risk_4_or_more"), [], AS_OF)
    assert str(caught.value) == (
        'answers: "at_risk_4_or_more" is a rule of htcsec-screen 2016-04-07, worked out from '
        "other indicators, not a question"
    )
    assert caught.value.field == "answers.at_risk_4_or_more"


def test_an_unknown_indicator_is_refused_with_a_suggestion(htcsec):
    with pytest.raises(InputError) as caught:
        score(htcsec, yes("sti_pregnancy"), [], AS_OF)
    assert str(caught.value) == (
        'answers: "sti_pregnancy" is not an indicator of htcsec-screen 2016-04-07 '
        '(did you mean "sti_or_pregnancy"?)'
    )


def test_an_unknown_indicator_far_from_any_is_refused_without_a_suggestion(htcsec):
    with pytest.raises(InputError) as caught:
        score(htcsec, yes("zzz"), [], AS_OF)
    assert str(caught.value) == 'answers: "zzz" is not an indicator of htcsec-screen 2016-04-07'


@pytest.mark.parametrize(
    ("episode", "message"),
    [
        (
            missing("2026-05-02"),
            "missing_episodes[1].reported_missing: 2026-05-02 is after as_of 2026-05-01",
        ),
        (
            missing("2026-04-10", "2026-04-09"),
            "missing_episodes[1].returned: 2026-04-09 is before reported_missing 2026-04-10",
        ),
        (
            missing("2026-04-10", "2026-05-02"),
            "missing_episodes[1].returned: 2026-05-02 is after as_of 2026-05-01",
        ),
    ],
)
def test_impossible_episodes_are_refused(htcsec, episode, message):
    with pytest.raises(InputError) as caught:
        score(htcsec, {}, [missing("2026-01-01", "2026-01-02"), episode], AS_OF)
    assert str(caught.value) == message


def test_a_youth_who_went_missing_and_returned_on_the_screening_day_counts(htcsec):
    result = score(htcsec, {}, [missing("2026-05-01", "2026-05-01")], AS_OF)
    assert result.derived == ("missing_6mo", "history_runaway_missing")


def test_a_window_reaching_back_before_year_1_counts_every_episode(htcsec):
    episodes = [missing("0001-01-01", "0001-01-02"), missing("0001-02-01")]
    result = score(htcsec, {}, episodes, day("0001-03-01"))
    assert (result.tier, result.derived) == (
        "high_risk",
        ("missing_2plus_6mo", "missing_6mo", "history_runaway_missing"),
    )
