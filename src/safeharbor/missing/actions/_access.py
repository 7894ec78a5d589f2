"""Who may write to a youth's missing episodes: whoever may edit the youth's record."""

from __future__ import annotations

from safeharbor.accounts.models import User
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import require


def require_edit(actor: User | None, youth: Youth) -> None:
    """Refuse (``NotAllowed``) an actor who may not edit ``youth``; the system itself may."""
    if actor is None:
        return  # the system itself (the demo loader)
    require(actor, youth)
