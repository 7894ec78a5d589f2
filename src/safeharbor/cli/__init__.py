"""The ``safeharbor`` command: rules that need no database, and the worker loop.

Each subcommand lives in its own module with ``register(subparsers)``; the modules import
their heavy parts inside the command so that ``safeharbor screen`` starts fast without Django.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from safeharbor import __version__

# Modules that contribute subcommands, in the order --help lists them.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "safeharbor.cli.afcars",
    "safeharbor.cli.clocks",
    "safeharbor.cli.screen",
    "safeharbor.cli.instrument",
    "safeharbor.cli.worker",
    "safeharbor.cli.demo_serve",
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line and exits 2, as SPEC §4.4 asks."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered subcommand."""
    parser = _Parser(
        prog="safeharbor",
        description="SafeHarbor: screening, legal clocks and records for youth who are "
        "victims of, or at risk of, trafficking and commercial sexual exploitation.",
    )
    parser.add_argument("--version", action="version", version=f"safeharbor {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        sys.stderr.write("safeharbor: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
