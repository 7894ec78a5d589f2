"""The production server in a subprocess: gunicorn with deploy/gunicorn.conf.py, SAFEHARBOR_ENV
production, on a free loopback port; stopped (gracefully, by its own process id) at the end."""

from __future__ import annotations

import http.client
import os
import runpy
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.pages.common import FIELD_KEY, ROOT

CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
READY_TIMEOUT = 120.0
STOP_TIMEOUT = 45.0  # longer than the config's graceful_timeout


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its process, port and log file."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shape() -> tuple[int, int]:
    """Return the processes and threads per process deploy/gunicorn.conf.py gives this machine."""
    config = runpy.run_path(str(CONFIG))
    return int(config["workers"]), int(config["threads"])


def environment(database_url: str) -> dict[str, str]:
    """Return what production needs to start: a fresh secret, the field key, host and database."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        SAFEHARBOR_ENV="production",
        DJANGO_SETTINGS_MODULE="safeharbor.config.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        SAFEHARBOR_FIELD_KEYS=FIELD_KEY,
        SAFEHARBOR_AUDIT_CHECKPOINT_KEYS=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
    )
    return env


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_until_ready(server: Server) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {server.process.returncode}: see {server.log}"
            )
        if _answers(server.port):
            return
        time.sleep(0.5)
    raise RuntimeError(
        f"gunicorn did not answer /healthz in {READY_TIMEOUT:.0f} s: see {server.log}"
    )


def _stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()  # SIGTERM to the arbiter: a graceful stop
        try:
            server.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@contextmanager
def serving(database_url: str, log: Path) -> Iterator[Server]:
    """Run gunicorn for the length of the ``with`` block; its output goes to ``log``."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "--bind", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=ROOT,
            env=environment(database_url),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the benchmark, which stops it in order
        )
        server = Server(process, port, log)
        try:
            _wait_until_ready(server)
            yield server
        finally:
            _stop(server)
