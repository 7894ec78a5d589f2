"""The demo agency: deterministic, synthetic, every role, loaded once."""

import datetime as dt

from django.core.management import call_command
from django.db import transaction

from safeharbor.accounts.models import District, User
from safeharbor.cases.models import CaseShare, Placement, Youth
from safeharbor.demo import agency
from safeharbor.domain.access import Role
from safeharbor.missing.models import MissingEpisode, PatternFlag
from safeharbor.obligations.models import Obligation
from safeharbor.screenings.models import Screening, TierOverride


def test_the_demo_agency_has_every_role_and_150_youth_aged_10_to_21(db):
    today = dt.date(2026, 11, 22)
    agency.load(today=today)
    assert {u.role for u in User.objects.all()} == {r.value for r in Role}
    assert list(District.objects.values_list("code", "has_cac")) == [
        ("magnolia", True),
        ("riverbend", False),
    ]
    ages = {y.age_on(today) for y in Youth.objects.all()}
    assert Youth.objects.count() == 151  # 150 with histories, one new at intake (casework.py)
    assert ages == set(range(10, 22))
    assert Youth.objects.filter(placements__isnull=True).count() == 1  # new at intake, at home
    assert MissingEpisode.objects.filter(returned_at__isnull=True).exists()
    assert MissingEpisode.objects.filter(returned_at__isnull=False).exists()
    # Two shared directly; two more through the MDT meetings the detective was invited to.
    assert CaseShare.objects.filter(partner__username="partner", invitations=None).count() == 2
    assert CaseShare.objects.filter(partner__username="partner").count() == 4
    tiers = set(Screening.objects.values_list("final_tier", flat=True))
    assert tiers == {"confirmed", "high_risk", "moderate_risk", "at_risk", "no_indicators"}
    assert TierOverride.objects.filter(status="pending").count() == 1
    # Missing from care (demo/missing.py): missing now, back and awaiting the debrief, each flag.
    flags = set(PatternFlag.objects.values_list("kind", flat=True))
    assert flags == {"chronic_runaway", "same_placement"}
    assert Obligation.objects.filter(
        kind="return_debrief", status="open", youth__caseworker__username="caseworker"
    ).exists()
    debriefed = Obligation.objects.filter(kind="return_debrief", status="satisfied")
    assert {row.satisfied_record.split(" of ")[0] for row in debriefed} == {"Return debrief"}


def _signature():
    return (
        list(
            Youth.objects.order_by("record_number", "placements__start_date").values_list(
                "record_number",
                "legal_first_name",
                "legal_last_name",
                "date_of_birth",
                "caseworker__username",
                "placements__placement_type",
                "placements__address",
            )
        ),
        MissingEpisode.objects.count(),
    )


def test_the_demo_is_deterministic(db):
    signatures = []
    for _ in range(2):
        with transaction.atomic():
            agency.load(today=dt.date(2026, 11, 22))
            signatures.append(_signature())
            transaction.set_rollback(True)
    assert signatures[0] == signatures[1]
    assert len(signatures[0][0]) > 150


def test_the_command_loads_once_and_prints_the_logins(db, capsys):
    call_command("safeharbor", "demo")
    call_command("safeharbor", "demo")
    out = capsys.readouterr().out
    assert "Loaded the demo agency: 150 synthetic youth." in out
    assert "The demo agency is already loaded." in out
    assert f"password for all: {agency.DEMO_PASSWORD}" in out
    assert out.count("caseworker     ") >= 2
    assert Youth.objects.count() == 151  # 150 with histories, one new at intake (casework.py)


def test_the_demo_has_episodes_of_care_notes_with_a_document_and_photos(db):
    from safeharbor.cases.models import CareEpisode, CaseNote, NoteAttachment, YouthPhoto

    agency.load(today=dt.date(2026, 11, 22))
    assert not Placement.objects.filter(episode__isnull=True).exists()
    # Every youth with a history is in care; the one new at intake has no episode yet.
    assert CareEpisode.objects.count() == Youth.objects.count() - 1 == 150
    reasons = [r for e in CareEpisode.objects.all() for r in e.removal_reasons]
    assert "sex_trafficking" in reasons
    assert CaseNote.objects.count() == 3
    document = NoteAttachment.objects.get()
    assert (document.media_type, document.content.data[:5]) == ("application/pdf", b"%PDF-")
    assert YouthPhoto.objects.count() == 3
