"""Golden files: each ``golden/NAME.input.json`` with ``NAME.output.json`` or ``NAME.stderr``.

Every case runs twice: through the functions (the domain's ``run_document``; for input that is
not JSON at all, the command's own ``read`` and ``decode``) and through the installed
``safeharbor afcars`` command as a subprocess (all subprocesses at once, so the suite stays quick).
"""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from safeharbor.cli.afcars import decode, read
from safeharbor.domain.errors import InputError
from safeharbor.domain.federal import run_document
from tests.domain.federal.support import GOLDEN, SAFEHARBOR

CASES = sorted(path.name.removesuffix(".input.json") for path in GOLDEN.glob("*.input.json"))
NOT_JSON = {"bad_malformed_json", "bad_empty_input", "bad_only_spaces", "bad_invalid_utf8"}


def expected_output(name: str) -> dict[str, object] | None:
    path = GOLDEN / f"{name}.output.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def expected_stderr(name: str) -> str:
    return (GOLDEN / f"{name}.stderr").read_text(encoding="utf-8")


def test_every_case_has_exactly_one_expectation():
    assert len(CASES) >= 100
    for name in CASES:
        has_output = (GOLDEN / f"{name}.output.json").exists()
        has_stderr = (GOLDEN / f"{name}.stderr").exists()
        assert has_output != has_stderr, name
        assert has_stderr == name.startswith("bad_"), name


def test_every_expected_file_has_its_input():
    expected = {p.name.split(".")[0] for p in GOLDEN.iterdir() if p.suffix in (".json", ".stderr")}
    assert expected == set(CASES)


@pytest.mark.parametrize("name", [name for name in CASES if name not in NOT_JSON])
def test_golden_through_the_functions(name):
    document = json.loads((GOLDEN / f"{name}.input.json").read_text(encoding="utf-8"))
    output = expected_output(name)
    if output is not None:
        assert run_document(document) == output
    else:
        with pytest.raises(InputError) as caught:
            run_document(document)
        assert f"safeharbor afcars: {caught.value}\n" == expected_stderr(name)


@pytest.mark.parametrize("name", sorted(NOT_JSON))
def test_input_that_is_not_json_through_the_functions(name, monkeypatch):
    monkeypatch.chdir(GOLDEN)
    path = f"{name}.input.json"
    with pytest.raises(InputError) as caught:
        decode(read(path), path)
    assert f"safeharbor afcars: {caught.value}\n" == expected_stderr(name)


def _run_cli(name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SAFEHARBOR), "afcars", f"{name}.input.json"],
        cwd=GOLDEN,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def cli_runs() -> dict[str, subprocess.CompletedProcess[str]]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(CASES, pool.map(_run_cli, CASES), strict=True))


@pytest.mark.parametrize("name", CASES)
def test_golden_through_the_command(name, cli_runs):
    run = cli_runs[name]
    output = expected_output(name)
    if output is not None:
        assert (run.returncode, run.stderr) == (0, "")
        assert json.loads(run.stdout) == output
    else:
        assert (run.returncode, run.stdout, run.stderr) == (2, "", expected_stderr(name))
