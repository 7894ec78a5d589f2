"""Scoped reads for referrals, team meetings and needs; the service directory.

Everything about one youth hangs off ``cases.queries.get_youth`` (404 alike for missing and
forbidden, audited). A partner sees only the meetings they were invited to, and only while their
sharing lasts; every read they make is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import PartnerSharingDefault, Youth
from safeharbor.cases.queries import YouthRecord, get_youth
from safeharbor.cases.scope import case_scope, sharing_defaults, visible_filter
from safeharbor.domain.access import Action, FieldGroup, Role, decide
from safeharbor.domain.needs import plan_order
from safeharbor.domain.sharing import PartnerKind
from safeharbor.partners.models import (
    Meeting,
    MeetingInvitee,
    Need,
    NeedsAssessment,
    NextStep,
    Referral,
    ServiceAgency,
)
from safeharbor.screenings.models import Screening

STAFF_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN}


def _is_partner(actor: User) -> bool:
    return actor.role == Role.MDT_PARTNER


# --- meetings -----------------------------------------------------------------------------------


def meetings_of(record: YouthRecord) -> QuerySet[Meeting]:
    """Return the youth's meetings the viewer may see: a partner only those they were invited to."""
    if not record.shows(FieldGroup.MEETINGS):
        return Meeting.objects.none()
    meetings = record.youth.meetings.select_related("scheduled_by")
    if _is_partner(record.actor):
        meetings = meetings.filter(invitees__user=record.actor)
    return meetings.order_by("-starts_at", "-id")


@dataclass
class MeetingRecord:
    """One meeting as one actor may see it."""

    record: YouthRecord
    meeting: Meeting

    @property
    def can_edit(self) -> bool:
        """Return whether the actor may record, correct or cancel the meeting."""
        return self.record.can["edit"]

    @cached_property
    def invitees(self) -> list[MeetingInvitee]:
        """Return the invitees with their accounts and sharings."""
        return list(self.meeting.invitees.select_related("user", "share"))

    @cached_property
    def next_steps(self) -> list[NextStep]:
        """Return the next steps with their owners and obligations."""
        return list(self.meeting.next_steps.select_related("owner", "obligation", "done_by"))


def get_meeting(
    *, actor: User, pk: int, meeting_pk: int, action: Action = Action.VIEW
) -> MeetingRecord:
    """Return meeting ``meeting_pk`` of youth ``pk`` if the actor may see it; audit the read."""
    record = get_youth(actor=actor, pk=pk, action=action)
    meeting = meetings_of(record).filter(pk=meeting_pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    with transaction.atomic():
        record_event(actor=actor, action="meeting.viewed", target=meeting, youth=record.youth)
    return MeetingRecord(record, meeting)


def upcoming_meetings_for(actor: User, *, now: dt.datetime | None = None) -> list[Meeting]:
    """Return the scheduled meetings the actor is invited to, soonest first (audited)."""
    now = now or timezone.now()
    visible = Youth.objects.filter(visible_filter(actor, now)).values("pk")
    meetings = list(
        Meeting.objects.filter(
            invitees__user=actor,
            status="scheduled",
            ends_at__gte=now,
            youth__in=visible,
        )
        .select_related("youth")
        .order_by("starts_at", "id")[:20]
    )
    with transaction.atomic():
        record_event(actor=actor, action="meetings.listed", detail={"shown": len(meetings)})
    return meetings


def eligible_invitees(youth: Youth, *, now: dt.datetime | None = None) -> list[User]:
    """Return the accounts that may be invited: staff who can see the youth, and MDT partners,
    the youth's district's partners first."""
    now = now or timezone.now()
    scope = case_scope(youth)
    staff = User.objects.filter(
        is_active=True, role__in=[r.value for r in STAFF_ROLES], district_id=youth.district_id
    ).select_related("unit")
    people = [u for u in staff if decide(u.to_actor(), scope, Action.VIEW, now)]
    partners = User.objects.filter(is_active=True, role=Role.MDT_PARTNER).select_related("district")
    ordered = sorted(
        partners.order_by("partner_kind", "last_name", "first_name"),
        key=lambda partner: partner.district_id != youth.district_id,
    )
    return people + ordered


def partner_defaults() -> dict[PartnerKind, frozenset[FieldGroup]]:
    """Return what each kind of partner sees by default (the agency's setting)."""
    return sharing_defaults()


def partner_default_versions() -> dict[PartnerKind, int]:
    """Return the version of each kind's setting the agency saved (a kind never set: none)."""
    rows = PartnerSharingDefault.objects.values_list("kind", "version")
    return {PartnerKind(kind): version for kind, version in rows}


def reads_sharing_defaults(actor: User) -> bool:
    """Return whether the actor may read what each kind of partner sees (staff who share)."""
    return Role(actor.role) in DIRECTORY_READERS


def cac_referrals_of(youth: Youth) -> QuerySet[Referral]:
    """Return the youth's CAC referrals, newest first (a CAC-convened MDT names one)."""
    return Referral.objects.filter(youth=youth, referred_to="cac").order_by("-made_at")


# --- referrals ----------------------------------------------------------------------------------


def referrals_of(record: YouthRecord) -> QuerySet[Referral]:
    """Return the youth's referrals when the viewer may see referrals."""
    if not record.shows(FieldGroup.REFERRALS):
        return Referral.objects.none()
    return record.youth.referrals.select_related("made_by", "service_agency", "need")


def get_referral(*, actor: User, pk: int, referral_pk: int) -> tuple[YouthRecord, Referral]:
    """Return one referral of youth ``pk`` if the actor may see referrals; audit the read."""
    record = get_youth(actor=actor, pk=pk)
    referral = referrals_of(record).filter(pk=referral_pk).first()
    if referral is None:
        raise Http404("No such referral")
    with transaction.atomic():
        record_event(actor=actor, action="referral.viewed", target=referral, youth=record.youth)
    return record, referral


def screening_of(youth: Youth, screening_pk: int) -> Screening | None:
    """Return the youth's screening ``screening_pk`` (a protocol link names it), or None."""
    return youth.screenings.filter(pk=screening_pk).first()


# --- needs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedsPlan:
    """A youth's needs, the youth's own priorities first, and the latest assessment."""

    needs: list[Need]
    latest: NeedsAssessment | None


def needs_plan_of(record: YouthRecord) -> NeedsPlan | None:
    """Return the needs plan when the viewer may see needs, else None."""
    if not record.shows(FieldGroup.NEEDS):
        return None
    latest = record.youth.needs_assessments.select_related("assessed_by").first()
    needs = {n.kind: n for n in record.youth.needs.prefetch_related("referrals")}
    order = plan_order(needs, latest.priorities if latest else [])
    return NeedsPlan([needs[kind] for kind in order], latest)


def need_of(youth: Youth, need_pk: int) -> Need | None:
    """Return the youth's need ``need_pk`` (a referral may be for it), or None."""
    return youth.needs.filter(pk=need_pk).first()


def get_need(*, actor: User, pk: int, need_pk: int) -> tuple[YouthRecord, Need]:
    """Return one need of youth ``pk`` for someone who may change the record."""
    record = get_youth(actor=actor, pk=pk, action=Action.EDIT)
    need = record.youth.needs.filter(pk=need_pk).first()
    if need is None:
        raise Http404("No such need")
    return record, need


# --- the service directory (agency configuration, not case content) ----------------------------

DIRECTORY_READERS = STAFF_ROLES | {Role.ADMINISTRATOR}


def directory_for(
    actor: User, *, district_id: int | None = None, need: str = "", include_inactive: bool = False
) -> list[ServiceAgency]:
    """Return the directory for staff (active agencies) or an administrator (all of them)."""
    if Role(actor.role) not in DIRECTORY_READERS:
        raise Http404("No service directory for this role")
    agencies = ServiceAgency.objects.prefetch_related("districts").order_by("name", "id")
    if not (include_inactive and actor.role == Role.ADMINISTRATOR):
        agencies = agencies.filter(active=True)
    if district_id:
        agencies = agencies.filter(districts__pk=district_id)
    if need == "sexual_assault_support":
        agencies = agencies.filter(sexual_assault_support=True)
    # A need id inside a JSON list: filtered here, the same on SQLite and PostgreSQL.
    return [
        agency
        for agency in agencies
        if not need or need in agency.needs or need == "sexual_assault_support"
    ]


def directory_districts() -> QuerySet[District]:
    """Return the districts the directory can be filtered by."""
    return District.objects.all()


def get_service_agency(*, actor: User, agency_pk: int) -> ServiceAgency:
    """Return one directory entry for an administrator to edit."""
    if actor.role != Role.ADMINISTRATOR:
        raise Http404("No such agency")
    agency = ServiceAgency.objects.filter(pk=agency_pk).first()
    if agency is None:
        raise Http404("No such agency")
    return agency


def agencies_for_referral(youth: Youth) -> QuerySet[ServiceAgency]:
    """Return the active agencies serving the youth's district, sexual assault support first."""
    return ServiceAgency.objects.filter(active=True, districts__pk=youth.district_id).order_by(
        "-sexual_assault_support", "name"
    )
