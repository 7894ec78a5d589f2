"""The page benchmark's pure parts: options, walks, percentiles, the tables and the last line.

No database is loaded and no server started: those are measured by running the benchmark.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from bench.pages.browser import cookie_updates, csrf_token, totp
from bench.pages.common import database_name, database_url
from bench.pages.options import COMPARE_AT, parse
from bench.pages.stats import (
    Inspection,
    Sample,
    error_counts,
    format_growth,
    format_line,
    growth,
    percentile,
    summarise,
    summary_line,
)
from bench.pages.walks import MINIMAL_PAGE, page_order, role_mix, walk_for
from django_otp.oath import TOTP

# --- options -------------------------------------------------------------------------------


def test_the_issues_command_line_is_understood():
    options = parse(["--youth", "100000", "--users", "20", "--seconds", "30"])
    assert (options.youth, options.users, options.seconds, options.reload) == (
        100_000,
        20,
        30,
        False,
    )


def test_defaults_suit_make_bench():
    options = parse([])
    assert (options.youth, options.users, options.seconds) == (10_000, 20, 30.0)


def test_a_size_above_the_comparison_runs_it_first():
    assert parse(["--youth", "100000"]).sizes == (COMPARE_AT, 100_000)
    assert parse(["--youth", "10000"]).sizes == (10_000,)
    assert parse(["--youth", "2000"]).sizes == (2_000,)


def test_sizes_may_be_written_with_separators():
    assert parse(["--youth", "100_000"]).youth == 100_000
    assert parse(["--youth", "100,000"]).youth == 100_000


@pytest.mark.parametrize(
    "argv", [["--users", "0"], ["--youth", "-5"], ["--seconds", "0"], ["--seconds", "soon"]]
)
def test_a_bad_option_exits_with_usage(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse(argv)
    assert exit_.value.code == 2
    assert "usage: python -m bench pages" in capsys.readouterr().err


def test_reload_is_a_switch():
    assert parse(["--reload"]).reload is True


# --- who walks where ---------------------------------------------------------------------


def test_twenty_people_are_every_role_and_mostly_caseworkers():
    roles = role_mix(20)
    counts = {role: roles.count(role) for role in set(roles)}
    assert counts == {
        "caseworker": 11,
        "supervisor": 3,
        "program_admin": 3,
        "intake_worker": 1,
        "analyst": 1,
        "mdt_partner": 1,
    }


def test_a_few_people_are_the_first_roles():
    assert role_mix(3) == ["caseworker", "supervisor", "program_admin"]


def test_a_walk_fills_in_youth_and_searches_and_ends_with_the_minimal_view():
    walk = walk_for("caseworker", youth=[7, 9], searches=["O'Neil Brook"])
    assert [step.page for step in walk] == [
        "caseworker home",
        "caseworker search",
        "caseworker my work",
        "caseworker missing now",
        "caseworker youth",
        "caseworker notifications",
        MINIMAL_PAGE,
    ]
    assert walk[1].paths == ("/?q=O%27Neil%20Brook",)
    assert [walk[4].path(visit) for visit in range(3)] == ["/youth/7/", "/youth/9/", "/youth/7/"]
    assert walk[-1].paths == ("/healthz",)


def test_a_person_with_no_youth_skips_the_youth_page():
    walk = walk_for("analyst", youth=[], searches=[])
    assert [step.page for step in walk] == ["analyst home", "analyst notifications", MINIMAL_PAGE]


def test_the_table_lists_each_roles_pages_once_and_the_minimal_view_last():
    order = page_order(["analyst", "mdt_partner", "analyst"])
    assert order == [
        "analyst home",
        "analyst notifications",
        "partner home",
        "partner youth",
        "partner notifications",
        MINIMAL_PAGE,
    ]


# --- figures -------------------------------------------------------------------------------


def test_percentiles_interpolate_between_ranks():
    values = [float(n) for n in range(10, 0, -1)]
    assert percentile(values, 50) == 5.5
    assert percentile(values, 95) == pytest.approx(9.55)
    assert (percentile(values, 0), percentile(values, 100)) == (1.0, 10.0)
    assert percentile([4.0], 99) == 4.0
    assert math.isnan(percentile([], 50))


def _samples(page, seconds, *, failed=0):
    return [
        Sample(page, s, ok=n >= failed, status=500 if n < failed else 200)
        for n, s in enumerate(seconds)
    ]


def test_throughput_is_users_over_the_mean_time_beside_the_minimal_views():
    samples = _samples("caseworker home", [0.1, 0.3], failed=1) + _samples(MINIMAL_PAGE, [0.01] * 4)
    home, minimal = summarise(
        samples,
        users=20,
        order=["caseworker home", MINIMAL_PAGE],
        inspected={"caseworker home": Inspection(queries=26, size=16_384, status=200)},
    )
    assert (home.requests, home.errors) == (2, 1)
    assert home.p50_ms == pytest.approx(200)
    assert home.throughput == pytest.approx(100)  # 20 users / 0.2 s
    assert minimal.throughput == pytest.approx(2000)
    assert home.share == pytest.approx(0.05)
    assert (home.queries, home.size, minimal.queries) == (26, 16_384, None)


def test_a_page_nobody_reached_has_no_figures():
    (line,) = summarise([], users=5, order=["PA board"])
    assert (line.requests, line.errors, line.throughput) == (0, 0, 0.0)
    assert math.isnan(line.p95_ms)
    assert format_line(line).split() == [
        "PA",
        "board",
        "0",
        "0",
        "-",
        "-",
        "-",
        "0.0",
        "-",
        "-",
        "-",
    ]


def test_a_line_shows_milliseconds_rates_share_queries_and_kilobytes():
    samples = _samples("PA board", [1.2345] * 3) + _samples(MINIMAL_PAGE, [0.05] * 3)
    line = summarise(
        samples,
        users=20,
        order=["PA board"],
        inspected={"PA board": Inspection(queries=3463, size=10_800_000, status=200)},
    )[0]
    assert format_line(line).split() == [
        "PA", "board", "3", "0", "1,234", "1,234", "1,234", "16.2", "4.1%", "3,463", "10,546.9",
    ]  # fmt: skip


def test_the_last_line_names_the_worst_page_figures_and_every_error():
    samples = (
        _samples("caseworker home", [0.1, 0.1])
        + _samples("PA board", [0.4, 0.5], failed=1)
        + _samples(MINIMAL_PAGE, [0.02, 0.02], failed=1)
    )
    lines = summarise(samples, users=20, order=["caseworker home", "PA board", MINIMAL_PAGE])
    assert summary_line(lines) == (
        "pages: worst p95 495 ms, worst throughput 4.4% of the minimal view, errors 2"
    )


def test_the_last_line_when_nothing_was_measured():
    assert summary_line([]) == (
        "pages: worst p95 n/a, worst throughput n/a of the minimal view, errors 0"
    )


def test_the_last_line_without_a_minimal_view_says_so():
    lines = summarise(_samples("caseworker home", [0.1]), users=1, order=["caseworker home"])
    assert summary_line(lines) == (
        "pages: worst p95 100 ms, worst throughput n/a of the minimal view, errors 0"
    )


def test_errors_are_counted_by_page_and_status():
    samples = [Sample("PA board", 60.0, ok=False), *_samples("PA home", [1, 1, 1], failed=2)]
    assert error_counts(samples) == {"PA board no answer": 1, "PA home 500": 2}


def test_growth_is_the_ratio_of_the_larger_to_the_smaller():
    assert growth(71.0, 230.0) == pytest.approx(3.24, abs=0.01)
    assert math.isnan(growth(math.nan, 230.0))
    assert math.isnan(growth(0.0, 230.0))
    assert math.isnan(growth(71.0, math.nan))


def test_the_growth_table_shows_both_sizes_the_ratio_and_the_queries():
    small = summarise(
        _samples("PA missing now", [0.1] * 5),
        users=1,
        order=["PA missing now"],
        inspected={"PA missing now": Inspection(queries=341, size=1, status=200)},
    )
    large = summarise(
        _samples("PA missing now", [0.4] * 5),
        users=1,
        order=["PA missing now"],
        inspected={"PA missing now": Inspection(queries=3463, size=1, status=200)},
    )
    head, row = format_growth(small, large, small_youth=10_000, large_youth=100_000)
    assert head.split()[-4:] == ["10,000", "100,000", "growth", "queries"]
    assert row.split() == ["PA", "missing", "now", "100", "400", "4.00x", "341", "->", "3,463"]


# --- the browser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "code"), [(59, "287082"), (1111111109, "081804"), (1234567890, "005924")]
)
def test_codes_are_rfc_6238s(at, code):
    key = b"12345678901234567890".hex()  # the RFC's test key
    assert totp(key, at) == code


def test_codes_are_those_django_otp_accepts():
    key = "3132333435363738393031323334353637383930abcdef12"
    check = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    check.time = 1_790_000_000
    assert totp(key, 1_790_000_000) == f"{check.token():06d}"


def test_the_csrf_token_is_read_from_the_form():
    page = b'<form><input type="hidden" name="csrfmiddlewaretoken" value="abc123XYZ"></form>'
    assert csrf_token(page) == "abc123XYZ"


def test_cookies_set_and_deleted_by_a_response():
    kept, deleted = cookie_updates(
        [
            "__Host-sessionid=s3cr3t; HttpOnly; Path=/; SameSite=Strict; Secure",
            '__Host-csrftoken=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
        ]
    )
    assert kept == {"__Host-sessionid": "s3cr3t"}
    assert deleted == {"__Host-csrftoken"}


# --- databases -----------------------------------------------------------------------------


def test_each_size_has_its_own_database():
    url = "postgres://postgres@127.0.0.1:5432/safeharbor_bench_pages"
    assert database_url(url, 100_000) == url + "_100000"
    assert database_name(database_url(url + "?sslmode=disable", 10_000)) == (
        "safeharbor_bench_pages_10000"
    )
    assert database_url(url + "?sslmode=disable", 10_000).endswith("_10000?sslmode=disable")


def test_a_reused_database_moves_times_exactly_and_dates_by_whole_days():
    from bench.pages.database import _moves

    from safeharbor.cases.models import Youth

    sets, values = _moves(Youth, dt.timedelta(days=2, hours=5))
    assert '"date_of_birth" = "date_of_birth" + %s::integer' in sets
    assert '"created_at" = "created_at" + %s' in sets
    assert values[sets.index('"date_of_birth" = "date_of_birth" + %s::integer')] == 2
    assert values[sets.index('"created_at" = "created_at" + %s')] == dt.timedelta(days=2, hours=5)
    sets, _ = _moves(Youth, dt.timedelta(hours=5))
    assert not any("date_of_birth" in clause for clause in sets)


def test_people_are_different_accounts_spread_across_the_agency():
    from bench.pages.people import _spread

    assert _spread(list(range(10)), 3) == [1, 5, 8]
    assert _spread(list(range(2)), 3) == [0, 1]  # never the same account twice
    assert _spread([], 2) == []


def test_people_of_one_role_start_their_walks_at_different_pages():
    from bench.pages.drive import Person, starts

    def person(role):
        return Person(role, role, walk_for(role, youth=[1], searches=["Ash"]), browser=None)

    people = [person(role) for role in role_mix(20)]
    caseworkers = [s for s, p in zip(starts(people), people, strict=True) if p.role == "caseworker"]
    assert caseworkers == [0, 0, 1, 1, 2, 3, 3, 4, 5, 5, 6]  # 11 people along a 7-page walk
    assert starts([person("analyst")]) == [0]
