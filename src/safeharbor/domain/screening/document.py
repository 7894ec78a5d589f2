"""Read a screening document (SPEC §4.4 input) into typed answers and missing episodes.

The document is the contract other tools use, so it is read strictly: an unknown field is
refused rather than ignored, because a misspelt ``missing_episodes`` silently dropped would
lower the tier of a youth who ran away.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from safeharbor.domain.errors import InputError
from safeharbor.domain.json_text import DuplicateKeyError, loads_strict
from safeharbor.domain.screening.answers import (
    NO,
    UNKNOWN,
    YES,
    Answer,
    AnswerSource,
    AnswerValue,
    MissingEpisode,
    shown,
)
from safeharbor.domain.screening.model import Instrument
from safeharbor.domain.screening.registry import Registry
from safeharbor.domain.screening.scoring import ScreeningResult, score

FIELDS = ("instrument", "version", "as_of", "answers", "missing_episodes")
_ANSWER_FIELDS = ("value", "source", "note")
_EPISODE_FIELDS = ("reported_missing", "returned")
_PLAIN = {"yes": YES, "no": NO, "unknown": UNKNOWN}
_BOM = b"\xef\xbb\xbf"  # some editors start a UTF-8 file with it
_FIELD_SET = frozenset(FIELDS)
_EPISODE_SET = frozenset(_EPISODE_FIELDS)
_ANSWER_SET = frozenset(_ANSWER_FIELDS)
_SOURCES = {source.value: source for source in AnswerSource}
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+")
_DAYS: dict[str, dt.date] = {}  # memo: a batch repeats its dates
_MEMO_LIMIT = 1 << 16


@dataclass(frozen=True, slots=True)
class ScreeningRequest:
    """A document read and checked, ready to score."""

    instrument: Instrument
    as_of: dt.date
    answers: dict[str, Answer]
    episodes: tuple[MissingEpisode, ...]

    def score(self) -> ScreeningResult:
        """Score this screening."""
        return score(self.instrument, self.answers, self.episodes, self.as_of)


def screen_document(raw: str | bytes, registry: Registry) -> ScreeningResult:
    """Decode, read and score one JSON document."""
    return read_request(decode_json(raw), registry).score()


def decode_json(raw: str | bytes) -> object:
    """Parse JSON text (bytes must be UTF-8), turning every way it can be broken into one line.

    A key repeated in any object is refused (``domain/json_text.py``); the size limit is the
    reader's (``cli/io.py``), since a document in memory has already cost its memory.
    """
    try:
        text = raw if isinstance(raw, str) else raw.removeprefix(_BOM).decode("utf-8")
        return loads_strict(text)
    except json.JSONDecodeError as error:
        if not error.doc.strip():
            raise InputError("no document: the input is empty") from None
        raise InputError(f"malformed JSON: {error.msg} {_where(error)}") from None
    except DuplicateKeyError as error:
        raise InputError(str(error)) from None
    except UnicodeDecodeError:
        raise InputError("malformed JSON: the text is not UTF-8") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None


def _where(error: json.JSONDecodeError) -> str:
    """Say where JSON broke; "the end" rather than a line number past a trailing newline."""
    if error.pos >= len(error.doc.rstrip()):
        return "at the end of the text"
    return f"at line {error.lineno} column {error.colno}"


def read_request(document: object, registry: Registry) -> ScreeningRequest:
    """Check a decoded document's fields and types and find its instrument version."""
    if type(document) is not dict:
        raise InputError(f"expected a JSON object with as_of and answers, got {_kind(document)}")
    if not document.keys() <= _FIELD_SET:
        key = next(key for key in document if key not in _FIELD_SET)
        raise InputError(f"unknown field {shown(key)} (fields: {', '.join(FIELDS)})", field=key)
    instrument = registry.get(
        _optional_text(document, "instrument"), _optional_text(document, "version")
    )
    if "as_of" not in document:
        raise InputError('as_of: missing (the screening date, "YYYY-MM-DD")', field="as_of")
    return ScreeningRequest(
        instrument=instrument,
        as_of=read_day(document["as_of"], "as_of"),
        answers=read_answers(document.get("answers", {})),
        episodes=read_episodes(document.get("missing_episodes", [])),
    )


def _optional_text(document: dict[str, object], key: str) -> str | None:
    """Return an optional text field; null counts as absent."""
    value = document.get(key)
    if value is None or type(value) is str:
        return value
    raise InputError(f"{key}: expected text, got {_kind(value)}", field=key)


def read_day(value: object, field: str | Callable[[], str]) -> dt.date:
    """Read a calendar day written exactly ``YYYY-MM-DD``, refusing impossible ones.

    ``field`` names the place for a message; a function that returns it saves building the
    name for every episode of a batch when nothing is wrong.
    """
    day = _DAYS.get(value) if type(value) is str else None
    if day is None:
        day = _parse_day(value, field if isinstance(field, str) else field())
        if len(_DAYS) >= _MEMO_LIMIT:
            _DAYS.clear()
        _DAYS[str(value)] = day
    return day


def _parse_day(value: object, field: str) -> dt.date:
    """Parse a day; ``date.fromisoformat`` alone would also take "2026-W01-1" and "20260101"."""
    if type(value) is str and _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InputError(f"{field}: {shown(value)} is not a real date", field=field) from None
    raise InputError(f'{field}: expected a date "YYYY-MM-DD", got {shown(value)}', field=field)


def read_answers(raw: object) -> dict[str, Answer]:
    """Read ``{indicator id: answer}``; which ids the instrument knows is checked by ``score``."""
    if type(raw) is not dict:
        raise InputError(f"answers: expected an object, got {_kind(raw)}", field="answers")
    answers: dict[str, Answer] = {}
    for key, value in raw.items():
        answer: Answer | None = None
        if type(value) is str:
            answer = _PLAIN.get(value)
        elif type(value) is bool:
            answer = YES if value else NO
        elif type(value) is dict:
            answer = read_answer_object(key, value)
        if answer is None:
            raise _not_an_answer(f"{_answer_place(key)}", value)
        answers[key] = answer
    return answers


def read_answer_object(key: str, raw: dict[str, object]) -> Answer:
    """Read ``{"value": ..., "source": ..., "note": ...}``; only the value is required."""
    if not raw.keys() <= _ANSWER_SET:
        _refuse_unknown(raw, _ANSWER_FIELDS, f"{_answer_place(key)}")
    value = raw.get("value")
    plain = _PLAIN.get(value) if type(value) is str else None
    if type(value) is bool:
        plain = YES if value else NO
    if plain is None and "value" not in raw:
        raise InputError(
            f"{_answer_place(key)}.value: missing", field=f"{_answer_place(key)}.value"
        )
    if plain is None:
        raise _not_an_answer(f"{_answer_place(key)}.value", value)
    source, note = raw.get("source"), raw.get("note")
    if source is not None:
        source = _SOURCES.get(source) if type(source) is str else None
        if source is None:
            raise _not_a_source(key, raw["source"])
    if note is not None and type(note) is not str:
        place = f"{_answer_place(key)}.note"
        raise InputError(f"{place}: expected text, got {_kind(note)}", field=place)
    return Answer(plain.value, source, note or "")


def _answer_place(key: str) -> str:
    """Name an answer's place; an odd key is quoted, so that a message stays on one line."""
    return f"answers.{key}" if _PLAIN_ID.fullmatch(key) else f"answers[{shown(key)}]"


def _not_a_source(key: str, value: object) -> InputError:
    """Explain where an answer can come from."""
    place, known = f"{_answer_place(key)}.source", ", ".join(AnswerSource)
    return InputError(f"{place}: {shown(value)} is not one of {known}", field=place)


def _not_an_answer(place: str, value: object) -> InputError:
    """Explain what an answer can be."""
    allowed = ", ".join(AnswerValue)
    return InputError(
        f"{place}: {shown(value)} is not an answer ({allowed}, true or false)", field=place
    )


def read_episodes(raw: object) -> tuple[MissingEpisode, ...]:
    """Read the youth's missing episodes; whether they fit ``as_of`` is checked by ``score``."""
    if type(raw) is not list:
        raise InputError(
            f"missing_episodes: expected a list, got {_kind(raw)}", field="missing_episodes"
        )
    return tuple([_episode(item, n) for n, item in enumerate(raw)])


def _episode(raw: object, n: int) -> MissingEpisode:
    """Read one episode: when the youth was reported missing and when they returned (or null)."""
    if type(raw) is not dict or not raw.keys() <= _EPISODE_SET or "reported_missing" not in raw:
        raise _episode_problem(raw, f"missing_episodes[{n}]")
    returned = raw.get("returned")
    return MissingEpisode(
        read_day(raw["reported_missing"], lambda: f"missing_episodes[{n}].reported_missing"),
        None if returned is None else read_day(returned, lambda: f"missing_episodes[{n}].returned"),
    )


def _episode_problem(raw: object, place: str) -> InputError:
    """Explain what is wrong with the shape of an episode."""
    if type(raw) is not dict:
        return InputError(f"{place}: expected an object, got {_kind(raw)}", field=place)
    _refuse_unknown(raw, _EPISODE_FIELDS, place)
    return InputError(f"{place}.reported_missing: missing", field=f"{place}.reported_missing")


def _refuse_unknown(raw: dict[str, object], fields: tuple[str, ...], place: str) -> None:
    """Refuse a key the contract does not name."""
    for key in raw:
        if key not in fields:
            raise InputError(
                f"{place}: unknown field {shown(key)} (fields: {', '.join(fields)})", field=place
            )


def _kind(value: object) -> str:
    """Name a JSON value's type for a message."""
    names = {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
