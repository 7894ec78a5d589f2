"""Screenings for tests that need one to exist (the URL walk)."""

from django.utils import timezone

from safeharbor.domain.screening import YES
from safeharbor.screenings.actions import override_tier, record_screening
from safeharbor.screenings.models import Screening, TierOverride


def screening_for(youth) -> Screening:
    """Return the youth's screening, recording a high-risk one by their caseworker if none."""
    existing = youth.screenings.first()
    if existing is not None:
        return existing
    return record_screening(
        actor=youth.caseworker,
        youth=youth,
        as_of=timezone.localdate(),
        answers={"hotels_for_sex": YES},
        occasion="caseworker_concern",
    )


def override_for(youth) -> TierOverride:
    """Return a pending lowering of the youth's screening, asked by their caseworker."""
    screening = screening_for(youth)
    existing = screening.overrides.first()
    if existing is not None:
        return existing
    return override_tier(
        actor=youth.caseworker, screening=screening, tier="at_risk", reason="Walk the URLs."
    )
