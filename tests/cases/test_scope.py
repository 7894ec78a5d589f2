"""The database filter (cases.scope.visible_filter) and the access decision never disagree.

Hypothesis builds random little agencies (assignments, sharings that are live, expired or revoked,
emergency grants in force or lapsed, intake reports taken by intake workers or others) inside a
savepoint, then checks every actor against every youth: in the filtered queryset exactly when
``decide(..., Action.VIEW)`` allows it.
"""

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeharbor.accounts.models import User
from safeharbor.cases.models import AccessGrant, CaseShare, Youth
from safeharbor.cases.scope import case_scope, visible_filter
from safeharbor.domain.access import Action, GrantKind, Role, decide
from safeharbor.intake.models import IntakeReport
from tests import factories

HOURS = st.integers(min_value=-48, max_value=48)
share_st = st.tuples(
    st.integers(0, 20), st.none() | HOURS, st.booleans()
)  # partner, expiry, revoked
grant_st = st.tuples(st.integers(0, 20), st.none() | HOURS)  # user, expiry
youth_st = st.tuples(
    st.integers(0, 1),  # district
    st.none() | st.integers(0, 20),  # caseworker choice
    st.lists(share_st, max_size=2),
    st.lists(grant_st, max_size=2),
    st.lists(st.integers(0, 20), max_size=2),  # intake reports: who took them
    st.none() | st.integers(0, 2),  # the unit holding the case, when one was set
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(youth_specs=st.lists(youth_st, min_size=1, max_size=4))
def test_the_filter_and_the_decision_agree_for_every_actor_and_youth(agency, youth_specs):
    now = timezone.now()
    with transaction.atomic():
        staff = _staff(agency)
        districts = [agency.pine, agency.cedar]
        units = [agency.unit_a, agency.unit_b, agency.unit_c]
        for district_index, worker, shares, grants, intakes, unit in youth_specs:
            youth = _youth(districts[district_index], staff, worker, shares, grants, intakes, now)
            if unit is not None:  # a unit of any district: the rules must still agree
                Youth.objects.filter(pk=youth.pk).update(unit=units[unit])
        for actor in staff:
            visible = set(
                Youth.objects.filter(visible_filter(actor, now)).values_list("pk", flat=True)
            )
            for youth in Youth.objects.all():
                allowed = decide(actor.to_actor(), case_scope(youth), Action.VIEW, now).allowed
                assert (youth.pk in visible) is allowed, (actor.username, youth.pk)
        transaction.set_rollback(True)


def _staff(agency) -> list[User]:
    units = [agency.unit_a, agency.unit_b, agency.unit_c]
    people = [factories.staff(Role.CASEWORKER, unit=u) for u in units for _ in range(2)]
    people += [factories.staff(Role.SUPERVISOR, unit=u) for u in units]
    people += [factories.staff(Role.PROGRAM_ADMIN, district=d) for d in (agency.pine, agency.cedar)]
    people += [factories.staff(Role.MDT_PARTNER) for _ in range(3)]
    people += [factories.staff(r) for r in (Role.INTAKE_WORKER, Role.ANALYST, Role.ADMINISTRATOR)]
    people += [factories.staff(Role.INTAKE_WORKER)]
    return people


def _youth(district, staff, worker, shares, grants, intakes, now):
    caseworkers = [u for u in staff if u.role == Role.CASEWORKER and u.district_id == district.pk]
    caseworker = None if worker is None else caseworkers[worker % len(caseworkers)]
    youth = factories.youth(district, caseworker)
    supervisor = next(u for u in staff if u.role == Role.SUPERVISOR)
    for who, hours, revoked in shares:
        CaseShare.objects.create(
            youth=youth,
            partner=staff[who % len(staff)],
            fields=["identity"],
            basis="test",
            granted_by=supervisor,
            granted_at=now,
            expires_at=None if hours is None else now + dt.timedelta(hours=hours),
            revoked_at=now if revoked else None,
        )
    for who in intakes:  # any staff member may appear; only intake workers gain from it
        IntakeReport.objects.create(
            youth=youth,
            received_at=now,
            reporter_type="school",
            narrative="test",
            alleges_htcsec=False,
            taken_by=staff[who % len(staff)],
            recorded_at=now,
            idempotency_key=uuid.uuid4().hex,
        )
    for who, hours in grants:
        AccessGrant.objects.create(
            youth=youth,
            user=staff[who % len(staff)],
            kind=GrantKind.EMERGENCY,
            reason="test",
            granted_at=now,
            expires_at=None if hours is None else now + dt.timedelta(hours=hours),
        )
    return youth
