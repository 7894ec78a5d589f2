"""Scoped reads of missing episodes: through the youth's record (``cases.queries.get_youth``), so
access and audit apply; the board lists only the youth the actor may see. Missing and forbidden
answer 404 alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.queries import YouthRecord, get_youth
from safeharbor.cases.scope import visible_filter
from safeharbor.domain.access import Action, FieldGroup, Role
from safeharbor.domain.clocks import ObligationKind
from safeharbor.missing.models import (
    MissingEpisode,
    MissingPatternPolicy,
    PatternFlag,
    ReturnDebrief,
)
from safeharbor.obligations.models import LegalReport, Obligation
from safeharbor.obligations.queries import ObligationView

REPORT_KINDS = {
    "law_enforcement": ObligationKind.REPORT_MISSING_LAW_ENFORCEMENT.value,
    "ncmec": ObligationKind.REPORT_MISSING_NCMEC.value,
}
RETURN_KINDS = (ObligationKind.RETURN_DEBRIEF.value, ObligationKind.RETURN_SCREENING.value)
BOARD_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN}
RECENT_FLAGS = dt.timedelta(days=30)


@dataclass(frozen=True)
class ReportStatus:
    """One required report of an episode: made (the report), or its clock (open or overdue)."""

    recipient: str
    label: str
    report: LegalReport | None
    clock: ObligationView | None

    @property
    def state(self) -> str:
        """Return reported, overdue, due, not_applicable or none."""
        if self.report is not None:
            return "reported"
        if self.clock is None:
            return "none"
        return {"overdue": "overdue", "open": "due"}.get(self.clock.status, self.clock.status)


def _report_statuses(
    episode: MissingEpisode,
    reports: list[LegalReport],
    obligations: list[Obligation],
    now: dt.datetime,
) -> list[ReportStatus]:
    """Return the law-enforcement and NCMEC report status of one episode.

    A report recorded for the episode answers it. Otherwise the youth's open obligation of that
    kind is its clock (an episode whose clock was already open from an earlier one shares it,
    SPEC §5.1 "not opened twice"); else the one this episode opened (set aside, or satisfied by
    a report recorded without the episode).
    """
    labels = {"law_enforcement": "Law enforcement", "ncmec": "NCMEC"}
    statuses = []
    for recipient, kind in REPORT_KINDS.items():
        made = [r for r in reports if r.recipient == recipient and r.amends_id is None]
        clock = next((o for o in obligations if o.kind == kind and o.is_open), None) or next(
            (o for o in obligations if o.kind == kind and o.opened_at == episode.learned_at),
            None,
        )
        statuses.append(
            ReportStatus(
                recipient,
                labels[recipient],
                made[-1] if made else None,
                None if clock is None else ObligationView(clock, now),
            )
        )
    return statuses


@dataclass(frozen=True)
class ReportLine:
    """A report recorded for an episode with its amendments, oldest amendment first."""

    report: LegalReport
    amendments: list[LegalReport]

    @property
    def current(self) -> LegalReport:
        """Return the newest amendment, or the report itself: what the record says now."""
        return self.amendments[-1] if self.amendments else self.report


@dataclass
class EpisodeRecord:
    """One missing episode as one actor may see it."""

    record: YouthRecord
    episode: MissingEpisode
    now: dt.datetime

    @property
    def youth(self) -> Youth:
        """Return the youth."""
        return self.record.youth

    @property
    def can_edit(self) -> bool:
        """Return whether the actor may record reports, efforts, the return and the debrief."""
        return self.record.can["edit"]

    @property
    def shows_notes(self) -> bool:
        """Return whether the actor may read disclosure narratives (the debrief's answers)."""
        return self.record.shows(FieldGroup.NOTES)

    @cached_property
    def obligations(self) -> list[Obligation]:
        """Return the youth's missing-report and return obligations, oldest first."""
        if not self.record.shows(FieldGroup.OBLIGATIONS):
            return []
        kinds = [*REPORT_KINDS.values(), *RETURN_KINDS]
        return list(
            Obligation.objects.filter(youth=self.youth, kind__in=kinds)
            .select_related("youth__caseworker", "unassigned_owner", "owner")
            .order_by("opened_at", "id")
        )

    @cached_property
    def report_lines(self) -> list[ReportLine]:
        """Return the reports recorded for this episode, each with its amendments."""
        rows = list(
            LegalReport.objects.filter(missing_episode=self.episode)
            .select_related("recorded_by")
            .order_by("recorded_at", "id")
        )
        return [
            ReportLine(r, [a for a in rows if a.amends_id == r.pk])
            for r in rows
            if r.amends_id is None
        ]

    @cached_property
    def reports(self) -> list[ReportStatus]:
        """Return the law-enforcement and NCMEC report status."""
        made = [line.report for line in self.report_lines]
        return _report_statuses(self.episode, made, self.obligations, self.now)

    def report_made(self, recipient: str) -> bool:
        """Return whether a report to ``recipient`` is recorded for this episode."""
        return any(line.report.recipient == recipient for line in self.report_lines)

    @cached_property
    def return_clocks(self) -> list[ObligationView]:
        """Return the debrief and screening clocks this episode's return opened."""
        if self.episode.returned_at is None:
            return []
        return [
            ObligationView(o, self.now)
            for o in self.obligations
            if o.kind in RETURN_KINDS and o.opened_at == self.episode.returned_at
        ]

    def clock(self, kind: str) -> ObligationView | None:
        """Return this episode's return clock of ``kind``, if one opened."""
        return next((v for v in self.return_clocks if v.row.kind == kind), None)

    @cached_property
    def efforts(self) -> list:  # type: ignore[type-arg]
        """Return the locate efforts, newest first."""
        return list(self.episode.locate_efforts.select_related("recorded_by"))

    @cached_property
    def flags(self) -> list[PatternFlag]:
        """Return the patterns flagged on this episode, newest first."""
        return list(self.episode.flags.all())

    @cached_property
    def debrief(self):  # type: ignore[no-untyped-def]
        """Return the return debrief, or None."""
        return getattr(self.episode, "debrief", None)

    @cached_property
    def previous(self) -> list[MissingEpisode]:
        """Return the youth's earlier episodes, newest first (where the youth was found before)."""
        return list(
            self.youth.missing_episodes.filter(learned_at__lt=self.episode.learned_at).order_by(
                "-learned_at"
            )
        )

    @property
    def hours_missing(self) -> int:
        """Return whole hours since the youth was last seen (to the return, once returned)."""
        end = self.episode.returned_at or self.now
        return int((end - self.episode.last_seen_at).total_seconds() // 3600)


def get_episode(
    *, actor: User, pk: int, episode_pk: int, action: Action = Action.VIEW
) -> EpisodeRecord:
    """Return episode ``episode_pk`` of youth ``pk`` if the actor may see missing episodes."""
    record = get_youth(actor=actor, pk=pk, action=action)
    if not record.shows(FieldGroup.MISSING):
        raise Http404("No such missing episode")
    episode = (
        record.youth.missing_episodes.select_related(
            "placement", "created_by", "return_recorded_by"
        )
        .filter(pk=episode_pk)
        .first()
    )
    if episode is None:
        raise Http404("No such missing episode")
    with transaction.atomic():
        record_event(actor=actor, action="missing.viewed", target=episode, youth=record.youth)
    return EpisodeRecord(record, episode, record.now)


def get_youth_to_record(*, actor: User, pk: int) -> YouthRecord:
    """Return a youth the actor may record a missing episode for (404 otherwise)."""
    record = get_youth(actor=actor, pk=pk, action=Action.EDIT)
    if not record.shows(FieldGroup.MISSING):
        raise Http404("No such youth record")
    return record


def episodes_of(record: YouthRecord) -> list[MissingEpisode]:
    """Return a youth's episodes with their flags, newest first, for the youth page."""
    if not record.shows(FieldGroup.MISSING):
        return []
    debriefed = ReturnDebrief.objects.filter(episode=OuterRef("pk"))
    return list(
        record.youth.missing_episodes.select_related("placement")
        .prefetch_related("flags", "legal_reports")
        .annotate(debrief_done=Exists(debriefed))
    )


def open_episode(record: YouthRecord) -> MissingEpisode | None:
    """Return the youth's open episode, if any (the record was already scoped and audited)."""
    if not record.shows(FieldGroup.MISSING):
        return None
    return record.youth.missing_episodes.filter(returned_at__isnull=True).first()


def last_description(youth: Youth) -> MissingEpisode | None:
    """Return the youth's latest episode, whose description pre-fills a new one."""
    return youth.missing_episodes.order_by("-learned_at").first()


# --- the report packet ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Packet:
    """What one actor's report packet holds: the address only for those who may see it."""

    record: EpisodeRecord
    generated_by: User
    generated_at: dt.datetime
    shows_placement: bool
    shows_demographics: bool
    address: str | None
    provider: str | None
    supervisors: list[User]


def packet_for(*, actor: User, pk: int, episode_pk: int) -> Packet:
    """Return the report packet's content for ``actor``; audit its generation (and any address)."""
    from safeharbor.missing.patterns import supervisors_of

    record = get_episode(actor=actor, pk=pk, episode_pk=episode_pk)
    youth, episode, now = record.youth, record.episode, record.now
    placement = episode.placement
    with_address = (
        placement is not None
        and record.record.can["view_address"]
        and record.record.shows(FieldGroup.PLACEMENT_ADDRESS)
    )
    with transaction.atomic():
        record_event(
            actor=actor,
            action="missing.packet_generated",
            target=episode,
            youth=youth,
            detail={"address_included": with_address},
        )
        if with_address:
            record_event(
                actor=actor,
                action="youth.address_viewed",
                target=placement,
                youth=youth,
                detail={"purpose": "missing-report packet"},
            )
    return Packet(
        record=record,
        generated_by=actor,
        generated_at=now,
        shows_placement=record.record.shows(FieldGroup.PLACEMENTS),
        shows_demographics=record.record.shows(FieldGroup.DEMOGRAPHICS),
        address=placement.address if with_address and placement else None,
        provider=placement.provider_name if with_address and placement else None,
        supervisors=supervisors_of(youth),
    )


# --- the board ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardLine:
    """One open (or just returned) episode on the board."""

    episode: MissingEpisode
    reports: list[ReportStatus]
    flags: list[PatternFlag]
    now: dt.datetime
    debrief_clock: ObligationView | None = None

    @property
    def youth(self) -> Youth:
        """Return the youth."""
        return self.episode.youth

    @property
    def hours_missing(self) -> int:
        """Return whole hours since the youth was last seen."""
        return int((self.now - self.episode.last_seen_at).total_seconds() // 3600)

    @property
    def hours_since_learned(self) -> int:
        """Return whole hours since the agency learned of it (the report clocks' start)."""
        return int((self.now - self.episode.learned_at).total_seconds() // 3600)

    @property
    def hours_since_return(self) -> int:
        """Return whole hours since the youth returned."""
        returned = self.episode.returned_at or self.now
        return int((self.now - returned).total_seconds() // 3600)

    @property
    def overdue(self) -> bool:
        """Return whether a required report is overdue."""
        return any(r.state == "overdue" for r in self.reports)

    def sort_key(self) -> tuple[int, dt.datetime, int]:
        """Overdue reports first, then reports still due (soonest first), then reported."""
        due = [r.clock.row.due for r in self.reports if r.state in ("overdue", "due") and r.clock]
        rank = 0 if self.overdue else 1 if due else 2
        return rank, min(due) if due else self.episode.learned_at, self.episode.pk


@dataclass
class DistrictBoard:
    """A district's open episodes."""

    district: District
    lines: list[BoardLine] = field(default_factory=list)


@dataclass
class MissingBoard:
    """The missing-now board: open episodes by district, returns awaiting a debrief, flags."""

    districts: list[DistrictBoard]
    awaiting_debrief: list[BoardLine]
    recent_flags: list[PatternFlag]

    @property
    def open_count(self) -> int:
        """Return how many youth are missing now."""
        return sum(len(d.lines) for d in self.districts)


def _visible_youth(actor: User, now: dt.datetime) -> QuerySet[Youth]:
    return Youth.objects.filter(visible_filter(actor, now))


def missing_now(actor: User, *, now: dt.datetime | None = None) -> MissingBoard:
    """Return every open episode of the youth the actor may see, overdue reports first."""
    if Role(actor.role) not in BOARD_ROLES:
        raise Http404("No missing board for this role")
    now = now or timezone.now()
    visible = _visible_youth(actor, now)
    episodes = list(
        MissingEpisode.objects.filter(youth__in=visible.values("pk"), returned_at__isnull=True)
        .select_related("youth", "youth__caseworker", "youth__district", "placement")
        .prefetch_related("flags", _reports())
    )
    obligations = _obligations_by_youth([e.youth_id for e in episodes], REPORT_KINDS.values())
    lines = [
        BoardLine(
            e,
            _report_statuses(e, list(e.legal_reports.all()), obligations.get(e.youth_id, []), now),
            list(e.flags.all()),
            now,
        )
        for e in episodes
    ]
    by_district: dict[int, DistrictBoard] = {}
    for line in sorted(lines, key=BoardLine.sort_key):
        board = by_district.setdefault(line.youth.district_id, DistrictBoard(line.youth.district))
        board.lines.append(line)
    result = MissingBoard(
        sorted(by_district.values(), key=lambda d: d.district.name),
        _awaiting_debrief(visible, now),
        list(
            PatternFlag.objects.filter(
                youth__in=visible.values("pk"), raised_at__gte=now - RECENT_FLAGS
            )
            .select_related("youth", "episode")
            .order_by("-raised_at", "-id")
        ),
    )
    with transaction.atomic():
        record_event(actor=actor, action="missing.board_viewed", detail={"open": result.open_count})
    return result


def _reports() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "legal_reports", queryset=LegalReport.objects.filter(amends__isnull=True).order_by("id")
    )


def _obligations_by_youth(youth_ids: list[int], kinds) -> dict[int, list[Obligation]]:  # type: ignore[no-untyped-def]
    grouped: dict[int, list[Obligation]] = {}
    rows = (
        Obligation.objects.filter(youth_id__in=youth_ids, kind__in=list(kinds))
        .select_related("youth__caseworker", "unassigned_owner", "owner")
        .order_by("opened_at", "id")
    )
    for row in rows:
        grouped.setdefault(row.youth_id, []).append(row)
    return grouped


def _awaiting_debrief(visible: QuerySet[Youth], now: dt.datetime) -> list[BoardLine]:
    """Return returned episodes with no debrief whose youth's debrief clock is open."""
    waiting = Obligation.objects.filter(
        youth__in=visible.values("pk"), kind=ObligationKind.RETURN_DEBRIEF.value, status="open"
    ).select_related("youth__caseworker", "unassigned_owner", "owner")
    lines = []
    for clock in waiting:
        episode = (
            MissingEpisode.objects.filter(
                youth_id=clock.youth_id, returned_at__isnull=False, debrief__isnull=True
            )
            .select_related("youth", "youth__caseworker", "youth__district")
            .order_by("-returned_at")
            .first()
        )
        if episode is not None:
            lines.append(BoardLine(episode, [], [], now, ObligationView(clock, now)))
    return sorted(lines, key=lambda line: line.debrief_clock.row.due if line.debrief_clock else now)


# --- settings -----------------------------------------------------------------------------------


def pattern_policy_for(actor: User) -> MissingPatternPolicy:
    """Return the agency's pattern thresholds for an administrator to edit."""
    if actor.role != Role.ADMINISTRATOR:
        raise Http404("Only administrators edit the pattern thresholds")
    return MissingPatternPolicy.objects.first() or MissingPatternPolicy(pk=1, version=0)
