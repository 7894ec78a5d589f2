"""``safeharbor clocks FILE|-``: a youth's events in, their obligations at ``now`` out (SPEC §5.1).

Needs only the pure domain: no Django, no database. Bad input gets one line on stderr and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from safeharbor.cli.io import fail, open_input


def register(subparsers: Any) -> None:
    """Add the ``clocks`` subcommand."""
    parser = subparsers.add_parser(
        "clocks",
        help="compute one youth's legal and policy clocks as of a moment",
        description='Read {"now", "policy"?, "events"} as JSON and print {"obligations": [...]} '
        "with each obligation's due time, status, escalation step and source (SPEC §5.1).",
    )
    parser.add_argument("file", metavar="FILE|-", help="the input document, or - for stdin")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compute the obligations for the document in ``args.file`` and print them."""
    from safeharbor.domain.clocks import run_document
    from safeharbor.domain.errors import InputError

    name = "stdin" if args.file == "-" else args.file
    try:
        text = _read(args.file)
    except OSError as error:
        return fail(f"cannot read {name}: {error.strerror or error}")
    except UnicodeDecodeError:
        return fail(f"{name}: not UTF-8 text")
    try:
        document = json.loads(text)
    except RecursionError:
        return fail(f"{name}: not valid JSON (nested too deeply)")
    except ValueError as error:
        return fail(f"{name}: not valid JSON ({error})")
    try:
        output = run_document(document)
    except InputError as error:
        return fail(str(error))
    sys.stdout.write(json.dumps(output, indent=2, ensure_ascii=False) + "\n")
    return 0


def _read(path: str) -> str:
    """Return the text of ``path`` (stdin for ``-``, left open for the caller's process)."""
    stream = open_input(path)
    if stream is sys.stdin:
        return stream.read()
    with stream:
        return stream.read()
