"""``safeharbor clocks``: stdin, unreadable input, one document out, one stderr line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from safeharbor.cli import build_parser, main

GOLDEN = Path(__file__).parent / "golden"
SAFEHARBOR = Path(sys.executable).with_name("safeharbor")
EXAMPLE = GOLDEN / "row_youth_missing_opens_both_reports.input.json"


def test_the_command_reads_stdin_for_a_dash():
    run = subprocess.run(
        [str(SAFEHARBOR), "clocks", "-"],
        input=EXAMPLE.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    expected = GOLDEN / "row_youth_missing_opens_both_reports.output.json"
    assert json.loads(run.stdout) == json.loads(expected.read_text(encoding="utf-8"))


def test_output_is_one_json_document_in_utc(capsys):
    assert main(["clocks", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("}\n")
    document = json.loads(out)
    assert list(document) == ["obligations"]
    first = document["obligations"][0]
    assert list(first)[:8] == [
        "kind",
        "opened_at",
        "due",
        "status",
        "satisfied_at",
        "on_time",
        "escalate_to",
        "source",
    ]
    assert first["due"] == "2026-05-10T23:15:00Z"


def test_an_unreadable_file_is_one_line_and_exit_2(tmp_path, capsys):
    missing = tmp_path / "no-such-file.json"
    assert main(["clocks", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"safeharbor: cannot read {missing}: No such file or directory\n"


def test_a_directory_is_unreadable(tmp_path, capsys):
    assert main(["clocks", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"safeharbor: cannot read {tmp_path}: Is a directory\n"


def test_text_that_is_not_utf8_is_refused(tmp_path, capsys):
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"now": "caf\u00e9"}'.encode("latin-1"))
    assert main(["clocks", str(latin1)]) == 2
    assert capsys.readouterr().err == f"safeharbor: {latin1}: not UTF-8 text\n"


def test_json_nested_too_deeply_is_refused_without_a_traceback(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    assert main(["clocks", str(deep)]) == 2
    assert capsys.readouterr().err == f"safeharbor: {deep}: not valid JSON (nested too deeply)\n"


def test_a_missing_file_argument_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["clocks"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "the following arguments are required: FILE|-" in err


def test_clocks_is_a_registered_subcommand():
    assert "clocks" in build_parser().format_help()


def test_the_command_module_does_not_load_django_or_the_apps():
    code = (
        "import sys; from safeharbor.cli import main; "
        f"main(['clocks', {str(EXAMPLE)!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django' "
        "or m.startswith(('safeharbor.cases', 'safeharbor.config', 'safeharbor.audit'))), "
        "file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.stderr == "[]\n"
