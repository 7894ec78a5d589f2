"""The page benchmark's command line: ``python -m bench pages --youth N --users U --seconds S``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

DEFAULT_YOUTH = 10_000
DEFAULT_USERS = 20
DEFAULT_SECONDS = 30.0
# A run at a larger size first runs at this one, to show how each page's time grows.
COMPARE_AT = 10_000


@dataclass(frozen=True)
class Options:
    """What to measure: an agency of ``youth``, ``users`` people at once, for ``seconds``."""

    youth: int
    users: int
    seconds: float
    reload: bool = False

    @property
    def sizes(self) -> tuple[int, ...]:
        """Return the agency sizes to run, smallest first (the comparison size when larger)."""
        return (COMPARE_AT, self.youth) if self.youth > COMPARE_AT else (self.youth,)


def _positive_int(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a whole number of at least 1")
    return value


def _positive_seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of seconds")
    return value


def parser() -> argparse.ArgumentParser:
    """Return the argument parser (its --help is the benchmark's usage)."""
    result = argparse.ArgumentParser(
        prog="python -m bench pages",
        description="Load a synthetic agency into a dedicated PostgreSQL database, serve it with "
        "gunicorn in production mode, drive signed-in users over HTTP and print each page's "
        "times beside the minimal view /healthz (docs/performance.md).",
    )
    result.add_argument(
        "--youth",
        type=_positive_int,
        default=DEFAULT_YOUTH,
        help=f"youth in the synthetic agency (default {DEFAULT_YOUTH:,}); above {COMPARE_AT:,} "
        f"the benchmark also runs at {COMPARE_AT:,} first and prints each page's growth",
    )
    result.add_argument(
        "--users",
        type=_positive_int,
        default=DEFAULT_USERS,
        help=f"people signed in and clicking at once (default {DEFAULT_USERS})",
    )
    result.add_argument(
        "--seconds",
        type=_positive_seconds,
        default=DEFAULT_SECONDS,
        help=f"how long they click, per agency size (default {DEFAULT_SECONDS:g})",
    )
    result.add_argument(
        "--reload",
        action="store_true",
        help="drop and load the agency again even if the database already holds this size",
    )
    return result


def parse(argv: list[str]) -> Options:
    """Return the options in ``argv``; exit 2 with a usage message on a bad one."""
    args = parser().parse_args(argv)
    return Options(youth=args.youth, users=args.users, seconds=args.seconds, reload=args.reload)
