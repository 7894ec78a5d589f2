"""Personas (ARCHITECTURE §4): one synthetic agency, each role with a docstring of what it may see.

Pine County has a Child Advocacy Center; Cedar County has none. ``youth_record`` is assigned to
``caseworker`` (Pine, Unit A), lives at a protected address, and is shared with ``mdt_partner``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace

import hypothesis
import pytest
from django.utils import timezone

from safeharbor.cases.actions import share_youth
from safeharbor.domain.access import FieldGroup, Role
from tests import factories
from tests.mfa import SignedInClient

# No per-example time limit: speed is measured by `make bench`, never asserted in the suite, and a
# busy CI machine (tests run in parallel) made Hypothesis's default 200 ms deadline fail at random.
hypothesis.settings.register_profile("safeharbor", deadline=None)
hypothesis.settings.load_profile("safeharbor")

CANARY_ADDRESS = "4417 Canary Test Lane, Unit 9Q, Pine City"


@pytest.fixture(autouse=True)
def _own_checkpoint_directory(settings, tmp_path_factory):
    """Each test exports audit checkpoints to its own directory (created only when written):
    checkpoints of a test whose database was rolled back must not meet another test's trail."""
    settings.SAFEHARBOR_AUDIT_CHECKPOINT_DIR = tmp_path_factory.getbasetemp() / uuid.uuid4().hex


@pytest.fixture
def client():
    """A test client whose ``force_login(user)`` also verifies the second factor (tests/mfa.py)."""
    return SignedInClient()


@pytest.fixture
def agency(db):
    """Two districts (one with a CAC) and three units."""
    pine = factories.district("Pine County", "pine", cac_name="Pine Child Advocacy Center")
    cedar = factories.district("Cedar County", "cedar")
    return SimpleNamespace(
        pine=pine,
        cedar=cedar,
        unit_a=factories.unit(pine, "Unit A"),
        unit_b=factories.unit(pine, "Unit B"),
        unit_c=factories.unit(cedar, "Unit C"),
    )


@pytest.fixture
def caseworker(agency):
    """Assigned to youth_record; sees their own caseload, including addresses."""
    return factories.staff(
        Role.CASEWORKER, "caseworker", unit=agency.unit_a, email="cw@example.org"
    )


@pytest.fixture
def other_caseworker(agency):
    """Another unit of the same district: sees none of caseworker's youth."""
    return factories.staff(Role.CASEWORKER, "other_caseworker", unit=agency.unit_b)


@pytest.fixture
def supervisor(agency):
    """Leads Unit A: sees the unit's youth and the district's unassigned youth; approves."""
    return factories.staff(Role.SUPERVISOR, "supervisor", unit=agency.unit_a)


@pytest.fixture
def program_admin(agency):
    """Leads Pine County: sees every youth of the district, but not placement addresses."""
    return factories.staff(Role.PROGRAM_ADMIN, "program_admin", district=agency.pine)


@pytest.fixture
def intake_worker(agency):
    """Takes reports: finds youth by name, sees no case content."""
    return factories.staff(Role.INTAKE_WORKER, "intake_worker")


@pytest.fixture
def mdt_partner(agency):
    """Law enforcement invited to youth_record's MDT: shared fields only, never the address."""
    return factories.staff(Role.MDT_PARTNER, "mdt_partner")


@pytest.fixture
def uninvited_partner(agency):
    """A partner nobody shared anything with: sees nothing."""
    return factories.staff(Role.MDT_PARTNER, "uninvited_partner")


@pytest.fixture
def analyst(agency):
    """Federal reporting: aggregates only, no case content."""
    return factories.staff(Role.ANALYST, "analyst")


@pytest.fixture
def administrator(agency):
    """System configuration: no case content by default."""
    return factories.staff(Role.ADMINISTRATOR, "administrator")


# What the supervisor shares with mdt_partner (law enforcement): the default, and, approved,
# the screenings and the needs plan.
PARTNER_FIELDS = frozenset(
    {
        FieldGroup.IDENTITY,
        FieldGroup.SCREENINGS,
        FieldGroup.MISSING,
        FieldGroup.MISSING_RISK,
        FieldGroup.MEETINGS,
        FieldGroup.NEEDS,
    }
)


@pytest.fixture
def youth_record(agency, caseworker, supervisor, mdt_partner):
    """A youth in caseworker's caseload with a protected address, shared with mdt_partner."""
    record = factories.youth(
        agency.pine,
        caseworker,
        first="Jordan",
        last="Testperson",
        preferred="Jo",
        address=CANARY_ADDRESS,
    )
    share_youth(
        actor=supervisor,
        youth=record,
        partner=mdt_partner,
        fields=PARTNER_FIELDS,
        basis="MDT convened at the CAC",
        expires_at=timezone.now() + dt.timedelta(days=30),
        approval_reason="The CAC's MDT plans services with the detective present",
    )
    return record


PERSONA_NAMES = (
    "intake_worker",
    "caseworker",
    "other_caseworker",
    "supervisor",
    "program_admin",
    "mdt_partner",
    "uninvited_partner",
    "analyst",
    "administrator",
)


@pytest.fixture
def persona(request):
    """Return the persona fixture named by indirect parametrisation."""
    return request.getfixturevalue(request.param)


def pytest_collection_modifyitems(config, items):
    """Skip ``postgres_only`` tests on SQLite, saying why."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: real concurrent transactions and SELECT … FOR UPDATE SKIP "
        "LOCKED (SQLite runs one writer at a time); set DATABASE_URL to a PostgreSQL database"
    )
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
