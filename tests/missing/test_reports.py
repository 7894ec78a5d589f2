"""Reports of a missing youth: each satisfies its own 24-hour clock, is stored once, and is
corrected only by an amendment linked to it (SPEC §3, §5, §8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.missing.actions import record_missing
from safeharbor.obligations.actions import amend_legal_report, record_legal_report
from safeharbor.obligations.models import LegalReport, Obligation
from tests.obligations.builders import key


@pytest.fixture
def episode(caseworker, youth_record):
    """Jo went missing three hours ago; the agency learned of it two hours ago."""
    now = timezone.now()
    return record_missing(
        actor=caseworker,
        youth=youth_record,
        last_seen_at=now - dt.timedelta(hours=3),
        learned_at=now - dt.timedelta(hours=2),
        last_seen_where="the bus stop on Elm Street",
    )


def _report(actor, episode, recipient, **kw):
    fields = {
        "agency_name": "Pine City Police Department" if recipient == "law_enforcement" else "NCMEC",
        "method": "phone",
        "reported_at": timezone.now() - dt.timedelta(minutes=30),
        "idempotency_key": key(),
        "reference_number": "PCPD-26-0415" if recipient == "law_enforcement" else "1234567",
    }
    fields.update(kw)
    return record_legal_report(
        actor=actor,
        youth=episode.youth,
        recipient=recipient,
        about="missing",
        missing_episode=episode,
        **fields,
    )


def _status(youth, kind):
    return Obligation.objects.get(youth=youth, kind=kind).status


def test_the_law_enforcement_report_satisfies_only_its_own_clock(caseworker, episode):
    report, created = _report(
        caseworker, episode, "law_enforcement", officer="Officer R. Lake", ncic_number="M123456789"
    )

    assert created is True
    assert (report.officer, report.ncic_number, report.missing_episode) == (
        "Officer R. Lake",
        "M123456789",
        episode,
    )
    assert _status(episode.youth, "report_missing_law_enforcement") == "satisfied"
    assert _status(episode.youth, "report_missing_ncmec") == "open"
    satisfied = Obligation.objects.get(kind="report_missing_law_enforcement")
    assert satisfied.satisfied_report == report
    assert satisfied.on_time is True


def test_the_ncmec_report_satisfies_the_ncmec_clock(caseworker, episode):
    _report(caseworker, episode, "ncmec")

    assert _status(episode.youth, "report_missing_ncmec") == "satisfied"
    assert _status(episode.youth, "report_missing_law_enforcement") == "open"


def test_the_same_form_submitted_twice_keeps_one_report(caseworker, episode):
    same = key()
    first, first_created = _report(caseworker, episode, "ncmec", idempotency_key=same)
    again, again_created = _report(caseworker, episode, "ncmec", idempotency_key=same)

    assert (first_created, again_created) == (True, False)
    assert again.pk == first.pk
    assert LegalReport.objects.count() == 1


def test_an_ncic_number_alone_is_enough_for_law_enforcement(caseworker, episode):
    report, _ = _report(
        caseworker, episode, "law_enforcement", reference_number="", ncic_number="M1"
    )
    assert report.reference_number == ""
    assert _status(episode.youth, "report_missing_law_enforcement") == "satisfied"


def test_ncmec_needs_its_case_number(caseworker, episode):
    with pytest.raises(InputError, match="enter the NCMEC case number the recipient gave"):
        _report(caseworker, episode, "ncmec", reference_number="", ncic_number="M1")
    assert LegalReport.objects.count() == 0
    assert _status(episode.youth, "report_missing_ncmec") == "open"


def test_a_correction_is_an_amendment_and_the_original_is_kept(caseworker, episode):
    original, _ = _report(caseworker, episode, "law_enforcement", officer="Officer Lake")

    amendment, created = amend_legal_report(
        actor=caseworker,
        report=original,
        reason="The officer's name was misheard on the phone.",
        idempotency_key=key(),
        officer="Officer R. Blake",
    )

    original.refresh_from_db()
    assert created is True
    assert original.officer == "Officer Lake"
    assert (amendment.amends, amendment.officer, amendment.reference_number) == (
        original,
        "Officer R. Blake",
        "PCPD-26-0415",
    )
    assert amendment.missing_episode == episode
    assert list(original.amendments.all()) == [amendment]


def test_an_amendment_cannot_change_whom_the_report_went_to(caseworker, episode):
    original, _ = _report(caseworker, episode, "ncmec")
    with pytest.raises(InputError, match="a report has no field 'recipient' to correct"):
        amend_legal_report(
            actor=caseworker,
            report=original,
            reason="wrong",
            idempotency_key=key(),
            recipient="law_enforcement",
        )
    assert LegalReport.objects.count() == 1


def test_a_report_dated_before_the_agency_learned_of_the_absence_is_refused(caseworker, episode):
    with pytest.raises(InputError) as caught:
        _report(
            caseworker,
            episode,
            "law_enforcement",
            reported_at=episode.learned_at - dt.timedelta(minutes=1),
        )
    assert caught.value.field == "reported_at"
    assert str(caught.value).startswith(
        "a report of this absence cannot be dated before the agency learned of it ("
    )
    assert LegalReport.objects.count() == 0
