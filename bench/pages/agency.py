"""The synthetic agency's shape and staff, at any size (runs inside the loader, with Django).

Shares, per 100,000 youth: 4 districts of 25,000; about 25 youth per caseworker (4% of youth
await assignment), so ~3,840 caseworkers in units of 8, one supervisor per unit; a program
administrator and an assistant per district; an intake worker per 2,000 youth; four MDT
partners per district with a few youth shared each; two analysts and an administrator.
Written through the models with ``bulk_create``, so every row is what the app would store.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from safeharbor.accounts.models import District, Unit, User

YOUTH_PER_DISTRICT = 25_000
YOUTH_PER_CASEWORKER = 25
UNASSIGNED = 0.04
CASEWORKERS_PER_UNIT = 8
YOUTH_PER_INTAKE_WORKER = 2_000
PARTNER_KINDS = ("law_enforcement", "law_enforcement", "district_attorney", "cac")
DISTRICT_NAMES = ("Magnolia", "Riverbend", "Cedar Hollow", "Pine Ridge", "Willow Bay", "Ashford")


@dataclass
class DistrictStaff:
    """One district and the people who work in it."""

    district: District
    youth: int
    caseworkers: list[User] = field(default_factory=list)
    supervisors: list[User] = field(default_factory=list)
    supervisor_of_unit: dict[int, User] = field(default_factory=dict)
    program_admins: list[User] = field(default_factory=list)
    partners: list[User] = field(default_factory=list)

    def supervisor_for(self, caseworker: User | None) -> User:
        """Return the caseworker's supervisor; for unassigned youth, the district's first."""
        if caseworker is None or caseworker.unit_id is None:
            return self.supervisors[0]
        return self.supervisor_of_unit[caseworker.unit_id]


@dataclass
class Agency:
    """The districts and the agency-wide staff."""

    districts: list[DistrictStaff]
    intake_workers: list[User]


def district_count(youth: int) -> int:
    """Return how many districts an agency of ``youth`` has: tens of thousands of youth each."""
    return max(1, round(youth / YOUTH_PER_DISTRICT))


def youth_in_district(youth: int, districts: int, index: int) -> int:
    """Return how many of the youth (dealt round-robin) belong to district ``index``."""
    return youth // districts + (1 if index < youth % districts else 0)


def caseworkers_for(youth: int) -> int:
    """Return how many caseworkers a district of ``youth`` has (about 25 each, 4% unassigned)."""
    return max(1, math.ceil(youth * (1 - UNASSIGNED) / YOUTH_PER_CASEWORKER))


def build(youth: int, rng: random.Random) -> Agency:
    """Create the districts, units and staff of an agency of ``youth``."""
    from django.contrib.auth.hashers import make_password

    password = make_password(_password())  # one hash for every account: hashing is slow on purpose
    count = district_count(youth)
    districts = [
        _district(index, youth_in_district(youth, count, index), rng, password)
        for index in range(count)
    ]
    intake = _staff(
        [
            _user(f"intake{n:03d}", "intake_worker", rng, password, title="Intake worker")
            for n in range(max(2, youth // YOUTH_PER_INTAKE_WORKER))
        ]
    )
    _staff([_user(f"analyst{n}", "analyst", rng, password) for n in range(2)])
    _staff([_user("admin", "administrator", rng, password)])
    return Agency(districts, intake)


def _password() -> str:
    from bench.pages.common import PASSWORD

    return PASSWORD


def _district(index: int, youth: int, rng: random.Random, password: str) -> DistrictStaff:
    from safeharbor.accounts.models import District, Unit

    name = DISTRICT_NAMES[index % len(DISTRICT_NAMES)] + (f" {index}" if index >= 6 else "")
    cac = f"{name} Child Advocacy Center" if index % 2 == 0 else ""
    district = District.objects.create(
        name=f"{name} District", code=f"d{index}", has_cac=bool(cac), cac_name=cac
    )
    caseworkers = caseworkers_for(youth)
    units = Unit.objects.bulk_create(
        Unit(district=district, name=f"Unit {n + 1}")
        for n in range(math.ceil(caseworkers / CASEWORKERS_PER_UNIT))
    )
    staff = DistrictStaff(district, youth)
    _unit_staff(staff, units, caseworkers, rng, password)
    staff.program_admins = _staff(
        [
            _user(
                f"pa{index}{kind}", "program_admin", rng, password, district=district, title=title
            )
            for kind, title in (("", "Program Administrator"), ("a", "Assistant PA"))
        ]
    )
    staff.partners = _staff(
        [
            _user(f"partner{index}_{n}", "mdt_partner", rng, password, partner_kind=kind)
            for n, kind in enumerate(PARTNER_KINDS)
        ]
    )
    return staff


def _unit_staff(
    staff: DistrictStaff, units: list[Unit], caseworkers: int, rng: random.Random, password: str
) -> None:
    code = staff.district.code
    staff.supervisors = _staff(
        [
            _user(f"sup{code}_{n:03d}", "supervisor", rng, password, unit=unit)
            for n, unit in enumerate(units)
        ]
    )
    staff.supervisor_of_unit = {s.unit_id: s for s in staff.supervisors}  # type: ignore[misc]
    staff.caseworkers = _staff(
        [
            _user(f"cw{code}_{n:04d}", "caseworker", rng, password, unit=units[n % len(units)])
            for n in range(caseworkers)
        ]
    )


def _user(username: str, role: str, rng: random.Random, password: str, **place: Any) -> User:
    from safeharbor.accounts.models import User
    from safeharbor.demo import names

    unit = place.get("unit")
    district = unit.district if unit is not None else place.get("district")
    kind = place.get("partner_kind", "")
    return User(
        username=username,
        password=password,
        role=role,
        first_name=rng.choice(names.FIRST_NAMES),
        last_name=rng.choice(names.SURNAMES),
        email=f"{username}@bench.safeharbor.invalid",
        unit=unit,
        district=district,
        title=place.get("title", ""),
        partner_kind=kind,
        organization="County Sheriff's Office (synthetic)" if kind else "",
    )


def _staff(users: list[User]) -> list[User]:
    from safeharbor.accounts.models import User

    return User.objects.bulk_create(users)
