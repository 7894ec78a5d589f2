"""Build the demo agency: two districts, three units, every role, 150 youth with histories.

Deterministic: the same seed gives the same people and histories, placed relative to the day
the demo is loaded so that "missing now" and "last month" stay true.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.actions import create_district, create_staff, create_unit
from safeharbor.accounts.models import District, Unit, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.actions import (
    add_placement,
    create_youth,
    end_placement,
    record_removal,
    share_youth,
)
from safeharbor.cases.models import Placement, Youth
from safeharbor.demo import names
from safeharbor.demo.casework import add_demo_casework
from safeharbor.demo.missing import add_demo_missing
from safeharbor.demo.obligations import add_demo_obligations
from safeharbor.demo.partners import load_partner_demo
from safeharbor.demo.records import add_demo_records
from safeharbor.demo.screenings import screen_demo_youth
from safeharbor.demo.second_factor import enrol_demo_devices
from safeharbor.domain.access import Role
from safeharbor.domain.dates import add_months
from safeharbor.domain.sharing import STARTING_DEFAULTS, PartnerKind
from safeharbor.missing.actions import record_missing, record_return

# ``enrol_demo_devices`` is used from here by ``manage.py safeharbor demo`` on a loaded demo.
__all__ = ["DEMO_PASSWORD", "DemoLogin", "demo_logins", "enrol_demo_devices", "is_loaded", "load"]

SEED = 20160407  # the policy's effective date
YOUTH_COUNT = 150
DEMO_PASSWORD = "safeharbor-demo-password"  # noqa: S105 - printed for the synthetic demo only


@dataclass(frozen=True)
class DemoLogin:
    """A demo account as README and the loader print it."""

    username: str
    role: Role
    who: str


@dataclass(frozen=True)
class _StaffSpec:
    username: str
    role: Role
    first: str
    last: str
    unit: str = ""
    district: str = ""
    title: str = ""
    organization: str = ""
    partner_kind: str = ""


# Units are "<district code>/<unit name>".
STAFF = (
    _StaffSpec("intake", Role.INTAKE_WORKER, "Imani", "Northwind", title="Intake worker"),
    _StaffSpec("intake2", Role.INTAKE_WORKER, "Oakley", "Fernwood", title="Intake worker"),
    _StaffSpec("caseworker", Role.CASEWORKER, "Casey", "Brightwater", unit="magnolia/Unit 1"),
    _StaffSpec("caseworker2", Role.CASEWORKER, "Dana", "Millbrook", unit="magnolia/Unit 1"),
    _StaffSpec("caseworker3", Role.CASEWORKER, "Emery", "Stonebridge", unit="magnolia/Unit 2"),
    _StaffSpec("caseworker4", Role.CASEWORKER, "Finley", "Goldcrest", unit="magnolia/Unit 2"),
    _StaffSpec("caseworker5", Role.CASEWORKER, "Hayden", "Larkspur", unit="riverbend/Unit 1"),
    _StaffSpec("caseworker6", Role.CASEWORKER, "Kendall", "Redfern", unit="riverbend/Unit 1"),
    _StaffSpec("supervisor", Role.SUPERVISOR, "Morgan", "Hawthorne", unit="magnolia/Unit 1"),
    _StaffSpec("supervisor2", Role.SUPERVISOR, "Parker", "Linden", unit="magnolia/Unit 2"),
    _StaffSpec("supervisor3", Role.SUPERVISOR, "Quinn", "Valewood", unit="riverbend/Unit 1"),
    _StaffSpec(
        "pa",
        Role.PROGRAM_ADMIN,
        "Reese",
        "Ashgrove",
        district="magnolia",
        title="Program Administrator",
    ),
    _StaffSpec(
        "apa",
        Role.PROGRAM_ADMIN,
        "Sage",
        "Whitford",
        district="riverbend",
        title="Assistant Program Administrator",
    ),
    _StaffSpec(
        "partner",
        Role.MDT_PARTNER,
        "Taylor",
        "Kestrel",
        title="Detective",
        organization="Magnolia Springs Police Department (synthetic)",
        partner_kind="law_enforcement",
        district="magnolia",
    ),
    _StaffSpec(
        "partner_da",
        Role.MDT_PARTNER,
        "Wren",
        "Clearspring",
        title="Assistant District Attorney",
        organization="Magnolia County District Attorney (synthetic)",
        partner_kind="district_attorney",
        district="magnolia",
    ),
    _StaffSpec(
        "partner_cac",
        Role.MDT_PARTNER,
        "Yara",
        "Cloverfield",
        title="Forensic interviewer",
        organization="Magnolia Child Advocacy Center (synthetic)",
        partner_kind="cac",
        district="magnolia",
    ),
    _StaffSpec(
        "partner_advocate",
        Role.MDT_PARTNER,
        "Zion",
        "Hazelwood",
        title="Sexual assault advocate",
        organization="Riverbend Sexual Assault Services (synthetic)",
        partner_kind="sexual_assault_advocate",
        district="riverbend",
    ),
    _StaffSpec(
        "partner_rb",
        Role.MDT_PARTNER,
        "Ellis",
        "Marsh",
        title="Detective",
        organization="Riverbend Police Department (synthetic)",
        partner_kind="law_enforcement",
        district="riverbend",
    ),
    _StaffSpec(
        "partner_da_rb",
        Role.MDT_PARTNER,
        "Jules",
        "Brookfield",
        title="Assistant District Attorney",
        organization="Riverbend County District Attorney (synthetic)",
        partner_kind="district_attorney",
        district="riverbend",
    ),
    _StaffSpec("analyst", Role.ANALYST, "Amari", "Crestmoor", title="Data analyst"),
    _StaffSpec("admin", Role.ADMINISTRATOR, "Blake", "Ironwood", title="System administrator"),
)


def demo_logins() -> list[DemoLogin]:
    """Return every demo account with a word on who it is."""
    logins = []
    for spec in STAFF:
        where = spec.unit or spec.organization or spec.district or "agency-wide"
        logins.append(DemoLogin(spec.username, spec.role, f"{spec.first} {spec.last}, {where}"))
    return logins


def is_loaded() -> bool:
    """Return whether the demo agency is already in the database."""
    return District.objects.filter(code="magnolia").exists()


def load(*, today: dt.date | None = None) -> int:
    """Create the demo agency; return the number of youth created."""
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    with transaction.atomic():
        districts = _create_districts()
        staff = _create_all_staff(districts, _create_units(districts))
        caseworkers = [u for u in staff.values() if u.role == Role.CASEWORKER]
        youth = [_create_youth(n, rng, today, districts, caseworkers) for n in range(YOUTH_COUNT)]
        _add_histories(youth, staff, districts, rng, today)
        record_event(actor=None, action="demo.loaded", detail={"youth": YOUTH_COUNT})
    return YOUTH_COUNT


def _create_districts() -> dict[str, District]:
    return {
        "magnolia": create_district(
            actor=None,
            name="Magnolia District",
            code="magnolia",
            cac_name="Magnolia Child Advocacy Center",
        ),
        "riverbend": create_district(actor=None, name="Riverbend District", code="riverbend"),
    }


def _create_units(districts: dict[str, District]) -> dict[str, Unit]:
    return {
        key: create_unit(actor=None, district=districts[key.split("/")[0]], name=key.split("/")[1])
        for key in ("magnolia/Unit 1", "magnolia/Unit 2", "riverbend/Unit 1")
    }


def _create_all_staff(districts: dict[str, District], units: dict[str, Unit]) -> dict[str, User]:
    """Create every demo account with the one demo password and a known authenticator key."""
    staff = {spec.username: _create_staff(spec, districts, units) for spec in STAFF}
    # One hash for every demo account: hashing is deliberately slow, once is enough.
    User.objects.filter(pk__in=[u.pk for u in staff.values()]).update(
        password=make_password(DEMO_PASSWORD)
    )
    enrol_demo_devices(staff.values())  # known keys: `manage.py safeharbor totp <username>`
    return staff


def _add_histories(
    youth: list[Youth],
    staff: dict[str, User],
    districts: dict[str, District],
    rng: random.Random,
    today: dt.date,
) -> None:
    """Share, screen, refer, meet, report and go missing, in the order the seed expects."""
    _share_with_partner(youth, staff["supervisor"], staff["partner"], timezone.now())
    screen_demo_youth(youth, rng, today)
    load_partner_demo(youth, staff, districts)
    add_demo_obligations(youth, staff, rng, timezone.now())
    add_demo_missing(youth, staff, timezone.now())
    add_demo_records(youth, today)
    add_demo_casework(youth, staff, timezone.now())


def _create_staff(spec: _StaffSpec, districts: dict[str, District], units: dict[str, Unit]) -> User:
    return create_staff(
        actor=None,
        username=spec.username,
        password=None,
        role=spec.role,
        first_name=spec.first,
        last_name=spec.last,
        email=f"{spec.username}@demo.safeharbor.invalid",
        unit=units.get(spec.unit),
        district=districts.get(spec.district),
        title=spec.title,
        organization=spec.organization,
        partner_kind=spec.partner_kind,
    )


def _create_youth(
    n: int,
    rng: random.Random,
    today: dt.date,
    districts: dict[str, District],
    caseworkers: list[User],
) -> Youth:
    code = "riverbend" if n % 3 == 2 else "magnolia"
    district = districts[code]
    # Arguments are drawn from ``rng`` left to right: keep their order, keep the demo the same.
    youth = create_youth(
        actor=None,
        district=district,
        caseworker=_caseworker_for(n, rng, district, caseworkers),
        **_person(rng, today),
    )
    placements = _create_placements(youth, rng, today, code)
    episodes = 1 if n == 0 else (rng.randrange(1, 4) if n < 3 or rng.random() < 0.2 else 0)
    missing_now = n == 0 or (n >= 3 and rng.random() < 0.05)
    _create_missing_episodes(episodes, missing_now, youth, rng, placements)
    return youth


def _caseworker_for(
    n: int, rng: random.Random, district: District, caseworkers: list[User]
) -> User | None:
    """Return the youth's caseworker; a few youth await assignment."""
    local = [c for c in caseworkers if c.district_id == district.pk]
    # The first youth belong to the "caseworker" login, so its caseload shows every situation.
    return local[0] if n < 6 else (None if rng.random() < 0.04 else rng.choice(local))


def _person(rng: random.Random, today: dt.date) -> dict[str, Any]:
    """Return a synthetic youth's identity and demographics, aged 10 to 21 on ``today``."""
    age = 10 + rng.randrange(12)  # 10 to 21
    gender = rng.choice(("Female", "Male", "Female", "Male", "Nonbinary"))
    born = add_months(today, -12 * age) - dt.timedelta(days=rng.randrange(0, 360))
    return {
        "legal_first_name": rng.choice(names.FIRST_NAMES),
        "legal_last_name": rng.choice(names.SURNAMES),
        "preferred_name": rng.choice(names.FIRST_NAMES) if rng.random() < 0.1 else "",
        "date_of_birth": born,
        "gender_identity": gender,
        "pronouns": PRONOUNS[gender],
        "race": [rng.choice(RACES)],
        "hispanic_latino": rng.choice(("yes", "no", "no", "unknown")),
        "primary_language": "Spanish" if rng.random() < 0.1 else "English",
        "immigration_status": "unaccompanied_minor" if rng.random() < 0.03 else "us_citizen",
        "custody_status": "young_adult" if age >= 18 else rng.choice(("in_custody", "in_care")),
    }


PRONOUNS = {"Female": "she/her", "Male": "he/him", "Nonbinary": "they/them"}
RACES = (
    "black_african_american",
    "white",
    "asian",
    "american_indian_alaska_native",
    "native_hawaiian_pacific_islander",
    "unknown",
)


REMOVAL_REASONS = (
    ("sex_trafficking", "runaway"),
    ("neglect",),
    ("physical_abuse", "caretaker_drug_use"),
    ("sex_trafficking",),
    ("child_behavior", "runaway"),
)


def _create_placements(
    youth: Youth, rng: random.Random, today: dt.date, code: str
) -> list[Placement]:
    kinds = ["foster_home", "kinship", "group_home", "residential_facility", "shelter"]
    if youth.custody_status == "young_adult":
        kinds.append("independent_living")
    start = today - dt.timedelta(days=rng.randrange(200, 1400))
    # The reasons come from the record number, not ``rng``: the rest of the demo stays the same.
    reasons = REMOVAL_REASONS[youth.pk % len(REMOVAL_REASONS)]
    record_removal(actor=None, youth=youth, removal_date=start, reasons=list(reasons))
    created = []
    for index in range(rng.randrange(1, 5)):
        created.append(_place(youth, rng, rng.choice(kinds), code, start))
        start = start + dt.timedelta(days=rng.randrange(60, 300))
        if start >= today or index == 3:
            break
    if rng.random() < 0.05:
        end_placement(actor=None, placement=created[-1], end_date=today, reason="placement ended")
    return created


def _place(youth: Youth, rng: random.Random, kind: str, code: str, start: dt.date) -> Placement:
    """Place the youth with a synthetic provider in a town of the district ``code``."""
    town = rng.choice(names.TOWNS[code])
    provider = names.PROVIDERS[kind].format(
        surname=rng.choice(names.SURNAMES), first=rng.choice(names.FIRST_NAMES), town=town
    )
    address = f"{rng.randrange(100, 9900)} {rng.choice(names.STREETS)}\n{town} (synthetic)"
    return add_placement(
        actor=None,
        youth=youth,
        placement_type=kind,
        start_date=start,
        provider_name=provider,
        address=address,
    )


def _create_missing_episodes(
    count: int, missing_now: bool, youth: Youth, rng: random.Random, placements: list[Placement]
) -> None:
    """Record ``count`` episodes, oldest first; the newest is still open when ``missing_now``."""
    now = timezone.now()
    for k in reversed(range(count)):
        open_now = missing_now and k == 0
        days_ago = rng.randrange(1, 3) if open_now else 20 + k * 45 + rng.randrange(0, 30)
        last_seen = now - dt.timedelta(days=days_ago, hours=rng.randrange(0, 12))
        _go_missing(youth, rng, placements[-1], last_seen, returns=not open_now)


def _go_missing(
    youth: Youth, rng: random.Random, placement: Placement, last_seen: dt.datetime, returns: bool
) -> None:
    """Record an episode from ``placement``, learned of within hours; the youth ``returns``."""
    learned = last_seen + dt.timedelta(hours=rng.randrange(1, 8))
    episode = record_missing(
        actor=None,
        youth=youth,
        placement=placement,
        last_seen_at=last_seen,
        last_seen_where=rng.choice(("near the bus station", "leaving the placement")),
        learned_at=learned,
        circumstances="Did not return after school.",
    )
    if returns:
        record_return(
            actor=None,
            episode=episode,
            returned_at=learned + dt.timedelta(days=rng.randrange(1, 6)),
            found_where="a friend's apartment",
            found_by="police welfare check",
        )


def _share_with_partner(
    youth: list[Youth], supervisor: User, partner: User, now: dt.datetime
) -> None:
    """Share two of the supervisor's unit's youth with the law-enforcement partner: what law
    enforcement sees by default."""
    unit_youth = [y for y in youth if y.caseworker and y.caseworker.unit_id == supervisor.unit_id]
    for record in unit_youth[:2]:
        share_youth(
            actor=supervisor,
            youth=record,
            partner=partner,
            fields=STARTING_DEFAULTS[PartnerKind.LAW_ENFORCEMENT],
            basis="MDT convened through the Magnolia Child Advocacy Center",
            expires_at=now + dt.timedelta(days=90),
        )
