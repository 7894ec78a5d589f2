"""Whether text that partners will read names one of the youth's placement addresses.

Source: SPEC §1 and §8 (an MDT partner never sees the placement address unless granted; placement
addresses are hidden except from the assigned worker, their supervisor and those granted access)
and issue 15 (a caseworker typed the placement address into the safety plan and the detective read
it). Decisions, safety plans, next steps, referral information and a meeting's place are read by
partners, so they are checked before they are saved.

The rule compares words, not characters: case, punctuation and spacing are ignored, and street
words are reduced to one spelling ("Street", "St." and "st" are the same; "North" and "N").
An address is named when the text holds its street line — the house number and the street's
name, with or without the street type — as consecutive words. A street line of one word ("Oak")
never matches alone: it would refuse ordinary sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# One spelling for each street word (USPS Publication 28 abbreviations, the common ones).
_SAME = {
    "street": "st",
    "str": "st",
    "avenue": "ave",
    "av": "ave",
    "road": "rd",
    "drive": "dr",
    "lane": "ln",
    "boulevard": "blvd",
    "court": "ct",
    "place": "pl",
    "terrace": "ter",
    "circle": "cir",
    "highway": "hwy",
    "parkway": "pkwy",
    "square": "sq",
    "trail": "trl",
    "way": "wy",
    "apartment": "apt",
    "suite": "ste",
    "unit": "unit",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
_STREET_TYPES = frozenset(
    {"st", "ave", "rd", "dr", "ln", "blvd", "ct", "pl", "ter", "cir", "hwy", "pkwy", "sq", "trl"}
    | {"wy"}
)
_UNIT_WORDS = frozenset({"apt", "ste", "unit"})
_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    """Return ``text`` as normalised words: lower case, no punctuation, one spelling per word."""
    found = _WORD.findall(text.lower().replace("#", " unit "))
    return [_SAME.get(word, word) for word in found]


def street_line(address: str) -> list[str]:
    """Return the words that identify ``address``: its first line, without the street type or unit.

    "12 Elm Street, Apt 3, Springfield" → ["12", "elm"]; the street type is optional in the text.
    """
    first = re.split(r"[,\n]", address.strip(), maxsplit=1)[0]
    line = words(first)
    for index, word in enumerate(line):
        if word in _UNIT_WORDS:
            line = line[:index]
            break
    while len(line) > 2 and line[-1] in _STREET_TYPES:
        line = line[:-1]
    return line


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    size = len(needle)
    return any(
        list(haystack[i : i + size]) == list(needle) for i in range(len(haystack) - size + 1)
    )


def names_address(text: str, addresses: Iterable[str]) -> bool:
    """Return whether ``text`` names any of ``addresses`` (by its street line, see above)."""
    found = words(text)
    for address in addresses:
        line = street_line(address)
        if len(line) >= 2 and _contains(found, line):
            return True
    return False


def address_message(label: str) -> str:
    """Return the refusal shown beside the field ``label`` (the address itself is never echoed)."""
    return (
        f"{label} names the youth's placement address. Partners read this text, and the address "
        "is shown only to those granted it: describe the place without the address (for "
        "example “the placement”)."
    )
