"""From a screening's protocol actions to the forms that carry them out (seed 002 §VII.B).

The screening result names what the protocol asks (``refer_cac_mdt``, ``report_district_attorney``,
``consultation_meeting``, ``community_referrals``…); these are the links that lead the caseworker
to the matching form, filled in with what the screening found. A disclosure during screening
leads to a forensic interview at the CAC rather than more questions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from safeharbor.cases.models import Youth
from safeharbor.partners.queries import need_of, screening_of
from safeharbor.screenings.instruments import instrument_for
from safeharbor.screenings.models import Screening

DISCLOSURE_INDICATORS = (
    "disclosed_commercial_sex_force_fraud_coercion",
    "disclosed_commercial_sex_under_18",
)
POLICY_BASIS = "The agency's HTCSEC policy (seed 002 §VII.B) and the MDT's purpose"


@dataclass(frozen=True)
class NextLink:
    """One thing to do next, with the link to its form."""

    action: str
    label: str
    url: str
    why: str


def disclosed(screening: Screening) -> bool:
    """Return whether the youth disclosed during the screening (a yes on a disclosure question)."""
    return any(
        (screening.answers.get(indicator) or {}).get("value") == "yes"
        for indicator in DISCLOSURE_INDICATORS
    )


def _referral(youth: Youth, screening: Screening, to: str, purpose: str) -> str:
    query = urlencode({"to": to, "purpose": purpose, "screening": screening.pk})
    return f"{reverse('partners:referral_new', args=[youth.pk])}?{query}"


def _meeting(youth: Youth, kind: str) -> str:
    return f"{reverse('partners:meeting_new', args=[youth.pk])}?{urlencode({'kind': kind})}"


def protocol_links(youth: Youth, screening: Screening, actions: list[str]) -> list[NextLink]:
    """Return the links for the protocol actions of a screening, in the protocol's order."""
    links = (_link(youth, screening, action) for action in actions)
    return [link for link in links if link is not None]


def _link(youth: Youth, screening: Screening, action: str) -> NextLink | None:
    """Return the link for one protocol action, or None for an action done elsewhere."""
    if action == "refer_cac_mdt":
        return _cac_link(youth, screening) if youth.district.has_cac else _district_mdt(youth)
    if action in ("report_district_attorney", "report_law_enforcement"):
        return _report_link(youth, screening, action)
    if action == "consultation_meeting":
        return NextLink(
            action,
            "Set up the consultation meeting",
            _meeting(youth, "consultation"),
            "with a Program Administrator or APA and a supervisor (seed 002 §VII.B.3)",
        )
    if action == "community_referrals":
        return NextLink(
            action,
            "Refer to a community agency",
            _referral(youth, screening, "community_agency", "services"),
            "especially sexual assault support services (seed 002 Appendix A)",
        )
    return None


def _cac_link(youth: Youth, screening: Screening) -> NextLink:
    return NextLink(
        "refer_cac_mdt",
        f"Refer to {youth.district.cac_name} to convene the MDT",
        _referral(youth, screening, "cac", "convene_mdt"),
        "seed 002 §VII.B.1-2: share all assessed risk factors",
    )


def _district_mdt(youth: Youth) -> NextLink:
    return NextLink(
        "refer_cac_mdt",
        f"Form the MDT ({youth.district.name} has no CAC)",
        _meeting(youth, "mdt"),
        "with local law enforcement, the DA's office and a sexual assault advocate "
        "(seed 002 §VII.B.2)",
    )


def _report_link(youth: Youth, screening: Screening, action: str) -> NextLink:
    to = action.removeprefix("report_")
    label = "the District Attorney's office" if to == "district_attorney" else "law enforcement"
    return NextLink(
        action,
        f"Refer and report to {label}",
        _referral(youth, screening, to, "report"),
        "the referral is recorded as the report, with its reference",
    )


def forensic_interview_link(youth: Youth, screening: Screening) -> NextLink:
    """Return the link for a forensic-interview referral after a disclosure."""
    where = youth.district.cac_name if youth.district.has_cac else "the nearest CAC"
    return NextLink(
        "forensic_interview",
        f"Refer for a forensic interview at {where}",
        _referral(youth, screening, "cac", "forensic_interview"),
        "one trained interview instead of asking the youth again and again",
    )


def referral_initial(youth: Youth, params: Mapping[str, Any]) -> dict[str, Any]:
    """Return the referral form's starting values from the protocol link's query."""
    to = str(params.get("to", ""))
    purpose = str(params.get("purpose", ""))
    initial: dict[str, Any] = {
        "referred_to": to or None,
        "purpose": purpose,
        "made_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None),
        "basis": POLICY_BASIS,
    }
    if to == "cac" and youth.district.has_cac:
        initial["organization"] = youth.district.cac_name
    need = str(params.get("need", ""))
    if need.isdigit() and need_of(youth, int(need)) is not None:
        initial["need"] = int(need)
    number = str(params.get("screening", ""))
    screening = screening_of(youth, int(number)) if number.isdigit() else None
    if screening is not None:
        initial["information_shared"] = screening_summary(screening)
    return initial


def screening_summary(screening: Screening) -> str:
    """Return the screening's tier and every assessed risk factor, in words (seed 002 §VII.B.2)."""
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    factors = [
        instrument.label(key)
        for key, answer in screening.answers.items()
        if answer.get("value") == "yes"
    ]
    factors += [
        instrument.label(key)
        for key in screening.result.get("derived", [])
        if key not in screening.answers
    ]
    tier = instrument.tier(screening.final_tier).label
    lines = [f"Screening of {screening.as_of:%B %-d, %Y}: {tier}. Assessed risk factors:"]
    lines += [f"- {factor}" for factor in factors] or ["- none answered yes"]
    return "\n".join(lines)
