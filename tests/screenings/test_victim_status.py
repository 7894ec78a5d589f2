"""Victim status (SPEC §7, §4.3 ``record_victim_status``): a confirmed screening proposes it, the
caseworker confirms it in one step, the reports to law enforcement follow it, a correction is an
amendment with a reason, and only those who may see screenings learn of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.cases.models import DeterminationAmendment, VictimDetermination
from safeharbor.domain.errors import InputError
from safeharbor.domain.federal.children import Determination, Kind, Timing
from safeharbor.domain.screening import YES
from safeharbor.obligations.actions import record_legal_report
from safeharbor.screenings.actions import correct_victim_status, record_screening
from safeharbor.screenings.queries import proposed_victim_status
from safeharbor.writes import StaleEdit
from tests.obligations.builders import key


@pytest.fixture
def confirmed(youth_record, caseworker):
    """A confirmed screening of youth_record (law enforcement identified the youth)."""
    return record_screening(
        actor=caseworker,
        youth=youth_record,
        as_of=timezone.localdate(),
        answers={"identified_by_law_enforcement": YES},
        occasion="caseworker_concern",
    )


def _confirm(client, screening, **overrides):
    data = {
        "idempotency_key": key(),
        "version": screening.version,
        "kind": "sex",
        "identified_on": screening.as_of.isoformat(),
        "timing": "before_entry",
        "source_detail": "",
        **overrides,
    }
    url = reverse("screenings:victim_confirm", args=[screening.youth_id, screening.pk])
    return client.post(url, data)


def _report(youth, actor, reported_at=None):
    report, _ = record_legal_report(
        actor=actor,
        youth=youth,
        recipient="law_enforcement",
        about="sex_trafficking",
        agency_name="Pine City Police Department",
        method="phone",
        reported_at=reported_at or timezone.now() - dt.timedelta(minutes=5),
        reference_number="PCPD-26-0999",
        idempotency_key=key(),
    )
    return report


def test_a_confirmed_screening_proposes_the_status_and_the_caseworker_confirms_it_in_one_step(
    client, caseworker, confirmed, youth_record
):
    proposal = proposed_victim_status(confirmed)
    assert (proposal.kind, proposal.identified_on, proposal.timing) == (
        "sex",
        confirmed.as_of,
        "before_entry",
    )
    client.force_login(caseworker)
    page = client.get(reverse("screenings:detail", args=[youth_record.pk, confirmed.pk]))
    assert 'data-victim-status="proposed"' in page.content.decode()

    response = _confirm(client, confirmed)

    assert response.status_code == 302
    determination = VictimDetermination.objects.get(youth=youth_record)
    assert (determination.kind, determination.source, determination.timing) == (
        "sex",
        "confirmed_screening",
        "before_entry",
    )
    confirmed.refresh_from_db()
    assert confirmed.victim_determination == determination
    assert proposed_victim_status(confirmed) is None  # the protocol's action is done
    page = client.get(reverse("screenings:detail", args=[youth_record.pk, confirmed.pk]))
    assert 'data-victim-status="recorded"' in page.content.decode()
    assert AuditEvent.objects.filter(action="victim_status.recorded").count() == 1


def test_a_double_submit_keeps_one_determination_and_a_second_form_is_refused(
    client, caseworker, confirmed, youth_record
):
    client.force_login(caseworker)
    same_key = key()
    _confirm(client, confirmed, idempotency_key=same_key)
    _confirm(client, confirmed, idempotency_key=same_key)
    assert VictimDetermination.objects.filter(youth=youth_record).count() == 1
    response = _confirm(client, confirmed)  # an older page, a new key
    assert response.status_code == 400
    assert "someone else recorded the victim status" in response.content.decode()


def test_a_day_in_the_future_is_refused_beside_the_field_and_nothing_typed_is_lost(
    client, caseworker, confirmed
):
    client.force_login(caseworker)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _confirm(
        client, confirmed, identified_on=tomorrow.isoformat(), source_detail="Det. K"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The day identified cannot be in the future." in page
    assert 'value="Det. K"' in page
    assert VictimDetermination.objects.count() == 0


def test_reports_to_law_enforcement_follow_the_determination_in_either_order(
    client, caseworker, confirmed, youth_record
):
    earlier = _report(youth_record, caseworker)
    client.force_login(caseworker)
    _confirm(client, confirmed)
    determination = VictimDetermination.objects.get()
    later = _report(youth_record, caseworker, reported_at=timezone.now())
    assert set(determination.legal_reports.all()) == {earlier, later}
    assert determination.to_domain() == Determination(
        kind=Kind.SEX,
        identified_on=confirmed.as_of,
        timing=Timing.BEFORE_ENTRY,
        reported_to_law_enforcement=(timezone.localdate(),),
    )
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "reference PCPD-26-0999" in page


def test_a_correction_keeps_the_values_before_and_after_and_its_reason(caseworker, confirmed):
    determination = _record(caseworker, confirmed)
    correct_victim_status(
        actor=caseworker,
        determination=determination,
        seen_version=determination.version,
        reason="The youth disclosed it happened while in the group home.",
        timing="in_care",
    )
    determination.refresh_from_db()
    assert determination.timing == "in_care"
    (amendment,) = DeterminationAmendment.objects.all()
    assert (amendment.before, amendment.after) == (
        {"timing": "before_entry"},
        {"timing": "in_care"},
    )
    assert AuditEvent.objects.get(action="victim_status.amended").reason.startswith("The youth")


def test_a_correction_needs_a_reason_and_a_stale_one_is_refused(caseworker, confirmed):
    determination = _record(caseworker, confirmed)
    with pytest.raises(InputError, match="say why"):
        correct_victim_status(
            actor=caseworker,
            determination=determination,
            seen_version=determination.version,
            reason=" ",
            timing="in_care",
        )
    seen = determination.version
    correct_victim_status(
        actor=caseworker, determination=determination, seen_version=seen, reason="a", kind="labor"
    )
    with pytest.raises(StaleEdit):
        correct_victim_status(
            actor=caseworker, determination=determination, seen_version=seen, reason="b", kind="sex"
        )
    assert DeterminationAmendment.objects.count() == 1


def test_rescinding_keeps_the_determination_but_the_youth_is_no_longer_shown_as_identified(
    client, caseworker, confirmed, youth_record
):
    determination = _record(caseworker, confirmed)
    client.force_login(caseworker)
    home = client.get(reverse("home")).content.decode()
    assert "data-identified-victim" in home
    url = reverse("screenings:victim_status_amend", args=[youth_record.pk, determination.pk])
    response = client.post(
        url,
        {
            "kind": "sex",
            "identified_on": determination.identified_on.isoformat(),
            "timing": "before_entry",
            "source": "confirmed_screening",
            "source_detail": determination.source_detail,
            "status": "rescinded",
            "reason": "Recorded on the wrong youth's record.",
            "version": determination.version,
        },
    )
    assert response.status_code == 302
    assert VictimDetermination.objects.filter(pk=determination.pk, status="rescinded").exists()
    assert "data-identified-victim" not in client.get(reverse("home")).content.decode()


def test_the_amendment_page_without_a_reason_says_so_beside_the_field(
    client, caseworker, confirmed, youth_record
):
    determination = _record(caseworker, confirmed)
    client.force_login(caseworker)
    url = reverse("screenings:victim_status_amend", args=[youth_record.pk, determination.pk])
    response = client.post(url, {"kind": "labor", "reason": "", "version": determination.version})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_identified_victim_shows_to_those_who_see_screenings_and_no_one_else(
    client, caseworker, confirmed, youth_record, intake_worker, mdt_partner
):
    _record(caseworker, confirmed)
    client.force_login(caseworker)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "data-identified-victim" in page
    assert 'data-section="victim-status"' in page
    client.force_login(mdt_partner)  # the sharing includes screenings
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "data-identified-victim" in page
    assert "Record victim status" not in page
    home = client.get(reverse("home")).content.decode()
    assert "data-identified-victim" not in home  # the caseload badge is the case staff's


def test_victim_status_from_another_source_is_recorded_from_the_youth_page(
    client, caseworker, youth_record
):
    client.force_login(caseworker)
    url = reverse("screenings:victim_status_new", args=[youth_record.pk])
    data = {
        "idempotency_key": key(),
        "kind": "labor",
        "identified_on": timezone.localdate().isoformat(),
        "source": "other_agency",
        "source_detail": "State labor department",
        "timing": "before_entry",
    }
    assert client.post(url, data | {"source": "confirmed_screening"}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert VictimDetermination.objects.get().get_source_display() == "Another agency"


def _record(caseworker, screening):
    from safeharbor.screenings.actions import confirm_victim_status

    return confirm_victim_status(
        actor=caseworker,
        screening=screening,
        kind="sex",
        identified_on=screening.as_of,
        timing="before_entry",
        idempotency_key=key(),
        seen_version=screening.version,
    )
