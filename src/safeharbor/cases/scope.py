"""Translate a youth's rows into the access rules' terms, and the ``view`` rule into a filter.

``visible_filter`` must say exactly what ``domain.access.decide(..., Action.VIEW)`` says; a
property-based test in tests/cases/test_scope.py holds the two together.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.cases.models import AccessGrant, CaseShare, PartnerSharingDefault, Youth
from safeharbor.domain.access import (
    Action,
    CaseScope,
    FieldGroup,
    Grant,
    GrantKind,
    Role,
    Share,
    decide,
)
from safeharbor.domain.errors import InputError
from safeharbor.domain.sharing import STARTING_DEFAULTS, PartnerKind


class NotAllowed(InputError):
    """The actor may not do this to this youth's record (views answer 404 to outsiders)."""


def case_scope(youth: Youth) -> CaseScope:
    """Return what the access rules need to know about ``youth``."""
    caseworker = youth.caseworker
    # Through the intake reports' relation to the youth: cases imports no app built on it.
    intake_workers = youth.intakes.values_list("taken_by_id", flat=True)
    return CaseScope(
        youth_id=youth.pk,
        district_id=youth.district_id,
        caseworker_id=youth.caseworker_id,
        unit_id=youth.unit_id or (caseworker.unit_id if caseworker else None),
        intake_worker_ids=frozenset(intake_workers),
        shares=_shares(youth),
        grants=_grants(youth),
    )


def _shares(youth: Youth) -> tuple[Share, ...]:
    return tuple(
        Share(
            partner_id=s.partner_id,
            fields=frozenset(FieldGroup(f) for f in s.fields),
            expires_at=s.expires_at,
            revoked=s.revoked_at is not None,
        )
        for s in CaseShare.objects.filter(youth=youth)
    )


def default_fields(kind: PartnerKind) -> frozenset[FieldGroup]:
    """Return what partners of ``kind`` see by default: the agency's setting, or the start."""
    return sharing_defaults()[kind]


def sharing_defaults() -> dict[PartnerKind, frozenset[FieldGroup]]:
    """Return what each kind of partner sees by default."""
    rows = {row.kind: row for row in PartnerSharingDefault.objects.all()}
    return {
        kind: frozenset(FieldGroup(f) for f in rows[kind].fields if f in set(FieldGroup))
        if kind in rows
        else STARTING_DEFAULTS[kind]
        for kind in PartnerKind
    }


def _grants(youth: Youth) -> tuple[Grant, ...]:
    return tuple(
        Grant(user_id=g.user_id, kind=GrantKind(g.kind), expires_at=g.expires_at)
        for g in AccessGrant.objects.filter(youth=youth)
    )


def _in_force(now: dt.datetime) -> Q:
    return Q(expires_at__isnull=True) | Q(expires_at__gt=now)


def visible_filter(actor: User, now: dt.datetime) -> Q:
    """Return a filter on Youth matching exactly the records ``actor`` may view at ``now``."""
    emergency = AccessGrant.objects.filter(
        _in_force(now), youth=OuterRef("pk"), user=actor, kind=GrantKind.EMERGENCY
    )
    opened = _role_filter(actor, now)
    return Q(Exists(emergency)) if opened is None else Q(Exists(emergency)) | opened


def _role_filter(actor: User, now: dt.datetime) -> Q | None:
    """Return the records the actor's role opens, or None when it opens none by itself."""
    role = Role(actor.role)
    if role is Role.CASEWORKER:
        return Q(caseworker=actor)
    if role is Role.SUPERVISOR and actor.district_id is not None:
        return Q(district_id=actor.district_id) & _supervised_units(actor)
    if role is Role.PROGRAM_ADMIN and actor.district_id is not None:
        return Q(district_id=actor.district_id)
    if role is Role.INTAKE_WORKER:
        # Through the intake reports' relation to the youth, as in ``case_scope``.
        return Q(Exists(Youth.objects.filter(pk=OuterRef("pk"), intakes__taken_by=actor)))
    if role is Role.MDT_PARTNER:
        shared = CaseShare.objects.filter(
            _in_force(now), youth=OuterRef("pk"), partner=actor, revoked_at__isnull=True
        )
        return Q(Exists(shared))
    return None


def _supervised_units(actor: User) -> Q:
    """The case's unit is the supervisor's (the youth's own, else its caseworker's), or the case
    waits for any unit: no unit and no caseworker (``domain.access._relation``)."""
    awaiting_any_unit = Q(unit__isnull=True, caseworker__isnull=True)
    if actor.unit_id is None:
        return awaiting_any_unit
    held_by_unit = Q(unit_id=actor.unit_id) | Q(
        unit__isnull=True, caseworker__unit_id=actor.unit_id
    )
    return awaiting_any_unit | held_by_unit


def require(actor: User, youth: Youth, action: Action = Action.EDIT) -> None:
    """Refuse with ``NotAllowed`` unless the access rule lets ``actor`` do ``action`` now.

    Every app's writes check through here, so a write is allowed exactly when the access table
    (domain/access.py) says so.
    """
    decision = decide(actor.to_actor(), case_scope(youth), action, timezone.now())
    if not decision.allowed:
        raise NotAllowed(decision.reason)
