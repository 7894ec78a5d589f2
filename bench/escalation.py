"""The escalation pass costs time in proportion to the obligations due, not to the total.

Loads synthetic obligations into a private PostgreSQL database (COPY, not the ORM) at two total
sizes, 100,000 and 1,000,000, and at each times one ``escalate_obligations`` pass with 100 and
then 1,000 obligations due for the supervisor. The claim reads the partial index on
``next_escalation_at``, so the four figures should scale with the due count and stay flat across
the totals. The query plan of the claim is printed once as evidence.

Database: ``SAFEHARBOR_BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/safeharbor_bench_escalation``), created and migrated if
missing, emptied of obligations before each size. Never point it at a real agency's database.
"""

from __future__ import annotations

import datetime as dt
import os
import time

TOTALS = (100_000, 1_000_000)
DUE_COUNTS = (100, 1_000)
YOUTH = 1_000
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/safeharbor_bench_escalation"


def run() -> None:
    """Set up the database, then time the four passes and print them."""
    url = os.environ.get("SAFEHARBOR_BENCH_DATABASE_URL", DEFAULT_URL)
    _create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["SAFEHARBOR_ENV"] = "development"
    os.environ["DJANGO_SETTINGS_MODULE"] = "safeharbor.config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    people = _people()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    print(f"{'total':>10} {'due':>6} {'seconds':>8} {'ms per due':>10}")
    for total in TOTALS:
        _load(total, people, now)
        _time_pass(10, people, now)  # warm the caches and connection; not counted
        for due in DUE_COUNTS:
            seconds = _time_pass(due, people, now)
            print(f"{total:>10,} {due:>6,} {seconds:>8.3f} {1000 * seconds / due:>10.2f}")
    _explain(now)


def _create_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _people():  # type: ignore[no-untyped-def]
    """Return a district, its caseworker, supervisor and PA, and youth (made once)."""
    from types import SimpleNamespace

    from django.utils import timezone

    from safeharbor.accounts.actions import create_district, create_staff, create_unit
    from safeharbor.accounts.models import District, User
    from safeharbor.cases.models import Youth
    from safeharbor.domain.access import Role

    district = District.objects.filter(code="bench").first()
    if district is None:
        district = create_district(actor=None, name="Bench District", code="bench")
        unit = create_unit(actor=None, district=district, name="Bench Unit")
        for role, name in ((Role.CASEWORKER, "bench_cw"), (Role.SUPERVISOR, "bench_sup")):
            create_staff(
                actor=None,
                username=name,
                password=None,
                role=role,
                first_name="Bench",
                last_name=name,
                unit=unit,
            )
        create_staff(
            actor=None,
            username="bench_pa",
            password=None,
            role=Role.PROGRAM_ADMIN,
            first_name="Bench",
            last_name="PA",
            district=district,
        )
    caseworker = User.objects.get(username="bench_cw")
    if not Youth.objects.filter(district=district).exists():
        now = timezone.now()
        Youth.objects.bulk_create(
            Youth(
                record_number=f"BENCH-{n:05d}",
                legal_first_name="Synthetic",
                legal_last_name=f"Youth{n}",
                date_of_birth=dt.date(2010, 1, 1),
                custody_status="in_custody",
                district=district,
                caseworker=caseworker,
                created_at=now,
                updated_at=now,
            )
            for n in range(YOUTH)
        )
    youth = list(Youth.objects.filter(district=district).values_list("pk", flat=True))
    return SimpleNamespace(district=district, caseworker=caseworker, youth=youth)


def _rows(count: int, people, now: dt.datetime, *, due: bool):  # type: ignore[no-untyped-def]
    """Yield obligation rows as column dicts: waiting ones (next look days away), or due ones."""
    from safeharbor.obligations.models import Step

    for n in range(count):
        if due:  # opened 30 hours ago, 6 hours overdue: the supervisor is next
            opened, step, look = now - dt.timedelta(hours=30), Step.OPENED, None
        else:  # a mix of open clocks not yet at their next step, and closed ones
            opened = now - dt.timedelta(minutes=n % 600)
            step, look = Step.OPENED, None
        deadline = opened + dt.timedelta(hours=24 if due else 336)
        if due:
            look = deadline + dt.timedelta(microseconds=1)
        elif n % 3:
            look = opened + (deadline - opened) * 0.75
        yield {
            "youth_id": people.youth[n % len(people.youth)],
            "kind": "report_missing_ncmec" if due else "community_referrals",
            "title": "Synthetic benchmark obligation",
            "source": "bench",
            "opened_by_event": "youth_missing" if due else "screening_completed",
            "opened_record": "",
            "opened_at": opened,
            "due": deadline,
            "escalate_pa_hours": 24.0,
            "status": "open" if (due or n % 3) else "satisfied",
            "satisfied_at": None if (due or n % 3) else opened,
            "escalation_step": int(step),
            "next_escalation_at": look,
        }


def _copy(rows) -> None:  # type: ignore[no-untyped-def]
    """Insert rows with COPY, filling every other column with its model default."""
    from django.db import connection

    from safeharbor.obligations.models import Obligation

    fields = [f for f in Obligation._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    table = Obligation._meta.db_table
    defaults = {f.attname: f.get_default() for f in fields}
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                values = {**defaults, **row}
                copy.write_row([values[f.attname] for f in fields])


def _load(total: int, people, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from safeharbor.obligations.models import Obligation, ObligationHistory

    ObligationHistory.objects.all().delete()
    Obligation.objects.all().delete()
    started = time.perf_counter()
    _copy(_rows(total, people, now, due=False))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Obligation._meta.db_table}")
    print(f"loaded {total:,} obligations in {time.perf_counter() - started:.1f} s")


def _time_pass(due: int, people, now: dt.datetime) -> float:  # type: ignore[no-untyped-def]
    from safeharbor.obligations.actions import escalate_obligations
    from safeharbor.obligations.models import Obligation, ObligationHistory

    _copy(_rows(due, people, now, due=True))
    started = time.perf_counter()
    told = escalate_obligations(now=now)
    seconds = time.perf_counter() - started
    assert told == due, (told, due)  # each due obligation told its supervisor once
    escalated = Obligation.objects.filter(source="bench", kind="report_missing_ncmec")
    ObligationHistory.objects.filter(obligation__in=escalated).delete()
    escalated.delete()
    return seconds


def _explain(now: dt.datetime) -> None:
    from safeharbor.obligations.models import Obligation

    claim = Obligation.objects.filter(next_escalation_at__lte=now).order_by(
        "next_escalation_at", "id"
    )[:100]
    print("the claim's plan:")
    print(claim.explain())
