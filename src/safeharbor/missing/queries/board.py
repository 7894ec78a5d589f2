"""The missing-now board: every open episode of the youth an actor may see, by district, overdue
reports first; returns awaiting a debrief; the patterns flagged lately."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import visible_filter
from safeharbor.domain.access import Role
from safeharbor.domain.clocks import ObligationKind
from safeharbor.missing.models import MissingEpisode, PatternFlag
from safeharbor.missing.queries.episodes import REPORT_KINDS, ReportStatus, report_statuses
from safeharbor.obligations.models import LegalReport, Obligation
from safeharbor.obligations.queries import ObligationView

BOARD_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN}
RECENT_FLAGS = dt.timedelta(days=30)


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
    board = MissingBoard(
        _by_district(_open_lines(visible, now)),
        _awaiting_debrief(visible, now),
        _recent_flags(visible, now),
    )
    with transaction.atomic():
        record_event(actor=actor, action="missing.board_viewed", detail={"open": board.open_count})
    return board


def _open_lines(visible: QuerySet[Youth], now: dt.datetime) -> list[BoardLine]:
    """Return a line per open episode, with its reports' status and its flags."""
    episodes = list(
        MissingEpisode.objects.filter(youth__in=visible.values("pk"), returned_at__isnull=True)
        .select_related("youth", "youth__caseworker", "youth__district", "placement")
        .prefetch_related("flags", _reports())
    )
    obligations = _obligations_by_youth([e.youth_id for e in episodes], REPORT_KINDS.values())
    return [
        BoardLine(
            e,
            report_statuses(e, list(e.legal_reports.all()), obligations.get(e.youth_id, []), now),
            list(e.flags.all()),
            now,
        )
        for e in episodes
    ]


def _by_district(lines: list[BoardLine]) -> list[DistrictBoard]:
    """Group the lines by the youth's district (by name), overdue reports first in each."""
    by_district: dict[int, DistrictBoard] = {}
    for line in sorted(lines, key=BoardLine.sort_key):
        board = by_district.setdefault(line.youth.district_id, DistrictBoard(line.youth.district))
        board.lines.append(line)
    return sorted(by_district.values(), key=lambda d: d.district.name)


def _recent_flags(visible: QuerySet[Youth], now: dt.datetime) -> list[PatternFlag]:
    return list(
        PatternFlag.objects.filter(
            youth__in=visible.values("pk"), raised_at__gte=now - RECENT_FLAGS
        )
        .select_related("youth", "episode")
        .order_by("-raised_at", "-id")
    )


def _reports() -> Prefetch[str, QuerySet[LegalReport], str]:
    return Prefetch(
        "legal_reports", queryset=LegalReport.objects.filter(amends__isnull=True).order_by("id")
    )


def _obligations_by_youth(
    youth_ids: list[int], kinds: Iterable[str]
) -> dict[int, list[Obligation]]:
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
