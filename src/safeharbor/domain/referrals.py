"""What a referral must say before it is recorded: to whom, why, what was shared with whom.

Sources: SPEC §8 (sharing information about a child outside the agency needs a basis, so a
referral keeps what was shared, with whom and on what basis); seed 002 §VII.B (the CAC, the
District Attorney, law enforcement, community agencies; especially sexual assault support
services, Appendix A). A referral to law enforcement or the District Attorney is also the legally
required report (SPEC §5, §8).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from safeharbor.domain.errors import InputError

# A form filled on a clock a little ahead of the server's is not "in the future".
SKEW = dt.timedelta(minutes=5)


class ReferredTo(StrEnum):
    """Whom a youth is referred to (seed 002 §VII.B)."""

    DISTRICT_ATTORNEY = "district_attorney"
    LAW_ENFORCEMENT = "law_enforcement"
    CAC = "cac"
    COMMUNITY_AGENCY = "community_agency"


class Purpose(StrEnum):
    """Why the youth is referred."""

    CONVENE_MDT = "convene_mdt"
    FORENSIC_INTERVIEW = "forensic_interview"
    REPORT = "report"
    SERVICES = "services"
    OTHER = "other"


# Referrals that are also the legally required report about the youth (SPEC §5, §8).
REPORTING_KINDS = frozenset({ReferredTo.DISTRICT_ATTORNEY, ReferredTo.LAW_ENFORCEMENT})


@dataclass(frozen=True)
class ReferralDraft:
    """A referral as the form gives it, before it is checked."""

    referred_to: str
    organization: str
    made_at: dt.datetime
    information_shared: str
    shared_with: str
    basis: str
    contact: str = ""
    purpose: str = ""


@dataclass(frozen=True)
class ListedAgency:
    """A community agency picked from the service directory, as the check needs it."""

    name: str
    active: bool
    serves_district: bool  # whether it serves the youth's district


def check_referral(draft: ReferralDraft, *, now: dt.datetime) -> ReferralDraft:
    """Return ``draft`` with its text trimmed; refuse a referral without its sharing record."""
    if draft.referred_to not in set(ReferredTo):
        raise InputError(f"unknown kind of referral {draft.referred_to!r}", field="referred_to")
    if not draft.organization.strip():
        raise InputError("name the organization the youth was referred to", field="organization")
    _check_made_at(draft.made_at, now)
    _check_sharing(draft)
    if draft.purpose and draft.purpose not in set(Purpose):
        raise InputError(f"unknown purpose {draft.purpose!r}", field="purpose")
    return _trimmed(draft)


def _check_made_at(made_at: dt.datetime, now: dt.datetime) -> None:
    if made_at.utcoffset() is None:
        raise InputError("the referral time needs a time zone", field="made_at")
    if made_at > now + SKEW:
        raise InputError("the referral cannot have been made in the future", field="made_at")


def _check_sharing(draft: ReferralDraft) -> None:
    """Refuse a referral that does not say what was shared, with whom and on what basis."""
    if not draft.information_shared.strip():
        raise InputError("say what information was shared", field="information_shared")
    if not draft.shared_with.strip():
        raise InputError("say with whom the information was shared", field="shared_with")
    if not draft.basis.strip():
        raise InputError("say on what basis the information was shared", field="basis")


def _trimmed(draft: ReferralDraft) -> ReferralDraft:
    return replace(
        draft,
        organization=draft.organization.strip(),
        contact=draft.contact.strip(),
        information_shared=draft.information_shared.strip(),
        shared_with=draft.shared_with.strip(),
        basis=draft.basis.strip(),
    )


def check_listed_agency(referred_to: str, agency: ListedAgency, *, district: str) -> None:
    """Refuse a directory agency for another kind of referral, out of the directory, or
    not serving the youth's ``district``."""
    if referred_to != ReferredTo.COMMUNITY_AGENCY:
        raise InputError(
            "the service directory is for referrals to community agencies", field="service_agency"
        )
    if not agency.active:
        raise InputError(
            f"{agency.name} is no longer in the service directory", field="service_agency"
        )
    if not agency.serves_district:
        raise InputError(f"{agency.name} does not serve {district}", field="service_agency")
