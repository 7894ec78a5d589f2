"""Writes that let others see a youth's record: sharing with a partner, extra access."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import AccessGrant, CaseShare, Youth
from safeharbor.cases.scope import NotAllowed, case_scope, require
from safeharbor.domain.access import Action, FieldGroup, GrantKind, Role, decide
from safeharbor.domain.errors import InputError


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
