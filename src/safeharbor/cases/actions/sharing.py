"""Writes that let others see a youth's record: sharing with a partner, extra access."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import IN_THE_RECORD, record_event
from safeharbor.cases.models import AccessGrant, CaseShare, PartnerSharingDefault, Youth
from safeharbor.cases.scope import NotAllowed, case_scope, default_fields, require
from safeharbor.domain.access import Action, FieldGroup, GrantKind, Role, decide
from safeharbor.domain.errors import InputError
from safeharbor.domain.sharing import (
    PartnerKind,
    check_approval,
    check_defaults,
    needing_approval,
    partner_kind,
)
from safeharbor.notifications.actions import withdraw_youth
from safeharbor.writes import save_if_current


def share_youth(
    *,
    actor: User,
    youth: Youth,
    partner: User,
    fields: frozenset[FieldGroup],
    basis: str,
    expires_at: dt.datetime | None,
    approval_reason: str = "",
) -> CaseShare:
    """Share a youth's record with an MDT partner: the named field groups, on a stated basis.

    Groups beyond what the partner's kind sees by default, notes and the placement address need
    the unit supervisor, who gives ``approval_reason`` (``domain.sharing``).
    """
    beyond = _check_share(actor, youth, partner, fields, basis, approval_reason)
    with transaction.atomic():
        share = CaseShare.objects.create(
            youth=youth,
            partner=partner,
            fields=sorted(fields),
            basis=basis,
            granted_by=actor,
            granted_at=timezone.now(),
            expires_at=expires_at,
            approved_fields=sorted(beyond),
            approved_by=actor if beyond else None,
            approval_reason=approval_reason.strip() if beyond else "",
        )
        detail = {
            "partner": partner.pk,
            "fields": sorted(fields),
            "approved": sorted(beyond),
            "expires_at": expires_at.isoformat() if expires_at else None,
        }
        record_event(
            actor=actor,
            action="share.granted",
            target=share,
            youth=youth,
            reason=IN_THE_RECORD,
            detail=detail,
        )
        return share


def _check_share(
    actor: User,
    youth: Youth,
    partner: User,
    fields: frozenset[FieldGroup],
    basis: str,
    approval_reason: str,
) -> frozenset[FieldGroup]:
    """Refuse a sharing the rules do not allow; return the groups the approval covers.

    The placement address is shared only on the unit supervisor's decision (SPEC §8); so is
    anything beyond the partner kind's default, and notes and narratives (issue 15).
    """
    require(actor, youth, Action.EDIT)
    if partner.role != Role.MDT_PARTNER:
        raise InputError("records are shared only with MDT partner accounts", field="partner")
    if not basis.strip():
        raise InputError("say why the partner needs this information", field="basis")
    approver = decide(actor.to_actor(), case_scope(youth), Action.APPROVE, timezone.now()).allowed
    if FieldGroup.PLACEMENT_ADDRESS in fields and not approver:
        raise NotAllowed(
            "only the unit supervisor may share the placement address with a partner",
            field="fields",
        )
    kind = partner_kind(partner.partner_kind)
    beyond = needing_approval(fields, default_fields(kind))
    try:
        check_approval(beyond, kind=kind, approver=approver, reason=approval_reason)
    except InputError as refused:
        raise (refused if approver else NotAllowed(refused.message, field=refused.field)) from None
    return beyond


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
            _unname_youth(share)
        return share


def widen_share(
    *, actor: User, share: CaseShare, added: frozenset[FieldGroup], approval_reason: str
) -> CaseShare:
    """Let a partner see more of the youth: the unit supervisor's approval, with a reason."""
    require(actor, share.youth, Action.APPROVE)
    if share.revoked_at is not None:
        raise InputError("this sharing has ended; share again from a meeting", field="fields")
    fields = frozenset(FieldGroup(f) for f in share.fields) | added
    beyond = _check_share(actor, share.youth, share.partner, fields, share.basis, approval_reason)
    with transaction.atomic():
        # Only a sharing still in force: one ended meanwhile stays ended.
        updated = CaseShare.objects.filter(pk=share.pk, revoked_at__isnull=True).update(
            fields=sorted(fields),
            approved_fields=sorted(beyond),
            approved_by=actor if beyond else None,
            approval_reason=approval_reason.strip() if beyond else "",
        )
        if not updated:
            raise InputError("this sharing has ended; share again from a meeting", field="fields")
        share.refresh_from_db()
        record_event(
            actor=actor,
            action="share.widened",
            target=share,
            youth=share.youth,
            reason=IN_THE_RECORD,
            detail={"partner": share.partner_id, "added": sorted(added), "fields": share.fields},
        )
        return share


def partner_still_sees(partner: User, youth: Youth) -> bool:
    """Return whether any sharing of ``youth`` with ``partner`` is still in force."""
    return decide(partner.to_actor(), case_scope(youth), Action.VIEW, timezone.now()).allowed


def _unname_youth(share: CaseShare) -> None:
    """Ending the last sharing ends what it showed: the partner's notifications go neutral."""
    if not partner_still_sees(share.partner, share.youth):
        withdraw_youth(recipient=share.partner, youth_id=share.youth_id, at=timezone.now())


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
        record_event(
            actor=actor, action="grant.created", target=grant, youth=youth, reason=IN_THE_RECORD
        )
        return grant


def set_sharing_default(
    *, actor: User, kind: str, fields: list[str], seen_version: int = 0
) -> PartnerSharingDefault:
    """Set what one kind of partner sees by default (an administrator's decision; audited)."""
    if actor.role != Role.ADMINISTRATOR:
        raise NotAllowed("only an administrator sets what each kind of partner sees by default")
    if kind not in set(PartnerKind):
        raise InputError(f"unknown kind of partner {kind!r}", field="kind")
    chosen = sorted(check_defaults(fields))
    with transaction.atomic():
        row = PartnerSharingDefault.objects.filter(kind=kind).first()
        changes = {"fields": chosen, "updated_at": timezone.now(), "updated_by": actor}
        if row is None:
            row = PartnerSharingDefault.objects.create(kind=kind, **changes)
        else:
            save_if_current(
                row,
                seen_version=seen_version,
                changes=changes,
                stale="someone changed this kind's defaults after you opened the page",
            )
        detail = {"kind": kind, "fields": chosen}
        record_event(actor=actor, action="sharing.defaults_set", target=row, detail=detail)
        return row
