"""Page benchmark (issue 18): every page at a statewide size, on the production server.

``python -m bench pages --youth 100000 --users 20 --seconds 30`` loads a synthetic agency into a
PostgreSQL database of its own (``SAFEHARBOR_BENCH_DATABASE_URL``, one database per size, reused
while it holds that size), serves it with gunicorn as production would, signs ``--users``
people in through the real sign-in and second-factor pages, lets them click through their
role's pages for ``--seconds``, and prints per page: requests, errors, p50/p95/p99, throughput
beside the minimal view /healthz, the query count and HTML size of one request. Above 10,000
youth it runs at 10,000 first and prints how each page's p95 grew. The last line:
``pages: worst p95 N ms, worst throughput M% of the minimal view, errors E``.

This half never imports Django: the loading is done by ``bench.pages.prepare`` in a subprocess,
and the pages are measured over HTTP. docs/performance.md explains the figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.pages.browser import Browser
from bench.pages.common import DEFAULT_URL, ROOT, URL_VARIABLE, database_url
from bench.pages.drive import REQUEST_TIMEOUT, Person, drive_all, sign_in_all, warm_up
from bench.pages.options import Options, parse
from bench.pages.server import serving, shape
from bench.pages.stats import (
    Inspection,
    PageStats,
    Sample,
    error_counts,
    format_growth,
    format_table,
    summarise,
    summary_line,
)
from bench.pages.walks import page_order, walk_for

LOG_DIR = ROOT / "var" / "bench-pages"


def run(argv: list[str] | None = None) -> int:
    """Load every size first, then measure them back to back; print the tables, the growth and
    the last line. Measuring the sizes minutes apart, not a long load apart, keeps the machine's
    conditions alike for the comparison."""
    options = parse(argv or [])
    url = os.environ.get(URL_VARIABLE, DEFAULT_URL)
    prepared = []
    for youth in options.sizes:
        ready = prepare_size(youth, options, database_url(url, youth))
        if ready is None:
            return 1
        prepared.append(ready)
    results = [(ready["youth"], measure_size(ready, options)) for ready in prepared]
    if len(results) == 2:
        (small, before), (large, after) = results
        print(f"\nhow each page grew from {small:,} to {large:,} youth:")
        print("\n".join(format_growth(before, after, small_youth=small, large_youth=large)))
    print(summary_line(results[-1][1]))
    return 0


def _prepare(youth: int, options: Options, url: str, folder: Path) -> dict[str, Any] | None:
    """Load (or reuse) the agency of ``youth`` in a subprocess; return what it wrote, or None."""
    out = folder / f"prepared-{youth}.json"
    command = [sys.executable, "-m", "bench.pages.prepare", "--youth", str(youth)]
    command += ["--users", str(options.users), "--url", url, "--out", str(out)]
    command += ["--reload"] if options.reload else []
    done = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603 - our own interpreter
    if done.returncode != 0:
        print(f"bench pages: preparing {youth:,} youth failed ({done.returncode})", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _describe_load(prepared: dict[str, Any]) -> list[str]:
    load = prepared["load"]
    rate = load["rows"] / load["seconds"] if load["seconds"] else 0.0
    how = "loaded" if load["loaded"] else "reused (it was loaded"
    tail = "" if load["loaded"] else ")"
    counts = ", ".join(f"{name} {count:,}" for name, count in sorted(load["counts"].items()))
    state = ", ".join(f"{name} {count:,}" for name, count in prepared["now"].items())
    return [
        f"agency {how} in {load['seconds']:.1f} s: {load['rows']:,} rows, {rate:,.0f} rows/s{tail}",
        f"  rows: {counts}",
        f"  now: {state}",
    ]


def _people(prepared: dict[str, Any], port: int) -> list[Person]:
    return [
        Person(
            user["username"],
            user["role"],
            walk_for(user["role"], youth=user["youth"], searches=user["searches"]),
            Browser(port, timeout=REQUEST_TIMEOUT),
        )
        for user in prepared["users"]
    ]


def _measure(prepared: dict[str, Any], seconds: float, url: str) -> tuple[list[Sample], float]:
    """Serve the database with gunicorn, sign everyone in, and let them walk."""
    credentials = {u["username"]: (u["password"], u["totp_key"]) for u in prepared["users"]}
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with serving(url, LOG_DIR / f"gunicorn-{prepared['youth']}.log") as server:
        people = _people(prepared, server.port)
        sign_in_all(people, lambda person: credentials[person.username])
        warm_up(people)
        samples, elapsed = drive_all(people, seconds)
        for person in people:
            person.browser.close()
    return samples, elapsed


def prepare_size(youth: int, options: Options, url: str) -> dict[str, Any] | None:
    """Load or reuse the agency of ``youth`` and say what it holds; None if that failed."""
    print(f"\n== agency of {youth:,} youth")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        prepared = _prepare(youth, options, url, Path(folder))
    if prepared is not None:
        prepared["url"] = url
        print("\n".join([f"database {prepared['database']}", *_describe_load(prepared)]))
    return prepared


def measure_size(prepared: dict[str, Any], options: Options) -> list[PageStats]:
    """Serve one prepared size, let the people click, and print its table."""
    workers, threads = shape()
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n== pages at {prepared['youth']:,} youth: {options.users} users for "
        f"{options.seconds:g} s, gunicorn {workers} processes x {threads} threads, "
        "SAFEHARBOR_ENV=production"
    )
    print(f"machine: {os.cpu_count()} cores, load average {load} before the run")
    samples, elapsed = _measure(prepared, options.seconds, prepared["url"])
    inspected = {page: Inspection(**values) for page, values in prepared["inspected"].items()}
    roles = [user["role"] for user in prepared["users"]]
    lines = summarise(samples, users=len(roles), order=page_order(roles), inspected=inspected)
    print("\n".join(format_table(lines)))
    print(
        f"the server answered {len(samples):,} requests in {elapsed:.1f} s "
        f"({len(samples) / elapsed:,.1f} requests/s)"
    )
    failures = error_counts(samples)
    if failures:
        print("errors: " + ", ".join(f"{name} x{count}" for name, count in failures.items()))
    return lines
