"""An obligation as the clocks see it: plain data the app persists and hands back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeharbor.domain.clocks.events import as_utc, shown
from safeharbor.domain.clocks.rules import ObligationKind
from safeharbor.domain.errors import InputError


@dataclass(frozen=True)
class Obligation:
    """A required action with a clock (SPEC §3, §5); times become UTC.

    ``source`` and ``title`` are those of the rule that set the current ``due`` (a sooner clock
    that moved it replaces them). ``ref`` is the app's identifier for the stored row; the rules
    never read it and carry it unchanged, so the app can match results to its rows.
    """

    kind: ObligationKind
    opened_at: dt.datetime
    due: dt.datetime
    source: str
    title: str
    satisfied_at: dt.datetime | None = None
    ref: int | str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or self.kind not in _KIND_IDS:
            raise InputError(f"kind: unknown obligation kind {shown(self.kind)}", field="kind")
        object.__setattr__(self, "kind", ObligationKind(self.kind))
        object.__setattr__(self, "opened_at", as_utc(self.opened_at, field="opened_at"))
        object.__setattr__(self, "due", as_utc(self.due, field="due"))
        if self.satisfied_at is not None:
            satisfied_at = as_utc(self.satisfied_at, field="satisfied_at")
            object.__setattr__(self, "satisfied_at", satisfied_at)

    @property
    def is_open(self) -> bool:
        """Return whether nothing has satisfied the obligation yet."""
        return self.satisfied_at is None


_KIND_IDS = frozenset(item.value for item in ObligationKind)
