"""Scoped reads of obligations: "my work", the boards, one obligation, a youth's obligations.

Every read filters by the actor's scope (``cases.scope.visible_filter`` and the ``obligations``
field group) and is audited; a missing and a forbidden obligation answer 404 alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import Unit, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.queries import YouthRecord, awaiting_assignment, get_youth
from safeharbor.cases.scope import case_scope, visible_filter
from safeharbor.domain.access import Action, FieldGroup, Role, decide, visible_fields
from safeharbor.domain.clocks import ObligationStatus
from safeharbor.notifications.models import Notification
from safeharbor.obligations import escalation
from safeharbor.obligations.models import (
    AgencyClockPolicy,
    LegalReport,
    Obligation,
    PriorAction,
    record_key,
)

SOON = dt.timedelta(hours=24)  # the boards' "due in the next 24 hours"


@dataclass(frozen=True)
class ObligationView:
    """An obligation with its status at ``now`` (the domain's ``status_at``) and its owner."""

    row: Obligation
    now: dt.datetime

    @cached_property
    def state(self) -> ObligationStatus:
        """Return the domain's status: open, overdue or satisfied, and who is told."""
        return self.row.clock_state(self.now)

    @property
    def status(self) -> str:
        """Return open, overdue, satisfied or not_applicable."""
        return "not_applicable" if self.row.status == "not_applicable" else self.state.status.value

    @property
    def overdue(self) -> bool:
        """Return whether it is open and past its due time."""
        return self.status == "overdue"

    @property
    def remaining(self) -> dt.timedelta:
        """Return the time left until due (negative once overdue)."""
        return self.row.due - self.now

    @property
    def owner(self) -> User | None:
        """Return the caseworker, or who recorded the event while the youth is unassigned."""
        return escalation.owner_of(self.row)


def _views(rows: QuerySet[Obligation], now: dt.datetime) -> list[ObligationView]:
    return [ObligationView(row, now) for row in rows]


def _open_visible(actor: User, now: dt.datetime) -> QuerySet[Obligation]:
    visible = Youth.objects.filter(visible_filter(actor, now)).values("pk")
    return (
        Obligation.objects.filter(status="open", youth__in=visible)
        .select_related("youth", "youth__caseworker", "unassigned_owner", "owner")
        .order_by("due", "kind", "id")
    )


def my_work(actor: User, *, now: dt.datetime | None = None) -> list[ObligationView]:
    """Return the open obligations the actor owns, by due time (so the overdue come first)."""
    now = now or timezone.now()
    owned = Q(owner=actor) | Q(owner__isnull=True) & (
        Q(youth__caseworker=actor) | Q(youth__caseworker__isnull=True, unassigned_owner=actor)
    )
    rows = _open_visible(actor, now).filter(owned)
    with transaction.atomic():
        record_event(actor=actor, action="obligations.listed", detail={"list": "my work"})
    return _views(rows, now)


@dataclass
class WorkerLine:
    """One worker's line on a board: how many overdue and due soon."""

    owner: User | None
    overdue: int = 0
    due_soon: int = 0


@dataclass
class Board:
    """A supervisor's unit board or a program administrator's district board."""

    overdue: list[ObligationView] = field(default_factory=list)
    due_soon: list[ObligationView] = field(default_factory=list)
    by_worker: list[WorkerLine] = field(default_factory=list)
    awaiting: list[Youth] = field(default_factory=list)
    unowned: list[ObligationView] = field(default_factory=list)


BOARD_ROLES = {Role.SUPERVISOR, Role.PROGRAM_ADMIN}


def board(actor: User, *, now: dt.datetime | None = None) -> Board:
    """Return the overdue and due-in-24-hours obligations of the actor's unit or district."""
    if Role(actor.role) not in BOARD_ROLES:
        raise Http404("No board for this role")
    now = now or timezone.now()
    open_rows = _views(_open_visible(actor, now), now)
    rows = [v for v in open_rows if v.row.due <= now + SOON]
    result = Board(
        overdue=[v for v in rows if v.overdue],
        due_soon=[v for v in rows if not v.overdue],
        awaiting=list(awaiting_assignment(actor, now=now)),
        unowned=[v for v in open_rows if v.owner is None],
        by_worker=_by_worker(rows),
    )
    with transaction.atomic():
        record_event(actor=actor, action="obligations.listed", detail={"list": "board"})
    return result


def _by_worker(rows: list[ObligationView]) -> list[WorkerLine]:
    """Return one line per owner: how many overdue and due soon, the most overdue first."""
    lines: dict[int | None, WorkerLine] = {}
    for view in rows:
        owner = view.owner
        line = lines.setdefault(owner.pk if owner else None, WorkerLine(owner))
        if view.overdue:
            line.overdue += 1
        else:
            line.due_soon += 1
    return sorted(
        lines.values(), key=lambda line: (-line.overdue, -line.due_soon, str(line.owner or ""))
    )


@dataclass(frozen=True)
class ObligationRecord:
    """One obligation as one actor may see it, with what the actor may do about it."""

    view: ObligationView
    can_edit: bool
    can_approve: bool
    can_assign: bool = False


def get_obligation(*, actor: User, pk: int, now: dt.datetime | None = None) -> ObligationRecord:
    """Return obligation ``pk`` if the actor may see the youth's obligations; audit the read."""
    now = now or timezone.now()
    with transaction.atomic():
        row = _obligation_row(pk)
        scope = case_scope(row.youth)
        person = actor.to_actor()
        if FieldGroup.OBLIGATIONS not in visible_fields(person, scope, now):
            raise Http404("No such obligation")
        record_event(actor=actor, action="obligation.viewed", target=row, youth=row.youth)
        return ObligationRecord(
            ObligationView(row, now),
            can_edit=decide(person, scope, Action.EDIT, now).allowed,
            can_approve=decide(person, scope, Action.APPROVE, now).allowed,
            can_assign=decide(person, scope, Action.ASSIGN, now).allowed,
        )


def _obligation_row(pk: int) -> Obligation:
    """Return obligation ``pk`` with what its page shows, or answer 404."""
    row = (
        Obligation.objects.select_related(
            "youth",
            "youth__caseworker",
            "youth__district",
            "unassigned_owner",
            "satisfied_by",
            "satisfied_report",
            "satisfied_report__recorded_by",
            "not_applicable_by",
        )
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404("No such obligation")
    return row


@dataclass(frozen=True)
class ReportRecord:
    """A legal report as first recorded, its corrections oldest first, and what it satisfied."""

    report: LegalReport
    amendments: list[LegalReport]
    obligation: Obligation | None

    @property
    def current(self) -> LegalReport:
        """Return the report as it now stands: the latest correction, or the original."""
        return self.amendments[-1] if self.amendments else self.report


def get_report_to_correct(*, actor: User, pk: int) -> ReportRecord:
    """Return report ``pk`` (an amendment leads to its original) for someone who may correct it.

    Only those who change the youth's record correct a report; everyone else, and a report that
    does not exist, gets 404 alike. The read is audited.
    """
    report = (
        LegalReport.objects.select_related("youth", "youth__caseworker", "recorded_by", "amends")
        .filter(pk=pk)
        .first()
    )
    if report is not None and report.amends is not None:
        report = report.amends
    if report is None or not decide(
        actor.to_actor(), case_scope(report.youth), Action.EDIT, timezone.now()
    ):
        raise Http404("No such report")
    with transaction.atomic():
        record_event(actor=actor, action="report.viewed", target=report, youth=report.youth)
    amendments = list(report.amendments.select_related("recorded_by").order_by("recorded_at", "id"))
    obligation = Obligation.objects.filter(satisfied_report=report).order_by("id").first()
    return ReportRecord(report, amendments, obligation)


def obligations_of(youth: Youth, *, now: dt.datetime | None = None) -> list[ObligationView]:
    """Return a youth's obligations, open first by due time, with their history.

    For ``cases.queries.YouthRecord``, which has already checked the ``obligations`` field group.
    """
    now = now or timezone.now()
    rows = (
        Obligation.objects.filter(youth=youth)
        .select_related("youth__caseworker", "unassigned_owner", "satisfied_by", "satisfied_report")
        .prefetch_related("history", "history__actor")
        .order_by("-status", "due", "id")  # open, then satisfied, then not applicable
    )
    views = _views(rows, now)
    order = {"overdue": 0, "open": 1, "satisfied": 2, "not_applicable": 3}
    return sorted(views, key=lambda view: (order[view.status], view.row.due, view.row.pk))


def clock_policy_for(actor: User) -> AgencyClockPolicy:
    """Return the agency's clock durations for an administrator to edit."""
    if actor.role != Role.ADMINISTRATOR:
        raise Http404("Only administrators edit the clock durations")
    return AgencyClockPolicy.objects.first() or AgencyClockPolicy(pk=1, version=0)


@dataclass(frozen=True)
class RecordOutcome:
    """What a report, referral or meeting did to the clocks: the obligations it satisfied, or
    that it satisfied nothing yet and waits to count for one that opens later (SPEC §5)."""

    satisfied: list[Obligation]
    waiting: bool
    credit_hours: float


def record_outcome(*records: object) -> RecordOutcome:
    """Return what ``records`` (one action, e.g. a referral and its report) satisfied.

    The caller has already read the records through its own scoped query.
    """
    keys = [key for key in (record_key(record) for record in records) if key]
    satisfied = list(Obligation.objects.filter(satisfied_record_key__in=keys).order_by("due"))
    waiting = PriorAction.objects.filter(record_key__in=keys, credited_to__isnull=True).exists()
    row = AgencyClockPolicy.objects.first()
    hours = row.prior_action_credit_hours if row is not None else 168
    return RecordOutcome(satisfied, waiting and not satisfied, hours)


def get_youth_to_assign(*, actor: User, pk: int) -> YouthRecord:
    """Return the youth's record for the supervisor or PA who assigns it (404 for anyone else)."""
    return get_youth(actor=actor, pk=pk, action=Action.ASSIGN)


def caseworkers_to_assign(actor: User, youth: Youth) -> QuerySet[User]:
    """Return the caseworkers the actor may give the case to, with their caseload counts.

    A supervisor: their own unit's; a program administrator: the district's, every unit.
    """
    people = User.objects.filter(
        is_active=True, role=Role.CASEWORKER, district_id=youth.district_id, unit__isnull=False
    )
    if actor.role == Role.SUPERVISOR:
        people = people.filter(unit_id=actor.unit_id or 0)
    return (
        people.exclude(pk=youth.caseworker_id or 0)
        .select_related("unit")
        .annotate(caseload_count=Count("caseload"))
        .order_by("unit__name", "last_name", "first_name", "pk")
    )


def units_to_move_to(actor: User, youth: Youth) -> QuerySet[Unit]:
    """Return the units of the youth's district a program administrator may move the case to."""
    if actor.role != Role.PROGRAM_ADMIN:
        return Unit.objects.none()
    return Unit.objects.filter(district_id=youth.district_id).order_by("name")


def get_obligation_to_reassign(*, actor: User, pk: int) -> ObligationRecord:
    """Return an open obligation whose owner the actor may change (404 for anyone else)."""
    record = get_obligation(actor=actor, pk=pk)
    scope = case_scope(record.view.row.youth)
    if not record.view.row.is_open or not decide(
        actor.to_actor(), scope, Action.ASSIGN, timezone.now()
    ):
        raise Http404("No such obligation")
    return record


def people_to_own(actor: User, obligation: Obligation) -> QuerySet[User]:
    """Return who may own ``obligation``: the actor's unit (a PA's: the district) staff."""
    people = User.objects.filter(
        is_active=True,
        role__in=(Role.CASEWORKER, Role.SUPERVISOR),
        district_id=obligation.youth.district_id,
    )
    if actor.role == Role.SUPERVISOR:
        people = people.filter(unit_id=actor.unit_id or 0)
    return people.select_related("unit").order_by("last_name", "first_name", "pk")


@dataclass(frozen=True)
class Escalation:
    """An open obligation escalated to the actor: when they were told, and as whom."""

    item: ObligationView
    told_at: dt.datetime
    step: str  # "supervisor" or "program_administrator"


_ESCALATION_KEY = r"^obligation:[0-9]+:(supervisor|program_administrator):"


def escalated_to(actor: User, *, now: dt.datetime | None = None) -> list[Escalation]:
    """Return the open obligations escalated to the actor (supervisor or program administrator
    step), latest told first: what the escalation worker told them and still waits."""
    now = now or timezone.now()
    told = Notification.objects.filter(recipient=actor, dedupe_key__regex=_ESCALATION_KEY)
    latest: dict[int, tuple[dt.datetime, str]] = {}
    for key, at in told.values_list("dedupe_key", "created_at"):
        _, pk, step, _ = key.split(":")
        if int(pk) not in latest or at > latest[int(pk)][0]:
            latest[int(pk)] = (at, step)
    rows = _open_visible(actor, now).filter(pk__in=list(latest))
    found = [Escalation(ObligationView(row, now), *latest[row.pk]) for row in rows]
    return sorted(found, key=lambda escalation: escalation.told_at, reverse=True)


def opened_by(youth: Youth, event_type: str, at: dt.datetime) -> list[ObligationView]:
    """Return the still-open obligations one event (its type and time) opened for ``youth``."""
    rows = Obligation.objects.filter(
        youth=youth, opened_by_event=event_type, opened_at=at, status="open"
    ).select_related("youth__caseworker", "unassigned_owner", "owner")
    return _views(rows.order_by("due"), timezone.now())
