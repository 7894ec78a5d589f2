"""Strict JSON for the command-line contracts (SPEC §4.4, §5.1, §7.1): limits every reader keeps.

- **Each key at most once per object, anywhere in the document.** Python's ``json`` keeps the
  last of two equal keys without a word, so ``{"answers": {...}, "answers": {}}`` would score a
  youth with no answers; another tool reading the same file may keep the first. A document that
  means two things is refused instead.
- **At most 10 MB (10,485,760 bytes) per document** (in ``--jsonl`` mode, per line): the
  commands read a document into memory, and a batch job fed a runaway file should stop with a
  message rather than take the machine's memory. The readers in ``cli/io.py`` stop reading one
  byte past the limit.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_WORDS = "10 MB (10,485,760 bytes)"
TOO_LARGE = f"document too large: over {MAX_DOCUMENT_WORDS}, the limit for one document"
_SHOWN_KEY_CHARACTERS = 40


class DuplicateKeyError(ValueError):
    """A JSON object names the same key twice."""

    def __init__(self, key: str) -> None:
        shown = key if len(key) <= _SHOWN_KEY_CHARACTERS else key[:_SHOWN_KEY_CHARACTERS] + "…"
        super().__init__(
            f"duplicate key {json.dumps(shown, ensure_ascii=False)} "
            "(a key may appear only once in an object)"
        )
        self.key = key


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build one decoded object; refuse it when a key repeats (the C scanner calls this)."""
    built = dict(pairs)
    if len(built) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return built


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_object)


def loads_strict(text: str) -> object:
    """Decode one JSON document like ``json.loads``, refusing a key repeated in any object.

    Raises ``json.JSONDecodeError`` for malformed text (a leading byte-order mark included, as
    ``json.loads`` does), ``DuplicateKeyError`` for a repeated key and ``RecursionError`` for
    nesting too deep; all are ``ValueError`` but the last.
    """
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)
