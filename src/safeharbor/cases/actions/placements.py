"""Writes of placements: a new one ends the current one; ending one."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Placement, Youth
from safeharbor.cases.scope import require
from safeharbor.domain.access import Action
from safeharbor.domain.errors import InputError


def add_placement(
    *,
    actor: User | None,
    youth: Youth,
    placement_type: str,
    start_date: dt.date,
    provider_name: str = "",
    address: str = "",
) -> Placement:
    """Start a new placement; the current one, if any, ends the day the new one starts."""
    if actor is not None:
        require(actor, youth, Action.EDIT)
    with transaction.atomic():
        _end_current_placement(youth, start_date)
        placement = Placement.objects.create(
            youth=youth,
            placement_type=placement_type,
            start_date=start_date,
            provider_name=provider_name,
            address=address,
            created_at=timezone.now(),
            created_by=actor,
        )
        record_event(actor=actor, action="placement.added", target=placement, youth=youth)
        return placement


def _end_current_placement(youth: Youth, start_date: dt.date) -> None:
    """End the youth's current placement the day the next one starts (refused if it is earlier)."""
    current = youth.placements.filter(end_date__isnull=True).first()
    if current is None:
        return
    if start_date < current.start_date:
        raise InputError(
            f"the new placement starts before the current one ({current.start_date})",
            field="start_date",
        )
    current.end_date = start_date
    current.end_reason = current.end_reason or "moved to a new placement"
    current.version += 1
    current.save(update_fields=["end_date", "end_reason", "version"])


def end_placement(
    *, actor: User | None, placement: Placement, end_date: dt.date, reason: str
) -> Placement:
    """End the current placement on ``end_date`` for ``reason``."""
    if actor is not None:
        require(actor, placement.youth, Action.EDIT)
    if placement.end_date is not None:
        raise InputError("this placement has already ended")
    if end_date < placement.start_date:
        raise InputError("a placement cannot end before it starts", field="end_date")
    with transaction.atomic():
        placement.end_date = end_date
        placement.end_reason = reason
        placement.version += 1
        placement.save(update_fields=["end_date", "end_reason", "version"])
        record_event(actor=actor, action="placement.ended", target=placement, youth=placement.youth)
        return placement
