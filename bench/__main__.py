"""Run every benchmark (``make bench``), or those named: ``python -m bench screening``."""

from __future__ import annotations

import importlib
import sys

# Each module has ``run() -> None`` and prints its own figures.
BENCHMARKS: tuple[str, ...] = ("bench.structure", "bench.screening", "bench.escalation")


def main(names: list[str]) -> int:
    """Run the named benchmarks, or all of them."""
    chosen = [n for n in BENCHMARKS if not names or n.rsplit(".", 1)[-1] in names]
    if not chosen:
        print("no benchmark matches: " + ", ".join(names), file=sys.stderr)
        return 2
    for name in chosen:
        print(f"== {name}")
        importlib.import_module(name).run()
    return 0


raise SystemExit(main(sys.argv[1:]))
