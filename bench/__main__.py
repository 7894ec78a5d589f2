"""Run every benchmark (``make bench``), or those named: ``python -m bench screening``.

Options after a single name go to that benchmark: ``python -m bench pages --youth 100000``.
"""

from __future__ import annotations

import importlib
import sys

# Each module has ``run() -> None`` (or an exit status) and prints its own figures; a module
# whose ``run`` takes arguments gets the options given after its name.
BENCHMARKS: tuple[str, ...] = (
    "bench.structure",
    "bench.screening",
    "bench.escalation",
    "bench.pages",
)


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all when none is named), with any options given after one."""
    split = next((i for i, arg in enumerate(argv) if arg.startswith("-")), len(argv))
    names, options = argv[:split], argv[split:]
    chosen = [n for n in BENCHMARKS if not names or n.rsplit(".", 1)[-1] in names]
    if not chosen:
        print("no benchmark matches: " + ", ".join(names), file=sys.stderr)
        return 2
    if options and len(chosen) != 1:
        print("options go to one benchmark: name it first (pages --youth 2000)", file=sys.stderr)
        return 2
    status = 0
    for name in chosen:
        print(f"== {name}")
        module = importlib.import_module(name)
        result = module.run(options) if options else module.run()
        status = max(status, result or 0)
    return status


raise SystemExit(main(sys.argv[1:]))
