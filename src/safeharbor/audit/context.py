"""Where the current request or command comes from, for the audit trail.

Actions never read ``request`` (ARCHITECTURE §2); the middleware and the management commands
set this context once, and ``record_event`` reads it. Outside both it says "unknown".
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """The network address and client of a request, or the command that ran."""

    address: str = ""
    client: str = "unknown"


_UNKNOWN = Origin()
_current: contextvars.ContextVar[Origin] = contextvars.ContextVar("audit_origin", default=_UNKNOWN)


def current_origin() -> Origin:
    """Return the origin of the work under way."""
    return _current.get()


@contextlib.contextmanager
def origin(value: Origin) -> Iterator[None]:
    """Attribute the audit events written inside the block to ``value``."""
    token = _current.set(value)
    try:
        yield
    finally:
        _current.reset(token)
