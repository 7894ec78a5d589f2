"""Scoped reads of screenings: always through the youth's record, so access and audit apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.cases.models import Youth
from safeharbor.cases.queries import YouthRecord, get_youth
from safeharbor.cases.scope import case_scope, visible_filter
from safeharbor.domain.access import Action, FieldGroup, Role, decide
from safeharbor.domain.screening import (
    NO,
    UNKNOWN,
    YES,
    Answer,
    AnswerSource,
    AnswerValue,
    Instrument,
    MissingEpisode,
    ScreeningResult,
    score,
)
from safeharbor.screenings.actions import result_document
from safeharbor.screenings.instruments import instrument_for
from safeharbor.screenings.models import Screening, TierOverride

_PLAIN = {"yes": YES, "no": NO, "unknown": UNKNOWN}


def screenings_of(record: YouthRecord) -> list[Screening]:
    """Return a youth's screenings, newest first, when the viewer may see screenings."""
    if not record.shows(FieldGroup.SCREENINGS):
        return []
    return list(record.youth.screenings.all())


def stored_answers(screening: Screening) -> dict[str, Answer]:
    """Return the answers of a stored screening as the domain reads them."""
    answers = {}
    for key, raw in screening.answers.items():
        source = AnswerSource(raw["source"]) if raw.get("source") else None
        note = raw.get("note", "")
        if source is None and not note:
            answers[key] = _PLAIN[raw["value"]]
        else:
            answers[key] = Answer(AnswerValue(raw["value"]), source, note)
    return answers


def stored_episodes(screening: Screening) -> list[MissingEpisode]:
    """Return the missing episodes a stored screening was scored from."""
    return [
        MissingEpisode(
            dt.date.fromisoformat(e["reported_missing"]),
            dt.date.fromisoformat(e["returned"]) if e["returned"] else None,
        )
        for e in screening.episodes
    ]


def rescore(screening: Screening) -> ScreeningResult:
    """Score a stored screening again with its own instrument version (SPEC §4.5)."""
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    return score(instrument, stored_answers(screening), stored_episodes(screening), screening.as_of)


@dataclass(frozen=True)
class ScreeningView:
    """A screening with its youth's record, its instrument version, and its re-score."""

    record: YouthRecord
    screening: Screening
    instrument: Instrument
    rescored: ScreeningResult

    @property
    def rescore_matches(self) -> bool:
        """Return whether scoring again under the same version gives the stored result."""
        return result_document(self.rescored) == self.screening.result

    def overrides(self) -> QuerySet[TierOverride]:
        """Return the changes of tier, newest first."""
        return self.screening.overrides.select_related("requested_by", "decided_by")


def get_screening(*, actor: User, pk: int, screening_pk: int) -> ScreeningView:
    """Return one screening of youth ``pk`` if the actor may see screenings; audit the read."""
    record = get_youth(actor=actor, pk=pk)
    screening = record.youth.screenings.filter(pk=screening_pk).first()
    if screening is None or not record.shows(FieldGroup.SCREENINGS):
        raise Http404("No such screening")
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    return ScreeningView(record, screening, instrument, rescore(screening))


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
