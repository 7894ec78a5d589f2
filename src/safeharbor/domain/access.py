"""Who may do what with a youth's record: the one access decision every view and query follows.

Source: SPEC §1 (roles) and §8 (access follows the case; placement addresses hidden except from
the assigned worker, their supervisor and those granted access; MDT partners see only what was
shared with them, until the sharing ends; emergency access is time-limited).

``decide`` answers one question about one case. The apps' ``queries.py`` mirror the ``view``
rule as a database filter; a property-based test keeps the two in agreement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """Staff roles (SPEC §1)."""

    INTAKE_WORKER = "intake_worker"
    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    PROGRAM_ADMIN = "program_admin"
    MDT_PARTNER = "mdt_partner"
    ANALYST = "analyst"
    ADMINISTRATOR = "administrator"


class Action(StrEnum):
    """Things an actor may try to do with one youth's record."""

    FIND = "find"  # see that a youth exists: name, date of birth, district (intake matching)
    VIEW = "view"  # open the record (fields limited by ``visible_fields``)
    EDIT = "edit"  # change the record and add case content
    VIEW_ADDRESS = "view_address"  # see placement addresses
    VIEW_AUDIT = "view_audit"  # see who has seen the record
    ASSIGN = "assign"  # assign the youth to a caseworker (a PA also moves it to another unit)
    APPROVE = "approve"  # approve what needs a supervisor (tier lowered, not applicable)


class FieldGroup(StrEnum):
    """Parts of a record that can be shared or withheld separately."""

    IDENTITY = "identity"  # names, date of birth, gender identity, languages, photo
    DEMOGRAPHICS = "demographics"  # race/ethnicity, immigration status, custody status
    PLACEMENTS = "placements"  # placement history without addresses
    PLACEMENT_ADDRESS = "placement_address"
    SCREENINGS = "screenings"
    MISSING = "missing"  # missing episodes, reports, returns
    # Risk details of a missing episode: suicide risk, pregnancy, medication, the exploiter,
    # trafficking indicators and other risk notes. Law enforcement needs them while the youth is
    # missing; most partners never do (issue 15).
    MISSING_RISK = "missing_risk"
    OBLIGATIONS = "obligations"
    REFERRALS = "referrals"
    MEETINGS = "meetings"
    NEEDS = "needs"
    NOTES = "notes"  # case notes, documents, disclosure narratives


ALL_FIELDS = frozenset(FieldGroup)
# What a sharing grants when it names nothing else: the youth's identity and the meetings.
# What each kind of partner sees by default is ``domain.sharing``.
MINIMUM_PARTNER_FIELDS = frozenset({FieldGroup.IDENTITY, FieldGroup.MEETINGS})
FIND_FIELDS = frozenset({FieldGroup.IDENTITY})


@dataclass(frozen=True)
class Actor:
    """A signed-in staff member as the rules see them."""

    user_id: int
    role: Role
    district_id: int | None = None
    unit_id: int | None = None


@dataclass(frozen=True)
class Share:
    """A youth shared with an MDT partner: which field groups, until when."""

    partner_id: int
    fields: frozenset[FieldGroup] = MINIMUM_PARTNER_FIELDS
    expires_at: dt.datetime | None = None
    revoked: bool = False

    def active(self, now: dt.datetime) -> bool:
        """Return whether the sharing is in force at ``now``."""
        return not self.revoked and (self.expires_at is None or now < self.expires_at)


class GrantKind(StrEnum):
    """Extra access given to one person for one youth."""

    ADDRESS = "address"  # see placement addresses (SPEC §8 "those granted access")
    EMERGENCY = "emergency"  # read the whole record outside one's scope, for a stated reason


@dataclass(frozen=True)
class Grant:
    """Access granted to one user for one youth, possibly time-limited."""

    user_id: int
    kind: GrantKind
    expires_at: dt.datetime | None = None

    def active(self, now: dt.datetime) -> bool:
        """Return whether the grant is in force at ``now``."""
        return self.expires_at is None or now < self.expires_at


@dataclass(frozen=True)
class CaseScope:
    """What the rules need to know about one youth's case."""

    youth_id: int
    district_id: int
    caseworker_id: int | None = None
    unit_id: int | None = None  # the unit holding the case (else the assigned caseworker's)
    intake_worker_ids: frozenset[int] = frozenset()
    shares: tuple[Share, ...] = ()
    grants: tuple[Grant, ...] = ()


@dataclass(frozen=True)
class Decision:
    """The answer, with the reason it was given (shown in audit detail and denials)."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


@dataclass(frozen=True)
class _Relation:
    """How an actor stands to one case; derived once, used by every rule."""

    assigned: bool = False
    unit_supervisor: bool = False
    district_lead: bool = False
    intake_taker: bool = False
    share: Share | None = None
    emergency: bool = False
    address_grant: bool = False


def _relation(actor: Actor, case: CaseScope, now: dt.datetime) -> _Relation:
    in_district = actor.district_id is not None and actor.district_id == case.district_id
    role = actor.role
    # A case new at intake (no unit, no caseworker) waits for any supervisor of the district.
    awaiting_any_unit = case.caseworker_id is None and case.unit_id is None
    supervises = (
        role is Role.SUPERVISOR
        and in_district
        and ((case.unit_id is not None and case.unit_id == actor.unit_id) or awaiting_any_unit)
    )
    share = next((s for s in case.shares if s.partner_id == actor.user_id and s.active(now)), None)
    grants = [g for g in case.grants if g.user_id == actor.user_id and g.active(now)]
    return _Relation(
        assigned=role is Role.CASEWORKER and case.caseworker_id == actor.user_id,
        unit_supervisor=supervises,
        district_lead=role is Role.PROGRAM_ADMIN and in_district,
        intake_taker=role is Role.INTAKE_WORKER and actor.user_id in case.intake_worker_ids,
        share=share if role is Role.MDT_PARTNER else None,
        emergency=any(g.kind is GrantKind.EMERGENCY for g in grants),
        address_grant=any(g.kind is GrantKind.ADDRESS for g in grants),
    )


def _allow(reason: str) -> Decision:
    return Decision(True, reason)


def _deny(reason: str) -> Decision:
    return Decision(False, reason)


def decide(actor: Actor, case: CaseScope, action: Action, now: dt.datetime) -> Decision:
    """Decide whether ``actor`` may take ``action`` on ``case`` at ``now`` (SPEC §1, §8)."""
    rel = _relation(actor, case, now)
    rule = _RULES[action]
    return rule(actor, rel)


def _find(actor: Actor, rel: _Relation) -> Decision:
    if actor.role is Role.INTAKE_WORKER:
        return _allow("intake workers match reports to existing youth")
    return _view(actor, rel)


def _view(actor: Actor, rel: _Relation) -> Decision:
    if rel.assigned:
        return _allow("assigned caseworker")
    if rel.unit_supervisor:
        return _allow("supervisor of the case's unit")
    if rel.district_lead:
        return _allow("program administrator of the case's district")
    if rel.intake_taker:
        return _allow("took an intake report for this youth")
    if rel.share is not None:
        return _allow("shared with this MDT partner")
    if rel.emergency:
        return _allow("emergency access granted")
    return _deny(f"outside the {actor.role.value}'s scope")


def _edit(actor: Actor, rel: _Relation) -> Decision:
    if rel.assigned:
        return _allow("assigned caseworker")
    if rel.unit_supervisor:
        return _allow("supervisor of the case's unit")
    return _deny("only the assigned caseworker and their supervisor change the record")


def _view_address(actor: Actor, rel: _Relation) -> Decision:
    if rel.assigned:
        return _allow("assigned caseworker")
    if rel.unit_supervisor:
        return _allow("supervisor of the case's unit")
    if rel.address_grant:
        return _allow("granted access to placement addresses")
    if rel.share is not None and FieldGroup.PLACEMENT_ADDRESS in rel.share.fields:
        return _allow("the MDT sharing grants the placement address")
    return _deny("placement addresses are shown only to the assigned worker and supervisor")


def _view_audit(actor: Actor, rel: _Relation) -> Decision:
    if rel.unit_supervisor:
        return _allow("supervisor of the case's unit")
    if rel.district_lead:
        return _allow("program administrator of the case's district")
    return _deny("only supervisors and program administrators review who saw a record")


def _assign(actor: Actor, rel: _Relation) -> Decision:
    if rel.unit_supervisor:
        return _allow("supervisor of the case's unit")
    if rel.district_lead:
        return _allow("program administrator of the case's district")
    return _deny("only the unit's supervisor or the district's program administrator assigns")


def _supervise(actor: Actor, rel: _Relation) -> Decision:
    if rel.unit_supervisor:
        return _allow("supervisor of the case's unit")
    return _deny("needs the supervisor of the case's unit")


_RULES = {
    Action.FIND: _find,
    Action.VIEW: _view,
    Action.EDIT: _edit,
    Action.VIEW_ADDRESS: _view_address,
    Action.VIEW_AUDIT: _view_audit,
    Action.ASSIGN: _assign,
    Action.APPROVE: _supervise,
}


def visible_fields(actor: Actor, case: CaseScope, now: dt.datetime) -> frozenset[FieldGroup]:
    """Return the field groups of ``case`` that ``actor`` may see at ``now``."""
    rel = _relation(actor, case, now)
    if not _view(actor, rel):
        return FIND_FIELDS if _find(actor, rel) else frozenset()
    if rel.assigned or rel.unit_supervisor or rel.district_lead or rel.emergency:
        granted = set(ALL_FIELDS)
    elif rel.intake_taker:
        granted = {FieldGroup.IDENTITY, FieldGroup.DEMOGRAPHICS, FieldGroup.OBLIGATIONS}
    else:
        assert rel.share is not None
        granted = set(rel.share.fields) | {FieldGroup.IDENTITY}
    if not _view_address(actor, rel):
        granted.discard(FieldGroup.PLACEMENT_ADDRESS)
    return frozenset(granted)
