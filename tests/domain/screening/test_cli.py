"""The real ``safeharbor screen`` and ``safeharbor instrument`` commands, run as subprocesses."""

from __future__ import annotations

import json
import sys

import pytest

from tests.domain.screening.support import BUNDLED_FILE, GOLDEN, LADDER_FILE, run_cli

ONE = GOLDEN / "ok" / "high_risk_two_episodes_in_window.json"


def assert_one_line_refusal(done, line: str) -> None:
    """Status 2, nothing on stdout, exactly ``line`` on stderr, and no traceback."""
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"safeharbor: {line}\n")


def test_screen_reads_stdin_when_file_is_a_dash():
    done = run_cli("screen", "-", stdin=ONE.read_bytes())
    assert done.returncode == 0
    assert json.loads(done.stdout)["tier"] == "high_risk"


def test_screen_refuses_a_file_that_does_not_exist():
    done = run_cli("screen", "no/such/screening.json")
    assert_one_line_refusal(done, "cannot read no/such/screening.json: No such file or directory")


def test_screen_refuses_a_directory():
    done = run_cli("screen", str(GOLDEN))
    assert_one_line_refusal(done, f"cannot read {GOLDEN}: Is a directory")


@pytest.mark.parametrize(
    ("stdin", "line"),
    [
        (b'{"as_of": "2026-05-01", "answers": {"hotels_for_sex": "\xff"}}', None),
        ("[" * 200_000, "malformed JSON: nested too deeply"),
        ('{"as_of": "2026-05-01", "answers": {"hotels_for_sex": "yes"}}{}', None),
    ],
)
def test_screen_never_prints_a_traceback(stdin, line):
    done = run_cli("screen", "-", stdin=stdin)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    if line:
        assert done.stderr == f"safeharbor: {line}\n"


def test_screen_without_a_file_is_a_usage_error():
    done = run_cli("screen")
    assert done.returncode == 2
    assert done.stderr == "safeharbor screen: error: the following arguments are required: FILE|-\n"


def test_screen_help_documents_jsonl_and_instrument_file():
    done = run_cli("screen", "--help")
    assert done.returncode == 0
    for words in ("--jsonl", "--instrument-file PATH", '"at_risk_count"', "exit status: 0 scored"):
        assert words in done.stdout


def test_jsonl_with_no_lines_prints_nothing_and_succeeds():
    done = run_cli("screen", "--jsonl", "-", stdin=b"")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_jsonl_without_a_final_newline_scores_the_last_line():
    lines = '{"as_of": "2026-05-01"}\n{"as_of": "2026-05-01", "answers": {"hotels_for_sex": "yes"}}'
    done = run_cli("screen", "--jsonl", "-", stdin=lines)
    assert done.returncode == 0
    assert [json.loads(line)["tier"] for line in done.stdout.splitlines()] == [
        "no_indicators",
        "high_risk",
    ]


def test_jsonl_accepts_windows_line_endings():
    lines = '{"as_of": "2026-05-01"}\r\n{"as_of": "2026-05-01"}\r\n'
    done = run_cli("screen", "--jsonl", "-", stdin=lines)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 2


def test_jsonl_gives_a_line_that_is_not_utf8_an_error_line_and_scores_the_rest():
    lines = b'{"as_of": "2026-05-01"}\n{"as_of": "\xff"}\n{"as_of": "2026-05-01"}\n'
    done = run_cli("screen", "--jsonl", "-", stdin=lines)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert out[1] == {"error": "line 2: malformed JSON: the text is not UTF-8", "line": 2}
    assert [r.get("tier") for r in out] == ["no_indicators", None, "no_indicators"]
    assert done.returncode == 2


def test_instrument_file_scores_with_the_test_instrument_and_only_it():
    document = '{"instrument": "htcsec-screen", "as_of": "2026-05-01"}'
    done = run_cli("screen", "--instrument-file", str(LADDER_FILE), "-", stdin=document)
    assert_one_line_refusal(
        done, 'instrument: "htcsec-screen" is not a known instrument (known: synthetic-ladder)'
    )


def test_instrument_file_works_in_jsonl_mode():
    lines = (
        '{"as_of": "2026-05-01"}\n{"as_of": "2026-05-01", "answers": {"immediate_danger": "yes"}}\n'
    )
    done = run_cli("screen", "--jsonl", "--instrument-file", str(LADDER_FILE), "-", stdin=lines)
    assert done.returncode == 0
    assert [json.loads(line)["tier"] for line in done.stdout.splitlines()] == [
        "all_clear",
        "urgent",
    ]


def test_a_broken_instrument_file_is_refused_before_any_document(tmp_path):
    broken = tmp_path / "draft.toml"
    broken.write_text(BUNDLED_FILE.read_text().replace('tier = "high_risk"', 'tier = "hi_risk"', 1))
    done = run_cli("screen", "--instrument-file", str(broken), str(ONE))
    assert_one_line_refusal(
        done,
        f"{broken}: indicators[3].tier: 'hi_risk' is not a tier (tiers: confirmed, high_risk, "
        "moderate_risk, at_risk, no_indicators)",
    )


def test_a_missing_instrument_file_is_refused(tmp_path):
    done = run_cli("screen", "--instrument-file", str(tmp_path / "none.toml"), str(ONE))
    assert_one_line_refusal(
        done, f"cannot read {tmp_path / 'none.toml'}: No such file or directory"
    )


def test_instrument_check_accepts_the_bundled_and_the_test_instrument():
    for path, line in [
        (BUNDLED_FILE, "OK htcsec-screen 2016-04-07: 23 indicators, 1 rule, 5 tiers, 6 actions\n"),
        (LADDER_FILE, "OK synthetic-ladder 2024-01-01: 7 indicators, 1 rule, 4 tiers, 4 actions\n"),
    ]:
        done = run_cli("instrument", "check", str(path))
        assert (done.returncode, done.stdout, done.stderr) == (0, line, "")


def test_instrument_check_names_file_place_and_problem(tmp_path):
    broken = tmp_path / "draft.toml"
    broken.write_text(LADDER_FILE.read_text().replace("at_most = 1", "at_most = 0"))
    done = run_cli("instrument", "check", str(broken))
    assert_one_line_refusal(done, f"{broken}: tiers[0].when.at_most: 0 is less than 1")


def test_instrument_check_refuses_a_file_that_is_not_utf8(tmp_path):
    broken = tmp_path / "draft.toml"
    broken.write_bytes(b'id = "\xff"\n')
    done = run_cli("instrument", "check", str(broken))
    assert_one_line_refusal(done, f"cannot read {broken}: it is not UTF-8 text")


def test_instrument_without_an_action_is_a_usage_error():
    done = run_cli("instrument")
    assert done.returncode == 2
    assert done.stderr.startswith("safeharbor instrument: error: the following arguments")


def test_instrument_list_shows_each_bundled_version():
    done = run_cli("instrument", "list")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "htcsec-screen  2016-04-07  latest  "
        "Screening for human sex trafficking and commercial sexual exploitation\n"
    )


def test_instrument_show_prints_questions_by_tier_and_the_protocol():
    done = run_cli("instrument", "show", "htcsec-screen", "--version", "2016-04-07")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[2] == "Confirmed victim of trafficking (confirmed)"
    assert "rule at_risk_4_or_more: Four or more at-risk indicators" in lines
    assert "2  moderate_risk: Moderate risk of trafficking -> consultation_meeting" in lines
    assert "0  no_indicators: No indicators identified -> none" in lines


def test_instrument_show_refuses_an_unknown_version():
    done = run_cli("instrument", "show", "--version", "1999-01-01")
    assert_one_line_refusal(
        done, 'version: htcsec-screen has no version "1999-01-01" (versions: 2016-04-07)'
    )


def test_screening_loads_neither_django_nor_a_database_driver():
    probe = (
        "import sys; from safeharbor.cli.screen import run; from types import SimpleNamespace;"
        f"run(SimpleNamespace(file={str(ONE)!r}, jsonl=False, instrument_file=None));"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'psycopg', 'sqlite3'});"
        "print(heavy, file=sys.stderr)"
    )
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert done.stderr == "[]\n"
