"""Input helpers shared by the subcommands: read a FILE or stdin, report one-line errors.

Every document a command reads goes through ``read_document`` (one document) or
``document_lines`` (``--jsonl``), which keep the size limit of ``domain/json_text.py``: 10 MB
per document, and never more than one byte past it in memory. ``read_text`` and ``decode``
turn a file into a JSON document with one-line messages naming the input (``clocks``, ``afcars``),
refusing a key repeated in any object.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO

from safeharbor.domain.errors import InputError
from safeharbor.domain.json_text import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENT_WORDS,
    TOO_LARGE,
    DuplicateKeyError,
    loads_strict,
)

LIMITS_HELP = (
    f"limits: a document over {MAX_DOCUMENT_WORDS} is refused, and so is a JSON object\n"
    "that names a key twice, anywhere in the document."
)
_SKIP_CHUNK = 1 << 20  # how much of an over-long line is read at a time to skip it


def open_binary(path: str) -> IO[bytes]:
    """Open ``path`` (or stdin for ``-``, left open) as bytes; raise OSError if it can't."""
    if path == "-":
        return open(sys.stdin.fileno(), "rb", closefd=False)
    return open(path, "rb")


def read_document(path: str) -> bytes:
    """Return the bytes of ``path`` (stdin for ``-``); raise ``InputError`` past the limit.

    OSError (the file cannot be read) is left to the caller, which names the file its own way.
    """
    if path == "-":
        return read_limited(sys.stdin.buffer)
    with open(path, "rb") as stream:
        return read_limited(stream)


def read_limited(stream: IO[bytes]) -> bytes:
    """Read one document from ``stream``; raise ``InputError(TOO_LARGE)`` past the limit."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(TOO_LARGE)
    return data


def document_lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """Yield each line of ``stream``; ``None`` stands for a line over the limit (skipped)."""
    while line := stream.readline(MAX_DOCUMENT_BYTES + 2):  # the document, "\r\n" at most
        if len(line) <= MAX_DOCUMENT_BYTES or len(line.rstrip(b"\r\n")) <= MAX_DOCUMENT_BYTES:
            yield line
            continue
        while not line.endswith(b"\n") and line:  # skip the rest without holding it
            line = stream.readline(_SKIP_CHUNK)
        yield None


def read_text(path: str) -> str:
    """Return the UTF-8 text of ``path`` (stdin for ``-``); a problem is one ``InputError``."""
    name = input_name(path)
    try:
        data = read_document(path)
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror or error}") from None
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None


def decode(text: str, name: str) -> object:
    """Return the JSON document in ``text``; an empty, malformed or ambiguous one is refused."""
    if not text.strip():
        raise InputError(f"{name}: empty input (expected one JSON document)")
    try:
        return loads_strict(text.removeprefix("\ufeff"))  # some editors start UTF-8 with a BOM
    except RecursionError:
        raise InputError(f"{name}: not valid JSON (nested too deeply)") from None
    except DuplicateKeyError as error:
        raise InputError(f"{name}: {error}") from None
    except ValueError as error:
        raise InputError(f"{name}: not valid JSON ({error})") from None


def input_name(path: str) -> str:
    """Return how messages name the input."""
    return "stdin" if path == "-" else path


def fail(message: str, *, status: int = 2) -> int:
    """Print ``safeharbor: <message>`` on stderr as one line and return ``status``."""
    one_line = " ".join(str(message).split())
    sys.stderr.write(f"safeharbor: {one_line}\n")
    return status
