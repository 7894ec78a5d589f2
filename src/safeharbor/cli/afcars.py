"""``safeharbor afcars FILE|-``: a period's children in, elements and findings out (SPEC §7.1).

Needs only the pure domain: no Django, no database. Bad input (including a file that cannot be
read, is empty or is not UTF-8) gets one line on stderr, ``safeharbor afcars: <problem>``, and
exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from safeharbor.cli.io import LIMITS_HELP, decode, input_name, read_text

read = read_text  # the golden tests call the command's own reading and decoding

PROG = "safeharbor afcars"

DESCRIPTION = """\
Derive one AFCARS period's sex-trafficking elements E106-E111 and check them (SPEC §7.1).

Input: {"period": "2026A", "detail_min_age": 12 (optional),
        "children": [{"id", "date_of_birth": "YYYY-MM-DD",
                      "episodes": [{"removal_date", "exit_date": date | null}, ...],
                      "determinations": [{"kind": "sex" | "labor", "identified_on",
                                          "timing": "before_entry" | "in_care",
                                          "reported_to_law_enforcement": [date, ...]}, ...],
                      "detail_completed": true | false}, ...]}

Output: {"period", "start", "end", "due", "report_date", "mapping", "detail_min_age",
         "records": [{"child", "E106", ..., "E111"}, ...],
         "findings": [{"child", "element", "rule", "severity", "message", "source"}, ...],
         "summary": {"E106": {"records", "missing", "over_limit"}, "E109": {...}},
         "exempt": [child ids]}"""

EPILOG = (
    """\
exit status: 0 the file was derived (findings do not change it); 2 bad input (one line on
stderr naming the problem); 70 a fault in SafeHarbor itself.

example:
  safeharbor afcars tests/domain/federal/golden/docs_example.input.json

See docs/federal.md for the periods, the population, the elements, the findings and the
element mappings.

"""
    + LIMITS_HELP
)


def register(subparsers: Any) -> None:
    """Add the ``afcars`` subcommand."""
    parser = subparsers.add_parser(
        "afcars",
        help="derive one period's AFCARS sex-trafficking elements and findings",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE|-", help="the input document, or - for stdin")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Derive the period's file for the document in ``args.file`` and print it."""
    from safeharbor.domain.errors import InputError
    from safeharbor.domain.federal import run_document

    try:
        output = run_document(decode(read(args.file), input_name(args.file)))
    except InputError as error:
        return refuse(str(error))
    except Exception as error:  # the contract promises no traceback, even for our own faults
        return refuse(f"internal error, please report it: {type(error).__name__}: {error}", 70)
    write_utf8(json.dumps(output, indent=2, ensure_ascii=False) + "\n")
    return 0


def write_utf8(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 (JSON's encoding), whatever the terminal's encoding."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a replaced stdout without bytes underneath
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()


def refuse(message: str, status: int = 2) -> int:
    """Print ``safeharbor afcars: <message>`` on stderr as one line and return ``status``."""
    sys.stderr.write(f"{PROG}: {' '.join(message.split())}\n")
    return status
