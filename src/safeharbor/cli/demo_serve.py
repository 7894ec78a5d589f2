"""``safeharbor demo-serve``: the demo's web server and escalation worker in one command.

``make demo`` runs it, so escalation runs by itself beside the pages (SPEC §5: "without anyone
having to look") with no second terminal. Ctrl-C (or SIGTERM) stops both; if either stops on
its own, the other is stopped too, so a half-running demo never lingers. Production runs the
two as separate services instead (deploy/, docs/production.md).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

GRACE_SECONDS = 10.0


def register(subparsers: Any) -> None:
    """Add the ``demo-serve`` subcommand."""
    parser = subparsers.add_parser(
        "demo-serve",
        help="serve the demo and run the escalation worker beside it (Ctrl-C stops both)",
        description="Run from the checkout (beside manage.py) with SAFEHARBOR_ENV=development, "
        "as 'make demo' does.",
    )
    parser.add_argument("--port", type=int, default=8000, help="port to serve (default 8000)")
    parser.add_argument(
        "--interval", type=float, default=30.0, help="seconds between worker passes (default 30)"
    )
    parser.set_defaults(handler=run)


def commands(args: argparse.Namespace) -> list[list[str]]:
    """Return the worker's and the web server's command lines."""
    worker = [sys.executable, "-m", "safeharbor", "worker", "--interval", f"{args.interval:g}"]
    web = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{args.port}"]
    return [worker, web]


def run(args: argparse.Namespace) -> int:
    """Start the worker and the web server; stop both when either stops or on Ctrl-C."""
    if not 0 < args.port < 65536 or args.interval <= 0:
        sys.stderr.write("safeharbor: --port must be 1-65535 and --interval positive\n")
        return 2
    if not Path("manage.py").exists():
        sys.stderr.write("safeharbor: run demo-serve from the checkout, beside manage.py\n")
        return 2
    previous = signal.signal(signal.SIGTERM, _interrupt)
    # A shell's background job (and a test runner's worker) starts with Ctrl-C ignored, and an
    # ignored signal stays ignored in the children: answer it here, so both get it too.
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    # E-mails link back to the port being served, unless the deployment says otherwise.
    env = {"SAFEHARBOR_BASE_URL": f"http://127.0.0.1:{args.port}", **os.environ}
    # The command lines are our own (this Python, fixed arguments, a validated port): no input.
    children = [subprocess.Popen(command, env=env) for command in commands(args)]  # noqa: S603
    ended: list[int] = []  # exit statuses of children that stopped on their own
    try:
        while not ended:
            time.sleep(0.2)
            ended = [child.returncode for child in children if child.poll() is not None]
    except KeyboardInterrupt:
        pass
    finally:
        _stop(children)
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
    return next((status for status in ended if status), 0)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Treat SIGTERM as Ctrl-C: stop both children."""
    raise KeyboardInterrupt


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    """Ask each running child to stop (SIGINT, as Ctrl-C would), then insist after a grace."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
