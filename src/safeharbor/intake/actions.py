"""Writes for intake reports: the report starts the 24-hour disposition clock, the disposition
satisfies it (seed 002 §VII.A.1). Keyword-only actor, atomic, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.actions import create_youth
from safeharbor.cases.models import CUSTODY_CHOICES, Youth
from safeharbor.cases.scope import NotAllowed, case_scope
from safeharbor.domain.access import Action, Role, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.language import check_text
from safeharbor.intake.models import REPORTER_TYPE_CHOICES, IntakeReport
from safeharbor.obligations.actions import record_clock_event
from safeharbor.partners.actions import record_referral

_REPORTER_TYPES = {choice for choice, _ in REPORTER_TYPE_CHOICES}
_CUSTODY = {choice for choice, _ in CUSTODY_CHOICES}
_SKEW = dt.timedelta(minutes=5)  # a form filled on a clock a little ahead is not "the future"


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
) -> tuple[IntakeReport, bool]:
    """Record a report called in to intake, for a known youth or a new one; return it and
    whether it is new (the same ``idempotency_key`` keeps one report).

    ``new_youth`` holds ``district`` and the youth fields ``create_youth`` takes. A report that
    alleges HTCSEC starts the 24-hour disposition clock at ``received_at``.
    """
    if actor.role != Role.INTAKE_WORKER:
        raise NotAllowed("intake reports are recorded by intake workers")
    existing = IntakeReport.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same(existing, actor), False
    _check_report(received_at, reporter_type, narrative, idempotency_key)
    if (youth is None) == (new_youth is None):
        raise InputError(
            "choose the youth the report is about, or describe a new youth", field="youth"
        )
    if youth is not None and not decide(
        actor.to_actor(), case_scope(youth), Action.FIND, timezone.now()
    ):
        raise NotAllowed("that youth cannot be matched by this account")
    try:
        with transaction.atomic():
            subject = youth if youth is not None else _new_youth(actor, new_youth or {})
            report = IntakeReport.objects.create(
                youth=subject,
                youth_was_new=youth is None,
                received_at=received_at,
                reporter_type=reporter_type,
                narrative=narrative.strip(),
                alleges_htcsec=alleges_htcsec,
                taken_by=actor,
                recorded_at=timezone.now(),
                idempotency_key=idempotency_key,
            )
            record_event(
                actor=actor,
                action="intake.recorded",
                target=report,
                youth=subject,
                detail={
                    "alleges_htcsec": alleges_htcsec,
                    "new_youth": youth is None,
                    "harmful_terms_kept": len(check_text(report.narrative)),
                },
            )
            record_clock_event(
                actor=actor,
                youth=subject,
                event_type=EventType.INTAKE_RECEIVED,
                at=received_at,
                alleges_htcsec=alleges_htcsec,
                record=report,
            )
            return report, True
    except IntegrityError:
        raced = IntakeReport.objects.filter(idempotency_key=idempotency_key).first()
        if raced is None:
            raise
        return _same(raced, actor), False


def _new_youth(actor: User, fields: dict[str, Any]) -> Youth:
    district = fields.pop("district", None)
    if not isinstance(district, District):
        raise InputError("choose the district the youth lives in", field="district")
    for name, label in (("legal_first_name", "first name"), ("legal_last_name", "last name")):
        if not str(fields.get(name, "")).strip():
            raise InputError(f"enter the youth's {label}", field=name)
    if not isinstance(fields.get("date_of_birth"), dt.date):
        raise InputError("enter the youth's date of birth", field="date_of_birth")
    if fields["date_of_birth"] > timezone.localdate():
        raise InputError("the date of birth cannot be in the future", field="date_of_birth")
    if fields.get("custody_status") not in _CUSTODY:
        raise InputError("choose the youth's custody status", field="custody_status")
    return create_youth(actor=actor, district=district, **fields)


def _check_report(
    received_at: dt.datetime, reporter_type: str, narrative: str, idempotency_key: str
) -> None:
    if received_at.utcoffset() is None:
        raise InputError("the time the call was received needs a time zone", field="received_at")
    if received_at > timezone.now() + _SKEW:
        raise InputError("the call cannot have been received in the future", field="received_at")
    if reporter_type not in _REPORTER_TYPES:
        raise InputError(f"unknown reporter type {reporter_type!r}", field="reporter_type")
    if not narrative.strip():
        raise InputError("write down what the reporter said", field="narrative")
    if not idempotency_key or len(idempotency_key) > 64:
        raise InputError("the form is missing its key; reload the page", field="idempotency_key")


def _same(report: IntakeReport, actor: User) -> IntakeReport:
    if report.taken_by_id != actor.pk:
        raise InputError("this form was already used for another report; reload the page")
    return report


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
    if disposition not in ("screened_in", "referred_da"):
        raise InputError(
            "choose screened in or referred to the District Attorney", field="disposition"
        )
    if at.utcoffset() is None:
        raise InputError("the disposition time needs a time zone", field="at")
    if at < intake.received_at:
        raise InputError("the disposition cannot come before the call was received", field="at")
    if at > timezone.now() + _SKEW:
        raise InputError("the disposition cannot be in the future", field="at")
    with transaction.atomic():
        made = None
        if disposition == "referred_da":
            made, _ = record_referral(
                actor=actor,
                youth=intake.youth,
                referred_to="district_attorney",
                made_at=at,
                clock_event=False,  # the intake's own event, intake_referred_da, follows
                **(referral or {}),
            )
        updated = IntakeReport.objects.filter(
            pk=intake.pk, version=seen_version, disposition=""
        ).update(
            disposition=disposition,
            disposition_at=at,
            disposition_by=actor,
            disposition_note=note.strip(),
            da_referral=made,
            version=F("version") + 1,
        )
        if not updated:
            raise InputError(
                "someone else recorded this report's disposition after you opened it; "
                "reload to see it"
            )
        intake.refresh_from_db()
        record_event(
            actor=actor,
            action="intake.disposition_recorded",
            target=intake,
            youth=intake.youth,
            detail={"disposition": disposition},
        )
        if made is None:
            _event(actor, intake, EventType.INTAKE_SCREENED_IN, at, intake)
        else:
            _event(actor, intake, EventType.INTAKE_REFERRED_DA, at, made)
        return intake


def _event(
    actor: User, intake: IntakeReport, event_type: EventType, at: dt.datetime, record: Any
) -> None:
    record_clock_event(actor=actor, youth=intake.youth, event_type=event_type, at=at, record=record)


def _require_disposition(actor: User, intake: IntakeReport) -> None:
    """The intake worker who took the report, or the youth's caseworker or supervisor."""
    if actor.pk == intake.taken_by_id:
        return
    if decide(actor.to_actor(), case_scope(intake.youth), Action.EDIT, timezone.now()):
        return
    raise NotAllowed("only the intake worker who took the report or the youth's caseworker decide")
