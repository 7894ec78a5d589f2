"""``safeharbor afcars``: stdin, unreadable input, one document out, one stderr line and exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from safeharbor.cli import build_parser, main
from tests.domain.federal.support import GOLDEN, SAFEHARBOR

EXAMPLE = GOLDEN / "docs_example.input.json"
EXPECTED = json.loads((GOLDEN / "docs_example.output.json").read_text(encoding="utf-8"))


def run_command(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(SAFEHARBOR), "afcars", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_the_command_reads_stdin_for_a_dash():
    run = run_command("-", stdin=EXAMPLE.read_bytes())
    assert (run.returncode, run.stderr) == (0, b"")
    assert json.loads(run.stdout) == EXPECTED


def test_input_and_output_are_utf8_whatever_the_terminal_encoding():
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["children"][0]["id"] = "Niñez-0107"
    run = subprocess.run(
        [str(SAFEHARBOR), "afcars", "-"],
        input=json.dumps(document, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
        env={"LC_ALL": "C", "PYTHONIOENCODING": "ascii:strict"},
    )
    assert (run.returncode, run.stderr) == (0, b"")
    assert '"child": "Niñez-0107"'.encode() in run.stdout


def test_output_is_one_indented_json_document(capsys):
    assert main(["afcars", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n  "period": "2026A",\n')
    assert out.endswith("}\n")
    assert json.loads(out) == EXPECTED


def test_a_byte_order_mark_is_allowed(tmp_path, capsys):
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert main(["afcars", str(with_bom)]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_a_file_that_does_not_exist_is_one_line_and_exit_2(tmp_path, capsys):
    missing = tmp_path / "no-such-file.json"
    assert main(["afcars", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"safeharbor afcars: cannot read {missing}: No such file or directory\n"


def test_a_directory_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["afcars", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"safeharbor afcars: cannot read {tmp_path}: Is a directory\n"


def test_empty_stdin_is_one_line_and_exit_2():
    run = run_command("-", stdin=b"")
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr == b"safeharbor afcars: stdin: empty input (expected one JSON document)\n"


def test_stdin_that_is_not_utf8_is_one_line_and_exit_2():
    run = run_command("-", stdin=b'{"period": "2026A", "children": [{"id": "\xff"}]}')
    assert (run.returncode, run.stderr) == (2, b"safeharbor afcars: stdin: not UTF-8 text\n")


def test_json_nested_too_deeply_is_refused_without_a_traceback(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    assert main(["afcars", str(deep)]) == 2
    assert capsys.readouterr().err == (
        f"safeharbor afcars: {deep}: not valid JSON (nested too deeply)\n"
    )


def test_a_fault_of_our_own_is_one_line_and_exit_70(monkeypatch, capsys):
    import safeharbor.domain.federal as federal

    def broken(document):
        raise KeyError("oops")

    monkeypatch.setattr(federal, "run_document", broken)
    assert main(["afcars", str(EXAMPLE)]) == 70
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "safeharbor afcars: internal error, please report it: KeyError: 'oops'\n"
    )


def test_a_missing_file_argument_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["afcars"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "the following arguments are required: FILE|-" in err


def test_afcars_is_a_registered_subcommand_with_its_contract_in_the_help():
    assert "afcars" in build_parser().format_help()
    run = run_command("--help")
    assert run.returncode == 0
    assert b"exit status: 0" in run.stdout
    assert b"E106" in run.stdout


def test_the_command_does_not_load_django_or_the_apps():
    code = (
        "import sys; from safeharbor.cli import main; "
        f"main(['afcars', {str(EXAMPLE)!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'psycopg') "
        "or m.startswith(('safeharbor.cases', 'safeharbor.config', 'safeharbor.audit'))), "
        "file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.stderr == "[]\n"


def test_stdin_in_process_is_read_as_bytes(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes()), encoding="ascii")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["afcars", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_a_stdout_without_bytes_underneath_gets_text(monkeypatch):
    text_only = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text_only)
    assert main(["afcars", str(EXAMPLE)]) == 0
    assert json.loads(text_only.getvalue()) == EXPECTED
