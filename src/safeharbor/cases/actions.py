"""Writes for youth records: keyword-only actor, atomic, audited, refusing stale edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import AccessGrant, CaseShare, Placement, Youth
from safeharbor.cases.scope import case_scope
from safeharbor.domain.access import Action, FieldGroup, GrantKind, Role, decide
from safeharbor.domain.errors import InputError


class StaleEdit(InputError):
    """Someone else saved the record after this user opened it."""


class NotAllowed(InputError):
    """The actor may not make this change (shown as 'not found' to outsiders by the views)."""


def _require(actor: User, youth: Youth, action: Action) -> None:
    decision = decide(actor.to_actor(), case_scope(youth), action, timezone.now())
    if not decision.allowed:
        raise NotAllowed(decision.reason)


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


def create_youth(
    *,
    actor: User | None,
    district: District,
    caseworker: User | None = None,
    record_number: str = "",
    **fields: Any,
) -> Youth:
    """Create a youth's record, optionally assigned to a caseworker of the same district."""
    unknown = set(fields) - set(YOUTH_FIELDS)
    if unknown:
        raise InputError(f"unknown youth field(s): {', '.join(sorted(unknown))}")
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
    """Change a youth's identity fields if nobody saved since ``seen_version``."""
    unknown = set(changes) - set(YOUTH_FIELDS)
    if unknown:
        raise InputError(f"unknown youth field(s): {', '.join(sorted(unknown))}")
    _require(actor, youth, Action.EDIT)
    with transaction.atomic():
        changed = {k: v for k, v in changes.items() if getattr(youth, k) != v}
        updated = Youth.objects.filter(pk=youth.pk, version=seen_version).update(
            **changed, updated_at=timezone.now(), version=F("version") + 1
        )
        if not updated:
            current = Youth.objects.get(pk=youth.pk)
            raise StaleEdit(
                f"{current.short_name}'s record was changed by someone else at "
                f"{timezone.localtime(current.updated_at):%Y-%m-%d %H:%M} after you opened it; "
                "reload to see the change, then make yours again"
            )
        record_event(
            actor=actor,
            action="youth.updated",
            target=youth,
            youth=youth,
            detail={"fields": sorted(changed)},
        )
        youth.refresh_from_db()
        return youth


def assign_youth(*, actor: User, youth: Youth, caseworker: User) -> Youth:
    """Assign a youth to a caseworker of the youth's district (a supervisor's decision)."""
    _require(actor, youth, Action.ASSIGN)
    if caseworker.role != Role.CASEWORKER or caseworker.district_id != youth.district_id:
        raise InputError("choose a caseworker of the youth's district", field="caseworker")
    with transaction.atomic():
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
        _require(actor, youth, Action.EDIT)
    with transaction.atomic():
        current = youth.placements.filter(end_date__isnull=True).first()
        if current is not None:
            if start_date < current.start_date:
                raise InputError(
                    f"the new placement starts before the current one ({current.start_date})",
                    field="start_date",
                )
            current.end_date = start_date
            current.end_reason = current.end_reason or "moved to a new placement"
            current.version += 1
            current.save(update_fields=["end_date", "end_reason", "version"])
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


def end_placement(
    *, actor: User | None, placement: Placement, end_date: dt.date, reason: str
) -> Placement:
    """End the current placement on ``end_date`` for ``reason``."""
    if actor is not None:
        _require(actor, placement.youth, Action.EDIT)
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
    _require(actor, youth, Action.EDIT)
    if partner.role != Role.MDT_PARTNER:
        raise InputError("records are shared only with MDT partner accounts", field="partner")
    if not basis.strip():
        raise InputError("say why the partner needs this information", field="basis")
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
        record_event(
            actor=actor,
            action="share.granted",
            target=share,
            youth=youth,
            reason=basis,
            detail={"partner": partner.pk, "fields": sorted(fields)},
        )
        return share


def grant_address_access(*, actor: User, youth: Youth, user: User, reason: str) -> AccessGrant:
    """Let one more person see this youth's placement addresses (a supervisor's decision)."""
    _require(actor, youth, Action.APPROVE)
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
