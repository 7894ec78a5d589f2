"""``safeharbor clocks FILE|-``: a youth's events in, their obligations at ``now`` out (SPEC §5.1).

Needs only the pure domain: no Django, no database. Bad input gets one line on stderr and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from safeharbor.cli.io import LIMITS_HELP, decode, fail, input_name, read_text


def register(subparsers: Any) -> None:
    """Add the ``clocks`` subcommand."""
    parser = subparsers.add_parser(
        "clocks",
        help="compute one youth's legal and policy clocks as of a moment",
        description='Read {"now", "policy"?, "events"} as JSON and print {"obligations": [...]} '
        "with each obligation's due time, status, escalation step and source (SPEC §5.1).",
        epilog=LIMITS_HELP,
    )
    parser.add_argument("file", metavar="FILE|-", help="the input document, or - for stdin")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compute the obligations for the document in ``args.file`` and print them."""
    from safeharbor.domain.clocks import run_document
    from safeharbor.domain.errors import InputError

    try:
        output = run_document(decode(read_text(args.file), input_name(args.file)))
    except InputError as error:
        return fail(str(error))
    sys.stdout.write(json.dumps(output, indent=2, ensure_ascii=False) + "\n")
    return 0
