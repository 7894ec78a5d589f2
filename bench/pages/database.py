"""The benchmark's own PostgreSQL database for one agency size: made, marked, reused or dropped.

A marker table records the size loaded, the migrations it was loaded under and the moment its
times describe; a later run reuses the database when both match (moving every time forward, so
"missing for 3 hours" and "due in 5 hours" stay true) and loads it again otherwise. A database
that holds youth but no marker is not the benchmark's: it is never dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from bench.pages.common import database_name

MARKER = "bench_pages_marker"


@dataclass(frozen=True)
class Marker:
    """What a loaded bench database holds."""

    youth: int
    migrations: str
    data_now: dt.datetime
    load_seconds: float
    rows: int
    counts: str  # JSON: rows written per model


class NotABenchDatabase(Exception):
    """The database holds youth the benchmark did not load: it refuses to touch it."""


def _admin(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    base = url.rpartition("/")[0]
    return psycopg.connect(base + "/postgres", autocommit=True)


def exists(url: str) -> bool:
    """Return whether the database exists."""
    with _admin(url) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        )
        return found.fetchone() is not None


def create(url: str) -> None:
    """Create the (empty) database."""
    from psycopg import sql

    with _admin(url) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database_name(url))))


def drop(url: str) -> None:
    """Drop the database, closing whatever is still connected to it (PostgreSQL 13+)."""
    from psycopg import sql

    name = sql.Identifier(database_name(url))
    with _admin(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def _table_exists(connection, table: str) -> bool:  # type: ignore[no-untyped-def]
    found = connection.execute("SELECT to_regclass(%s)", [table]).fetchone()
    return found is not None and found[0] is not None


def _has_rows(connection, table: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0])  # noqa: S608


def read_marker(url: str) -> Marker | None:
    """Return the marker, or None for a database the benchmark has not finished loading.

    Raises ``NotABenchDatabase`` for a database with youth and no marker.
    """
    import psycopg

    with psycopg.connect(url) as connection:
        if _table_exists(connection, MARKER):
            row = connection.execute(
                f"SELECT youth, migrations, data_now, load_seconds, rows, counts FROM {MARKER}"  # noqa: S608
            ).fetchone()
            return Marker(*row) if row else None
        if _table_exists(connection, "cases_youth") and _has_rows(connection, "cases_youth"):
            raise NotABenchDatabase(f"{database_name(url)} holds youth but no bench marker")
    return None


def write_marker(marker: Marker) -> None:
    """Record what the database now holds (Django's connection)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER} (youth integer, migrations text, "
            "data_now timestamptz, load_seconds double precision, rows bigint, counts text)"
        )
        cursor.execute(f"DELETE FROM {MARKER}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608
            [
                marker.youth,
                marker.migrations,
                marker.data_now,
                marker.load_seconds,
                marker.rows,
                marker.counts,
            ],
        )


def migration_state() -> str:
    """Return a digest of the migrations on disk (their graph's leaves)."""
    from django.db.migrations.loader import MigrationLoader

    leaves = sorted(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())
    return hashlib.sha256(repr(leaves).encode()).hexdigest()[:16]


def _moves(model, delta: dt.timedelta) -> tuple[list[str], list[object]]:  # type: ignore[no-untyped-def]
    """Return the SET clauses and values that move a model's dates and times by ``delta``."""
    from django.db import models

    sets: list[str] = []
    values: list[object] = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateTimeField):  # before DateField: it is one
            sets.append(f'"{field.column}" = "{field.column}" + %s')
            values.append(delta)
        elif isinstance(field, models.DateField) and delta.days:
            sets.append(f'"{field.column}" = "{field.column}" + %s::integer')
            values.append(delta.days)
    return sets, values


def shift_times(models: list[type], delta: dt.timedelta) -> None:
    """Move every date and time of the loaded records forward by ``delta`` (dates by whole days)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            sets, values = _moves(model, delta)
            if sets:
                table = model._meta.db_table  # type: ignore[attr-defined]
                cursor.execute(f'UPDATE "{table}" SET {", ".join(sets)}', values)  # noqa: S608
