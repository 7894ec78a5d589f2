"""Names the benchmark's two halves share: the tool (no Django) and the loader (Django)."""

from __future__ import annotations

import base64
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
URL_VARIABLE = "SAFEHARBOR_BENCH_DATABASE_URL"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/safeharbor_bench_pages"
# Public on purpose, like the demo's: it protects synthetic records in a bench database only.
# Not the development key, which production refuses; the same key loads and serves, so a loaded
# database can be served again by any later run.
FIELD_KEY = base64.urlsafe_b64encode(b"safeharbor-bench-pages-only-key!").decode()
PASSWORD = "bench-pages-synthetic-password"  # noqa: S105 - synthetic accounts in a bench database


def database_url(url: str, youth: int) -> str:
    """Return the URL of the database that holds an agency of ``youth``: one per size."""
    base, _, name = url.rpartition("/")
    name, _, query = name.partition("?")
    return f"{base}/{name}_{youth}" + (f"?{query}" if query else "")


def database_name(url: str) -> str:
    """Return the database name in a PostgreSQL URL."""
    return url.rpartition("/")[2].partition("?")[0]
