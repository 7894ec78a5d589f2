"""Build synthetic records for tests through the same actions the app uses."""

from __future__ import annotations

import datetime as dt
import itertools

from safeharbor.accounts.actions import create_district, create_staff, create_unit
from safeharbor.accounts.models import District, Unit, User
from safeharbor.cases.actions import add_placement, create_youth, record_removal
from safeharbor.cases.models import Youth
from safeharbor.domain.access import Role

PASSWORD = "correct-horse-battery-staple-42"
_numbers = itertools.count(1)


def district(name: str = "Pine County", code: str = "pine", cac_name: str = "") -> District:
    return create_district(actor=None, name=name, code=code, cac_name=cac_name)


def unit(district_: District, name: str = "Unit A") -> Unit:
    return create_unit(actor=None, district=district_, name=name)


def staff(role: Role, username: str | None = None, **kw) -> User:
    n = next(_numbers)
    defaults = {"first_name": "Test", "last_name": f"{role.value.title()} {n}"}
    if role is Role.MDT_PARTNER:
        defaults["partner_kind"] = "law_enforcement"
        defaults["organization"] = "Pine County Sheriff (synthetic)"
    defaults.update(kw)
    return create_staff(
        actor=None,
        username=username or f"{role.value}{n}",
        password=PASSWORD,
        role=role,
        **defaults,
    )


def youth(
    district_: District,
    caseworker: User | None = None,
    *,
    first: str = "Avery",
    last: str = "Sample",
    preferred: str = "",
    born: dt.date = dt.date(2010, 5, 17),
    address: str = "",
) -> Youth:
    record = create_youth(
        actor=None,
        district=district_,
        caseworker=caseworker,
        legal_first_name=first,
        legal_last_name=last,
        preferred_name=preferred,
        date_of_birth=born,
        custody_status="in_custody",
    )
    if address:
        record_removal(
            actor=None, youth=record, removal_date=dt.date(2026, 1, 5), reasons=["sex_trafficking"]
        )
        add_placement(
            actor=None,
            youth=record,
            placement_type="foster_home",
            start_date=dt.date(2026, 1, 5),
            provider_name="Synthetic Foster Family",
            address=address,
        )
    return record
