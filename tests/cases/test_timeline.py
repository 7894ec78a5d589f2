"""The youth's timeline: placements, missing episodes, reports, returns, debriefs and screenings
in one order, each only for those who may see it, and the same as one picture."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeharbor.cases import queries
from safeharbor.cases.picture import draw
from safeharbor.cases.queries import TimelineEntry
from safeharbor.domain.screening import YES
from safeharbor.missing.actions import record_debrief, record_missing, record_return
from safeharbor.obligations.actions import record_legal_report
from safeharbor.screenings.actions import record_screening
from tests.obligations.builders import key

SEEN = dt.datetime(2026, 3, 1, 15, tzinfo=dt.UTC)  # 9 AM in Chicago


@pytest.fixture
def history(caseworker, youth_record):
    """Jo ran on Mar 1, was reported to both, came back on Mar 3, was debriefed and screened."""
    episode = record_missing(
        actor=caseworker,
        youth=youth_record,
        last_seen_at=SEEN,
        learned_at=SEEN + dt.timedelta(hours=2),
        placement=youth_record.placements.get(),
    )
    for recipient, hours in (("law_enforcement", 3), ("ncmec", 4)):
        record_legal_report(
            actor=caseworker,
            youth=youth_record,
            recipient=recipient,
            about="missing",
            missing_episode=episode,
            agency_name="Pine City Police Department",
            method="phone",
            reported_at=SEEN + dt.timedelta(hours=hours),
            reference_number=f"REF-{recipient}",
            idempotency_key=key(),
        )
    returned = SEEN + dt.timedelta(days=2)
    record_return(actor=caseworker, episode=episode, returned_at=returned, found_where="A park")
    record_debrief(
        actor=caseworker,
        episode=episode,
        conducted_at=returned + dt.timedelta(hours=2),
        participation="declined",
        answers={},
    )
    record_screening(
        actor=caseworker,
        youth=youth_record,
        as_of=dt.date(2026, 3, 4),
        answers={"hotels_for_sex": YES},
        occasion="returned_from_missing",
    )
    return episode


def test_every_kind_is_on_one_line_newest_first(caseworker, youth_record, history):
    record = queries.get_youth(actor=caseworker, pk=youth_record.pk)
    assert [(e.day, e.kind) for e in record.timeline()] == [
        (dt.date(2026, 3, 4), "screening"),
        (dt.date(2026, 3, 3), "debrief"),
        (dt.date(2026, 3, 3), "returned"),
        (dt.date(2026, 3, 1), "report"),
        (dt.date(2026, 3, 1), "report"),
        (dt.date(2026, 3, 1), "missing"),
        (dt.date(2026, 1, 5), "placement"),
    ]
    reports = [e.item.recipient for e in record.timeline() if e.kind == "report"]
    assert reports == ["ncmec", "law_enforcement"]  # the later one first


def test_a_partner_sees_only_the_shared_kinds(mdt_partner, youth_record, history):
    record = queries.get_youth(actor=mdt_partner, pk=youth_record.pk)
    kinds = [e.kind for e in record.timeline()]
    assert "placement" not in kinds  # placements were not shared
    assert kinds == ["screening", "debrief", "returned", "report", "report", "missing"]


def test_the_youth_page_draws_the_picture_and_names_each_entry(
    client, caseworker, youth_record, history
):
    client.force_login(caseworker)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert '<svg class="sh-picture"' in page
    assert "Reported to NCMEC</strong> Mar 1, 2026, reference REF-ncmec" in page
    assert "Returned Mar 3, 2026</strong>: found at A park" in page
    assert 'data-kind="screening"' in page


class _Placement:
    def __init__(self, start, end=None):
        self.start_date, self.end_date = start, end

    def get_placement_type_display(self):
        return "Group home"


class _View:
    def __init__(self, placement):
        self.placement = placement


def test_the_picture_places_things_by_day_over_twelve_months():
    today = dt.date(2026, 12, 31)  # the window is Dec 31, 2025 to Dec 31, 2026: 365 days
    entries = [
        TimelineEntry(dt.date(2025, 6, 1), "placement", _View(_Placement(dt.date(2025, 6, 1)))),
        TimelineEntry(dt.date(2026, 7, 1), "screening", object()),
        TimelineEntry(dt.date(2025, 1, 1), "report", object()),  # before the window
    ]

    picture = draw(entries, today)

    assert picture is not None
    assert [(b.x, b.width) for b in picture.placements] == [(0.0, 1000.0)]
    assert [(m.x, m.kind) for m in picture.marks] == [(498.6, "screening")]  # 182 of 365 days
    assert picture.months[0] == (2.7, "Jan 2026")
    assert picture.summary == (
        "From Dec 31, 2025 to Dec 31, 2026: 1 placement, 0 missing episodes, 0 reports, "
        "0 returns, 1 screening."
    )


def test_nothing_in_the_window_draws_no_picture():
    assert (
        draw([TimelineEntry(dt.date(2020, 1, 1), "report", object())], dt.date(2026, 1, 1)) is None
    )
