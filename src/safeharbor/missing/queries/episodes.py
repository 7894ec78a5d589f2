"""One youth's missing episodes, read through the youth's record (``cases.queries.get_youth``)
so access and audit apply; missing and forbidden answer 404 alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Placement, Youth
from safeharbor.cases.queries import YouthRecord, get_youth
from safeharbor.domain.access import Action, FieldGroup, Role
from safeharbor.domain.clocks import ObligationKind
from safeharbor.domain.return_debrief import QUESTIONS
from safeharbor.missing.models import (
    LocateEffort,
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
REPORT_LABELS = {"law_enforcement": "Law enforcement", "ncmec": "NCMEC"}


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


def report_statuses(
    episode: MissingEpisode,
    reports: list[LegalReport],
    obligations: list[Obligation],
    now: dt.datetime,
) -> list[ReportStatus]:
    """Return the law-enforcement and NCMEC report status of one episode."""
    return [
        ReportStatus(
            recipient,
            REPORT_LABELS[recipient],
            _made(reports, recipient),
            _clock(episode, obligations, kind, now),
        )
        for recipient, kind in REPORT_KINDS.items()
    ]


def _made(reports: list[LegalReport], recipient: str) -> LegalReport | None:
    """Return the newest report to ``recipient`` recorded for the episode (not an amendment)."""
    made = [r for r in reports if r.recipient == recipient and r.amends_id is None]
    return made[-1] if made else None


def _clock(
    episode: MissingEpisode, obligations: list[Obligation], kind: str, now: dt.datetime
) -> ObligationView | None:
    """Return the clock of a report not yet made.

    The youth's open obligation of that kind is its clock (an episode whose clock was already
    open from an earlier one shares it, SPEC §5.1 "not opened twice"); else the one this episode
    opened (set aside, or satisfied by a report recorded without the episode).
    """
    clock = next((o for o in obligations if o.kind == kind and o.is_open), None) or next(
        (o for o in obligations if o.kind == kind and o.opened_at == episode.learned_at), None
    )
    return None if clock is None else ObligationView(clock, now)


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

    @property
    def shows_risks(self) -> bool:
        """Return whether the actor may read the risk details (suicide, pregnancy, medication…)."""
        return self.record.shows(FieldGroup.MISSING_RISK)

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
        return report_statuses(self.episode, made, self.obligations, self.now)

    def report_line(self, report_pk: int) -> ReportLine | None:
        """Return the report ``report_pk`` of this episode with its amendments, if it is one."""
        return next((line for line in self.report_lines if line.report.pk == report_pk), None)

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

    @property
    def return_screening_open(self) -> bool:
        """Return whether the screening this return calls for is still to be done."""
        clock = self.clock(ObligationKind.RETURN_SCREENING.value)
        return clock is not None and clock.status in ("open", "overdue")

    @cached_property
    def efforts(self) -> list[LocateEffort]:
        """Return the locate efforts, newest first."""
        return list(self.episode.locate_efforts.select_related("recorded_by"))

    @cached_property
    def flags(self) -> list[PatternFlag]:
        """Return the patterns flagged on this episode, newest first."""
        return list(self.episode.flags.all())

    @cached_property
    def debrief(self) -> ReturnDebrief | None:
        """Return the return debrief, or None."""
        debrief: ReturnDebrief | None = getattr(self.episode, "debrief", None)
        return debrief

    def debrief_answers(self) -> list[tuple[str, str]]:
        """Return (question, answer) of the debrief, for those who may read disclosures."""
        if self.debrief is None or not self.shows_notes:
            return []
        answers = self.debrief.answers()
        return [(question.words, answers[question.id]) for question in QUESTIONS]

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


def placements_of(record: YouthRecord) -> list[Placement]:
    """Return the youth's placements the actor may see, newest first (an episode names one)."""
    return [view.placement for view in record.placements()]


def last_description(youth: Youth) -> MissingEpisode | None:
    """Return the youth's latest episode, whose description pre-fills a new one."""
    return youth.missing_episodes.order_by("-learned_at").first()


def pattern_policy_for(actor: User) -> MissingPatternPolicy:
    """Return the agency's pattern thresholds for an administrator to edit."""
    if actor.role != Role.ADMINISTRATOR:
        raise Http404("Only administrators edit the pattern thresholds")
    return MissingPatternPolicy.objects.first() or MissingPatternPolicy(pk=1, version=0)
