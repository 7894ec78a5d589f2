"""``safeharbor instrument``: check an instrument definition, list and show the bundled ones.

An agency drafting a new instrument version runs ``safeharbor instrument check FILE`` before
adding it (SPEC §4.5: invalid definitions are rejected with a clear message).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from safeharbor.cli.io import fail

if TYPE_CHECKING:
    from safeharbor.domain.screening import Instrument


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``instrument`` subcommand and its actions."""
    parser = subparsers.add_parser(
        "instrument",
        help="check an instrument definition file; list or show the bundled instruments",
        description="Work with screening instrument definitions (TOML, one file per version; "
        "the format is in docs/screening.md).",
    )
    actions = parser.add_subparsers(dest="instrument_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate a definition: print OK with its id and version, or the first problem "
        "(file: place: problem) and exit 2",
    )
    check.add_argument("file", metavar="FILE", help="the TOML definition to check")
    check.set_defaults(handler=_check)
    listing = actions.add_parser("list", help="list the bundled instruments and their versions")
    listing.set_defaults(handler=_list)
    show = actions.add_parser("show", help="print an instrument's questions, tiers and actions")
    show.add_argument("id", nargs="?", help="instrument id (default: htcsec-screen)")
    show.add_argument("--version", dest="instrument_version", help="version (default: latest)")
    show.set_defaults(handler=_show)


def _check(args: argparse.Namespace) -> int:
    """Validate one definition file."""
    from safeharbor.cli.screen import read_text
    from safeharbor.domain.errors import InputError
    from safeharbor.domain.screening import parse_instrument

    try:
        instrument = parse_instrument(read_text(args.file), origin=args.file)
    except InputError as error:
        return fail(str(error))
    sys.stdout.write(f"OK {instrument.id} {instrument.version}: {_summary(instrument)}\n")
    return 0


def _summary(instrument: Instrument) -> str:
    """Count what a definition holds."""
    parts = [
        (len(instrument.indicators), "indicator"),
        (len(instrument.rules), "rule"),
        (len(instrument.tiers), "tier"),
        (len(instrument.actions), "action"),
    ]
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)


def _list(args: argparse.Namespace) -> int:
    """List every bundled instrument version, loading (and so validating) each."""
    from safeharbor.domain.errors import InputError
    from safeharbor.domain.screening import bundled_registry

    registry = bundled_registry()
    try:
        for instrument_id in registry.ids():
            versions = registry.versions(instrument_id)
            for version in versions:
                instrument = registry.get(instrument_id, version)
                latest = "latest" if version == versions[-1] else "      "
                sys.stdout.write(f"{instrument_id}  {version}  {latest}  {instrument.title}\n")
    except InputError as error:
        return fail(str(error))
    return 0


def _show(args: argparse.Namespace) -> int:
    """Print one version's questions grouped by tier, then its tiers and actions."""
    from safeharbor.domain.errors import InputError
    from safeharbor.domain.screening import bundled_registry

    try:
        instrument = bundled_registry().get(args.id, args.instrument_version)
    except InputError as error:
        return fail(str(error))
    sys.stdout.write("\n".join(_describe(instrument)) + "\n")
    return 0


def _describe(instrument: Instrument) -> list[str]:
    """Return the lines ``show`` prints."""
    lines = [f"{instrument.id} {instrument.version}: {instrument.title}", ""]
    for section in instrument.sections():
        lines.append(f"{section.tier.label} ({section.tier.id})")
        lines += [f"  {i.id}: {i.question}" for i in section.indicators]
    for rule in instrument.rules:
        lines.append(f"rule {rule.id}: {rule.label}")
    lines.append("")
    for tier in instrument.tiers:
        actions = ", ".join(tier.actions) or "none"
        lines.append(f"{tier.precedence}  {tier.id}: {tier.label} -> {actions}")
    lines += ["", instrument.notice.text]
    return lines
