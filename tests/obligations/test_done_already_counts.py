"""SPEC §5 "done already counts": a report recorded before its duty opens satisfies it at once."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safeharbor.notifications.models import Notification
from safeharbor.obligations.actions import record_clock_event, record_legal_report
from safeharbor.obligations.models import AgencyClockPolicy, Obligation, PriorAction
from safeharbor.obligations.queries import record_outcome
from tests.obligations.builders import key


def _ago(hours: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)


def _law_enforcement_report(youth, hours_ago: float):
    report, _ = record_legal_report(
        actor=youth.caseworker,
        youth=youth,
        recipient="law_enforcement",
        about="sex_trafficking",
        agency_name="Magnolia Springs PD (synthetic)",
        method="phone",
        reported_at=_ago(hours_ago),
        reference_number="MSPD-26-0101",
        idempotency_key=key(),
    )
    return report


def _confirmed(youth, hours_ago: float) -> None:
    record_clock_event(
        actor=youth.caseworker,
        youth=youth,
        event_type="screening_completed",
        at=_ago(hours_ago),
        tier="confirmed",
    )


def test_a_report_recorded_first_says_it_satisfied_nothing_yet(youth_record):
    report = _law_enforcement_report(youth_record, hours_ago=1)
    outcome = record_outcome(report)
    assert (outcome.satisfied, outcome.waiting) == ([], True)
    assert PriorAction.objects.get().report == report


def test_the_screening_entered_afterwards_finds_the_duty_already_done(youth_record):
    report = _law_enforcement_report(youth_record, hours_ago=1)
    _confirmed(youth_record, hours_ago=2)  # the interview came an hour before the call
    duty = Obligation.objects.get(kind="report_law_enforcement")
    assert (duty.status, duty.already_done, duty.on_time) == ("satisfied", True, True)
    assert (duty.satisfied_report, duty.satisfied_at, duty.satisfied_by) == (
        report,
        report.reported_at,
        youth_record.caseworker,
    )
    assert PriorAction.objects.get().credited_to == duty
    assert record_outcome(report).satisfied == [duty]
    assert not record_outcome(report).waiting
    # Nobody is told of a duty that is already done; the others open as usual.
    told = set(Notification.objects.values_list("dedupe_key", flat=True))
    assert not any(f"obligation:{duty.pk}:" in told_key for told_key in told)
    assert Obligation.objects.filter(status="open").count() == 2


def test_a_report_older_than_the_agencys_window_does_not_count(youth_record):
    AgencyClockPolicy.objects.create(prior_action_credit_hours=2)
    _law_enforcement_report(youth_record, hours_ago=5)
    _confirmed(youth_record, hours_ago=1)
    assert Obligation.objects.get(kind="report_law_enforcement").status == "open"


def test_a_report_counts_once(youth_record):
    _law_enforcement_report(youth_record, hours_ago=3)
    _confirmed(youth_record, hours_ago=2)
    record_clock_event(
        actor=youth_record.caseworker,
        youth=youth_record,
        event_type="intake_received",
        at=_ago(1),
        alleges_htcsec=True,
        identified_victim=True,
    )
    duties = Obligation.objects.filter(kind="report_law_enforcement").order_by("opened_at")
    assert [duty.status for duty in duties] == ["satisfied", "open"]


def test_the_obligation_page_says_already_done_by_which_report(client, youth_record):
    report = _law_enforcement_report(youth_record, hours_ago=1)
    _confirmed(youth_record, hours_ago=2)
    duty = Obligation.objects.get(kind="report_law_enforcement")
    client.force_login(youth_record.caseworker)
    page = client.get(reverse("obligations:detail", args=[duty.pk])).content.decode()
    local = timezone.localtime(report.reported_at)
    assert (
        f"<strong>Already done:</strong> report to Magnolia Springs PD (synthetic) on "
        f"{local:%a} {local.strftime('%I:%M %p').lstrip('0')}, by {youth_record.caseworker}"
    ) in page
    assert "<strong>on time</strong>" in page


def _referral_to_law_enforcement(youth, hours_ago: float):
    from safeharbor.partners.actions import record_referral

    referral, _ = record_referral(
        actor=youth.caseworker,
        youth=youth,
        referred_to="law_enforcement",
        organization="Magnolia Springs PD (synthetic)",
        made_at=_ago(hours_ago),
        information_shared="The screening result and the youth's disclosure.",
        shared_with="Detective on the trafficking unit",
        basis="42 U.S.C. 671(a)(34)(A): report within 24 hours",
        idempotency_key=key(),
        method="phone",
        reference_number="MSPD-26-0102",
    )
    return referral


def test_the_referral_page_says_it_satisfied_nothing_yet_then_what_it_satisfied(
    client, youth_record
):
    referral = _referral_to_law_enforcement(youth_record, hours_ago=1)
    client.force_login(youth_record.caseworker)
    url = reverse("partners:referral", args=[youth_record.pk, referral.pk])
    page = client.get(url).content.decode()
    assert "It satisfied nothing yet" in page
    _confirmed(youth_record, hours_ago=2)
    page = client.get(url).content.decode()
    assert "It satisfied nothing yet" not in page
    assert "Report to law enforcement</a>: satisfied on time (already done" in page
