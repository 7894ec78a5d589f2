"""The loader's half: ``python -m bench.pages.prepare`` makes one agency size ready to serve.

Run by the benchmark in a subprocess (the benchmark itself never imports Django), with the
bench database of that size: creates it if missing, loads the agency unless the marker says it
already holds that size under today's migrations, readies the people to sign in, counts each
page's queries and HTML, and writes all that as JSON for the benchmark to read.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from bench.pages.common import FIELD_KEY, database_name
from bench.pages.walks import role_mix

# The models the loader writes: the ones whose times move forward when a database is reused.
LOADED_MODELS = (
    "cases.Youth",
    "cases.Placement",
    "cases.CaseShare",
    "intake.IntakeReport",
    "missing.MissingEpisode",
    "missing.LocateEffort",
    "missing.ReturnDebrief",
    "missing.PatternFlag",
    "obligations.LegalReport",
    "obligations.Obligation",
    "obligations.ObligationHistory",
    "screenings.Screening",
    "notifications.Notification",
)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.pages.prepare")
    parser.add_argument("--youth", type=int, required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--url", required=True, help="this size's own database")
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON")
    parser.add_argument("--reload", action="store_true")
    return parser.parse_args(argv)


def _setup(url: str) -> None:
    """Configure Django for the bench database: development settings, the bench field key."""
    os.environ.update(
        DATABASE_URL=url,
        SAFEHARBOR_ENV="development",
        SAFEHARBOR_FIELD_KEYS=FIELD_KEY,
        DJANGO_SETTINGS_MODULE="safeharbor.config.settings",
    )
    import django

    django.setup()


def _models() -> list[type]:
    from django.apps import apps

    return [apps.get_model(label) for label in LOADED_MODELS]


def _reuse(marker: Any, now: dt.datetime) -> dict[str, Any]:
    """Serve a loaded database again, its times moved forward to ``now``."""
    from django.core.management import call_command

    from bench.pages import database

    call_command("migrate", verbosity=0)  # nothing to apply: the marker matched the migrations
    database.shift_times(_models(), now - marker.data_now)
    database.write_marker(dataclasses.replace(marker, data_now=now))
    return {
        "loaded": False,
        "seconds": marker.load_seconds,
        "rows": marker.rows,
        "counts": json.loads(marker.counts),
    }


def _fresh(url: str, youth: int, state: str, now: dt.datetime) -> dict[str, Any]:
    """Drop and create the database, migrate it and load the agency."""
    from django.core.management import call_command
    from django.db import connections

    from bench.pages import database
    from bench.pages.load import load

    connections.close_all()
    database.drop(url)
    database.create(url)
    call_command("migrate", verbosity=0)
    # Marked before loading: an interrupted load leaves a bench database that the next run
    # reloads, never one that looks like an agency's (youth but no marker).
    database.write_marker(database.Marker(0, "loading", now, 0.0, 0, "{}"))
    loaded = load(youth, now)
    marker = database.Marker(
        youth, state, now, loaded.seconds, loaded.rows, json.dumps(loaded.counts)
    )
    database.write_marker(marker)
    return {"loaded": True, "seconds": loaded.seconds, "rows": loaded.rows, "counts": loaded.counts}


def ensure_agency(url: str, youth: int, *, reload: bool) -> dict[str, Any]:
    """Make the database hold an agency of ``youth``: reuse it when the marker matches."""
    from django.utils import timezone

    from bench.pages import database

    now = timezone.now().replace(microsecond=0)
    state = database.migration_state()
    marker = database.read_marker(url) if database.exists(url) else None
    if not reload and marker and marker.youth == youth and marker.migrations == state:
        return _reuse(marker, now)
    return _fresh(url, youth, state, now)


def _state() -> dict[str, int]:
    """Return what is open at this moment: the youth missing now, the obligations open and late."""
    from django.utils import timezone

    from safeharbor.missing.models import MissingEpisode
    from safeharbor.obligations.models import Obligation

    open_rows = Obligation.objects.filter(status="open")
    return {
        "missing now": MissingEpisode.objects.filter(returned_at__isnull=True).count(),
        "open obligations": open_rows.count(),
        "overdue": open_rows.filter(due__lt=timezone.now()).count(),
    }


def main(argv: list[str]) -> int:
    """Prepare one size and write the JSON the benchmark reads."""
    args = _arguments(argv)
    _setup(args.url)
    from bench.pages import inspection, people
    from bench.pages.database import NotABenchDatabase

    try:
        agency = ensure_agency(args.url, args.youth, reload=args.reload)
    except NotABenchDatabase as error:
        print(f"bench pages: {error}; refusing to load into it", file=sys.stderr)
        return 2
    ready = people.prepare(role_mix(args.users))
    result = {
        "youth": args.youth,
        "database": database_name(args.url),
        "load": agency,
        "now": _state(),
        "users": [person.to_json() for person in ready],
        "inspected": inspection.pages(ready),
    }
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
