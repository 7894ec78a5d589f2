"""docs/clocks.md stays true: its rules table is ``RULES`` and its example is a golden file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from safeharbor.domain.clocks import RULES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "clocks.md"
GOLDEN = Path(__file__).parent / "golden"
EXAMPLE = "docs_example_high_risk_after_intake"


def rules_table_rows() -> list[list[str]]:
    section = DOCS.read_text(encoding="utf-8").split("## The rules", 1)[1].split("\n\n", 2)[2]
    lines = [line for line in section.split("\n\n", 1)[0].splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_the_rules_table_in_the_docs_is_the_rules_table_in_the_code():
    expected = [
        [
            f"`{rule.event}`"
            + (" (only if `alleges_htcsec`)" if rule.only_if_alleges_htcsec else "")
            + (" (only if `identified_victim`)" if rule.only_if_identified_victim else ""),
            f"`{rule.tier}`" if rule.tier else "",
            f"`{rule.opens}`",
            f"{rule.hours:g}",
            f"`{rule.policy_key}`" if rule.policy_key else "",
            rule.source,
        ]
        for rule in RULES
    ]
    assert rules_table_rows() == expected


def test_the_command_example_in_the_docs_is_a_golden_file():
    blocks = re.findall(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    document, output = (json.loads(block) for block in blocks)
    assert document == json.loads((GOLDEN / f"{EXAMPLE}.input.json").read_text(encoding="utf-8"))
    assert output == json.loads((GOLDEN / f"{EXAMPLE}.output.json").read_text(encoding="utf-8"))
