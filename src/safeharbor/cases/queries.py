"""Scoped reads of youth records: every read is filtered by the actor's scope and audited.

A record outside the actor's scope raises Http404 exactly like a record that does not exist,
so an outsider never learns that a case exists (ARCHITECTURE §1.3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.audit.models import AuditEvent
from safeharbor.cases.models import AccessGrant, Placement, Youth
from safeharbor.cases.picture import Picture, draw
from safeharbor.cases.scope import case_scope, visible_filter
from safeharbor.domain.access import (
    Action,
    CaseScope,
    FieldGroup,
    GrantKind,
    Role,
    decide,
    visible_fields,
)
from safeharbor.missing.models import MissingEpisode, ReturnDebrief
from safeharbor.obligations.models import LegalReport
from safeharbor.screenings.models import Screening


def youth_visible_to(actor: User, *, now: dt.datetime | None = None) -> QuerySet[Youth]:
    """Return the youth ``actor`` may open, annotated and ordered by who needs attention first."""
    now = now or timezone.now()
    open_episode = MissingEpisode.objects.filter(youth=OuterRef("pk"), returned_at__isnull=True)
    return (
        Youth.objects.filter(visible_filter(actor, now))
        .select_related("district", "caseworker")
        .annotate(missing_now=Exists(open_episode))
        .order_by("-missing_now", "legal_last_name", "legal_first_name", "pk")
    )


def search_caseload(
    actor: User, *, text: str = "", now: dt.datetime | None = None
) -> QuerySet[Youth]:
    """Return the actor's visible youth whose preferred, legal or record number matches ``text``."""
    queryset = youth_visible_to(actor, now=now)
    for word in text.split()[:5]:
        queryset = queryset.filter(
            Q(preferred_name__icontains=word)
            | Q(legal_first_name__icontains=word)
            | Q(legal_last_name__icontains=word)
            | Q(record_number__iexact=word)
        )
    return queryset


@dataclass(frozen=True)
class PlacementView:
    """A placement as one actor may see it: the address and provider only when allowed."""

    placement: Placement
    address_visible: bool

    @property
    def address(self) -> str | None:
        """Return the address, or None when this actor may not see it."""
        return self.placement.address if self.address_visible else None

    @property
    def provider_name(self) -> str | None:
        """Return the provider, or None when this actor may not see it."""
        return self.placement.provider_name if self.address_visible else None


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing on a youth's timeline: ``kind`` says which template draws it.

    Kinds: placement, missing, returned (the item is the episode), report, debrief, screening.
    ``at`` orders entries within a day (placements have only a day).
    """

    day: dt.date
    kind: str
    item: object
    at: dt.datetime | None = None

    def order(self) -> tuple[dt.date, float]:
        """Return the sort key: the day, then the moment within it."""
        return self.day, self.at.timestamp() if self.at is not None else 0.0


@dataclass
class YouthRecord:
    """One youth's record as one actor may see it."""

    youth: Youth
    scope: CaseScope
    fields: frozenset[FieldGroup]
    actor: User
    now: dt.datetime

    @cached_property
    def can(self) -> dict[str, bool]:
        """Map each action id to whether the actor may take it (``record.can.edit``)."""
        actor = self.actor.to_actor()
        return {a.value: decide(actor, self.scope, a, self.now).allowed for a in Action}

    @cached_property
    def emergency_until(self) -> dt.datetime | None:
        """Return when the actor's emergency access ends, if that is how they see this record."""
        actor = self.actor.to_actor()
        reason = decide(actor, self.scope, Action.VIEW, self.now).reason
        if reason != "emergency access granted":
            return None
        ends = [
            g.expires_at
            for g in self.scope.grants
            if g.user_id == actor.user_id and g.kind is GrantKind.EMERGENCY and g.active(self.now)
        ]
        return max((e for e in ends if e is not None), default=None)

    def shows(self, group: FieldGroup | str) -> bool:
        """Return whether the actor may see the field group ``group``."""
        return FieldGroup(group) in self.fields

    def placements(self) -> list[PlacementView]:
        """Return the placement history, newest first; empty when placements are not shared."""
        if not self.shows(FieldGroup.PLACEMENTS):
            return []
        # Addresses are revealed one at a time on request (and audited), never in the timeline.
        return [PlacementView(p, False) for p in self.youth.placements.all()]

    def timeline(self) -> list[TimelineEntry]:
        """Return placements, missing episodes, reports, returns and screenings on one line of
        time, newest first; each kind only when the actor may see its field group."""
        return list(self._timeline)

    @cached_property
    def _timeline(self) -> list[TimelineEntry]:
        entries = [TimelineEntry(p.placement.start_date, "placement", p) for p in self.placements()]
        for episode in self.missing_episodes():
            entries.append(_dated("missing", episode, episode.last_seen_at))
            if episode.returned_at is not None:
                entries.append(_dated("returned", episode, episode.returned_at))
        entries += [_dated("report", r, r.reported_at) for r in self.legal_reports()]
        entries += [_dated("debrief", d, d.conducted_at) for d in self.debriefs()]
        entries += [
            TimelineEntry(s.as_of, "screening", s, s.screened_at) for s in self.screenings()
        ]
        return sorted(entries, key=TimelineEntry.order, reverse=True)

    def timeline_picture(self) -> Picture | None:
        """Return the last twelve months of the timeline as one picture (``cases.picture``)."""
        return draw(self._timeline, timezone.localdate(self.now))

    def legal_reports(self) -> list[LegalReport]:
        """Return the reports made to law enforcement, NCMEC and the DA (amendments left out):
        about a missing youth with the missing episodes, the others with the obligations."""
        groups = {"missing": FieldGroup.MISSING, "sex_trafficking": FieldGroup.OBLIGATIONS}
        shown = [about for about, group in groups.items() if self.shows(group)]
        return list(
            self.youth.legal_reports.filter(about__in=shown, amends__isnull=True).order_by("id")
        )

    def debriefs(self) -> list[ReturnDebrief]:
        """Return the return debriefs (that one happened, not what was said)."""
        if not self.shows(FieldGroup.MISSING):
            return []
        return list(
            ReturnDebrief.objects.filter(episode__youth=self.youth).select_related("conducted_by")
        )

    def screenings(self) -> list[Screening]:
        """Return the screenings, when the actor may see them."""
        if not self.shows(FieldGroup.SCREENINGS):
            return []
        return list(self.youth.screenings.all())

    def missing_episodes(self) -> list[MissingEpisode]:
        """Return the missing episodes, newest first, when the actor may see them."""
        if not self.shows(FieldGroup.MISSING):
            return []
        return list(self.youth.missing_episodes.all())


def _dated(kind: str, item: object, at: dt.datetime) -> TimelineEntry:
    return TimelineEntry(timezone.localdate(at), kind, item, at)


def get_youth(
    *, actor: User, pk: int, action: Action = Action.VIEW, now: dt.datetime | None = None
) -> YouthRecord:
    """Return the youth record ``pk`` if ``actor`` may take ``action`` on it; audit the read."""
    now = now or timezone.now()
    with transaction.atomic():
        youth = (
            Youth.objects.select_related("district", "caseworker", "caseworker__unit")
            .filter(pk=pk)
            .first()
        )
        if youth is None:
            raise Http404("No such youth record")
        scope = case_scope(youth)
        decision = decide(actor.to_actor(), scope, action, now)
        if not decision.allowed:
            raise Http404("No such youth record")
        record_event(
            actor=actor,
            action="youth.viewed",
            target=youth,
            youth=youth,
            detail={"access": decision.reason, "purpose": action.value},
        )
        return YouthRecord(youth, scope, visible_fields(actor.to_actor(), scope, now), actor, now)


def reveal_placement_address(*, actor: User, pk: int, placement_pk: int) -> PlacementView:
    """Return one placement with its address for an actor allowed to see it; audit the reveal."""
    now = timezone.now()
    with transaction.atomic():
        youth = Youth.objects.select_related("caseworker").filter(pk=pk).first()
        if youth is None:
            raise Http404("No such youth record")
        decision = decide(actor.to_actor(), case_scope(youth), Action.VIEW_ADDRESS, now)
        placement = youth.placements.filter(pk=placement_pk).first()
        if not decision.allowed or placement is None:
            raise Http404("No such placement")
        record_event(
            actor=actor,
            action="youth.address_viewed",
            target=placement,
            youth=youth,
            detail={"access": decision.reason},
        )
        return PlacementView(placement, True)


def audit_trail_for(
    *, actor: User, pk: int, now: dt.datetime | None = None
) -> tuple[Youth, QuerySet[AuditEvent]]:
    """Return youth ``pk`` and the audit events about it, for a supervisor or PA; audit that."""
    now = now or timezone.now()
    with transaction.atomic():
        youth = Youth.objects.select_related("caseworker").filter(pk=pk).first()
        if youth is None:
            raise Http404("No such youth record")
        scope = case_scope(youth)
        if not decide(actor.to_actor(), scope, Action.VIEW_AUDIT, now).allowed:
            raise Http404("No such youth record")
        record_event(actor=actor, action="youth.audit_viewed", target=youth, youth=youth)
    return youth, AuditEvent.objects.filter(youth_id=pk).select_related("actor").order_by("-id")


@dataclass(frozen=True)
class Conflict:
    """One field someone else changed after this person opened the form."""

    field: str
    label: str
    seen: str  # what this person saw when they opened the form
    saved: str  # what the other person saved
    yours: str  # what this person typed


def last_change_by_someone_else(youth: Youth, actor: User) -> AuditEvent | None:
    """Return the newest audit event that changed the youth's record, by someone else."""
    return (
        AuditEvent.objects.filter(youth_id=youth.pk, action__in=("youth.updated", "youth.assigned"))
        .exclude(actor=actor)
        .select_related("actor")
        .order_by("-id")
        .first()
    )


def conflicts(
    current: Youth, seen: dict[str, str], yours: dict[str, str], labels: dict[str, str]
) -> list[Conflict]:
    """Return the fields whose saved value is no longer what this person saw."""
    return [
        Conflict(name, labels[name], seen[name], getattr(current, name), yours[name])
        for name in labels
        if getattr(current, name) != seen[name]
    ]


def emergency_reviews_for(actor: User) -> QuerySet[AccessGrant]:
    """Return emergency accesses awaiting the actor's review: in their scope, not their own."""
    role = Role(actor.role)
    grants = AccessGrant.objects.filter(
        kind=GrantKind.EMERGENCY, reviewed_at__isnull=True, youth__district_id=actor.district_id
    ).exclude(user=actor)
    if role is Role.SUPERVISOR:
        grants = grants.filter(
            Q(youth__caseworker__isnull=True) | Q(youth__caseworker__unit_id=actor.unit_id)
        )
    elif role is not Role.PROGRAM_ADMIN:
        return grants.none()
    return grants.select_related("youth", "user").order_by("granted_at", "id")


def reads_during(grant: AccessGrant) -> QuerySet[AuditEvent]:
    """Return what the grant's holder read or did on that youth while the grant was in force."""
    events = AuditEvent.objects.filter(
        actor_id=grant.user_id, youth_id=grant.youth_id, at__gte=grant.granted_at
    )
    if grant.expires_at is not None:
        events = events.filter(at__lte=grant.expires_at)
    return events.order_by("id")
