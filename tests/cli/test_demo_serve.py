"""``safeharbor demo-serve``: the demo's web server and worker start together and stop together."""

import signal
import subprocess
import sys
import time

from safeharbor.cli import demo_serve, main


def _children(monkeypatch, *scripts):
    commands = [[sys.executable, "-c", script] for script in scripts]
    monkeypatch.setattr(demo_serve, "commands", lambda args: commands)


def test_when_the_web_server_stops_the_worker_is_stopped_too(monkeypatch, tmp_path, capsys):
    (tmp_path / "manage.py").write_text("")
    monkeypatch.chdir(tmp_path)
    started = tmp_path / "worker-started"
    _children(
        monkeypatch,
        f"import pathlib, time; pathlib.Path({str(started)!r}).touch(); time.sleep(120)",
        "import time; time.sleep(1)",
    )
    began = time.monotonic()
    assert main(["demo-serve", "--port", "8199"]) == 0
    assert time.monotonic() - began < 60  # the sleeping worker did not keep it running
    assert started.exists()


def test_ctrl_c_stops_both(tmp_path):
    (tmp_path / "manage.py").write_text("")
    # Each child marks that it runs, so Ctrl-C comes once both are up, as a person's would.
    child = "import pathlib, sys, time; pathlib.Path(sys.argv[1]).touch(); time.sleep(120)"
    script = (
        "import sys\n"
        "from safeharbor.cli import demo_serve, main\n"
        f"child = {child!r}\n"
        "demo_serve.commands = lambda args: [[sys.executable, '-c', child, m] for m in 'ab']\n"
        "sys.exit(main(['demo-serve']))\n"
    )
    launcher = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not all((tmp_path / m).exists() for m in "ab") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all((tmp_path / m).exists() for m in "ab")
    launcher.send_signal(signal.SIGINT)
    assert launcher.wait(timeout=60) in (0, 130, -2)  # stopped, children with it
    result = subprocess.run(
        ["pgrep", "-P", str(launcher.pid)], capture_output=True, text=True, check=False
    )
    assert result.stdout == ""


def test_bad_options_and_a_wrong_folder_are_refused(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["demo-serve", "--port", "8199"]) == 2
    assert "beside manage.py" in capsys.readouterr().err
    (tmp_path / "manage.py").write_text("")
    assert main(["demo-serve", "--port", "0"]) == 2
    assert "--port must be 1-65535" in capsys.readouterr().err


def test_the_worker_stops_quietly_on_ctrl_c(monkeypatch, capsys, db):
    from safeharbor.cli import worker

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(worker, "_loop", interrupted)
    assert main(["worker"]) == 0
    assert capsys.readouterr().out == "safeharbor worker: stopped\n"
