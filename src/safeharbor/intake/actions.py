"""Writes for intake reports: the report starts the 24-hour disposition clock, the disposition
satisfies it (seed 002 §VII.A.1). Keyword-only actor, atomic, audited.

Neither action is durable: the demo agency records its intakes inside its own transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.actions import create_youth
from safeharbor.cases.models import CUSTODY_CHOICES, Youth
from safeharbor.cases.scope import NotAllowed, case_scope
from safeharbor.domain import intake as rules
from safeharbor.domain.access import Action, Role, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.language import check_text
from safeharbor.intake.models import REPORTER_TYPE_CHOICES, IntakeReport
from safeharbor.obligations.actions import record_clock_event
from safeharbor.partners.actions import record_referral
from safeharbor.partners.models import Referral
from safeharbor.writes import create_once, save_if_current

REPORTER_TYPES = frozenset(choice for choice, _ in REPORTER_TYPE_CHOICES)
CUSTODY_STATUSES = frozenset(choice for choice, _ in CUSTODY_CHOICES)
REUSED = "this form was already used for another report; reload the page"
STALE = "someone else recorded this report's disposition after you opened it"


def record_intake(
    *,
    actor: User,
    received_at: dt.datetime,
    reporter_type: str,
    narrative: str,
    alleges_htcsec: bool,
    idempotency_key: str,
    youth: Youth | None = None,
    new_youth: dict[str, Any] | None = None,
    allegation_kind: str = "",
    identifies_victim: bool = False,
) -> tuple[IntakeReport, bool]:
    """Record a report called in to intake, for a known youth or a new one; return it and
    whether it is new (the same ``idempotency_key`` keeps one report).

    ``new_youth`` holds ``district`` and the youth fields ``create_youth`` takes. A report that
    alleges HTCSEC starts the 24-hour disposition clock at ``received_at``; one that identifies
    the youth as a victim starts the 24-hour report to law enforcement there too (SPEC §5.1).
    """
    if actor.role != Role.INTAKE_WORKER:
        raise NotAllowed("intake reports are recorded by intake workers")
    call = {
        "received_at": received_at,
        "reporter_type": reporter_type,
        "narrative": narrative.strip(),
        "alleges_htcsec": alleges_htcsec,
        "allegation_kind": allegation_kind,
        "identifies_victim": identifies_victim,
    }
    with transaction.atomic():
        return create_once(
            IntakeReport,
            key={"idempotency_key": idempotency_key},
            expect={"taken_by_id": actor.pk},
            reused=REUSED,
            create=lambda: _new_intake(actor, call, youth, new_youth, idempotency_key),
        )


def _new_intake(
    actor: User,
    call: dict[str, Any],
    youth: Youth | None,
    new_youth: dict[str, Any] | None,
    idempotency_key: str,
) -> IntakeReport:
    """Check the call and the youth, write the report, audit it, start its clock."""
    check_call(
        received_at=call["received_at"],
        reporter_type=call["reporter_type"],
        narrative=call["narrative"],
    )
    rules.check_allegation(
        alleges_htcsec=call["alleges_htcsec"],
        allegation_kind=call["allegation_kind"],
        identifies_victim=call["identifies_victim"],
    )
    subject = _subject(actor, youth, new_youth)
    report = IntakeReport.objects.create(
        youth=subject,
        youth_was_new=youth is None,
        **call,
        taken_by=actor,
        recorded_at=timezone.now(),
        idempotency_key=idempotency_key,
    )
    _audit_and_clock(actor, report)
    return report


def _subject(actor: User, youth: Youth | None, new_youth: dict[str, Any] | None) -> Youth:
    """Return the youth the report is about: one the worker may find, or a new one."""
    if (youth is None) == (new_youth is None):
        raise InputError(
            "choose the youth the report is about, or describe a new youth", field="youth"
        )
    if youth is None:
        return _new_youth(actor, new_youth or {})
    if not decide(actor.to_actor(), case_scope(youth), Action.FIND, timezone.now()):
        raise NotAllowed("that youth cannot be matched by this account")
    return youth


def check_call(*, received_at: dt.datetime, reporter_type: str, narrative: str) -> None:
    """Refuse a call the intake rules refuse (``InputError`` names the field); writes nothing."""
    rules.check_call(
        received_at=received_at,
        reporter_type=reporter_type,
        narrative=narrative,
        reporter_types=REPORTER_TYPES,
        now=timezone.now(),
    )


def check_new_youth(fields: dict[str, Any]) -> None:
    """Refuse a new youth the record cannot do without (``InputError`` names the field).

    ``fields`` are ``district`` and what ``create_youth`` takes; writes nothing.
    """
    rules.check_new_youth(
        _new_youth_facts(fields), custody_statuses=CUSTODY_STATUSES, today=timezone.localdate()
    )


def _new_youth_facts(fields: dict[str, Any]) -> rules.NewYouth:
    born = fields.get("date_of_birth")
    return rules.NewYouth(
        has_district=isinstance(fields.get("district"), District),
        legal_first_name=str(fields.get("legal_first_name", "")),
        legal_last_name=str(fields.get("legal_last_name", "")),
        date_of_birth=born if isinstance(born, dt.date) else None,
        custody_status=str(fields.get("custody_status")),
    )


def _new_youth(actor: User, fields: dict[str, Any]) -> Youth:
    check_new_youth(fields)
    youth_fields = {name: value for name, value in fields.items() if name != "district"}
    return create_youth(actor=actor, district=fields["district"], **youth_fields)


def _audit_and_clock(actor: User, report: IntakeReport) -> None:
    """Audit a new report; one alleging HTCSEC starts the disposition clock at the call."""
    record_event(
        actor=actor,
        action="intake.recorded",
        target=report,
        youth=report.youth,
        detail={
            "alleges_htcsec": report.alleges_htcsec,
            "allegation_kind": report.allegation_kind,
            "identifies_victim": report.identifies_victim,
            "new_youth": report.youth_was_new,
            "harmful_terms_kept": len(check_text(report.narrative)),
        },
    )
    record_clock_event(
        actor=actor,
        youth=report.youth,
        event_type=EventType.INTAKE_RECEIVED,
        at=report.received_at,
        alleges_htcsec=report.alleges_htcsec,
        identified_victim=report.identifies_victim,
        record=report,
    )


def record_disposition(
    *,
    actor: User,
    intake: IntakeReport,
    disposition: str,
    at: dt.datetime,
    seen_version: int,
    note: str = "",
    referral: dict[str, Any] | None = None,
) -> IntakeReport:
    """Screen the report in, or refer it to the District Attorney's office (``referral`` holds
    organization, contact, information_shared, shared_with, basis, idempotency_key)."""
    _require_disposition(actor, intake)
    if intake.disposition:
        raise InputError(
            f"this report's disposition was already recorded: {intake.get_disposition_display()}"
        )
    rules.check_disposition(disposition, at=at, received_at=intake.received_at, now=timezone.now())
    with transaction.atomic():
        made = _refer_to_da(actor, intake, at, referral) if disposition == "referred_da" else None
        _write_disposition(intake, actor, disposition, at, note, made, seen_version)
        record_event(
            actor=actor,
            action="intake.disposition_recorded",
            target=intake,
            youth=intake.youth,
            detail={"disposition": disposition},
        )
        _disposition_event(actor, intake, at, made)
        return intake


def _write_disposition(
    intake: IntakeReport,
    actor: User,
    disposition: str,
    at: dt.datetime,
    note: str,
    referral: Referral | None,
    seen_version: int,
) -> None:
    """Write the disposition over the version seen, if no one has recorded one since."""
    save_if_current(
        intake,
        seen_version=seen_version,
        where={"disposition": ""},
        changes={
            "disposition": disposition,
            "disposition_at": at,
            "disposition_by": actor,
            "disposition_note": note.strip(),
            "da_referral": referral,
        },
        stale=STALE,
    )


def _refer_to_da(
    actor: User, intake: IntakeReport, at: dt.datetime, referral: dict[str, Any] | None
) -> Referral:
    """Record the referral to the District Attorney's office that is the disposition."""
    made, _ = record_referral(
        actor=actor,
        youth=intake.youth,
        referred_to="district_attorney",
        made_at=at,
        clock_event=False,  # the intake's own event, intake_referred_da, follows
        **(referral or {}),
    )
    return made


def _disposition_event(
    actor: User, intake: IntakeReport, at: dt.datetime, referral: Referral | None
) -> None:
    """Record the clock event: screened in, or referred to the DA (the referral is the record)."""
    event = EventType.INTAKE_SCREENED_IN if referral is None else EventType.INTAKE_REFERRED_DA
    record = intake if referral is None else referral
    record_clock_event(actor=actor, youth=intake.youth, event_type=event, at=at, record=record)


def _require_disposition(actor: User, intake: IntakeReport) -> None:
    """The intake worker who took the report, or the youth's caseworker or supervisor."""
    if actor.pk == intake.taken_by_id:
        return
    if decide(actor.to_actor(), case_scope(intake.youth), Action.EDIT, timezone.now()):
        return
    raise NotAllowed("only the intake worker who took the report or the youth's caseworker decide")
