"""Scoped reads of screenings: always through the youth's record, so access and audit apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.cases.models import VictimDetermination, Youth
from safeharbor.cases.queries import YouthRecord, get_youth
from safeharbor.cases.scope import case_scope, visible_filter
from safeharbor.domain.access import Action, FieldGroup, Role, decide
from safeharbor.domain.screening import Instrument, MissingEpisode, ScreeningResult, score
from safeharbor.domain.screening.stored import (
    episodes_on,
    result_document,
    stored_answers,
    stored_episodes,
)
from safeharbor.missing.models import MissingEpisode as EpisodeRow
from safeharbor.screenings.instruments import instrument_for
from safeharbor.screenings.models import Screening, TierOverride


def screenings_of(record: YouthRecord) -> list[Screening]:
    """Return a youth's screenings, newest first, when the viewer may see screenings."""
    if not record.shows(FieldGroup.SCREENINGS):
        return []
    return list(record.youth.screenings.all())


def episodes_as_of(youth: Youth, as_of: dt.date) -> list[MissingEpisode]:
    """Return the youth's recorded missing episodes as the instrument counts them on ``as_of``.

    An episode counts by the day the agency learned of it in the agency's zone (SPEC §4.2
    "reported missing"); one reported after ``as_of`` did not exist yet, and a return after
    ``as_of`` had not happened yet.
    """
    recorded = [
        MissingEpisode(
            timezone.localdate(row.learned_at),
            timezone.localdate(row.returned_at) if row.returned_at else None,
        )
        for row in EpisodeRow.objects.filter(youth=youth).order_by("learned_at")
    ]
    return episodes_on(recorded, as_of)


def rescore(screening: Screening) -> ScreeningResult:
    """Score a stored screening again with its own instrument version (SPEC §4.5)."""
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    answers, episodes = stored_answers(screening.answers), stored_episodes(screening.episodes)
    return score(instrument, answers, episodes, screening.as_of)


def pending_override(screening: Screening) -> TierOverride | None:
    """Return the lowering of the screening's tier that awaits the supervisor, if one does."""
    return screening.overrides.filter(status="pending").first()


def may_approve(actor: User, youth: Youth) -> bool:
    """Return whether ``actor`` decides lowerings of the youth's tier (the unit supervisor)."""
    return decide(actor.to_actor(), case_scope(youth), Action.APPROVE, timezone.now()).allowed


@dataclass(frozen=True)
class ScreeningView:
    """A screening with its youth's record, its instrument version, and its re-score."""

    record: YouthRecord
    screening: Screening
    instrument: Instrument
    rescored: ScreeningResult
    can_approve: bool

    @property
    def rescore_matches(self) -> bool:
        """Return whether scoring again under the same version gives the stored result."""
        stored: object = self.screening.result
        return result_document(self.rescored) == stored

    def overrides(self) -> QuerySet[TierOverride]:
        """Return the changes of tier, newest first."""
        return self.screening.overrides.select_related("requested_by", "decided_by")

    def pending(self) -> TierOverride | None:
        """Return the lowering that awaits the supervisor's decision, if one does."""
        return pending_override(self.screening)

    def other_tiers(self) -> list[tuple[str, str]]:
        """Return (id, label) of the instrument's tiers other than the final one: the choices
        of a change of tier."""
        final = self.screening.final_tier
        return [(t.id, t.label) for t in self.instrument.tiers if t.id != final]

    def answer_rows(self) -> list[tuple[object, object, bool]]:
        """Return (indicator, answer given or None, derived from the episodes) in form order."""
        given, derived = self.screening.answers, set(self.rescored.derived)
        return [
            (indicator, given.get(indicator.id), indicator.id in derived)
            for indicator in self.instrument.indicators
        ]


def get_screening(*, actor: User, pk: int, screening_pk: int) -> ScreeningView:
    """Return one screening of youth ``pk`` if the actor may see screenings; audit the read."""
    record = get_youth(actor=actor, pk=pk)
    screening = record.youth.screenings.filter(pk=screening_pk).first()
    if screening is None or not record.shows(FieldGroup.SCREENINGS):
        raise Http404("No such screening")
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    can_approve = may_approve(actor, record.youth)
    return ScreeningView(record, screening, instrument, rescore(screening), can_approve)


def get_override(view: ScreeningView, override_pk: int) -> TierOverride:
    """Return change of tier ``override_pk`` of the screening shown (404 for any other)."""
    override = view.screening.overrides.filter(pk=override_pk).first()
    if override is None:
        raise Http404("No such change of tier")
    return override


def get_youth_to_screen(*, actor: User, pk: int) -> YouthRecord:
    """Return the youth's record for someone allowed to screen them (404 for anyone else)."""
    return get_youth(actor=actor, pk=pk, action=Action.EDIT)


def pending_overrides_for(actor: User) -> QuerySet[TierOverride]:
    """Return lowerings awaiting a decision on youth the actor may approve (their unit's)."""
    if actor.role != Role.SUPERVISOR:
        return TierOverride.objects.none()
    youth = Youth.objects.filter(visible_filter(actor, timezone.now())).values("pk")
    return (
        TierOverride.objects.filter(status="pending", screening__youth__in=youth)
        .exclude(requested_by=actor)
        .select_related("screening", "screening__youth", "requested_by")
        .order_by("requested_at")
    )


def youth_for_preview(*, actor: User, pk: int) -> Youth:
    """Return youth ``pk`` if the actor may screen them, reading no case content (no audit).

    Only the access scope is read; the preview scores what the form itself carries.
    """
    youth = Youth.objects.select_related("caseworker").filter(pk=pk).first()
    if youth is None:
        raise Http404("No such youth record")
    if not decide(actor.to_actor(), case_scope(youth), Action.EDIT, timezone.now()).allowed:
        raise Http404("No such youth record")
    return youth


@dataclass(frozen=True)
class ProposedVictimStatus:
    """What a confirmed screening proposes (SPEC §7): the caseworker confirms or adjusts it."""

    kind: str
    identified_on: dt.date
    timing: str
    why_timing: str


def proposed_victim_status(screening: Screening) -> ProposedVictimStatus | None:
    """Return the determination a confirmed screening proposes, or None (not confirmed, or done).

    A screening after a return from missing proposes ``in_care`` (the youth ran from care);
    any other, ``before_entry``. The caseworker knows better and may change either.
    """
    if screening.final_tier != "confirmed" or screening.victim_determination_id is not None:
        return None
    if screening.occasion == "returned_from_missing":
        timing, why = "in_care", "the screening followed a return from missing while in care"
    else:
        timing, why = "before_entry", "nothing on the screening says it happened while in care"
    return ProposedVictimStatus("sex", screening.as_of, timing, why)


def victim_statuses_of(record: YouthRecord) -> list[VictimDetermination]:
    """Return the youth's determinations with their corrections and reports, newest first.

    Empty unless the viewer sees screenings (``FieldGroup.SCREENINGS``): victim status is part
    of what the screenings found.
    """
    if not record.shows(FieldGroup.SCREENINGS):
        return []
    return list(
        record.youth.victim_determinations.select_related("recorded_by")
        .prefetch_related("amendments__amended_by", "legal_reports", "screenings")
        .order_by("-identified_on", "-id")
    )


def identified_victim(record: YouthRecord) -> bool:
    """Return whether a determination stands and the viewer may know it."""
    if not record.shows(FieldGroup.SCREENINGS):
        return False
    return record.youth.victim_determinations.filter(status="confirmed").exists()


def get_youth_for_victim_status(*, actor: User, pk: int) -> YouthRecord:
    """Return the youth's record for someone who records victim status (404 for anyone else)."""
    record = get_youth(actor=actor, pk=pk, action=Action.EDIT)
    if not record.shows(FieldGroup.SCREENINGS):
        raise Http404("No such youth record")
    return record


def get_determination(
    *, actor: User, pk: int, determination_pk: int
) -> tuple[YouthRecord, VictimDetermination]:
    """Return one determination of youth ``pk`` for someone who may correct it (else 404)."""
    record = get_youth_for_victim_status(actor=actor, pk=pk)
    row = record.youth.victim_determinations.filter(pk=determination_pk).first()
    if row is None:
        raise Http404("No such determination")
    return record, row
