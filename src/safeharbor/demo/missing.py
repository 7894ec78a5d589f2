"""Demo missing-from-care situations that hold whatever the random histories are: a high-risk
chronic runaway missing now, two youth gone from the same group home a day apart (the possible
recruitment flag for their supervisor), and a youth back since this morning awaiting the
debrief. Recorded through the actions by each youth's own caseworker, so the clocks, flags and
notifications happen as they would in the agency.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.cases.actions import add_placement
from safeharbor.cases.models import Youth
from safeharbor.demo.people import caseworker_of
from safeharbor.missing.actions import (
    record_debrief,
    record_locate_effort,
    record_missing,
    record_return,
)
from safeharbor.missing.models import MissingEpisode
from safeharbor.obligations.actions import record_legal_report

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
GROUP_HOME = (
    "Harborlight Group Home (synthetic)",
    "415 Juniper Lane\nMagnolia Springs (synthetic)",
)
DEBRIEF = {
    "primary_factors": "Missed a friend from the last placement and felt nobody at the home "
    "listened.",
    "experiences_while_absent": "Stayed on a friend's couch; ate at a drop-in centre. Said an "
    "older man offered rides and a phone.",
    "what_would_help": "A phone to call the friend; help with school.",
}


def add_demo_missing(youth: list[Youth], staff: dict[str, User], now: dt.datetime) -> None:
    """Add the chronic runaway, the same-placement pair and the fresh return."""
    unit = staff["caseworker"].unit_id
    quiet = [
        y
        for y in youth
        if y.caseworker is not None
        and y.caseworker.unit_id == unit
        and not y.missing_episodes.exists()
    ]
    mine = [y for y in quiet if y.caseworker == staff["caseworker"]]
    others = [y for y in quiet if y.caseworker != staff["caseworker"]]
    _chronic_runaway(mine[0], now)
    _same_group_home(mine[1], others[0], now)
    _fresh_return(mine[2], now)


def _key() -> str:
    return uuid.uuid4().hex


def _report(episode: MissingEpisode, recipient: str, at: dt.datetime, number: str) -> None:
    record_legal_report(
        actor=caseworker_of(episode.youth),
        youth=episode.youth,
        recipient=recipient,
        about="missing",
        missing_episode=episode,
        agency_name="Magnolia Springs Police Department (synthetic)"
        if recipient == "law_enforcement"
        else "National Center for Missing & Exploited Children (NCMEC)",
        officer="Officer Dana Quill" if recipient == "law_enforcement" else "",
        ncic_number=f"M{episode.pk:09d}" if recipient == "law_enforcement" else "",
        method="phone",
        reported_at=at,
        reference_number=number,
        idempotency_key=_key(),
    )


def _episode(youth: Youth, seen: dt.datetime, **details: object) -> MissingEpisode:
    placement = youth.placements.filter(end_date__isnull=True).first()
    return record_missing(
        actor=youth.caseworker,
        youth=youth,
        last_seen_at=seen,
        learned_at=seen + HOUR,
        placement=placement,
        idempotency_key=_key(),
        **details,
    )


def _past(youth: Youth, seen: dt.datetime, days: int, found: str) -> MissingEpisode:
    """A past episode, reported on time, returned and debriefed."""
    episode = _episode(youth, seen, last_seen_where="leaving the placement after dinner")
    _report(episode, "law_enforcement", seen + 2 * HOUR, f"26-{youth.pk:05d}")
    _report(episode, "ncmec", seen + 3 * HOUR, f"{7_000_000 + youth.pk}")
    returned = record_return(
        actor=youth.caseworker, episode=episode, returned_at=seen + days * DAY, found_where=found
    )
    record_debrief(
        actor=caseworker_of(youth),
        episode=returned,
        conducted_at=seen + days * DAY + 4 * HOUR,
        participation="took_part",
        answers=DEBRIEF,
    )
    return returned


# The chronic runaway's open episode: what the caseworker knows, for the police and NCMEC.
RUNAWAY = {
    "last_seen_where": "the bus stop outside school",
    "last_seen_with": "an older man in a grey pickup truck",
    "circumstances": "Left school at lunch and did not come back to the placement.",
    "risk_exploiter": "yes",
    "risk_exploiter_detail": "An older man the youth calls a boyfriend; about 25.",
    "risk_trafficking_indicators": "yes",
    "risk_trafficking_indicators_detail": "New phone and clothes nobody can explain.",
    "risk_medications": "no",
    "height_inches": 63,
    "weight_pounds": 112,
    "hair": "Dark brown, long, usually in a ponytail",
    "eyes": "brown",
    "marks": "Small crown tattoo on the left wrist",
    "clothing": "Black hoodie with a white logo, jeans, red sneakers",
    "photo_reference": "Case file photo taken last month",
}
LOCATE_EFFORTS = (  # hours ago, what was done, what it found
    (7, "Called the school counsellor", "Saw the youth leave at noon"),
    (5, "Checked the bus station and the mall with the placement staff", "Not there"),
)


def _chronic_runaway(youth: Youth, now: dt.datetime) -> None:
    """Three episodes in twelve months; the third is open, reported to the police only."""
    _past(youth, now - 200 * DAY, 2, "a friend's apartment")
    _past(youth, now - 70 * DAY, 1, "the bus station downtown")
    episode = _episode(youth, now - 10 * HOUR, **RUNAWAY)
    _report(episode, "law_enforcement", now - 6 * HOUR, f"26-{youth.pk:05d}9")
    caseworker = caseworker_of(youth)
    for hours, effort, result in LOCATE_EFFORTS:
        record_locate_effort(
            actor=caseworker,
            episode=episode,
            made_at=now - hours * HOUR,
            made_by=str(caseworker),
            effort=effort,
            result=result,
            idempotency_key=_key(),
        )


def _same_group_home(first: Youth, second: Youth, now: dt.datetime) -> None:
    """Both placed at one group home; one left, the other a day later and is still missing."""
    start = timezone.localdate(now) - dt.timedelta(days=45)
    for youth in (first, second):
        current = youth.placements.filter(end_date__isnull=True).first()
        begins = max(start, current.start_date) if current else start
        add_placement(
            actor=None,
            youth=youth,
            placement_type="group_home",
            start_date=begins,
            provider_name=GROUP_HOME[0],
            address=GROUP_HOME[1],
        )
    left = now - 6 * DAY
    _past(first, left, 2, "a motel on Route 9")
    episode = _episode(second, left + 26 * HOUR, last_seen_where="the group home's back door")
    _report(episode, "law_enforcement", left + 29 * HOUR, f"26-{second.pk:05d}")
    _report(episode, "ncmec", left + 30 * HOUR, f"{7_100_000 + second.pk}")


def _fresh_return(youth: Youth, now: dt.datetime) -> None:
    """Missing three days, reported on time, back since this morning: the debrief is due."""
    seen = now - 3 * DAY
    episode = _episode(youth, seen, last_seen_where="the placement's front porch")
    _report(episode, "law_enforcement", seen + 2 * HOUR, f"26-{youth.pk:05d}")
    _report(episode, "ncmec", seen + 3 * HOUR, f"{7_200_000 + youth.pk}")
    record_return(
        actor=youth.caseworker,
        episode=episode,
        returned_at=now - 5 * HOUR,
        found_where="a cousin's house across town",
        found_by="came back with the cousin",
    )
