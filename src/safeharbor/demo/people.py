"""Who records the demo's histories: each youth's own caseworker, as in the agency."""

from __future__ import annotations

from safeharbor.accounts.models import User
from safeharbor.cases.models import Youth


def caseworker_of(youth: Youth) -> User:
    """Return the youth's caseworker; the demo only records as them for youth who have one."""
    if youth.caseworker is None:
        raise LookupError(f"demo youth {youth.pk} has no caseworker to record as")
    return youth.caseworker
