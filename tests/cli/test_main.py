"""The `safeharbor` console script."""

import subprocess
from pathlib import Path

from safeharbor import __version__

SAFEHARBOR = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "safeharbor")


def _run(*args):
    return subprocess.run([SAFEHARBOR, *args], capture_output=True, text=True, timeout=60)


def test_version_prints_the_package_version():
    result = _run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"safeharbor {__version__}")


def test_help_describes_the_command():
    result = _run("--help")
    assert result.returncode == 0
    assert "usage: safeharbor" in result.stdout
    assert "trafficking" in result.stdout


def test_an_unknown_subcommand_is_one_line_and_status_2():
    result = _run("frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid choice: 'frobnicate'" in result.stderr
