"""Victim status from a screening (``record_victim_status``, SPEC §4.3, §7), and from elsewhere.

A confirmed screening proposes a determination (``screenings.queries.proposed_victim_status``);
the caseworker confirms it in one step from the result page, which satisfies the protocol's
``record_victim_status``. Each new or corrected determination is linked to the reports to law
enforcement about it that are already recorded (``obligations.actions.link_reports_to``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from safeharbor.accounts.models import User
from safeharbor.cases import actions as case_actions
from safeharbor.cases.models import VictimDetermination, Youth
from safeharbor.domain.errors import InputError
from safeharbor.obligations.actions import link_reports_to
from safeharbor.screenings.models import Screening
from safeharbor.writes import save_if_current

STALE = "someone else recorded the victim status from this screening after you opened it"


def confirm_victim_status(
    *,
    actor: User,
    screening: Screening,
    kind: str,
    identified_on: dt.date,
    timing: str,
    idempotency_key: str,
    seen_version: int,
    source_detail: str = "",
) -> VictimDetermination:
    """Confirm the victim status a confirmed screening proposes, and link it to the screening."""
    if screening.final_tier != "confirmed":
        raise InputError("only a confirmed screening proposes a victim status")
    with transaction.atomic(durable=True):  # only the screening's result page calls it
        determination = case_actions.record_victim_status(
            actor=actor,
            youth=screening.youth,
            kind=kind,
            identified_on=identified_on,
            source="confirmed_screening",
            source_detail=source_detail or f"Screening of {screening.as_of:%B %-d, %Y}",
            timing=timing,
            idempotency_key=idempotency_key,
        )
        if screening.victim_determination_id != determination.pk:
            _link_screening(screening, determination, seen_version)
        link_reports_to(determination)
        return determination


def _link_screening(
    screening: Screening, determination: VictimDetermination, seen_version: int
) -> None:
    """Name the determination on the screening, once: a second confirmation is refused."""
    save_if_current(
        screening,
        seen_version=seen_version,
        where={"victim_determination__isnull": True},
        changes={"victim_determination": determination},
        stale=STALE,
    )


def record_other_victim_status(
    *, actor: User, youth: Youth, idempotency_key: str, **values: Any
) -> VictimDetermination:
    """Record a determination from law enforcement, a disclosure or another agency."""
    if values.get("source") == "confirmed_screening":
        raise InputError("confirm a screening's victim status from its result page", field="source")
    with transaction.atomic(durable=True):  # only the victim-status page calls it
        determination = case_actions.record_victim_status(
            actor=actor, youth=youth, idempotency_key=idempotency_key, **values
        )
        link_reports_to(determination)
        return determination


def correct_victim_status(
    *,
    actor: User,
    determination: VictimDetermination,
    seen_version: int,
    reason: str,
    **changes: Any,
) -> VictimDetermination:
    """Correct a determination by amendment, then link any report its new day now covers."""
    with transaction.atomic(durable=True):  # only the amendment page calls it
        case_actions.amend_victim_status(
            actor=actor,
            determination=determination,
            seen_version=seen_version,
            reason=reason,
            **changes,
        )
        link_reports_to(determination)
        return determination
