"""Pattern flags as the people who respond to them read them: one flag, and those unanswered."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import case_scope, visible_filter
from safeharbor.domain.access import Action, FieldGroup, decide, visible_fields
from safeharbor.missing.models import PatternFlag


def unanswered_flags(actor: User, *, now: dt.datetime | None = None) -> QuerySet[PatternFlag]:
    """Return the flags on youth the actor may see that nobody has responded to, newest first."""
    now = now or timezone.now()
    visible = Youth.objects.filter(visible_filter(actor, now)).values("pk")
    return (
        PatternFlag.objects.filter(youth__in=visible, responses__isnull=True)
        .select_related("youth", "episode")
        .order_by("-raised_at", "-id")
    )


def get_flag_to_answer(*, actor: User, pk: int, flag_pk: int) -> PatternFlag:
    """Return flag ``flag_pk`` of youth ``pk`` for someone who may respond (404 for anyone else)."""
    flag = (
        PatternFlag.objects.select_related("youth", "youth__caseworker", "episode")
        .filter(pk=flag_pk, youth_id=pk)
        .first()
    )
    if flag is None or not _may_answer(actor, flag):
        raise Http404("No such flag")
    with transaction.atomic():
        record_event(actor=actor, action="youth.viewed", target=flag, youth=flag.youth)
    return flag


def _may_answer(actor: User, flag: PatternFlag) -> bool:
    scope, now, person = case_scope(flag.youth), timezone.now(), actor.to_actor()
    if FieldGroup.MISSING not in visible_fields(person, scope, now):
        return False
    return decide(person, scope, Action.EDIT, now).allowed or bool(
        decide(person, scope, Action.ASSIGN, now)
    )
