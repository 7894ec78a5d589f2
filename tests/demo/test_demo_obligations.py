"""The demo agency has intakes and obligations in every state, made through the actions."""

from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.demo import agency
from safeharbor.intake.models import IntakeReport
from safeharbor.obligations.actions import escalate_obligations
from safeharbor.obligations.models import LegalReport, Obligation
from safeharbor.obligations.queries import board, my_work


def test_the_demo_has_open_overdue_and_satisfied_obligations_to_look_at(db):
    agency.load()
    now = timezone.now()
    open_rows = Obligation.objects.filter(status="open")
    assert open_rows.filter(due__gt=now).count() > 0
    assert open_rows.filter(due__lt=now).count() > 0
    assert Obligation.objects.filter(status="satisfied", on_time=True).count() > 0
    assert Obligation.objects.filter(status="satisfied", on_time=False).count() > 0
    assert sorted(IntakeReport.objects.values_list("disposition", flat=True)) == [
        "",
        "",
        "",
        "referred_da",
        "screened_in",
        "screened_in",  # the youth new at intake, awaiting assignment (demo/casework.py)
    ]
    missing = LegalReport.objects.filter(recipient="law_enforcement", about="missing")
    assert missing.count() > 0
    # Most episodes are reported to law enforcement with the officer and both numbers.
    complete = [r for r in missing if r.ncic_number and r.officer and r.reference_number]
    assert len(complete) > 20
    intake = User.objects.get(username="intake")
    (disposition,) = [v for v in my_work(intake) if v.row.kind == "intake_disposition"]
    assert not disposition.overdue
    supervisor = User.objects.get(username="supervisor")
    assert any(v.row.kind == "intake_disposition" for v in board(supervisor).overdue)
    assert escalate_obligations() > 0  # the overdue ones entered after the fact are told now
    assert escalate_obligations() == 0
