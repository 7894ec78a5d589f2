"""Reading a screening document (SPEC §4.4 input): what is accepted beyond the golden files."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import (
    Answer,
    AnswerSource,
    AnswerValue,
    MissingEpisode,
    bundled_registry,
    decode_json,
    read_request,
    screen_document,
)


def test_a_document_is_read_into_typed_answers_and_episodes():
    request = read_request(
        {
            "as_of": "2026-05-01",
            "answers": {
                "hotels_for_sex": True,
                "sti_or_pregnancy": "no",
                "brands_or_tattoos": {
                    "value": "unknown",
                    "source": "worker_observation",
                    "note": "Sleeves down.",
                },
            },
            "missing_episodes": [{"reported_missing": "2026-04-01"}],
        },
        bundled_registry(),
    )
    assert request.instrument.version == "2016-04-07"
    assert request.as_of == dt.date(2026, 5, 1)
    assert request.answers == {
        "hotels_for_sex": Answer(AnswerValue.YES),
        "sti_or_pregnancy": Answer(AnswerValue.NO),
        "brands_or_tattoos": Answer(
            AnswerValue.UNKNOWN, AnswerSource.WORKER_OBSERVATION, "Sleeves down."
        ),
    }
    assert request.episodes == (MissingEpisode(dt.date(2026, 4, 1), None),)


def test_null_instrument_and_version_mean_the_default_and_latest():
    request = read_request(
        {"instrument": None, "version": None, "as_of": "2026-05-01"}, bundled_registry()
    )
    assert (request.instrument.id, request.instrument.version) == ("htcsec-screen", "2016-04-07")


def test_decode_json_takes_text_or_utf8_bytes():
    assert decode_json('{"a": [1]}') == decode_json(b'{"a": [1]}') == {"a": [1]}


def test_a_utf8_byte_order_mark_is_tolerated():
    result = screen_document(b'\xef\xbb\xbf{"as_of": "2026-05-01"}', bundled_registry())
    assert result.tier == "no_indicators"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"as_of": "2026-05-01\xff"}', "malformed JSON: the text is not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "malformed JSON: nested too deeply"),
        ('{"as_of": "2026-05-01"} {}', "malformed JSON: Extra data at line 1 column 25"),
        ("\n\n", "no document: the input is empty"),
        ('{"as_of": NaN}', 'as_of: expected a date "YYYY-MM-DD", got NaN'),
    ],
)
def test_broken_json_is_one_input_error(raw, message):
    with pytest.raises(InputError) as caught:
        screen_document(raw, bundled_registry())
    assert str(caught.value) == message


def test_a_long_value_is_cut_short_in_the_message():
    with pytest.raises(InputError) as caught:
        screen_document('{"as_of": "' + "9" * 200 + '"}', bundled_registry())
    assert str(caught.value) == 'as_of: expected a date "YYYY-MM-DD", got "' + "9" * 56 + "..."


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children)
    ),
    max_leaves=8,
)
DAYS = st.dates().map(dt.date.isoformat)
IDS = [i.id for i in bundled_registry().get().indicators] + ["at_risk_4_or_more"]


@settings(max_examples=300)
@given(
    document=st.fixed_dictionaries(
        {},
        optional={
            "instrument": st.sampled_from(["htcsec-screen", None]) | JSON,
            "version": st.sampled_from(["2016-04-07", None]) | JSON,
            "as_of": DAYS | JSON,
            "answers": st.dictionaries(
                st.sampled_from(IDS) | st.text(max_size=8),
                st.sampled_from(["yes", "no", "unknown", True, False])
                | st.fixed_dictionaries(
                    {}, optional={"value": st.sampled_from(["yes", True]) | JSON, "source": JSON}
                )
                | JSON,
            )
            | JSON,
            "missing_episodes": st.lists(
                st.fixed_dictionaries(
                    {}, optional={"reported_missing": DAYS | JSON, "returned": DAYS | JSON}
                )
                | JSON,
                max_size=3,
            )
            | JSON,
            "extra": JSON,
        },
    )
)
def test_any_document_is_scored_or_refused_with_a_one_line_input_error(document):
    assert "\n" not in refusal(json.dumps(document))


def refusal(raw: str) -> str:
    """Return the InputError message for ``raw``, or "" when it scores."""
    try:
        screen_document(raw, bundled_registry())
    except InputError as error:
        return str(error)
    return ""


def test_an_answer_key_with_a_line_break_is_quoted_in_the_message():
    assert refusal('{"as_of": "2026-05-01", "answers": {"a\\nb": "maybe"}}') == (
        'answers["a\\nb"]: "maybe" is not an answer (yes, no, unknown, true or false)'
    )
