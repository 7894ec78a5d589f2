"""Golden files: each input document and its expected result (or stderr line), run two ways.

Through ``screen_document`` (the domain) and through the real ``safeharbor screen`` command, one
document at a time and all together with ``--jsonl``. The files double as examples for agencies
(docs/screening.md lists them). After a deliberate change of output, regenerate the expected
files with ``SAFEHARBOR_UPDATE_GOLDEN=1 .venv/bin/pytest tests/domain/screening/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import Registry, bundled_registry, screen_document
from tests.domain.screening.support import (
    GOLDEN,
    LADDER_FILE,
    expected_error,
    expected_output,
    golden_inputs,
    run_cli,
)

UPDATE = os.environ.get("SAFEHARBOR_UPDATE_GOLDEN") == "1"
OK = golden_inputs("ok")
BAD = golden_inputs("bad")
LADDER = golden_inputs("ladder")


def _name(case: Path) -> str:
    return case.stem


def _check_result(case: Path, result: dict[str, object]) -> None:
    """Compare with the stored result, or store it when regenerating."""
    if UPDATE:
        case.with_name(case.stem + ".out.json").write_text(json.dumps(result, indent=2) + "\n")
    assert result == expected_output(case)


def test_golden_files_cover_every_tier_and_every_indicator(htcsec):
    results = [expected_output(case) for case in OK]
    assert {r["tier"] for r in results} == {t.id for t in htcsec.tiers}
    present = {i for r in results for i in r["reasons"]} | {
        i for r in results for i in r["derived"]
    }
    inputs = [json.loads(case.read_text()) for case in OK]
    answered_yes = {
        key
        for doc in inputs
        for key, value in doc.get("answers", {}).items()
        if value in ("yes", True) or (isinstance(value, dict) and value["value"] in ("yes", True))
    }
    assert {i.id for i in htcsec.indicators} <= present | answered_yes


@pytest.mark.parametrize("case", OK, ids=_name)
def test_golden_document_scores_to_its_expected_result(case):
    result = screen_document(case.read_bytes(), bundled_registry()).to_dict()
    _check_result(case, json.loads(json.dumps(result)))


@pytest.mark.parametrize("case", BAD, ids=_name)
def test_golden_bad_document_is_refused_with_its_one_line_message(case):
    with pytest.raises(InputError) as caught:
        screen_document(case.read_bytes(), bundled_registry())
    assert f"safeharbor: {caught.value}\n" == expected_error(case)


@pytest.mark.parametrize("case", OK, ids=_name)
def test_cli_prints_the_golden_result(case):
    done = run_cli("screen", str(case))
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == expected_output(case)


@pytest.mark.parametrize("case", BAD, ids=_name)
def test_cli_refuses_bad_golden_input_with_one_stderr_line_and_status_2(case):
    done = run_cli("screen", str(case))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", expected_error(case))


def test_cli_jsonl_scores_every_golden_document_in_order_with_error_lines_for_bad_ones():
    cases = OK + BAD
    lines = [" ".join(case.read_text().split()) for case in cases]  # one line per document
    done = run_cli("screen", "--jsonl", "-", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in done.stdout.splitlines()]
    expected = [expected_output(case) for case in OK] + [
        {"error": f"line {n}: {_batch_message(case)}", "line": n}
        for n, case in enumerate(BAD, start=len(OK) + 1)
    ]
    assert out == expected
    assert done.returncode == 2
    assert done.stderr == (
        f"safeharbor: {len(BAD)} of {len(cases)} documents could not be scored "
        f"(first: line {len(OK) + 1}); see their error lines\n"
    )


def _batch_message(case: Path) -> str:
    """Return the message a bad document gets as a line of a batch (an empty one is blank)."""
    if not case.read_text().strip():
        return "blank line (expected one JSON document)"
    return expected_error(case).removeprefix("safeharbor: ").strip()


def test_cli_jsonl_golden_batch_keeps_line_order_and_flags_blank_lines():
    source = GOLDEN / "batch" / "screenings.jsonl"
    done = run_cli("screen", "--jsonl", str(source))
    if UPDATE:
        (GOLDEN / "batch" / "screenings.out.jsonl").write_text(done.stdout)
        (GOLDEN / "batch" / "screenings.err").write_text(done.stderr)
    assert done.returncode == 2
    assert done.stdout == (GOLDEN / "batch" / "screenings.out.jsonl").read_text()
    assert done.stderr == (GOLDEN / "batch" / "screenings.err").read_text()
    assert len(done.stdout.splitlines()) == len(source.read_text().splitlines())


@pytest.mark.parametrize("case", LADDER, ids=_name)
def test_test_instrument_golden_document_scores_through_the_same_engine(case, ladder):
    result = screen_document(case.read_bytes(), Registry.of(ladder)).to_dict()
    _check_result(case, json.loads(json.dumps(result)))


@pytest.mark.parametrize("case", LADDER, ids=_name)
def test_cli_scores_test_instrument_golden_document_with_instrument_file(case):
    done = run_cli("screen", "--instrument-file", str(LADDER_FILE), str(case))
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == expected_output(case)
