"""docs/federal.md stays true: its tables are the code's, its examples are golden files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from safeharbor.domain.federal import Role, Rule, bundled_mappings
from tests.domain.federal.support import GOLDEN

DOCS = Path(__file__).resolve().parents[3] / "docs" / "federal.md"
TEXT = DOCS.read_text(encoding="utf-8")


def table_rows(heading: str) -> list[list[str]]:
    section = TEXT.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_the_elements_table_is_the_mapping_in_force():
    (mapping,) = bundled_mappings()
    expected = [
        [f"`{mapping[role].number}`", f"`{mapping[role].xml_name}`", mapping[role].citation]
        for role in Role
    ]
    assert [row[:3] for row in table_rows("The elements")] == expected


def test_the_findings_table_names_every_rule():
    assert [row[0] for row in table_rows("The findings")] == [f"`{rule}`" for rule in Rule]


def test_the_command_example_is_a_golden_file():
    blocks = re.findall(r"```json\n(.*?)```", TEXT, flags=re.S)
    document, output = (json.loads(block) for block in blocks)
    assert document == json.loads((GOLDEN / "docs_example.input.json").read_text("utf-8"))
    assert output == json.loads((GOLDEN / "docs_example.output.json").read_text("utf-8"))


def test_every_error_line_in_the_docs_is_a_golden_file():
    stderr = {path.read_text("utf-8").rstrip("\n") for path in GOLDEN.glob("*.stderr")}
    quoted = [line for line in TEXT.splitlines() if line.startswith("safeharbor afcars: ")]
    assert len(quoted) == 5
    for line in quoted:
        assert line in stderr
