"""Log the efforts made to find a missing youth (what law enforcement and NCMEC ask about)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.domain.missing_episode import check_effort
from safeharbor.missing.actions._access import require_edit
from safeharbor.missing.models import LocateEffort, MissingEpisode
from safeharbor.writes import create_once

REUSED = "this form was already used for another episode; reload the page"
LOGGED = "missing.locate_effort_recorded"


def record_locate_effort(
    *,
    actor: User,
    episode: MissingEpisode,
    made_at: dt.datetime,
    made_by: str,
    effort: str,
    idempotency_key: str,
    result: str = "",
) -> tuple[LocateEffort, bool]:
    """Add one effort to find the youth to the episode's log; return it and whether it is new
    (the same ``idempotency_key``, a double click, returns the effort already logged)."""
    require_edit(actor, episode.youth)
    fields = check_effort(
        made_at, made_by, effort, result, episode=episode.times(), now=timezone.now()
    )
    with transaction.atomic():
        row, created = create_once(
            LocateEffort,
            key={"idempotency_key": idempotency_key},
            create=lambda: _new_effort(actor, episode, idempotency_key, fields),
            expect={"episode_id": episode.pk},
            reused=REUSED,
        )
        if created:
            record_event(actor=actor, action=LOGGED, target=row, youth=episode.youth)
        return row, created


def _new_effort(
    actor: User, episode: MissingEpisode, idempotency_key: str, fields: dict[str, Any]
) -> LocateEffort:
    return LocateEffort.objects.create(
        episode=episode,
        recorded_by=actor,
        recorded_at=timezone.now(),
        idempotency_key=idempotency_key,
        **fields,
    )
