"""Writes for youth records: keyword-only actor, atomic, audited, refusing stale edits.

Each reads as the steps of its rule: check, write, audit, notify. ``durable=True`` marks the
actions only views call (a caller's transaction around them would be a mistake); the others also
run inside intake's, partners' and the demo's transactions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from safeharbor.accounts.actions import confirm_fresh_second_factor
from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import AccessGrant, CaseShare, Placement, Youth
from safeharbor.cases.scope import NotAllowed, case_scope, require
from safeharbor.domain.access import Action, FieldGroup, GrantKind, Role, decide
from safeharbor.domain.errors import InputError
from safeharbor.notifications.actions import notify
from safeharbor.writes import StaleEdit as StaleEdit  # re-exported: callers catch it from here
from safeharbor.writes import save_if_current


def _next_record_number(district: District) -> str:
    count = Youth.objects.filter(district=district).count() + 1
    while True:
        number = f"{district.code.upper()}-{count:05d}"
        if not Youth.objects.filter(record_number=number).exists():
            return number
        count += 1


YOUTH_FIELDS = (
    "preferred_name",
    "legal_first_name",
    "legal_middle_name",
    "legal_last_name",
    "date_of_birth",
    "gender_identity",
    "pronouns",
    "race",
    "hispanic_latino",
    "primary_language",
    "other_languages",
    "immigration_status",
    "custody_status",
    "photo_reference",
)


def _check_youth_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(YOUTH_FIELDS)
    if unknown:
        raise InputError(f"unknown youth field(s): {', '.join(sorted(unknown))}")


def _check_caseworker(caseworker: User, district_id: int) -> None:
    """Refuse anyone but a caseworker of the youth's district as the youth's caseworker."""
    if caseworker.role != Role.CASEWORKER or caseworker.district_id != district_id:
        raise InputError("choose a caseworker of the youth's district", field="caseworker")


def create_youth(
    *,
    actor: User | None,
    district: District,
    caseworker: User | None = None,
    record_number: str = "",
    **fields: Any,
) -> Youth:
    """Create a youth's record, optionally assigned to a caseworker of the same district."""
    _check_youth_fields(fields)
    if caseworker is not None and (
        caseworker.role != Role.CASEWORKER or caseworker.district_id != district.pk
    ):
        raise InputError("assign the youth to a caseworker of the youth's district")
    now = timezone.now()
    with transaction.atomic():
        youth = Youth.objects.create(
            district=district,
            caseworker=caseworker,
            record_number=record_number or _next_record_number(district),
            created_at=now,
            updated_at=now,
            **fields,
        )
        record_event(actor=actor, action="youth.created", target=youth, youth=youth)
        return youth


def update_youth(*, actor: User, youth: Youth, seen_version: int, **changes: Any) -> Youth:
    """Change a youth's identity fields if nobody saved since ``seen_version`` (else StaleEdit)."""
    _check_youth_fields(changes)
    require(actor, youth, Action.EDIT)
    with transaction.atomic(durable=True):
        changed = {k: v for k, v in changes.items() if getattr(youth, k) != v}
        save_if_current(
            youth,
            seen_version=seen_version,
            changes={**changed, "updated_at": timezone.now()},
            stale=f"{youth.short_name}'s record was changed by someone else after you opened it",
        )
        record_event(
            actor=actor,
            action="youth.updated",
            target=youth,
            youth=youth,
            detail={"fields": sorted(changed)},
        )
        return youth


def assign_youth(*, actor: User, youth: Youth, caseworker: User) -> Youth:
    """Assign a youth to a caseworker of the youth's district (a supervisor's decision)."""
    require(actor, youth, Action.ASSIGN)
    _check_caseworker(caseworker, youth.district_id)
    with transaction.atomic(durable=True):
        previous = youth.caseworker_id
        Youth.objects.filter(pk=youth.pk).update(
            caseworker=caseworker, updated_at=timezone.now(), version=F("version") + 1
        )
        youth.refresh_from_db()
        record_event(
            actor=actor,
            action="youth.assigned",
            target=youth,
            youth=youth,
            detail={"from": previous, "to": caseworker.pk},
        )
        return youth


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


def share_youth(
    *,
    actor: User,
    youth: Youth,
    partner: User,
    fields: frozenset[FieldGroup],
    basis: str,
    expires_at: dt.datetime | None,
) -> CaseShare:
    """Share a youth's record with an MDT partner: the named field groups, on a stated basis."""
    _check_share(actor, youth, partner, fields, basis)
    with transaction.atomic():
        share = CaseShare.objects.create(
            youth=youth,
            partner=partner,
            fields=sorted(fields),
            basis=basis,
            granted_by=actor,
            granted_at=timezone.now(),
            expires_at=expires_at,
        )
        until = expires_at.isoformat() if expires_at else None
        detail = {"partner": partner.pk, "fields": sorted(fields), "expires_at": until}
        record_event(
            actor=actor,
            action="share.granted",
            target=share,
            youth=youth,
            reason=basis,
            detail=detail,
        )
        return share


def _check_share(
    actor: User, youth: Youth, partner: User, fields: frozenset[FieldGroup], basis: str
) -> None:
    """Refuse a sharing the rules do not allow.

    The placement address is shared only on the unit supervisor's decision (SPEC §8).
    """
    require(actor, youth, Action.EDIT)
    if partner.role != Role.MDT_PARTNER:
        raise InputError("records are shared only with MDT partner accounts", field="partner")
    if not basis.strip():
        raise InputError("say why the partner needs this information", field="basis")
    if FieldGroup.PLACEMENT_ADDRESS in fields and not decide(
        actor.to_actor(), case_scope(youth), Action.APPROVE, timezone.now()
    ):
        raise NotAllowed(
            "only the unit supervisor may share the placement address with a partner",
            field="fields",
        )


def revoke_share(*, actor: User, share: CaseShare, reason: str) -> CaseShare:
    """End a sharing now: the partner's next request finds nothing (SPEC §8)."""
    require(actor, share.youth, Action.EDIT)
    if not reason.strip():
        raise InputError("say why the sharing ends", field="reason")
    with transaction.atomic():
        updated = CaseShare.objects.filter(pk=share.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor
        )
        share.refresh_from_db()
        if updated:
            record_event(
                actor=actor,
                action="share.revoked",
                target=share,
                youth=share.youth,
                reason=reason.strip(),
                detail={"partner": share.partner_id},
            )
        return share


def grant_address_access(*, actor: User, youth: Youth, user: User, reason: str) -> AccessGrant:
    """Let one more person see this youth's placement addresses (a supervisor's decision)."""
    require(actor, youth, Action.APPROVE)
    if not reason.strip():
        raise InputError("say why this person needs the address", field="reason")
    with transaction.atomic():
        grant = AccessGrant.objects.create(
            youth=youth,
            user=user,
            kind=GrantKind.ADDRESS,
            reason=reason,
            granted_by=actor,
            granted_at=timezone.now(),
        )
        record_event(actor=actor, action="grant.created", target=grant, youth=youth, reason=reason)
        return grant


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
            actor=actor, action="emergency.requested", target=grant, youth=youth, reason=reason
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
            reason=note,
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
