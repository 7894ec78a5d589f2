"""Build missing episodes for tests through the real actions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safeharbor.missing.actions import record_missing
from safeharbor.missing.models import MissingEpisode
from tests.obligations.builders import key


def episode_for(youth, *, hours_ago: float = 3, learned_after: float = 1, **details):
    """Return the youth's open episode, recording one by their caseworker if there is none."""
    existing = youth.missing_episodes.filter(returned_at__isnull=True).first()
    if existing is not None:
        return existing
    seen = timezone.now() - dt.timedelta(hours=hours_ago)
    details.setdefault("last_seen_where", "the bus stop on Elm Street")
    return record_missing(
        actor=youth.caseworker,
        youth=youth,
        last_seen_at=seen,
        learned_at=seen + dt.timedelta(hours=learned_after),
        placement=youth.placements.filter(end_date__isnull=True).first(),
        idempotency_key=key(),
        **details,
    )


def local_input(moment: dt.datetime) -> str:
    """Return a time as the agency-zone ``datetime-local`` text a form posts."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def any_episode(youth) -> MissingEpisode:
    """Return the youth's latest episode, recording an open one if there is none."""
    return youth.missing_episodes.first() or episode_for(youth)


def report_for(youth):
    """Return a law-enforcement report of the youth's episode, recording one if there is none."""
    from safeharbor.obligations.actions import record_legal_report
    from safeharbor.obligations.models import LegalReport

    episode = any_episode(youth)
    existing = LegalReport.objects.filter(missing_episode=episode).first()
    if existing is not None:
        return existing
    report, _ = record_legal_report(
        actor=youth.caseworker,
        youth=youth,
        recipient="law_enforcement",
        about="missing",
        missing_episode=episode,
        agency_name="Pine City Police Department",
        method="phone",
        reported_at=timezone.now() - dt.timedelta(minutes=30),
        reference_number="PCPD-26-0415",
        idempotency_key=key(),
    )
    return report


def flag_for(youth):
    """Return a chronic-runaway flag on the youth's latest episode (as the pattern check writes)."""
    from safeharbor.missing.models import PatternFlag

    existing = PatternFlag.objects.filter(youth=youth).first()
    if existing is not None:
        return existing
    episode = any_episode(youth)
    return PatternFlag.objects.create(
        kind="chronic_runaway",
        youth=youth,
        episode=episode,
        trigger=episode,
        reason="3 missing episodes reported in 12 months",
        source="seed 004",
        raised_at=timezone.now(),
    )
