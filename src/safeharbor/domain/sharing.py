"""What each kind of MDT partner sees by default, and what needs a supervisor's approval.

Source: SPEC §1 (an MDT partner sees "only the fields the MDT needs"), §8 (access follows the
case) and issue 15 (share by need). The agency sets each kind's defaults, starting from least
need: law enforcement the youth's identity, the missing episodes with their reports and the risk
while missing; the District Attorney the identity and the reports; the Child Advocacy Center also
the screenings (seed 002 §VII.B.2: "share all assessed risk factors"); a sexual assault advocate
the needs and services. Nobody sees case notes and disclosure narratives, or the placement
address, by default: sharing them, or anything beyond a partner's default, is a supervisor's
decision with a written reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from safeharbor.domain.access import MINIMUM_PARTNER_FIELDS, FieldGroup
from safeharbor.domain.errors import InputError


class PartnerKind(StrEnum):
    """The kinds of MDT partner (SPEC §1); the ids are the accounts' ``partner_kind``."""

    LAW_ENFORCEMENT = "law_enforcement"
    DISTRICT_ATTORNEY = "district_attorney"
    CAC = "cac"
    SEXUAL_ASSAULT_ADVOCATE = "sexual_assault_advocate"
    OTHER = "other"


G = FieldGroup
# Never a default for anyone: shared only on a supervisor's approval, with a reason.
APPROVAL_ALWAYS = frozenset({G.NOTES, G.PLACEMENT_ADDRESS})

# The defaults an agency starts from (least need); an administrator may change them.
STARTING_DEFAULTS: Mapping[PartnerKind, frozenset[FieldGroup]] = {
    PartnerKind.LAW_ENFORCEMENT: MINIMUM_PARTNER_FIELDS | {G.MISSING, G.MISSING_RISK},
    PartnerKind.DISTRICT_ATTORNEY: MINIMUM_PARTNER_FIELDS | {G.MISSING},
    PartnerKind.CAC: MINIMUM_PARTNER_FIELDS | {G.SCREENINGS, G.MISSING},
    PartnerKind.SEXUAL_ASSAULT_ADVOCATE: MINIMUM_PARTNER_FIELDS | {G.NEEDS},
    PartnerKind.OTHER: MINIMUM_PARTNER_FIELDS,
}


def partner_kind(value: str) -> PartnerKind:
    """Return the partner kind for an account's ``partner_kind``; an unknown one is ``other``."""
    return PartnerKind(value) if value in set(PartnerKind) else PartnerKind.OTHER


def check_defaults(fields: Iterable[str]) -> frozenset[FieldGroup]:
    """Return the field groups an agency sets as a kind's default; refuse notes or the address.

    Identity and meetings are always in a default: a partner opens the youth through a meeting.
    """
    chosen = set()
    for value in fields:
        if value not in set(FieldGroup):
            raise InputError(f"unknown field group {value!r}", field="fields")
        chosen.add(FieldGroup(value))
    refused = chosen & APPROVAL_ALWAYS
    if refused:
        raise InputError(
            f"{_words(refused)} can never be a default: each sharing of them needs a "
            "supervisor's approval with a reason",
            field="fields",
        )
    return frozenset(chosen) | MINIMUM_PARTNER_FIELDS


def needing_approval(
    fields: Iterable[FieldGroup], default: frozenset[FieldGroup]
) -> frozenset[FieldGroup]:
    """Return the groups of a sharing beyond the partner's default, or never shared by default."""
    chosen = frozenset(fields)
    return (chosen - default - MINIMUM_PARTNER_FIELDS) | (chosen & APPROVAL_ALWAYS)


def check_approval(
    beyond: frozenset[FieldGroup], *, kind: PartnerKind, approver: bool, reason: str
) -> None:
    """Refuse a sharing beyond the default unless a supervisor approves it with a reason."""
    if not beyond:
        return
    what = f"sharing {_words(beyond)} with {_KIND_WORDS[kind]}"
    if not approver:
        raise InputError(
            f"{what} goes beyond what that partner sees by default: it needs the unit "
            "supervisor's approval (ask your supervisor to share it)",
            field="fields",
        )
    if not reason.strip():
        raise InputError(f"say why you approve {what}", field="approval_reason")


_KIND_WORDS = {
    PartnerKind.LAW_ENFORCEMENT: "law enforcement",
    PartnerKind.DISTRICT_ATTORNEY: "the District Attorney's office",
    PartnerKind.CAC: "the Child Advocacy Center",
    PartnerKind.SEXUAL_ASSAULT_ADVOCATE: "a sexual assault advocate",
    PartnerKind.OTHER: "this partner",
}

GROUP_WORDS = {
    G.IDENTITY: "identity",
    G.DEMOGRAPHICS: "demographics",
    G.PLACEMENTS: "placement history",
    G.PLACEMENT_ADDRESS: "the placement address",
    G.SCREENINGS: "screenings",
    G.MISSING: "missing episodes and their reports",
    G.MISSING_RISK: "risk details while missing",
    G.OBLIGATIONS: "obligations",
    G.REFERRALS: "referrals",
    G.MEETINGS: "meetings",
    G.NEEDS: "needs and services",
    G.NOTES: "case notes and narratives",
}


def _words(groups: Iterable[FieldGroup]) -> str:
    words = [GROUP_WORDS[g] for g in FieldGroup if g in set(groups)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
