"""Figures from the timed requests: percentiles, each page's line, the growth, the last line.

Throughput is that of a closed loop (Little's law): with ``users`` people each waiting for one
request at a time, a page whose mean time is ``m`` seconds is served at ``users / m`` requests per
second while they open it. Comparing it with the minimal view's, measured in the same walk on the
same server at the same moment, says how much of the server's capacity a page costs: 50% means
the page takes twice as long as a request that does nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bench.pages.walks import MINIMAL_PAGE


@dataclass(frozen=True)
class Sample:
    """One request: which page, how long it took, and whether it succeeded."""

    page: str
    seconds: float
    ok: bool
    size: int = 0
    status: int = 0  # 0: no answer (a timeout or a broken connection)


@dataclass(frozen=True)
class Inspection:
    """One request of a page made inside the bench process: its query count and HTML size."""

    queries: int
    size: int
    status: int


@dataclass(frozen=True)
class PageStats:
    """One page's line in the table."""

    page: str
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    throughput: float  # requests per second, users / mean time
    share: float  # throughput as a fraction of the minimal view's
    queries: int | None = None
    size: int | None = None


def percentile(values: list[float], p: float) -> float:
    """Return the ``p``-th percentile (0-100) of ``values``, interpolating between ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _by_page(samples: Iterable[Sample]) -> dict[str, list[Sample]]:
    grouped: dict[str, list[Sample]] = {}
    for sample in samples:
        grouped.setdefault(sample.page, []).append(sample)
    return grouped


def _throughput(samples: list[Sample], users: int) -> float:
    mean = sum(s.seconds for s in samples) / len(samples) if samples else 0.0
    return users / mean if mean > 0 else 0.0


def summarise(
    samples: Iterable[Sample],
    *,
    users: int,
    order: list[str],
    inspected: Mapping[str, Inspection] | None = None,
) -> list[PageStats]:
    """Return one line per page of ``order`` (pages nobody reached have zero requests)."""
    grouped = _by_page(samples)
    baseline = _throughput(grouped.get(MINIMAL_PAGE, []), users)
    lines = []
    for page in order:
        taken = grouped.get(page, [])
        times = [s.seconds * 1000 for s in taken]
        rate = _throughput(taken, users)
        look = (inspected or {}).get(page)
        lines.append(
            PageStats(
                page=page,
                requests=len(taken),
                errors=sum(not s.ok for s in taken),
                p50_ms=percentile(times, 50),
                p95_ms=percentile(times, 95),
                p99_ms=percentile(times, 99),
                throughput=rate,
                share=rate / baseline if baseline else math.nan,
                queries=look.queries if look else None,
                size=look.size if look else None,
            )
        )
    return lines


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _percent(fraction: float) -> str:
    if math.isnan(fraction):
        return "-"
    value = 100 * fraction
    return f"{value:.0f}%" if value >= 10 else f"{value:.1f}%"


HEADER = (
    f"{'page':<24} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
    f"{'req/s':>8} {'of min':>7} {'queries':>7} {'HTML KB':>8}"
)


def format_line(line: PageStats) -> str:
    """Return one page's line of the table."""
    queries = "-" if line.queries is None else f"{line.queries:,}"
    size = "-" if line.size is None else f"{line.size / 1024:,.1f}"
    return (
        f"{line.page:<24} {line.requests:>8,} {line.errors:>6,} {_ms(line.p50_ms):>8} "
        f"{_ms(line.p95_ms):>8} {_ms(line.p99_ms):>8} {line.throughput:>8,.1f} "
        f"{_percent(line.share):>7} {queries:>7} {size:>8}"
    )


def format_table(lines: list[PageStats]) -> list[str]:
    """Return the header and one line per page."""
    return [HEADER, *(format_line(line) for line in lines)]


def growth(small: float, large: float) -> float:
    """Return how many times ``large`` is ``small`` (NaN when either is unknown or zero)."""
    if math.isnan(small) or math.isnan(large) or small <= 0:
        return math.nan
    return large / small


def format_growth(
    small: list[PageStats], large: list[PageStats], *, small_youth: int, large_youth: int
) -> list[str]:
    """Return the table of each page's p95 at both sizes and how it grew."""
    before = {line.page: line for line in small}
    head = f"{small_youth:,}".rjust(11), f"{large_youth:,}".rjust(11)
    rows = [f"{'p95 ms at':<24} {head[0]} {head[1]} {'growth':>7} {'queries':>15}"]
    for line in large:
        was = before.get(line.page)
        then = was.p95_ms if was else math.nan
        ratio = growth(then, line.p95_ms)
        shown = "-" if math.isnan(ratio) else f"{ratio:.2f}x"
        queries = f"{_count(was.queries if was else None)} -> {_count(line.queries)}"
        rows.append(
            f"{line.page:<24} {_ms(then):>11} {_ms(line.p95_ms):>11} {shown:>7} {queries:>15}"
        )
    return rows


def _count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def error_counts(samples: Iterable[Sample]) -> dict[str, int]:
    """Return how many requests failed, by page and status (no answer: a timeout, a reset)."""
    counts: dict[str, int] = {}
    for sample in samples:
        if not sample.ok:
            name = f"{sample.page} {sample.status or 'no answer'}"
            counts[name] = counts.get(name, 0) + 1
    return counts


def summary_line(lines: list[PageStats]) -> str:
    """Return the benchmark's last line: worst p95 and throughput of the pages, all errors."""
    pages = [line for line in lines if line.page != MINIMAL_PAGE and line.requests]
    errors = sum(line.errors for line in lines)
    if not pages:
        return f"pages: worst p95 n/a, worst throughput n/a of the minimal view, errors {errors}"
    worst_p95 = max(line.p95_ms for line in pages)
    shares = [line.share for line in pages if not math.isnan(line.share)]
    worst_share = min(shares) if shares else math.nan
    return (
        f"pages: worst p95 {worst_p95:.0f} ms, worst throughput "
        f"{_percent(worst_share).replace('-', 'n/a')} of the minimal view, errors {errors}"
    )
