"""The demo's coordinated response: directory, needs plans, past and upcoming meetings."""

import datetime as dt

from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.cases.models import CaseShare
from safeharbor.demo import agency
from safeharbor.obligations.models import Obligation
from safeharbor.partners.models import Meeting, Need, NeedsAssessment, ServiceAgency


def test_the_demo_has_meetings_partners_a_directory_and_needs_plans(db):
    agency.load(today=timezone.localdate())
    assert ServiceAgency.objects.filter(active=True).count() == 8
    assert ServiceAgency.objects.filter(districts__code="riverbend").count() == 5
    kinds = sorted(Meeting.objects.values_list("kind", "convened_by", "status"))
    assert kinds == [
        ("consultation", "agency", "held"),
        ("mdt", "cac", "held"),
        ("mdt", "cac", "scheduled"),
        ("mdt", "district", "scheduled"),
    ]
    assert Meeting.objects.filter(status="scheduled", starts_at__gt=timezone.now()).count() == 2
    district_mdt = Meeting.objects.get(convened_by="district")
    assert sorted(district_mdt.invitees.values_list("seat", flat=True)) == [
        "caseworker",
        "district_attorney",
        "law_enforcement",
        "sexual_assault_advocate",
        "supervisor",
    ]
    shared = CaseShare.objects.filter(invitations__isnull=False)
    assert {s.partner.username for s in shared} == {
        "partner",
        "partner_da",
        "partner_cac",
        "partner_rb",
        "partner_da_rb",
        "partner_advocate",
    }
    assert all("placement_address" not in s.fields for s in shared)
    # Each partner belongs to a district; Riverbend's own MDT seats Riverbend's police and DA.
    partners = User.objects.filter(role="mdt_partner")
    assert not partners.filter(district__isnull=True).exists()
    local = district_mdt.invitees.filter(seat__in=["law_enforcement", "district_attorney"])
    assert {i.user.district_id for i in local} == {district_mdt.youth.district_id}
    # What each sees is their kind's default: the detective never the needs plan or notes.
    police = shared.get(partner__username="partner", invitations__meeting__status="held")
    assert set(police.fields) == {"identity", "meetings", "missing", "missing_risk"}
    assert Obligation.objects.filter(kind="meeting_next_step").count() == 3
    assert NeedsAssessment.objects.filter(youth__custody_status="young_adult").count() >= 3
    assessed = NeedsAssessment.objects.count()
    assert Need.objects.order_by().values("youth").distinct().count() == assessed
    assert set(Need.objects.values_list("kind", flat=True)) == {
        "housing",
        "education_employment",
        "food_money",
        "medical",
        "therapy_support",
        "identification",
    }
    assert all(need.plan for need in Need.objects.all())
    assert min(m.starts_at for m in Meeting.objects.all()) > timezone.now() - dt.timedelta(days=7)
