"""Screenings for tests that need one to exist (the URL walk)."""

import datetime as dt

from django.utils import timezone

from safeharbor.domain.screening import YES
from safeharbor.missing.actions import record_missing, record_return
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


def add_two_recent_episodes(caseworker, youth):
    """Record two returned missing episodes in the last six months: the youth screens high_risk."""
    now = timezone.now()
    for days_ago in (60, 20):
        seen = now - dt.timedelta(days=days_ago)
        episode = record_missing(
            actor=caseworker,
            youth=youth,
            last_seen_at=seen,
            learned_at=seen + dt.timedelta(hours=2),
        )
        record_return(actor=caseworker, episode=episode, returned_at=seen + dt.timedelta(days=2))
    return youth


def determination_for(youth):
    """Return the youth's victim-status determination, recording one by their caseworker."""
    from safeharbor.cases.actions import record_victim_status

    existing = youth.victim_determinations.first()
    if existing is not None:
        return existing
    return record_victim_status(
        actor=youth.caseworker,
        youth=youth,
        kind="sex",
        identified_on=timezone.localdate(),
        source="law_enforcement",
        timing="before_entry",
        idempotency_key=f"walk-determination-{youth.pk}",
    )
