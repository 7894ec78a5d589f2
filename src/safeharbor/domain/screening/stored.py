"""A screening as the app stores it: its answers, episodes and result as plain JSON, and back.

The answers and episodes are stored in the shape of the SPEC §4.4 input document (``document``
reads them back), with the episodes as they stood on the screening day, so that a stored
screening scores again exactly as it did (SPEC §4.5).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping

from safeharbor.domain.screening.answers import Answer, MissingEpisode
from safeharbor.domain.screening.document import read_answers, read_episodes
from safeharbor.domain.screening.scoring import ScreeningResult


def episodes_on(episodes: Iterable[MissingEpisode], as_of: dt.date) -> list[MissingEpisode]:
    """Return the episodes as they stood on ``as_of``: later ones dropped, later returns undone."""
    return [
        MissingEpisode(
            e.reported_missing, e.returned if e.returned and e.returned <= as_of else None
        )
        for e in episodes
        if e.reported_missing <= as_of
    ]


def answers_document(answers: Mapping[str, Answer]) -> dict[str, dict[str, str]]:
    """Return answers as stored: ``{id: {"value", "source", "note"}}`` (no source: "")."""
    return {
        key: {
            "value": answer.value.value,
            "source": answer.source.value if answer.source else "",
            "note": answer.note,
        }
        for key, answer in answers.items()
    }


def episodes_document(episodes: Iterable[MissingEpisode]) -> list[dict[str, str | None]]:
    """Return episodes as stored: ``[{"reported_missing", "returned"}]`` (ISO days or null)."""
    return [
        {
            "reported_missing": e.reported_missing.isoformat(),
            "returned": e.returned.isoformat() if e.returned else None,
        }
        for e in episodes
    ]


def result_document(result: ScreeningResult) -> dict[str, object]:
    """Return a result as it is stored: plain JSON values (lists, not tuples)."""
    document: dict[str, object] = json.loads(json.dumps(result.to_dict()))
    return document


def stored_answers(document: Mapping[str, Mapping[str, str]]) -> dict[str, Answer]:
    """Return stored answers as the scoring reads them."""
    return read_answers(
        {key: {**raw, "source": raw.get("source") or None} for key, raw in document.items()}
    )


def stored_episodes(document: object) -> list[MissingEpisode]:
    """Return the stored episodes a screening was scored from."""
    return list(read_episodes(document))
