"""Properties of scoring that hold for any answers and episodes, on both instruments."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeharbor.domain.screening import (
    NO,
    UNKNOWN,
    YES,
    Answer,
    Instrument,
    MissingEpisode,
    Registry,
    score,
    screen_document,
)

VALUES = st.sampled_from([YES, NO, UNKNOWN])


@st.composite
def screenings(
    draw: st.DrawFn, instrument: Instrument
) -> tuple[dict[str, Answer], list[MissingEpisode], dt.date]:
    """Draw answers to any indicators, and episodes on or before a screening day."""
    ids = [i.id for i in instrument.indicators]
    as_of = draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)) | st.dates())
    answers = draw(st.dictionaries(st.sampled_from(ids), VALUES))
    episodes = draw(st.lists(_episodes(as_of), max_size=5))
    return answers, episodes, as_of


def _episodes(as_of: dt.date) -> st.SearchStrategy[MissingEpisode]:
    """Draw one episode that starts on or before ``as_of`` and does not end after it."""

    def build(days_before: int, stayed: int | None) -> MissingEpisode:
        days_before = min(days_before, (as_of - dt.date.min).days)
        reported = as_of - dt.timedelta(days=days_before)
        returned = (
            None if stayed is None else reported + dt.timedelta(days=stayed % (days_before + 1))
        )
        return MissingEpisode(reported, returned)

    return st.builds(build, st.integers(0, 400), st.none() | st.integers(0, 400))


def rank(instrument: Instrument, tier: str) -> int:
    return instrument.tier(tier).precedence


@pytest.fixture(scope="session", params=["htcsec", "ladder"])
def instrument(request: pytest.FixtureRequest) -> Instrument:
    """Each property runs on the bundled instrument and on the test-only one."""
    return request.getfixturevalue(request.param)


@given(data=st.data())
def test_a_further_yes_never_lowers_the_tier(instrument, data):
    answers, episodes, as_of = data.draw(screenings(instrument))
    indicator = data.draw(st.sampled_from([i.id for i in instrument.indicators]))
    before = score(instrument, answers, episodes, as_of)
    after = score(instrument, answers | {indicator: YES}, episodes, as_of)
    assert rank(instrument, after.tier) >= rank(instrument, before.tier)


@given(data=st.data())
def test_an_unknown_never_raises_the_tier(instrument, data):
    answers, episodes, as_of = data.draw(screenings(instrument))
    indicator = data.draw(st.sampled_from([i.id for i in instrument.indicators]))
    before = score(instrument, answers, episodes, as_of)
    after = score(instrument, answers | {indicator: UNKNOWN}, episodes, as_of)
    assert rank(instrument, after.tier) <= rank(instrument, before.tier)


@given(data=st.data())
def test_an_unknown_in_place_of_no_changes_neither_tier_nor_reasons(instrument, data):
    answers, episodes, as_of = data.draw(screenings(instrument))
    noes = [key for key, answer in answers.items() if answer == NO]
    before = score(instrument, answers, episodes, as_of)
    after = score(instrument, answers | dict.fromkeys(noes, UNKNOWN), episodes, as_of)
    assert (after.tier, after.reasons, after.counts) == (before.tier, before.reasons, before.counts)


@given(data=st.data())
def test_the_order_of_answers_and_episodes_never_matters(instrument, data):
    answers, episodes, as_of = data.draw(screenings(instrument))
    shuffled_answers = dict(data.draw(st.permutations(list(answers.items()))))
    shuffled_episodes = data.draw(st.permutations(episodes))
    assert score(instrument, shuffled_answers, shuffled_episodes, as_of) == score(
        instrument, answers, episodes, as_of
    )


@given(data=st.data())
def test_reasons_are_what_holds_of_the_winning_tier(instrument, data):
    answers, episodes, as_of = data.draw(screenings(instrument))
    result = score(instrument, answers, episodes, as_of)
    tier = instrument.tier(result.tier)
    assert set(result.reasons) <= set(result.present)
    if tier.when is None:
        assert result.reasons == ()
    else:
        assert set(result.reasons) == set(tier.when.of) & set(result.present)
        assert tier.when.at_least <= len(result.reasons) <= (tier.when.at_most or len(tier.when.of))


@given(data=st.data())
def test_every_question_is_answered_derived_or_unanswered(instrument, data):
    answers, episodes, as_of = data.draw(screenings(instrument))
    result = score(instrument, answers, episodes, as_of)
    for indicator in instrument.indicators:
        accounted = indicator.id in answers or indicator.id in result.derived
        assert accounted != (indicator.id in result.unanswered)


@given(data=st.data())
def test_a_json_document_scores_the_same_as_the_typed_call(instrument, data):
    answers, episodes, as_of = data.draw(screenings(instrument))
    spellings = {"yes": ["yes", True], "no": ["no", False], "unknown": ["unknown"]}
    document = {
        "instrument": instrument.id,
        "as_of": as_of.isoformat(),
        "answers": {k: data.draw(st.sampled_from(spellings[a.value])) for k, a in answers.items()},
        "missing_episodes": [
            {
                "reported_missing": e.reported_missing.isoformat(),
                "returned": None if e.returned is None else e.returned.isoformat(),
            }
            for e in episodes
        ],
    }
    from_json = screen_document(json.dumps(document), Registry.of(instrument))
    assert from_json == score(instrument, answers, episodes, as_of)
