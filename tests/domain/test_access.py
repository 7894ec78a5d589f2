"""The access decision, table-tested for every role of SPEC §1 (and the grants of §8)."""

import datetime as dt

import pytest

from safeharbor.domain.access import (
    Action,
    Actor,
    CaseScope,
    FieldGroup,
    Grant,
    GrantKind,
    Role,
    Share,
    decide,
    visible_fields,
)

NOW = dt.datetime(2026, 11, 22, 15, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=1)
EARLIER = NOW - dt.timedelta(seconds=1)

# District 1, unit 10; the case is assigned to caseworker 100 of unit 10.
CASE = CaseScope(
    youth_id=1,
    district_id=1,
    caseworker_id=100,
    unit_id=10,
    intake_worker_ids=frozenset({600}),
    shares=(Share(partner_id=500, expires_at=LATER),),
)

PERSONAS = {
    "caseworker": Actor(100, Role.CASEWORKER, 1, 10),
    "other_caseworker": Actor(101, Role.CASEWORKER, 1, 11),
    "supervisor": Actor(200, Role.SUPERVISOR, 1, 10),
    "other_supervisor": Actor(201, Role.SUPERVISOR, 1, 11),
    "program_admin": Actor(300, Role.PROGRAM_ADMIN, 1),
    "other_district_admin": Actor(301, Role.PROGRAM_ADMIN, 2),
    "mdt_partner": Actor(500, Role.MDT_PARTNER),
    "uninvited_partner": Actor(501, Role.MDT_PARTNER),
    "intake_worker": Actor(600, Role.INTAKE_WORKER),
    "other_intake_worker": Actor(601, Role.INTAKE_WORKER),
    "analyst": Actor(700, Role.ANALYST),
    "administrator": Actor(800, Role.ADMINISTRATOR),
}

A = Action
# persona -> the actions allowed on CASE; every other action must be refused.
ALLOWED = {
    "caseworker": {A.FIND, A.VIEW, A.EDIT, A.VIEW_ADDRESS},
    "other_caseworker": set(),
    "supervisor": {A.FIND, A.VIEW, A.EDIT, A.VIEW_ADDRESS, A.VIEW_AUDIT, A.ASSIGN, A.APPROVE},
    "other_supervisor": set(),
    "program_admin": {A.FIND, A.VIEW, A.VIEW_AUDIT, A.ASSIGN},
    "other_district_admin": set(),
    "mdt_partner": {A.FIND, A.VIEW},
    "uninvited_partner": set(),
    "intake_worker": {A.FIND, A.VIEW},
    "other_intake_worker": {A.FIND},
    "analyst": set(),
    "administrator": set(),
}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("action", list(Action))
def test_each_role_may_do_exactly_what_the_table_says(persona, action):
    decision = decide(PERSONAS[persona], CASE, action, NOW)
    assert decision.allowed is (action in ALLOWED[persona])
    assert decision.reason


def test_partner_sees_only_shared_fields_and_never_the_address_by_default():
    # A sharing that names nothing grants the least: the youth's identity and the meetings.
    fields = visible_fields(PERSONAS["mdt_partner"], CASE, NOW)
    assert fields == {FieldGroup.IDENTITY, FieldGroup.MEETINGS}
    assert FieldGroup.PLACEMENT_ADDRESS not in fields
    named = CaseScope(1, 1, 100, 10, shares=(Share(500, frozenset({FieldGroup.MISSING})),))
    assert visible_fields(PERSONAS["mdt_partner"], named, NOW) == {
        FieldGroup.IDENTITY,
        FieldGroup.MISSING,
    }


def test_partner_sees_the_address_only_when_the_sharing_grants_it():
    case = CaseScope(1, 1, 100, 10, shares=(Share(500, frozenset({FieldGroup.PLACEMENT_ADDRESS})),))
    assert decide(PERSONAS["mdt_partner"], case, A.VIEW_ADDRESS, NOW).allowed
    assert FieldGroup.PLACEMENT_ADDRESS in visible_fields(PERSONAS["mdt_partner"], case, NOW)


@pytest.mark.parametrize(
    "share",
    [Share(500, expires_at=NOW), Share(500, expires_at=EARLIER), Share(500, revoked=True)],
)
def test_expired_or_revoked_sharing_ends_partner_access(share):
    case = CaseScope(1, 1, 100, 10, shares=(share,))
    assert not decide(PERSONAS["mdt_partner"], case, A.VIEW, NOW).allowed
    assert visible_fields(PERSONAS["mdt_partner"], case, NOW) == frozenset()


def test_program_admin_sees_everything_but_the_address():
    fields = visible_fields(PERSONAS["program_admin"], CASE, NOW)
    assert FieldGroup.PLACEMENT_ADDRESS not in fields
    assert fields == frozenset(FieldGroup) - {FieldGroup.PLACEMENT_ADDRESS}


@pytest.mark.parametrize("persona", ["caseworker", "supervisor"])
def test_assigned_worker_and_supervisor_see_every_field(persona):
    assert visible_fields(PERSONAS[persona], CASE, NOW) == frozenset(FieldGroup)


def test_intake_worker_finds_any_youth_but_sees_only_identity():
    assert visible_fields(PERSONAS["other_intake_worker"], CASE, NOW) == {FieldGroup.IDENTITY}


@pytest.mark.parametrize("persona", ["analyst", "administrator", "other_caseworker"])
def test_outsiders_see_no_field_at_all(persona):
    assert visible_fields(PERSONAS[persona], CASE, NOW) == frozenset()


def test_supervisor_sees_unassigned_youth_of_their_district_to_assign_them():
    unassigned = CaseScope(youth_id=2, district_id=1)
    assert decide(PERSONAS["supervisor"], unassigned, A.ASSIGN, NOW).allowed
    assert decide(PERSONAS["other_supervisor"], unassigned, A.VIEW, NOW).allowed
    other_district = CaseScope(youth_id=3, district_id=2)
    assert not decide(PERSONAS["supervisor"], other_district, A.VIEW, NOW).allowed


def test_emergency_access_is_read_only_and_ends_when_it_expires():
    case = CaseScope(1, 1, 100, 10, grants=(Grant(101, GrantKind.EMERGENCY, expires_at=LATER),))
    outsider = PERSONAS["other_caseworker"]
    assert decide(outsider, case, A.VIEW, NOW).allowed
    assert not decide(outsider, case, A.EDIT, NOW).allowed
    assert not decide(outsider, case, A.VIEW_ADDRESS, NOW).allowed
    assert not decide(outsider, case, A.VIEW, LATER).allowed


def test_address_grant_reveals_addresses_without_other_rights():
    case = CaseScope(1, 1, 100, 10, grants=(Grant(300, GrantKind.ADDRESS),))
    admin = PERSONAS["program_admin"]
    assert decide(admin, case, A.VIEW_ADDRESS, NOW).allowed
    assert not decide(admin, case, A.EDIT, NOW).allowed
    assert FieldGroup.PLACEMENT_ADDRESS in visible_fields(admin, case, NOW)


def test_a_denial_says_why():
    decision = decide(PERSONAS["analyst"], CASE, A.VIEW, NOW)
    assert not decision
    assert decision.reason == "outside the analyst's scope"
