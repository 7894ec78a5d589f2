"""The house's figures: function lengths, long modules, and apps that import each other in a circle.

``python -m bench structure`` prints them for ``src/safeharbor`` (migrations aside). Goals
(issue 11, ARCHITECTURE §3): median function <= 8 lines, p90 <= 25, no module over 500 lines,
no two top-level packages in an import circle (module-level imports; ``TYPE_CHECKING`` blocks
are not imports at run time and are skipped).
"""

from __future__ import annotations

import ast
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "safeharbor"
MAX_MODULE_LINES = 500


def _modules() -> Iterator[tuple[Path, ast.Module, int]]:
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        yield path, ast.parse(text), text.count("\n")


def _package(path: Path) -> str | None:
    """Return the top-level package a module belongs to (None for a top-level module)."""
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else None


def _imported_packages(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n.split(".")[1] for n in names if n.startswith("safeharbor.") and n.count(".") >= 1}


def _circles(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Return each pair of packages that reach each other through imports."""

    def reaches(start: str) -> set[str]:
        seen: set[str] = set()
        stack = list(edges.get(start, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))
        return seen

    reach = {package: reaches(package) for package in edges}
    return sorted((a, b) for a in reach for b in reach[a] if a < b and a in reach.get(b, set()))


@dataclass(frozen=True)
class Figures:
    """What ``run`` prints."""

    sizes: list[int]
    longest: list[tuple[int, str]]
    long_modules: list[tuple[str, int]]
    circles: list[tuple[str, str]]

    @property
    def median(self) -> float:
        """Return the median function length in lines."""
        return statistics.median(self.sizes)

    @property
    def p90(self) -> int:
        """Return the 90th-percentile function length in lines."""
        return self.sizes[int(len(self.sizes) * 0.9)]


def figures() -> Figures:
    """Return the figures of ``src/safeharbor`` as it is on disk."""
    lengths: list[tuple[int, str]] = []
    long_modules: list[tuple[str, int]] = []
    edges: dict[str, set[str]] = defaultdict(set)
    for path, tree, lines in _modules():
        rel = str(path.relative_to(ROOT))
        if lines > MAX_MODULE_LINES:
            long_modules.append((rel, lines))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                lengths.append((size, f"{rel}:{node.lineno} {node.name}"))
        package = _package(path)
        if package is not None:
            edges[package] |= _imported_packages(tree) - {package}
    return Figures(
        sizes=sorted(size for size, _ in lengths),
        longest=sorted(lengths, reverse=True)[:10],
        long_modules=long_modules,
        circles=_circles(edges),
    )


def run() -> None:
    """Print the figures and the ten longest functions."""
    found = figures()
    print(
        f"structure: {len(found.sizes)} functions, median {found.median} lines, "
        f"p90 {found.p90} (goals 8 and 25); the longest:"
    )
    for size, where in found.longest:
        print(f"  {size:4d}  {where}")
    for rel, lines in found.long_modules:
        print(f"module over {MAX_MODULE_LINES} lines: {rel} ({lines})")
    for a, b in found.circles:
        print(f"packages in an import circle: {a} <-> {b}")
    if not found.long_modules and not found.circles:
        print("no module over 500 lines; no packages in an import circle")
