"""The placement address kept out of text partners read (SPEC §8; issue 15).

Decisions, safety plans, next steps, referral information and a meeting's place are read by MDT
partners, who never see the placement address unless granted it. Every action that saves such
text checks it here first; the rule is ``domain.addresses``.
"""

from __future__ import annotations

from safeharbor.cases.models import Placement, Youth
from safeharbor.domain.addresses import address_message, names_address
from safeharbor.domain.errors import InputError


def refuse_placement_address(youth: Youth, texts: dict[str, tuple[str, str]]) -> None:
    """Refuse text naming any of the youth's placement addresses, beside its field.

    ``texts`` maps a field's name to (its label, the text); the first field that names an address
    is refused with a message saying why, never repeating the address.
    """
    addresses = _addresses(youth)
    if not addresses:
        return
    for field, (label, text) in texts.items():
        if text and names_address(text, addresses):
            raise InputError(address_message(label), field=field)


def _addresses(youth: Youth) -> list[str]:
    """Return every placement address of the youth, current and past (decrypted, for the check
    only: never shown, never logged)."""
    values = Placement.objects.filter(youth=youth).values_list("address", flat=True)
    return [value for value in values if value]
