"""Batch screening speed: ``safeharbor screen --jsonl`` against reading and writing the same JSON.

Goal: scoring costs at most 3x a plain JSON read-and-write of the same documents. Both sides run
as a subprocess over the same file (start-up included) and write their output to a file; the
best of three runs counts. The documents are synthetic and generated deterministically.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCUMENTS = 100_000
RUNS = 3
GOAL = 3.0
SEED = 20160407

# Read and write each line with the same json module the CLI uses: the honest floor.
BASELINE = """
import json, sys
with open(sys.argv[1], "rb") as source, open(sys.argv[2], "w", encoding="utf-8") as sink:
    for line in source:
        sink.write(json.dumps(json.loads(line)) + "\\n")
"""


def run() -> None:
    """Generate the documents, time both commands, print the figures."""
    with tempfile.TemporaryDirectory(prefix="safeharbor-bench-") as folder:
        documents, output = Path(folder) / "screenings.jsonl", Path(folder) / "out.jsonl"
        documents.write_text("".join(json.dumps(d) + "\n" for d in generate(DOCUMENTS)))
        cli = [str(Path(sys.executable).with_name("safeharbor")), "screen", "--jsonl"]
        plain = [sys.executable, "-c", BASELINE, str(documents), str(Path(folder) / "plain")]
        screen, baseline = [], []
        for _ in range(RUNS):  # alternate, so that a busy moment hurts both sides alike
            screen.append(timed([*cli, str(documents)], output))
            _check_output(output)
            baseline.append(timed(plain, None))
    ratio = min(screen) / min(baseline)
    print(f"documents            {DOCUMENTS:>10,}  (best of {RUNS} runs each)")
    print(_figures("screen --jsonl", min(screen), "screenings/s"))
    print(_figures("json read-and-write", min(baseline), "documents/s"))
    print(f"ratio                {ratio:>10.2f} x  (goal: at most {GOAL:.0f}x)")
    print("goal met" if ratio <= GOAL else "GOAL MISSED")


def _figures(label: str, seconds: float, unit: str) -> str:
    """Format one timing line."""
    return f"{label:<20} {seconds:>10.3f} s  {DOCUMENTS / seconds:>10,.0f} {unit}"


def timed(command: list[str], output: Path | None) -> float:
    """Run ``command`` with stdout to ``output`` and return its wall time in seconds."""
    with open(output or "/dev/null", "w") as sink:
        start = time.perf_counter()
        subprocess.run(command, stdout=sink, check=True)  # noqa: S603 (our own commands)
        return time.perf_counter() - start


def _check_output(output: Path) -> None:
    """Refuse to report a speed for output that is not one result per document."""
    with output.open() as results:
        count = sum(1 for line in results if '"tier"' in line)
    if count != DOCUMENTS:
        raise SystemExit(f"expected {DOCUMENTS} results, got {count}")


def generate(count: int) -> list[dict[str, object]]:
    """Return ``count`` synthetic screening documents, the same ones every time."""
    from safeharbor.domain.screening import bundled_registry

    rng = random.Random(SEED)
    ids = [i.id for i in bundled_registry().get().indicators]
    return [_document(rng, ids) for _ in range(count)]


def _document(rng: random.Random, ids: list[str]) -> dict[str, object]:
    """Return one document: a few answers, sometimes with source and note, 0-3 episodes."""
    as_of = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(900))
    answers: dict[str, object] = {}
    for indicator in rng.sample(ids, rng.randrange(len(ids) + 1)):
        value = rng.choice(["yes", "no", "no", "unknown", True, False])
        if rng.random() < 0.1:
            value = {"value": value, "source": "records", "note": "synthetic note"}
        answers[indicator] = value
    return {
        "instrument": "htcsec-screen",
        "as_of": as_of.isoformat(),
        "answers": answers,
        "missing_episodes": [_episode(rng, as_of) for _ in range(rng.choice([0, 0, 1, 2, 3]))],
    }


def _episode(rng: random.Random, as_of: dt.date) -> dict[str, object]:
    """Return one missing episode on or before ``as_of``."""
    missing = as_of - dt.timedelta(days=rng.randrange(400))
    returned = missing + dt.timedelta(days=rng.randrange(10))
    return {
        "reported_missing": missing.isoformat(),
        "returned": returned.isoformat() if returned <= as_of and rng.random() < 0.8 else None,
    }
