"""The limits every command keeps: a key repeated anywhere, a document over 10 MB (cli/io.py).

Each runs the real installed command: exit status 2, nothing on stdout and one stderr line naming
the problem; with ``screen --jsonl``, an error line for that document and the others scored.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from safeharbor.domain.json_text import MAX_DOCUMENT_BYTES

TESTS = Path(__file__).resolve().parents[1]
SAFEHARBOR = Path(sys.executable).with_name("safeharbor")
TOO_LARGE = "document too large: over 10 MB (10,485,760 bytes), the limit for one document"
TWICE = "(a key may appear only once in an object)"

SCREENING = {"as_of": "2026-05-01", "answers": {"hotels_for_sex": "yes"}}
CLOCKS = json.loads(
    (TESTS / "domain/clocks/golden/row_youth_missing_opens_both_reports.input.json").read_text()
)
AFCARS = json.loads((TESTS / "domain/federal/golden/docs_example.input.json").read_text())

# command, a good document, the prefix of its error lines, how it names a file called doc.json
COMMANDS = {
    "screen": (SCREENING, "safeharbor: ", ""),
    "clocks": (CLOCKS, "safeharbor: ", "doc.json: "),
    "afcars": (AFCARS, "safeharbor afcars: ", "doc.json: "),
}


def _run(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(SAFEHARBOR), *args], cwd=cwd, input=stdin, capture_output=True, timeout=120
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def _refused(done: subprocess.CompletedProcess[str], line: str) -> None:
    assert (done.returncode, done.stdout, done.stderr) == (2, "", line + "\n")


def _padded(document: object, size: int) -> bytes:
    """Return ``document`` as JSON followed by spaces: exactly ``size`` bytes, still valid."""
    text = json.dumps(document).encode()
    return text + b" " * (size - len(text))


def _with_a_second(document: dict, key: str) -> str:
    """Return the JSON text of ``document`` with ``key`` given a second time at its end."""
    text = json.dumps(document)
    return text[:-1] + f', "{key}": {json.dumps(document[key])}}}'


@pytest.mark.parametrize("command", COMMANDS)
def test_a_key_given_twice_at_the_top_is_refused(command, tmp_path):
    good, prefix, name = COMMANDS[command]
    key = next(iter(good))
    (tmp_path / "doc.json").write_text(_with_a_second(good, key))
    expected = f'{prefix}{name}duplicate key "{key}" {TWICE}'
    _refused(_run(command, "doc.json", cwd=tmp_path), expected)


@pytest.mark.parametrize(
    ("command", "text", "key"),
    [
        ("screen", '{"as_of": "2026-05-01", "answers": {"runs": "no", "runs": "yes"}}', "runs"),
        (
            "clocks",
            '{"now": "2026-05-02T00:00:00Z", "events": [{"type": "youth_missing", '
            '"at": "2026-05-01T00:00:00Z", "at": "2026-04-01T00:00:00Z"}]}',
            "at",
        ),
        (
            "afcars",
            '{"period": "2026A", "children": [{"id": "c1", "date_of_birth": "2010-01-01", '
            '"episodes": [], "determinations": [], "detail_completed": true, '
            '"detail_completed": false}]}',
            "detail_completed",
        ),
    ],
)
def test_a_key_given_twice_deep_inside_is_refused(command, text, key, tmp_path):
    _, prefix, name = COMMANDS[command]
    (tmp_path / "doc.json").write_text(text)
    expected = f'{prefix}{name}duplicate key "{key}" {TWICE}'
    _refused(_run(command, "doc.json", cwd=tmp_path), expected)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_document_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(command, tmp_path):
    good, prefix, name = COMMANDS[command]
    (tmp_path / "doc.json").write_bytes(_padded(good, MAX_DOCUMENT_BYTES))
    assert _run(command, "doc.json", cwd=tmp_path).returncode == 0
    (tmp_path / "doc.json").write_bytes(_padded(good, MAX_DOCUMENT_BYTES + 1))
    _refused(_run(command, "doc.json", cwd=tmp_path), f"{prefix}{name}{TOO_LARGE}")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_document_on_stdin_over_the_limit_is_refused(command, tmp_path):
    good, prefix, name = COMMANDS[command]
    stdin_name = "stdin: " if name else ""
    done = _run(command, "-", cwd=tmp_path, stdin=_padded(good, 3 * MAX_DOCUMENT_BYTES))
    _refused(done, f"{prefix}{stdin_name}{TOO_LARGE}")


def test_jsonl_gives_an_error_line_for_a_long_line_or_a_repeated_key_and_scores_the_rest(
    tmp_path,
):
    good = json.dumps(SCREENING).encode()
    lines = [
        good,
        _padded(SCREENING, MAX_DOCUMENT_BYTES + 1),
        good,
        _with_a_second(SCREENING, "answers").encode(),
        _padded(SCREENING, MAX_DOCUMENT_BYTES),  # exactly the limit: scored
    ]
    (tmp_path / "batch.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    done = _run("screen", "--jsonl", "batch.jsonl", cwd=tmp_path)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 5
    assert [r.get("tier") for r in out] == ["high_risk", None, "high_risk", None, "high_risk"]
    assert out[1] == {"error": f"line 2: {TOO_LARGE}", "line": 2}
    assert out[3] == {"error": f'line 4: duplicate key "answers" {TWICE}', "line": 4}
    assert done.returncode == 2
    assert done.stderr == (
        "safeharbor: 2 of 5 documents could not be scored (first: line 2); see their error lines\n"
    )


def test_jsonl_skips_a_long_last_line_without_a_newline(tmp_path):
    good = json.dumps(SCREENING).encode()
    (tmp_path / "batch.jsonl").write_bytes(good + b"\n" + b"[" + b" " * MAX_DOCUMENT_BYTES * 2)
    done = _run("screen", "--jsonl", "batch.jsonl", cwd=tmp_path)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert out[1:] == [{"error": f"line 2: {TOO_LARGE}", "line": 2}]
    assert done.returncode == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_help_states_the_limits(command, tmp_path):
    done = _run(command, "--help", cwd=tmp_path)
    assert "a document over 10 MB (10,485,760 bytes) is refused" in done.stdout
    assert "names a key twice" in done.stdout
