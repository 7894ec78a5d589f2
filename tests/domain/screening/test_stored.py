"""A screening stored as plain JSON scores again exactly as it did (SPEC §4.5)."""

from __future__ import annotations

import datetime as dt

from safeharbor.domain.screening import (
    NO,
    YES,
    Answer,
    AnswerSource,
    AnswerValue,
    Instrument,
    MissingEpisode,
    score,
)
from safeharbor.domain.screening.stored import (
    answers_document,
    episodes_document,
    episodes_on,
    result_document,
    stored_answers,
    stored_episodes,
)

DAY = dt.date(2026, 5, 1)


def test_episodes_stand_as_they_did_on_the_screening_day():
    episodes = [
        MissingEpisode(dt.date(2026, 3, 1), dt.date(2026, 3, 3)),
        MissingEpisode(dt.date(2026, 4, 28), dt.date(2026, 5, 2)),
        MissingEpisode(dt.date(2026, 5, 2)),
    ]
    assert episodes_on(episodes, DAY) == [
        MissingEpisode(dt.date(2026, 3, 1), dt.date(2026, 3, 3)),
        MissingEpisode(dt.date(2026, 4, 28), None),
    ]


def test_answers_and_episodes_are_stored_as_the_input_document_has_them():
    noted = Answer(AnswerValue.YES, AnswerSource.RECORDS, "Motel receipts in the file.")
    answers = {"hotels_for_sex": noted, "history_sexual_abuse": NO}
    episodes = [MissingEpisode(dt.date(2026, 4, 2), None)]
    assert answers_document(answers) == {
        "hotels_for_sex": {
            "value": "yes",
            "source": "records",
            "note": "Motel receipts in the file.",
        },
        "history_sexual_abuse": {"value": "no", "source": "", "note": ""},
    }
    assert episodes_document(episodes) == [{"reported_missing": "2026-04-02", "returned": None}]
    assert stored_answers(answers_document(answers)) == answers
    assert stored_episodes(episodes_document(episodes)) == episodes


def test_a_stored_result_is_plain_json_and_rescores_the_same(htcsec: Instrument):
    answers = {"frequents_hotels_motels": YES}
    episodes = [MissingEpisode(dt.date(2026, 4, 2), dt.date(2026, 4, 5))]
    stored = result_document(score(htcsec, answers, episodes, DAY))
    assert isinstance(stored["reasons"], list)
    again = score(
        htcsec,
        stored_answers(answers_document(answers)),
        stored_episodes(episodes_document(episodes)),
        DAY,
    )
    assert result_document(again) == stored
