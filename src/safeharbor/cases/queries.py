"""Scoped reads of youth records: every read is filtered by the actor's scope and audited.

A record outside the actor's scope raises Http404 exactly like a record that does not exist,
so an outsider never learns that a case exists (ARCHITECTURE §1.3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.audit.models import AuditEvent
from safeharbor.cases.models import (
    AccessGrant,
    Assignment,
    CareEpisode,
    CaseNote,
    NoteAttachment,
    Placement,
    VictimDetermination,
    Youth,
    YouthPhoto,
    as_text,
)
from safeharbor.cases.scope import case_scope, visible_filter
from safeharbor.cases.timeline import TimelineEntry as TimelineEntry  # re-exported
from safeharbor.domain.access import (
    Action,
    CaseScope,
    Decision,
    FieldGroup,
    GrantKind,
    Role,
    decide,
    visible_fields,
)


def youth_visible_to(actor: User, *, now: dt.datetime | None = None) -> QuerySet[Youth]:
    """Return the youth ``actor`` may open, annotated and ordered by who needs attention first."""
    now = now or timezone.now()
    # Through the episodes' relation to the youth: cases imports no app built on it.
    open_episode = Youth.objects.filter(
        pk=OuterRef("pk"),
        missing_episodes__isnull=False,
        missing_episodes__returned_at__isnull=True,
    )
    return (
        Youth.objects.filter(visible_filter(actor, now))
        .select_related("district", "caseworker")
        .annotate(
            missing_now=Exists(open_episode),
            identified_victim=Exists(
                VictimDetermination.objects.filter(youth=OuterRef("pk"), status="confirmed")
            ),
        )
        .order_by("-missing_now", "legal_last_name", "legal_first_name", "pk")
    )


def awaiting_assignment(actor: User, *, now: dt.datetime | None = None) -> QuerySet[Youth]:
    """Return the youth in the actor's scope no caseworker holds yet, oldest record first.

    New at intake (no unit), or moved to a unit by a program administrator; a supervisor sees
    those of the district without a unit and those waiting in their own unit.
    """
    now = now or timezone.now()
    return (
        Youth.objects.filter(visible_filter(actor, now), caseworker__isnull=True)
        .select_related("district", "unit")
        .order_by("created_at", "pk")
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


def caseload_page(
    *, actor: User, per_page: int, text: str = "", number: str | int | None = None
) -> Page[Youth]:
    """Return one page of the actor's caseload (matching ``text``); audit the listing."""
    page = Paginator(search_caseload(actor, text=text), per_page).get_page(number)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="caseload.viewed",
            detail={"search": bool(text), "page": page.number, "shown": len(page.object_list)},
        )
    return page


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


@dataclass
class YouthRecord:
    """One youth's record as one actor may see it: the field groups shown, what the actor may do.

    The apps built on cases read their own parts of the youth's page from it (``sections.py``,
    ``timeline.py``), each only for the field groups the record shows.
    """

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

    def assignments(self) -> list[Assignment]:
        """Return who held the case when, newest first, for those who see its obligations."""
        if not self.shows(FieldGroup.OBLIGATIONS):
            return []
        return list(
            self.youth.assignments.select_related("caseworker", "unit", "assigned_by").order_by(
                "-started_at", "-id"
            )
        )

    def placements(self) -> list[PlacementView]:
        """Return the placement history, newest first; empty when placements are not shared."""
        if not self.shows(FieldGroup.PLACEMENTS):
            return []
        # Addresses are revealed one at a time on request (and audited), never in the timeline.
        return [PlacementView(p, False) for p in self.youth.placements.all()]

    def care_episodes(self) -> list[CareView]:
        """Return the episodes of out-of-home care with their placements, newest first."""
        if not self.shows(FieldGroup.PLACEMENTS):
            return []
        episodes = self.youth.care_episodes.prefetch_related("placements")
        return [
            CareView(e, [PlacementView(p, False) for p in e.placements.all()]) for e in episodes
        ]

    def care_episode(self, pk: int) -> CareEpisode:
        """Return one of the youth's episodes of care; Http404 for any other or when not shown."""
        episode = self.youth.care_episodes.filter(pk=pk).first()
        if episode is None or not self.shows(FieldGroup.PLACEMENTS):
            raise Http404("No such episode of care")
        return episode

    def photo(self) -> YouthPhoto | None:
        """Return the youth's current photo, for those who may see identity."""
        if not self.shows(FieldGroup.IDENTITY):
            return None
        return self.youth.photos.first()

    def notes(self) -> list[NoteView]:
        """Return the case notes, newest first, each as last amended; empty when not shown."""
        if not self.shows(FieldGroup.NOTES):
            return []
        originals = self.youth.notes.filter(amends__isnull=True).prefetch_related(
            "attachments", "amendments__attachments", "amendments__written_by", "written_by"
        )
        return [NoteView(note, sorted(note.amendments.all(), key=_by_id)) for note in originals]


def _by_id(note: CaseNote) -> int:
    return note.pk


@dataclass(frozen=True)
class NoteView:
    """A case note as first written, its amendments oldest first, and every attached document."""

    original: CaseNote
    amendments: list[CaseNote]

    @property
    def current(self) -> CaseNote:
        """Return the note as last corrected."""
        return self.amendments[-1] if self.amendments else self.original

    @property
    def attachments(self) -> list[NoteAttachment]:
        """Return the documents of the note and of its amendments."""
        notes = [self.original, *self.amendments]
        return [a for note in notes for a in note.attachments.all()]


@dataclass(frozen=True)
class CareView:
    """An episode of out-of-home care and its placements, as one actor may see them."""

    episode: CareEpisode
    placements: list[PlacementView]


def _youth_for(
    actor: User, pk: int, action: Action, now: dt.datetime
) -> tuple[Youth, CaseScope, Decision]:
    """Return youth ``pk``, its scope and the decision if ``actor`` may take ``action``.

    Http404 alike for a record that does not exist and one the actor may not open.
    """
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
    return youth, scope, decision


def get_youth(
    *, actor: User, pk: int, action: Action = Action.VIEW, now: dt.datetime | None = None
) -> YouthRecord:
    """Return the youth record ``pk`` if ``actor`` may take ``action`` on it; audit the read."""
    now = now or timezone.now()
    with transaction.atomic():
        youth, scope, decision = _youth_for(actor, pk, action, now)
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


def _shown_youth(actor: User, pk: int, group: FieldGroup, now: dt.datetime) -> Youth:
    """Return youth ``pk`` if ``actor`` may see its field group ``group``; else Http404."""
    youth, scope, _ = _youth_for(actor, pk, Action.VIEW, now)
    if group not in visible_fields(actor.to_actor(), scope, now):
        raise Http404("No such record")
    return youth


def get_attachment(*, actor: User, pk: int, note_pk: int, attachment_pk: int) -> NoteAttachment:
    """Return a note's document with its content for one allowed to see notes; audit it."""
    now = timezone.now()
    with transaction.atomic():
        youth = _shown_youth(actor, pk, FieldGroup.NOTES, now)
        found = NoteAttachment.objects.filter(
            pk=attachment_pk, note__youth=youth, note_id=note_pk
        ).select_related("content")
        attachment = found.first()
        if attachment is None:
            raise Http404("No such document")
        detail = {"note": note_pk, "media_type": attachment.media_type, "size": attachment.size}
        record_event(
            actor=actor,
            action="note.attachment_downloaded",
            target=attachment,
            youth=youth,
            detail=detail,
        )
        return attachment


def get_photo(*, actor: User, pk: int, photo_pk: int) -> YouthPhoto:
    """Return one photo of the youth with its content for one who may see identity; audit it."""
    now = timezone.now()
    with transaction.atomic():
        youth = _shown_youth(actor, pk, FieldGroup.IDENTITY, now)
        photo = youth.photos.filter(pk=photo_pk).select_related("content").first()
        if photo is None:
            raise Http404("No such photo")
        record_event(actor=actor, action="photo.viewed", target=photo, youth=youth)
        return photo


def get_note(record: YouthRecord, note_pk: int) -> NoteView:
    """Return one original note of the record's youth, for one who may see notes; else Http404."""
    found = [view for view in record.notes() if view.original.pk == note_pk]
    if not found:
        raise Http404("No such note")
    return found[0]


def audit_trail_for(
    *, actor: User, pk: int, now: dt.datetime | None = None
) -> tuple[Youth, QuerySet[AuditEvent]]:
    """Return youth ``pk`` and the audit events about it, for a supervisor or PA; audit that."""
    now = now or timezone.now()
    with transaction.atomic():
        youth, _, _ = _youth_for(actor, pk, Action.VIEW_AUDIT, now)
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
    current: Youth, seen: dict[str, str], yours: dict[str, object], labels: dict[str, str]
) -> list[Conflict]:
    """Return the fields whose saved value is no longer what this person saw."""
    return [
        Conflict(
            name, labels[name], seen[name], as_text(getattr(current, name)), as_text(yours[name])
        )
        for name in labels
        if as_text(getattr(current, name)) != seen[name]
    ]


@dataclass(frozen=True)
class EditConflict:
    """Why a profile edit was refused: the record as saved now, what changed, and who changed it."""

    youth: Youth
    conflicts: list[Conflict]
    changed_by: AuditEvent | None


def edit_conflict(
    *,
    actor: User,
    youth: Youth,
    seen: dict[str, str],
    yours: dict[str, object],
    labels: dict[str, str],
) -> EditConflict:
    """Return what someone else saved over what ``actor`` saw (``youth`` is refreshed)."""
    youth.refresh_from_db()
    return EditConflict(
        youth, conflicts(youth, seen, yours, labels), last_change_by_someone_else(youth, actor)
    )


def emergency_reviews_for(actor: User) -> QuerySet[AccessGrant]:
    """Return emergency accesses awaiting the actor's review: in their scope, not their own."""
    role = Role(actor.role)
    grants = AccessGrant.objects.filter(kind=GrantKind.EMERGENCY, reviewed_at__isnull=True)
    if actor.district_id is None or role not in (Role.SUPERVISOR, Role.PROGRAM_ADMIN):
        return grants.none()
    grants = grants.filter(youth__district_id=actor.district_id).exclude(user=actor)
    if role is Role.SUPERVISOR:
        grants = grants.filter(
            Q(youth__unit__isnull=True, youth__caseworker__isnull=True)
            | Q(youth__unit_id=actor.unit_id)
            | Q(youth__unit__isnull=True, youth__caseworker__unit_id=actor.unit_id)
        )
    return grants.select_related("youth", "user").order_by("granted_at", "id")


def get_emergency_review(*, actor: User, pk: int) -> AccessGrant:
    """Return one emergency access awaiting the actor's review; Http404 for any other."""
    grant = emergency_reviews_for(actor).filter(pk=pk).first()
    if grant is None:
        raise Http404("No such emergency access")
    return grant


def reads_during(grant: AccessGrant) -> QuerySet[AuditEvent]:
    """Return what the grant's holder read or did on that youth while the grant was in force."""
    events = AuditEvent.objects.filter(
        actor_id=grant.user_id, youth_id=grant.youth_id, at__gte=grant.granted_at
    )
    if grant.expires_at is not None:
        events = events.filter(at__lte=grant.expires_at)
    return events.order_by("id")
