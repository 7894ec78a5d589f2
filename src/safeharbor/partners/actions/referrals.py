"""Writes for referrals: keyword-only actor, atomic, audited; a referral is a clock event.

A referral to the CAC or a community agency satisfies its protocol clock directly. A referral to
law enforcement or the District Attorney is also the legally required report: it is recorded
through ``obligations.actions.record_legal_report`` in the same transaction (who, when, to whom,
how, the reference number: SPEC §8), and that report is the clock event.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import NotAllowed, case_scope, require
from safeharbor.domain.access import Action, Role, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.obligations.actions import record_clock_event, record_legal_report
from safeharbor.partners.models import (
    PURPOSE_CHOICES,
    REFERRAL_STATUS_CHOICES,
    REFERRED_TO_CHOICES,
    Need,
    Referral,
    ServiceAgency,
)

# The clock event a referral is (seed 002 §VII.B); a DA referral at intake is the intake's own.
REFERRAL_EVENTS: dict[str, EventType] = {
    "cac": EventType.CAC_REFERRAL_MADE,
    "community_agency": EventType.COMMUNITY_REFERRALS_MADE,
}
# Referrals that are also the legally required report about the youth (SPEC §5, §8).
REPORTING_KINDS = frozenset({"district_attorney", "law_enforcement"})
_KINDS = {choice for choice, _ in REFERRED_TO_CHOICES}
_STATUSES = {choice for choice, _ in REFERRAL_STATUS_CHOICES}
_PURPOSES = {choice for choice, _ in PURPOSE_CHOICES}


def record_referral(
    *,
    actor: User,
    youth: Youth,
    referred_to: str,
    organization: str,
    made_at: dt.datetime,
    information_shared: str,
    shared_with: str,
    basis: str,
    idempotency_key: str,
    contact: str = "",
    clock_event: bool = True,
    purpose: str = "",
    service_agency: ServiceAgency | None = None,
    need: Need | None = None,
    method: str = "",
    reference_number: str = "",
) -> tuple[Referral, bool]:
    """Record a referral; return it and whether it is new (the same key keeps one referral).

    A referral to a CAC or a community agency satisfies the matching protocol obligation; one to
    law enforcement or the DA records the legal report (``method``, ``reference_number``) that
    satisfies the report's. ``clock_event=False`` is for callers that record their own event (the
    intake's DA referral). Call inside the caller's transaction when the referral is part of a
    larger record.
    """
    _require_referral(actor, youth, referred_to)
    existing = Referral.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same(existing, actor, youth), False
    if service_agency is not None and not organization.strip():
        organization = service_agency.name
    _check(referred_to, organization, made_at, information_shared, shared_with, basis)
    _check_links(youth, referred_to, purpose, service_agency, need)
    if not idempotency_key or len(idempotency_key) > 64:
        raise InputError("the form is missing its key; reload the page", field="idempotency_key")
    now = timezone.now()
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                youth=youth,
                referred_to=referred_to,
                purpose=purpose,
                service_agency=service_agency,
                need=need,
                organization=organization.strip(),
                contact=contact.strip(),
                made_at=made_at,
                information_shared=information_shared.strip(),
                shared_with=shared_with.strip(),
                basis=basis.strip(),
                status="sent",
                status_changed_at=made_at,
                made_by=actor,
                recorded_at=now,
                idempotency_key=idempotency_key,
            )
            record_event(
                actor=actor,
                action="referral.recorded",
                target=referral,
                youth=youth,
                reason=referral.basis,
                detail={"referred_to": referred_to},
            )
            if clock_event and referred_to in REFERRAL_EVENTS:
                record_clock_event(
                    actor=actor,
                    youth=youth,
                    event_type=REFERRAL_EVENTS[referred_to],
                    at=made_at,
                    record=referral,
                )
            if clock_event and referred_to in REPORTING_KINDS:
                referral.legal_report, _ = record_legal_report(
                    actor=actor,
                    youth=youth,
                    recipient=referred_to,
                    about="sex_trafficking",
                    agency_name=referral.organization,
                    method=method,
                    reported_at=made_at,
                    idempotency_key=_report_key(idempotency_key),
                    reference_number=reference_number,
                    contact=referral.contact,
                    notes=f"Recorded with the referral: {referral.get_purpose_display() or '—'}",
                )
                referral.save(update_fields=["legal_report"])
            return referral, True
    except IntegrityError:
        raced = Referral.objects.filter(idempotency_key=idempotency_key).first()
        if raced is None:
            raise
        return _same(raced, actor, youth), False


def update_referral_status(
    *, actor: User, referral: Referral, status: str, outcome: str, seen_version: int
) -> Referral:
    """Record that a referral was accepted, declined or completed, with its outcome."""
    require(actor, referral.youth)
    if status not in _STATUSES:
        raise InputError(f"unknown referral status {status!r}", field="status")
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, version=seen_version).update(
            status=status,
            outcome=outcome.strip(),
            status_changed_at=timezone.now(),
            version=F("version") + 1,
        )
        if not updated:
            raise InputError(
                "someone else changed this referral after you opened it; reload to see the change"
            )
        referral.refresh_from_db()
        record_event(
            actor=actor,
            action="referral.status_changed",
            target=referral,
            youth=referral.youth,
            detail={"status": status},
        )
        return referral


def _require_referral(actor: User, youth: Youth, referred_to: str) -> None:
    """Those who change the record refer; an intake worker refers their report to the DA.

    SPEC §1: the intake worker records the 24-hour disposition, and referring the report to the
    District Attorney's office is one of the two dispositions (seed 002 §VII.A.1).
    """
    now = timezone.now()
    scope = case_scope(youth)
    if decide(actor.to_actor(), scope, Action.EDIT, now):
        return
    if (
        referred_to == "district_attorney"
        and actor.role == Role.INTAKE_WORKER
        and decide(actor.to_actor(), scope, Action.VIEW, now)
    ):
        return
    raise NotAllowed("only the assigned caseworker and their supervisor refer this youth")


def _same(referral: Referral, actor: User, youth: Youth) -> Referral:
    if referral.youth_id != youth.pk or referral.made_by_id != actor.pk:
        raise InputError("this form was already used for another referral; reload the page")
    return referral


def _report_key(idempotency_key: str) -> str:
    """Return the legal report's key: derived from the referral's, so a retry keeps one of each."""
    return "referral-" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]


def _check_links(
    youth: Youth,
    referred_to: str,
    purpose: str,
    service_agency: ServiceAgency | None,
    need: Need | None,
) -> None:
    if purpose and purpose not in _PURPOSES:
        raise InputError(f"unknown purpose {purpose!r}", field="purpose")
    if service_agency is not None:
        if referred_to != "community_agency":
            raise InputError(
                "the service directory is for referrals to community agencies",
                field="service_agency",
            )
        if not service_agency.active:
            raise InputError(
                f"{service_agency.name} is no longer in the service directory",
                field="service_agency",
            )
        if not service_agency.districts.filter(pk=youth.district_id).exists():
            raise InputError(
                f"{service_agency.name} does not serve {youth.district.name}",
                field="service_agency",
            )
    if need is not None and need.youth_id != youth.pk:
        raise InputError("that need belongs to another youth", field="need")


def _check(
    referred_to: str,
    organization: str,
    made_at: dt.datetime,
    information_shared: str,
    shared_with: str,
    basis: str,
) -> None:
    if referred_to not in _KINDS:
        raise InputError(f"unknown kind of referral {referred_to!r}", field="referred_to")
    if not organization.strip():
        raise InputError("name the organization the youth was referred to", field="organization")
    if made_at.utcoffset() is None:
        raise InputError("the referral time needs a time zone", field="made_at")
    if made_at > timezone.now() + dt.timedelta(minutes=5):
        raise InputError("the referral cannot have been made in the future", field="made_at")
    if not information_shared.strip():
        raise InputError("say what information was shared", field="information_shared")
    if not shared_with.strip():
        raise InputError("say with whom the information was shared", field="shared_with")
    if not basis.strip():
        raise InputError("say on what basis the information was shared", field="basis")
