"""Loading instrument definitions: the bundled one is sound, broken ones are refused by place."""

from __future__ import annotations

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.language import check_text
from safeharbor.domain.screening import parse_instrument
from tests.domain.screening.support import BUNDLED_FILE

# A small sound definition; each broken one below changes one thing in it.
MINIMAL = """\
format = 1
id = "tiny-check"
version = "2025-01-01"
title = "Tiny check"
source = "tests"

[notice]
text = "A low result does not mean the youth is safe."
source = "tests"

[[indicators]]
id = "sign_a"
tier = "high"
question = "Sign A?"
help = "Help A."
source = "tests"

[[indicators]]
id = "sign_b"
tier = "low"
question = "Sign B?"
help = "Help B."
source = "tests"

[[indicators]]
id = "sign_c"
tier = "low"
question = "Sign C?"
help = "Help C."
source = "tests"

[[rules]]
id = "both_low_signs"
label = "Both low signs"
source = "tests"

[rules.when]
count = ["sign_b", "sign_c"]
at_least = 2

[[tiers]]
id = "high"
label = "High"
meaning = "High."
precedence = 2
actions = ["act_now"]
source = "tests"

[tiers.when]
any = ["sign_a", "both_low_signs"]

[[tiers]]
id = "low"
label = "Low"
meaning = "Low."
precedence = 1
actions = ["act_soon"]
source = "tests"

[tiers.when]
count = ["sign_b", "sign_c"]
at_least = 1
at_most = 1

[[tiers]]
id = "none"
label = "None found"
meaning = "Nothing found; keep watching."
precedence = 0
actions = []
source = "tests"

[[actions]]
id = "act_now"
label = "Act now"
source = "tests"

[[actions]]
id = "act_soon"
label = "Act soon"
source = "tests"
"""


def load(text: str):
    return parse_instrument(text, origin="tiny.toml")


def refused(old: str, new: str, *, count: int = 1) -> str:
    """Return the message for MINIMAL with ``old`` replaced by ``new`` (``count`` times)."""
    assert MINIMAL.count(old) >= count, old
    with pytest.raises(InputError) as caught:
        load(MINIMAL.replace(old, new, count))
    return str(caught.value)


def test_the_minimal_definition_loads_with_tiers_highest_first():
    instrument = load(MINIMAL)
    assert [t.id for t in instrument.tiers] == ["high", "low", "none"]
    assert instrument.fallback.id == "none"
    assert [s.tier.id for s in instrument.sections()] == ["high", "low"]


def test_the_bundled_instrument_loads_with_the_spec_ids():
    instrument = parse_instrument(BUNDLED_FILE.read_text(encoding="utf-8"), origin="bundled")
    assert (instrument.id, instrument.version) == ("htcsec-screen", "2016-04-07")
    assert [(s.tier.id, [i.id for i in s.indicators]) for s in instrument.sections()] == [
        (
            "confirmed",
            [
                "disclosed_commercial_sex_force_fraud_coercion",
                "disclosed_commercial_sex_under_18",
                "identified_by_law_enforcement",
            ],
        ),
        (
            "high_risk",
            ["interstate_travel_without_resources", "hotels_for_sex", "missing_2plus_6mo"],
        ),
        ("moderate_risk", ["missing_6mo"]),
        (
            "at_risk",
            [
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
            ],
        ),
    ]
    assert [(t.id, t.precedence, t.actions) for t in instrument.tiers] == [
        (
            "confirmed",
            4,
            (
                "record_victim_status",
                "report_district_attorney",
                "report_law_enforcement",
                "refer_cac_mdt",
            ),
        ),
        ("high_risk", 3, ("refer_cac_mdt", "report_district_attorney")),
        ("moderate_risk", 2, ("consultation_meeting",)),
        ("at_risk", 1, ("community_referrals",)),
        ("no_indicators", 0, ()),
    ]
    assert [r.id for r in instrument.rules] == ["at_risk_4_or_more"]


def test_the_bundled_instrument_derives_missing_indicators_as_spec_4_2_says(htcsec):
    derived = {i.id: i.derived for i in htcsec.indicators if i.derived is not None}
    assert {k: (d.counts, d.at_least, d.within_months) for k, d in derived.items()} == {
        "missing_2plus_6mo": ("missing_episodes", 2, 6),
        "missing_6mo": ("missing_episodes", 1, 6),
        "history_runaway_missing": ("missing_episodes", 1, None),
    }


def test_every_bundled_item_cites_a_source_and_has_words_for_the_worker(htcsec):
    items = [*htcsec.indicators, *htcsec.rules, *htcsec.tiers, *htcsec.actions, *htcsec.terms]
    assert all(item.source for item in items)
    assert all(i.question.endswith("?") and i.help for i in htcsec.indicators)
    assert all(a.label for a in htcsec.actions)


def test_the_bundled_instrument_keeps_the_no_indicators_caution_as_data(htcsec):
    assert htcsec.notice.text.startswith(
        "The lack of a confirmed or high-risk result does not mean that the youth is not "
        "experiencing trafficking or exploitation"
    )
    assert htcsec.notice.source == "seed 002 Appendix A; SPEC §4.6"


def test_the_bundled_instrument_uses_respectful_language(htcsec):
    texts = [htcsec.title, htcsec.notice.text, htcsec.guidance.text if htcsec.guidance else ""]
    texts += [f"{i.question} {i.help}" for i in htcsec.indicators]
    texts += [f"{t.label} {t.meaning}" for t in htcsec.tiers]
    texts += [a.label for a in htcsec.actions] + [t.meaning for t in htcsec.terms]
    assert [finding.phrase for text in texts for finding in check_text(text)] == []


def test_lookups_and_labels_serve_the_form_and_result_page(htcsec):
    assert htcsec.indicator("hotels_for_sex").tier == "high_risk"
    assert htcsec.label("at_risk_4_or_more") == "Four or more at-risk indicators"
    assert htcsec.label("missing_6mo") == htcsec.indicator("missing_6mo").question
    assert htcsec.action("report_law_enforcement").label == (
        "Report to law enforcement immediately, no later than 24 hours"
    )
    assert htcsec.tier("at_risk").label == "At risk of trafficking"
    with pytest.raises(KeyError):
        htcsec.tier("unknown_tier")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("format = 1", "format = 2", "tiny.toml: format: 2 is not a format this version reads (1)"),
        ('title = "Tiny check"', "", "tiny.toml: title: missing"),
        (
            'source = "tests"\n\n[notice]',
            'source = "tests"\nauthor = "x"\n\n[notice]',
            "tiny.toml: author: unknown key (expected one of: actions, format, guidance, id, "
            "indicators, notice, rules, source, terms, tiers, title, version)",
        ),
        (
            'version = "2025-01-01"',
            'version = "2025-02-30"',
            "tiny.toml: version: '2025-02-30' is not a date \"YYYY-MM-DD\" "
            "(the day it took effect)",
        ),
        (
            'id = "tiny-check"',
            'id = "Tiny Check"',
            "tiny.toml: id: 'Tiny Check' is not a valid id (lowercase words joined by -)",
        ),
        (
            'question = "Sign B?"',
            'question = "Sign B?"\nhint = "x"',
            "tiny.toml: indicators[1].hint: unknown key (expected one of: derived, help, id, "
            "question, source, tier)",
        ),
        ('help = "Help C."', "", "tiny.toml: indicators[2].help: missing"),
        (
            'question = "Sign A?"',
            'question = " "',
            "tiny.toml: indicators[0].question: expected text, got ' '",
        ),
        (
            'id = "sign_c"',
            'id = "sign_b"',
            "tiny.toml: indicators[2].id: 'sign_b' is already the id of indicators[1]",
        ),
        (
            'id = "both_low_signs"',
            'id = "sign_a"',
            "tiny.toml: rules[0].id: 'sign_a' is already the id of indicators[0]",
        ),
        (
            'tier = "high"',
            'tier = "hi"',
            "tiny.toml: indicators[0].tier: 'hi' is not a tier (tiers: high, low, none)",
        ),
        (
            'tier = "high"',
            'tier = "none"',
            "tiny.toml: indicators[0].tier: 'none' is the fallback tier, which has no condition "
            "to use it",
        ),
        (
            'tier = "high"',
            'tier = "low"',
            "tiny.toml: indicators[0].tier: tier 'low' does not list 'sign_a' in its `when`",
        ),
        (
            'count = ["sign_b", "sign_c"]\nat_least = 2',
            'count = ["sign_b", "sign_d"]\nat_least = 2',
            "tiny.toml: rules[0].when.count[1]: 'sign_d' is not an indicator or rule of this "
            "instrument",
        ),
        (
            'any = ["sign_a", "both_low_signs"]',
            'any = ["sign_a", "sign_a"]',
            "tiny.toml: tiers[0].when.any[1]: 'sign_a' is listed twice",
        ),
        (
            'any = ["sign_a", "both_low_signs"]',
            'any = ["sign_a"]',
            "tiny.toml: rules[0].id: no tier uses the rule 'both_low_signs'",
        ),
        (
            'any = ["sign_a", "both_low_signs"]',
            "any = []",
            "tiny.toml: tiers[0].when.any: expected a non-empty list of ids, got an empty list",
        ),
        (
            'any = ["sign_a", "both_low_signs"]',
            'any = ["sign_a", "both_low_signs"]\nat_least = 1',
            "tiny.toml: tiers[0].when.at_least: unknown key (expected one of: any)",
        ),
        (
            "at_least = 2",
            "at_least = 3",
            "tiny.toml: rules[0].when.at_least: 3 is more than the 2 ids counted",
        ),
        ("at_least = 2", "at_least = 0", "tiny.toml: rules[0].when.at_least: 0 is less than 1"),
        (
            "at_least = 2",
            "at_least = true",
            "tiny.toml: rules[0].when.at_least: expected a whole number, got true",
        ),
        (
            "at_least = 1\nat_most = 1",
            "at_least = 1\nat_most = 0",
            "tiny.toml: tiers[1].when.at_most: 0 is less than 1",
        ),
        (
            "at_least = 1\nat_most = 1",
            "at_least = 1\nat_most = 2",
            "tiny.toml: tiers[1].when.at_most: 2 leaves nothing out: drop at_most",
        ),
        (
            "precedence = 1",
            "precedence = 2",
            "tiny.toml: tiers[1].precedence: 2 is also the precedence of 'high'",
        ),
        (
            "precedence = 0",
            "precedence = 3",
            "tiny.toml: tiers[2].precedence: the fallback tier 'none' must have the lowest "
            "precedence",
        ),
        ("precedence = 1", "precedence = -1", "tiny.toml: tiers[1].precedence: -1 is less than 0"),
        (
            'actions = ["act_soon"]',
            'actions = ["act_later"]',
            "tiny.toml: tiers[1].actions[0]: 'act_later' is not an action (actions: act_now, "
            "act_soon)",
        ),
        (
            'actions = ["act_soon"]',
            "actions = []",
            "tiny.toml: actions[1].id: no tier calls for the action 'act_soon'",
        ),
        (
            'id = "act_soon"',
            'id = "act_now"',
            "tiny.toml: actions[1].id: 'act_now' is already the id of actions[0]",
        ),
        (
            'actions = []\nsource = "tests"',
            'actions = []\nsource = "tests"\n[tiers.when]\nany = ["sign_a"]',
            "tiny.toml: tiers: exactly one tier must have no `when`: the fallback tier",
        ),
        (
            'id = "low"',
            'id = "high"',
            "tiny.toml: tiers[1].id: 'high' is already the id of tiers[0]",
        ),
        (
            'help = "Help A."\nsource = "tests"',
            'help = "Help A."\nsource = "tests"\n[indicators.derived]\ncounts = "school_records"\n'
            "at_least = 1",
            "tiny.toml: indicators[0].derived.counts: 'school_records' is not a kind of record "
            "(known: missing_episodes)",
        ),
        (
            'help = "Help A."\nsource = "tests"',
            'help = "Help A."\nsource = "tests"\n[indicators.derived]\n'
            'counts = "missing_episodes"\nat_least = 1\nwithin_months = 0',
            "tiny.toml: indicators[0].derived.within_months: 0 is less than 1",
        ),
        (
            "[notice]",
            "[notices]",
            "tiny.toml: notices: unknown key (expected one of: actions, format, guidance, id, "
            "indicators, notice, rules, source, terms, tiers, title, version)",
        ),
        (
            'text = "A low',
            'txt = "A low',
            "tiny.toml: notice.txt: unknown key (expected one of: source, text)",
        ),
        ("[[indicators]]", "[indicators]", None),
    ],
)
def test_a_broken_definition_is_refused_naming_file_place_and_problem(old, new, message):
    text = refused(old, new)
    assert text == message or (message is None and text.startswith("tiny.toml: not valid TOML"))


def test_a_definition_without_tiers_is_refused():
    start = MINIMAL.index("[[tiers]]")
    end = MINIMAL.index("[[actions]]")
    with pytest.raises(InputError) as caught:
        load(MINIMAL[:start] + MINIMAL[end:])
    assert str(caught.value) == "tiny.toml: tiers: missing"


def test_a_fallback_alone_is_refused():
    one_tier = MINIMAL.replace('[tiers.when]\nany = ["sign_a", "both_low_signs"]', "")
    with pytest.raises(InputError) as caught:
        load(one_tier)
    assert str(caught.value) == (
        "tiny.toml: tiers: exactly one tier must have no `when`: the fallback tier"
    )


def test_a_term_without_its_meaning_is_refused():
    with pytest.raises(InputError) as caught:
        load(MINIMAL + '\n[[terms]]\nterm = "Sign"\nsource = "tests"\n')
    assert str(caught.value) == "tiny.toml: terms[0].meaning: missing"


def test_text_that_is_not_toml_is_refused_with_the_parser_position():
    with pytest.raises(InputError) as caught:
        load("format = \n")
    assert str(caught.value) == "tiny.toml: not valid TOML: Invalid value (at line 1, column 10)"


def test_an_error_names_its_place_in_the_field_attribute():
    with pytest.raises(InputError) as caught:
        load(MINIMAL.replace('tier = "high"', 'tier = "hi"'))
    assert caught.value.field == "indicators[0].tier"
