"""Emergency access to a youth outside one's scope, and its review by someone else (SPEC §8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safeharbor.accounts.actions import confirm_fresh_second_factor
from safeharbor.accounts.models import User
from safeharbor.audit.actions import IN_THE_RECORD, record_event
from safeharbor.cases.models import AccessGrant, Youth
from safeharbor.cases.scope import NotAllowed, case_scope, require
from safeharbor.domain.access import Action, GrantKind, Role, decide
from safeharbor.domain.errors import InputError
from safeharbor.notifications.actions import notify

EMERGENCY_MINUTES = 60
EMERGENCY_ROLES = frozenset(
    {Role.INTAKE_WORKER, Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN}
)
MIN_REASON_LENGTH = 20


@dataclass(frozen=True)
class EmergencyAccess:
    """The outcome of an emergency request: the youth, and the grant (None if already in scope)."""

    youth: Youth
    grant: AccessGrant | None


def request_emergency_access(
    *, actor: User, record_number: str, reason: str, code: str
) -> EmergencyAccess:
    """Open one youth's record read-only for 60 minutes, outside one's scope (SPEC §8).

    Needs a stated reason and a fresh second-factor code; finds the youth only by the exact
    record number; tells the youth's unit supervisor at once; the grant waits for review by
    someone else. Placement addresses stay hidden (domain.access: emergency is view-only).
    A wrong code and a number that finds no youth are audited (in their own transactions, as
    the refusal that follows must not undo them).
    """
    number, reason = record_number.strip().upper(), reason.strip()
    _check_emergency_request(actor, number, reason)
    ok, problem = confirm_fresh_second_factor(actor=actor, code=code)
    if not ok:
        raise InputError(problem, field="code")
    youth = _youth_numbered(actor, number, reason)
    if decide(actor.to_actor(), case_scope(youth), Action.VIEW, timezone.now()).allowed:
        return EmergencyAccess(youth, None)
    return EmergencyAccess(youth, _grant_emergency(actor, youth, reason))


def _check_emergency_request(actor: User, number: str, reason: str) -> None:
    if Role(actor.role) not in EMERGENCY_ROLES:
        raise NotAllowed("emergency access is for agency staff who work with youth")
    if not number:
        raise InputError("enter the youth's record number exactly", field="record_number")
    if len(reason) < MIN_REASON_LENGTH:
        raise InputError(
            f"say why in at least {MIN_REASON_LENGTH} characters: your supervisor reviews it",
            field="reason",
        )


def _youth_numbered(actor: User, number: str, reason: str) -> Youth:
    """Return the youth with exactly this record number; audit and refuse a number that has none."""
    youth = Youth.objects.select_related("caseworker").filter(record_number=number).first()
    if youth is not None:
        return youth
    with transaction.atomic(durable=True):
        record_event(actor=actor, action="emergency.lookup", reason=reason, detail={"found": False})
    raise InputError(
        f"no youth record has the number {number}: check it with whoever gave it to you",
        field="record_number",
    )


def _grant_emergency(actor: User, youth: Youth, reason: str) -> AccessGrant:
    now = timezone.now()
    with transaction.atomic(durable=True):
        grant = AccessGrant.objects.create(
            youth=youth,
            user=actor,
            kind=GrantKind.EMERGENCY,
            reason=reason,
            granted_by=actor,
            granted_at=now,
            expires_at=now + dt.timedelta(minutes=EMERGENCY_MINUTES),
        )
        record_event(
            actor=actor,
            action="emergency.requested",
            target=grant,
            youth=youth,
            reason=IN_THE_RECORD,
        )
        _tell_reviewers(actor, grant, now)
        return grant


def _tell_reviewers(actor: User, grant: AccessGrant, now: dt.datetime) -> None:
    """Notify each reviewer of an emergency access at once (the youth's short name, a link)."""
    youth = grant.youth
    for reviewer in emergency_reviewers(youth, exclude=actor):
        notify(
            recipient=reviewer,
            dedupe_key=f"emergency:{grant.pk}:{reviewer.pk}",
            subject=f"Emergency access to {youth.short_name}'s record",
            body=(
                f"{actor} opened {youth.short_name}'s record with emergency access at "
                f"{timezone.localtime(now):%Y-%m-%d %H:%M} for {EMERGENCY_MINUTES} minutes. "
                "Review it: was it justified?"
            ),
            link=reverse("cases:emergency_reviews"),
            youth=youth,
        )


def emergency_reviewers(youth: Youth, *, exclude: User) -> list[User]:
    """Return who is told of, and reviews, emergency access: the unit's supervisors, else PAs."""
    staff = User.objects.filter(is_active=True, district_id=youth.district_id)
    staff = staff.exclude(pk=exclude.pk)
    if youth.caseworker is not None:
        supervisors = staff.filter(role=Role.SUPERVISOR, unit__members=youth.caseworker)
    else:
        supervisors = staff.filter(role=Role.SUPERVISOR)
    return list(supervisors) or list(staff.filter(role=Role.PROGRAM_ADMIN))


def review_emergency_access(
    *, actor: User, grant: AccessGrant, outcome: str, note: str
) -> AccessGrant:
    """Record a supervisor's or PA's review of someone else's emergency access."""
    _check_review(actor, grant, outcome, note)
    with transaction.atomic(durable=True):
        updated = AccessGrant.objects.filter(pk=grant.pk, reviewed_at__isnull=True).update(
            reviewed_by=actor, reviewed_at=timezone.now(), review_outcome=outcome, review_note=note
        )
        if not updated:
            raise InputError("this emergency access was already reviewed")
        grant.refresh_from_db()
        record_event(
            actor=actor,
            action="emergency.reviewed",
            target=grant,
            youth=grant.youth,
            reason=IN_THE_RECORD,
            detail={"outcome": outcome, "requester": grant.user_id},
        )
        return grant


def _check_review(actor: User, grant: AccessGrant, outcome: str, note: str) -> None:
    if grant.kind != GrantKind.EMERGENCY:
        raise InputError("only emergency access is reviewed here")
    if grant.user_id == actor.pk:
        raise InputError("someone other than the person who used emergency access reviews it")
    require(actor, grant.youth, Action.VIEW_AUDIT)
    if outcome not in {"appropriate", "concern"}:
        raise InputError("choose whether the access was appropriate", field="outcome")
    if outcome == "concern" and not note.strip():
        raise InputError("describe the concern", field="note")
