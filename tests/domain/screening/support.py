"""Paths and helpers shared by the screening tests (no Django: plain pytest)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
LADDER_FILE = HERE / "instruments" / "synthetic-ladder.toml"
BUNDLED_FILE = (
    Path(__file__).parents[3]
    / "src/safeharbor/domain/screening/instruments/htcsec-screen/2016-04-07.toml"
)
# The installed console script beside the interpreter running the tests (.venv/bin/safeharbor).
SAFEHARBOR = Path(sys.executable).with_name("safeharbor")


def run_cli(*args: str, stdin: str | bytes = b"") -> subprocess.CompletedProcess[str]:
    """Run the real ``safeharbor`` command and capture its output as text."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    done = subprocess.run(
        [str(SAFEHARBOR), *args], input=data, capture_output=True, timeout=120, check=False
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def golden_inputs(folder: str) -> list[Path]:
    """Return the input documents of one golden folder, sorted by name."""
    return sorted(
        p
        for p in (GOLDEN / folder).iterdir()
        if p.suffix in {".json", ".txt"} and ".out" not in p.name
    )


def expected_output(case: Path) -> dict[str, object]:
    """Return the expected result stored beside a golden input."""
    return json.loads(case.with_name(case.stem + ".out.json").read_text())


def expected_error(case: Path) -> str:
    """Return the expected stderr line stored beside a bad golden input."""
    return case.with_name(case.stem + ".err").read_text()
