"""``safeharbor screen``: score screening documents with an instrument version (SPEC §4.4).

Bad input is one line on stderr and exit status 2, never a traceback. In ``--jsonl`` mode every
input line gets exactly one output line, in order, so results can be matched to inputs by
position: a line that cannot be scored (a blank line included) gets an ``{"error": ...}`` line.
The domain is imported inside the command so that other subcommands do not pay for it.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING

from safeharbor.cli.io import LIMITS_HELP, document_lines, fail, open_binary, read_limited

if TYPE_CHECKING:
    from safeharbor.domain.screening import Registry

_JSONL_LIMIT = "\nWith --jsonl the limit is per line: a longer line gets an error line."
_FLUSH_EVERY = 2048  # output lines per write: fewer system calls, bounded memory

DESCRIPTION = """\
Score a screening: read a JSON document, print the result as JSON.

Input: {"instrument": "htcsec-screen", "version": "2016-04-07", "as_of": "YYYY-MM-DD",
        "answers": {"<indicator id>": "yes" | "no" | "unknown" | true | false
                    | {"value": ..., "source": ..., "note": ...}, ...},
        "missing_episodes": [{"reported_missing": "YYYY-MM-DD",
                              "returned": "YYYY-MM-DD" | null}, ...]}
"instrument" and "version" are optional (default: htcsec-screen, its latest version);
"answers" and "missing_episodes" default to none. Any other field is refused.

Output: {"instrument", "version", "as_of", "tier", "tier_label", "<tier>_count" (e.g.
"at_risk_count"), "reasons", "actions", "unanswered", "unknown", "derived", "present"}."""

EPILOG = """\
exit status: 0 scored; 2 bad input (one line on stderr naming the problem; with --jsonl, an
{"error": "line N: ...", "line": N} output line for each document that could not be scored,
the others still scored, and status 2 at the end); 70 a fault in SafeHarbor itself.

{limits}

examples:
  safeharbor screen tests/domain/screening/golden/ok/high_risk_two_episodes_in_window.json
  echo '{"as_of": "2026-05-01", "answers": {"hotels_for_sex": "yes"}}' | safeharbor screen -
  safeharbor screen --jsonl screenings.jsonl > results.jsonl
  safeharbor screen --instrument-file draft.toml case.json   # try a draft instrument

See docs/screening.md for the indicators, the rules and the instrument file format."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``screen`` subcommand."""
    parser = subparsers.add_parser(
        "screen",
        help="score a screening document (or a JSON Lines batch) with an instrument",
        description=DESCRIPTION,
        epilog=EPILOG.replace("{limits}", LIMITS_HELP + _JSONL_LIMIT),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE|-", help="the JSON document to score; - for stdin")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="read one document per line and write one result (or error) line per input line",
    )
    parser.add_argument(
        "--instrument-file",
        metavar="PATH",
        help="score with the instrument definition (TOML) in PATH instead of the bundled "
        "ones; documents that name no instrument use it, and naming another is an error",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Score the input; return the exit status."""
    from safeharbor.domain.errors import InputError

    try:
        registry = _registry(args.instrument_file)
        with _open_binary(args.file) as stream:
            return _batch(stream, registry) if args.jsonl else _single(stream, registry)
    except InputError as error:
        return fail(str(error))
    except BrokenPipeError:
        raise  # the reader went away (e.g. `| head`): cli.main ends quietly
    except OSError as error:
        return fail(f"input/output error: {error.strerror or error}")
    except Exception as error:  # the contract promises no traceback, even for our own faults
        return fail(f"internal error, please report it: {type(error).__name__}: {error}", status=70)


def _registry(instrument_file: str | None) -> Registry:
    """Return the bundled instruments, or only the one in ``instrument_file``."""
    from safeharbor.domain.screening import Registry, bundled_registry, parse_instrument

    if instrument_file is None:
        return bundled_registry()
    return Registry.of(parse_instrument(read_text(instrument_file), origin=instrument_file))


def read_text(path: str) -> str:
    """Read a UTF-8 text file, reporting a problem as one InputError line."""
    from safeharbor.domain.errors import InputError

    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(f"cannot read {path}: it is not UTF-8 text") from None


def _open_binary(path: str) -> IO[bytes]:
    """Open ``path`` (or stdin for ``-``) as bytes: JSON decodes UTF-8 itself, faster."""
    from safeharbor.domain.errors import InputError

    try:
        return open_binary(path)
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None


def _single(stream: IO[bytes], registry: Registry) -> int:
    """Score one document and print its result."""
    import json

    from safeharbor.domain.screening import screen_document

    result = screen_document(read_limited(stream), registry)
    sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
    return 0


def _batch(stream: IO[bytes], registry: Registry) -> int:
    """Score one document per line; an error line stands in for each one that fails."""
    import json

    from safeharbor.domain.errors import InputError
    from safeharbor.domain.json_text import TOO_LARGE
    from safeharbor.domain.screening import screen_document

    dumps = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
    pending: list[str] = []
    failed, first_failed, number = 0, 0, 0
    for number, line in enumerate(document_lines(stream), 1):  # the hot loop: only the work
        try:
            if line is None:
                raise InputError(TOO_LARGE)
            pending.append(dumps(screen_document(line, registry).to_dict()))
        except InputError as error:
            failed += 1
            first_failed = first_failed or number
            pending.append(dumps(_error_line(line, number, error)))
        if len(pending) >= _FLUSH_EVERY:
            _flush(pending)
    _flush(pending)
    if failed:
        return fail(
            f"{failed} of {number} documents could not be scored (first: line "
            f"{first_failed}); see their error lines"
        )
    return 0


def _error_line(line: bytes | None, number: int, error: Exception) -> dict[str, object]:
    """Return the output that stands in for input line ``number``, naming its problem."""
    blank = line is not None and not line.strip()
    problem = "blank line (expected one JSON document)" if blank else error
    return {"error": f"line {number}: {problem}", "line": number}


def _flush(pending: list[str]) -> None:
    """Write the pending output lines at once and forget them."""
    if pending:
        sys.stdout.write("\n".join(pending) + "\n")
        pending.clear()
