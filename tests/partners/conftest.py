"""Cedar County has no CAC: its caseworker and supervisor form the MDT with required invitees."""

from types import SimpleNamespace

import pytest

from safeharbor.domain.access import Role
from tests import factories


@pytest.fixture
def cedar(agency):
    """A Cedar County youth with its unit's staff and one partner of each required kind."""
    caseworker = factories.staff(
        Role.CASEWORKER, "cedar_caseworker", unit=agency.unit_c, email="cedar.cw@example.org"
    )
    supervisor = factories.staff(
        Role.SUPERVISOR, "cedar_supervisor", unit=agency.unit_c, email="cedar.sup@example.org"
    )
    apa = factories.staff(
        Role.PROGRAM_ADMIN, "cedar_apa", district=agency.cedar, email="cedar.apa@example.org"
    )

    def partner(username, kind, organization):
        return factories.staff(
            Role.MDT_PARTNER,
            username,
            partner_kind=kind,
            organization=organization,
            email=f"{username}@example.org",
            district=agency.cedar,
        )

    return SimpleNamespace(
        youth=factories.youth(agency.cedar, caseworker, first="Riley", last="Cedarfield"),
        caseworker=caseworker,
        supervisor=supervisor,
        apa=apa,
        police=partner("cedar_police", "law_enforcement", "Cedar Police (synthetic)"),
        da=partner("cedar_da", "district_attorney", "Cedar County DA (synthetic)"),
        advocate=partner("cedar_advocate", "sexual_assault_advocate", "Cedar SAS (synthetic)"),
    )
