"""The placement address kept out of text partners read: the matching rule (issue 15)."""

import pytest

from safeharbor.domain.addresses import address_message, names_address, street_line, words

ADDRESS = "1428 Elm Street, Apt 3B, Springfield, ST 00000"


def test_words_ignore_case_punctuation_and_street_spellings():
    assert words("1428 ELM St., N.W.") == ["1428", "elm", "st", "n", "w"]
    assert words("Avenue Road Boulevard") == ["ave", "rd", "blvd"]


def test_the_street_line_is_the_number_and_the_name_without_type_or_unit():
    assert street_line(ADDRESS) == ["1428", "elm"]
    assert street_line("77 North Harbor Avenue #12\nSpringfield") == ["77", "n", "harbor"]


@pytest.mark.parametrize(
    "text",
    [
        "Meet at 1428 Elm Street after school.",
        "the foster home at 1428 elm st.",
        "1428 ELM ST, apartment 3B",
        "youth stays at 1428 Elm (the placement)",
        "Drive by 1428  Elm-Street nightly",
    ],
)
def test_the_address_however_written_is_found(text):
    assert names_address(text, [ADDRESS])


@pytest.mark.parametrize(
    "text",
    [
        "The youth keeps the advocate's number; daily check-in at 6 pm.",
        "Elm trees line the school's street.",
        "Call 1428 extension for the on-call supervisor.",
        "Meet at 1429 Elm Street",
        "",
    ],
)
def test_ordinary_text_is_not_refused(text):
    assert not names_address(text, [ADDRESS])


def test_directions_and_abbreviations_match_both_ways():
    address = "77 North Harbor Avenue, Riverbend"
    assert names_address("at 77 N. Harbor Ave", [address])
    assert names_address("at 77 north harbor", [address])
    assert not names_address("at 77 South Harbor Avenue", [address])


def test_every_placement_address_is_checked_and_empty_ones_are_ignored():
    assert names_address("past placement: 9 Birch Court", ["", ADDRESS, "9 Birch Ct, Pine"])
    assert not names_address("anything at all", ["", "   ", "Oak"])


def test_the_message_says_why_and_never_repeats_the_address():
    message = address_message("The safety plan")
    assert message.startswith("The safety plan names the youth's placement address.")
    assert "Partners read this text" in message
    assert "Elm" not in message
