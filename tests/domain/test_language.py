"""The respectful-language check (SPEC §2)."""

import pytest

from safeharbor.domain.language import check_text, suggest


@pytest.mark.parametrize(
    ("text", "phrase", "alternative"),
    [
        (
            "Reporter called her a child prostitute.",
            "child prostitute",
            "child sex trafficking victim",
        ),
        ("a TEEN PROSTITUTE", "TEEN PROSTITUTE", "child sex trafficking victim"),
        (
            "charged with juvenile prostitution",
            "juvenile prostitution",
            "child sex trafficking victim",
        ),
        ("met a john at the motel", "john", "buyer"),
        ("the customers paid", "customers", "buyer / exploiter"),
        ("her pimp took the money", "pimp", "trafficker / exploiter"),
    ],
)
def test_harmful_terms_are_found_with_a_respectful_alternative(text, phrase, alternative):
    (finding,) = check_text(text)
    assert finding.phrase == phrase
    assert finding.alternative == alternative
    assert text[finding.start : finding.end] == phrase


def test_a_capitalised_name_is_not_flagged():
    assert check_text("Officer John Miller took the report.") == []


def test_overlapping_terms_are_reported_once_with_the_most_specific_alternative():
    assert [f.phrase for f in check_text("a child prostitute and a prostitute")] == [
        "child prostitute",
        "prostitute",
    ]


def test_suggest_replaces_every_finding():
    assert suggest("A john and her pimp.") == "A buyer and her trafficker / exploiter."


def test_clean_text_has_no_findings():
    assert check_text("Youth disclosed exchanging sex for a place to stay.") == []
