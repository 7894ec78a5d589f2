"""The youth's timeline composed from the apps: placements, missing episodes, reports, returns,
debriefs and screenings in one order, each only for those who may see it, and as one picture."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeharbor.cases import queries
from safeharbor.domain.screening import YES
from safeharbor.missing.actions import record_debrief, record_missing, record_return
from safeharbor.obligations.actions import record_legal_report
from safeharbor.screenings.actions import record_screening
from safeharbor.web.youth import timeline
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
    assert [(e.day, e.kind) for e in timeline(record) if e.kind != "assigned"] == [
        (dt.date(2026, 3, 4), "screening"),
        (dt.date(2026, 3, 3), "debrief"),
        (dt.date(2026, 3, 3), "returned"),
        (dt.date(2026, 3, 1), "report"),
        (dt.date(2026, 3, 1), "report"),
        (dt.date(2026, 3, 1), "missing"),
        (dt.date(2026, 1, 5), "placement"),
        (dt.date(2026, 1, 5), "removal"),  # the removal comes before the placement it began
    ]
    reports = [e.item.recipient for e in timeline(record) if e.kind == "report"]
    assert reports == ["ncmec", "law_enforcement"]  # the later one first


def test_a_partner_sees_only_the_shared_kinds(mdt_partner, youth_record, history):
    record = queries.get_youth(actor=mdt_partner, pk=youth_record.pk)
    kinds = [e.kind for e in timeline(record)]
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


def test_timeline_puts_placements_and_episodes_in_one_order_newest_first(caseworker, youth_record):
    seen = dt.datetime(2026, 3, 1, 15, tzinfo=dt.UTC)
    episode = record_missing(
        actor=caseworker,
        youth=youth_record,
        last_seen_at=seen,
        learned_at=seen + dt.timedelta(hours=2),
    )
    record_return(actor=caseworker, episode=episode, returned_at=seen + dt.timedelta(days=2))
    record = queries.get_youth(actor=caseworker, pk=youth_record.pk)
    assert [(e.day, e.kind) for e in timeline(record) if e.kind != "assigned"] == [
        (dt.date(2026, 3, 3), "returned"),
        (dt.date(2026, 3, 1), "missing"),
        (dt.date(2026, 1, 5), "placement"),
        (dt.date(2026, 1, 5), "removal"),  # the removal comes before the placement it began
    ]
