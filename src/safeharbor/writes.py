"""The two mechanics every write shares: create once per key, and save only over what was seen.

``create_once``: a form carries an idempotency key (or a record exists once per parent, like the
one debrief of an episode); a double click, a retry or a second process racing the first gets the
first record back instead of a second one. ``save_if_current``: a record's ``version`` counts its
saves; an edit made from an older version is refused with who changed it and when, never applied
over the newer change (SPEC §8 "nothing is ever lost").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.domain.errors import InputError

M = TypeVar("M", bound=models.Model)

REUSED = "this form was already used for another record; reload the page"
KEY_MISSING = "the form is missing its key; reload the page"


class StaleEdit(InputError):
    """Someone saved the record after this person opened it; nothing of theirs was applied."""


def check_key(idempotency_key: str | None) -> None:
    """Refuse a form that lost its idempotency key (or carries one that is not ours)."""
    if not idempotency_key or len(idempotency_key) > 64:
        raise InputError(KEY_MISSING, field="idempotency_key")


def create_once(
    model: type[M],
    *,
    key: Mapping[str, Any],
    create: Callable[[], M],
    expect: Mapping[str, Any] | None = None,
    reused: str | Callable[[M], str] = REUSED,
) -> tuple[M, bool]:
    """Return the record ``key`` names and False, or ``create()`` it and return it and True.

    ``key`` is the unique look-up (``{"idempotency_key": ...}``, or ``{"episode": episode}``).
    A record found under the key is replayed only when its fields match ``expect`` (the same
    youth, the same person); otherwise the key was used for something else and the form is
    refused with ``reused``. ``create`` runs in a savepoint, so a duplicate inserted by another
    process between the look-up and the insert is found through its unique constraint. Any other
    ``IntegrityError`` reaches the caller.
    """
    if "idempotency_key" in key:
        check_key(key["idempotency_key"])
    existing = model._default_manager.filter(**key).first()
    if existing is not None:
        return _replay(existing, expect, reused), False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        raced = model._default_manager.filter(**key).first()
        if raced is None:
            raise
        return _replay(raced, expect, reused), False


def _replay(record: M, expect: Mapping[str, Any] | None, reused: str | Callable[[M], str]) -> M:
    for name, value in (expect or {}).items():
        if getattr(record, name) != value:
            raise InputError(reused if isinstance(reused, str) else reused(record))
    return record


def save_if_current(
    record: M,
    *,
    seen_version: int,
    changes: Mapping[str, Any],
    stale: str,
    where: Mapping[str, Any] | None = None,
) -> M:
    """Write ``changes`` to ``record`` and count one more version, if it is still ``seen_version``.

    ``where`` adds conditions the row must still meet (``{"status": "scheduled"}``). Refused with
    ``StaleEdit``: ``stale`` ("someone else changed this referral after you opened it") followed
    by who saved last and when, and what to do. On success ``record`` holds the saved values.
    """
    model = type(record)
    updated = model._default_manager.filter(
        pk=record.pk, version=seen_version, **(where or {})
    ).update(**changes, version=F("version") + 1)
    if not updated:
        raise StaleEdit(f"{stale}{_last_change(record)}; reload to see it, then make yours again")
    record.refresh_from_db()
    return record


def _last_change(record: models.Model) -> str:
    """Return ": Dana Reyes at 2026-12-01 14:05", naming the newest audited change of ``record``."""
    event = (
        AuditEvent.objects.filter(
            target_type=record._meta.model_name, target_id=str(record.pk), actor__isnull=False
        )
        .exclude(action__endswith="viewed")
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    if event is None or event.actor is None:
        return ""
    return f" ({event.actor} at {timezone.localtime(event.at):%Y-%m-%d %H:%M})"
