"""Input helpers shared by the subcommands: read a FILE or stdin, report one-line errors."""

from __future__ import annotations

import sys
from typing import TextIO


def open_input(path: str) -> TextIO:
    """Open ``path`` for reading as UTF-8, or stdin for ``-``; raise OSError if it can't."""
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8")


def fail(message: str, *, status: int = 2) -> int:
    """Print ``safeharbor: <message>`` on stderr as one line and return ``status``."""
    one_line = " ".join(str(message).split())
    sys.stderr.write(f"safeharbor: {one_line}\n")
    return status
