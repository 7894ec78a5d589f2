"""Writes for referrals: keyword-only actor, atomic, audited; a referral is a clock event.

A referral to the CAC or a community agency satisfies its protocol clock directly. A referral to
law enforcement or the District Attorney is also the legally required report: it is recorded
through ``obligations.actions.record_legal_report`` in the same transaction (who, when, to whom,
how, the reference number: SPEC §8), and that report is the clock event.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import IN_THE_RECORD, record_event
from safeharbor.cases.actions import refuse_placement_address
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import NotAllowed, case_scope, require
from safeharbor.domain.access import Action, Role, decide
from safeharbor.domain.clocks import EventType
from safeharbor.domain.errors import InputError
from safeharbor.domain.referrals import (
    REPORTING_KINDS,
    ListedAgency,
    ReferralDraft,
    check_listed_agency,
    check_referral,
)
from safeharbor.obligations.actions import record_clock_event, record_legal_report
from safeharbor.partners.models import REFERRAL_STATUS_CHOICES, Need, Referral, ServiceAgency
from safeharbor.writes import create_once, save_if_current

__all__ = ["REFERRAL_EVENTS", "REPORTING_KINDS", "record_referral", "update_referral_status"]

# The clock event a referral is (seed 002 §VII.B); a DA referral at intake is the intake's own.
REFERRAL_EVENTS: dict[str, EventType] = {
    "cac": EventType.CAC_REFERRAL_MADE,
    "community_agency": EventType.COMMUNITY_REFERRALS_MADE,
}
_STATUSES = {choice for choice, _ in REFERRAL_STATUS_CHOICES}
REUSED = "this form was already used for another referral; reload the page"


# Long only for its signature: the referral's fields by name, as the intake and the demo pass
# them. The body is the rule's steps: check, create once, audit, clock.
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
    intake's DA referral). Not durable: the intake's disposition calls it inside its own
    transaction.
    """
    _require_referral(actor, youth, referred_to)
    if service_agency is not None and not organization.strip():
        organization = service_agency.name
    draft = check_referral(
        ReferralDraft(
            referred_to=referred_to,
            organization=organization,
            made_at=made_at,
            information_shared=information_shared,
            shared_with=shared_with,
            basis=basis,
            contact=contact,
            purpose=purpose,
        ),
        now=timezone.now(),
    )
    _check_links(youth, referred_to, service_agency, need)
    refuse_placement_address(youth, {"information_shared": ("What was shared", information_shared)})
    with transaction.atomic():
        referral, created = create_once(
            Referral,
            key={"idempotency_key": idempotency_key},
            create=lambda: _create(actor, youth, draft, service_agency, need, idempotency_key),
            expect={"youth_id": youth.pk, "made_by_id": actor.pk},
            reused=REUSED,
        )
        if created:
            _audit_referral(actor, referral)
        if created and clock_event:
            _record_clock_event(actor, referral, method=method, reference_number=reference_number)
    return referral, created


def update_referral_status(
    *, actor: User, referral: Referral, status: str, outcome: str, seen_version: int
) -> Referral:
    """Record that a referral was accepted, declined or completed, with its outcome."""
    require(actor, referral.youth)
    if status not in _STATUSES:
        raise InputError(f"unknown referral status {status!r}", field="status")
    refuse_placement_address(referral.youth, {"outcome": ("The outcome", outcome)})
    with transaction.atomic(durable=True):
        save_if_current(
            referral,
            seen_version=seen_version,
            changes={
                "status": status,
                "outcome": outcome.strip(),
                "status_changed_at": timezone.now(),
            },
            stale="someone else changed this referral after you opened it",
        )
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


def _check_links(
    youth: Youth, referred_to: str, service_agency: ServiceAgency | None, need: Need | None
) -> None:
    """Refuse a directory agency that does not fit the referral, or another youth's need."""
    if service_agency is not None:
        listed = ListedAgency(
            name=service_agency.name,
            active=service_agency.active,
            serves_district=service_agency.districts.filter(pk=youth.district_id).exists(),
        )
        check_listed_agency(referred_to, listed, district=youth.district.name)
    if need is not None and need.youth_id != youth.pk:
        raise InputError("that need belongs to another youth", field="need")


def _create(
    actor: User,
    youth: Youth,
    draft: ReferralDraft,
    service_agency: ServiceAgency | None,
    need: Need | None,
    idempotency_key: str,
) -> Referral:
    return Referral.objects.create(
        youth=youth,
        referred_to=draft.referred_to,
        purpose=draft.purpose,
        service_agency=service_agency,
        need=need,
        organization=draft.organization,
        contact=draft.contact,
        made_at=draft.made_at,
        information_shared=draft.information_shared,
        shared_with=draft.shared_with,
        basis=draft.basis,
        status="sent",
        status_changed_at=draft.made_at,
        made_by=actor,
        recorded_at=timezone.now(),
        idempotency_key=idempotency_key,
    )


def _audit_referral(actor: User, referral: Referral) -> None:
    record_event(
        actor=actor,
        action="referral.recorded",
        target=referral,
        youth=referral.youth,
        reason=IN_THE_RECORD,
        detail={"referred_to": referral.referred_to},
    )


def _record_clock_event(
    actor: User, referral: Referral, *, method: str, reference_number: str
) -> None:
    """Satisfy the referral's protocol clock, or record the legal report that satisfies it."""
    if referral.referred_to in REFERRAL_EVENTS:
        record_clock_event(
            actor=actor,
            youth=referral.youth,
            event_type=REFERRAL_EVENTS[referral.referred_to],
            at=referral.made_at,
            record=referral,
        )
    if referral.referred_to in REPORTING_KINDS:
        referral.legal_report, _ = record_legal_report(
            actor=actor,
            youth=referral.youth,
            recipient=referral.referred_to,
            about="sex_trafficking",
            agency_name=referral.organization,
            method=method,
            reported_at=referral.made_at,
            idempotency_key=_report_key(referral.idempotency_key),
            reference_number=reference_number,
            contact=referral.contact,
            notes=f"Recorded with the referral: {referral.get_purpose_display() or '—'}",
        )
        referral.save(update_fields=["legal_report"])


def _report_key(idempotency_key: str) -> str:
    """Return the legal report's key: derived from the referral's, so a retry keeps one of each."""
    return "referral-" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
