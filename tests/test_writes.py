"""The shared write mechanics: one record per key, and no save over a newer version."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.domain.errors import InputError
from safeharbor.notifications.models import Notification
from safeharbor.writes import StaleEdit, create_once, save_if_current
from tests import factories


def _note(recipient, key: str, subject: str = "First") -> Notification:
    return Notification.objects.create(
        recipient=recipient, dedupe_key=key, subject=subject, created_at=timezone.now()
    )


def test_a_key_used_twice_replays_the_first_record(caseworker):
    first, created = create_once(
        Notification, key={"dedupe_key": "k1"}, create=lambda: _note(caseworker, "k1")
    )
    again, created_again = create_once(
        Notification, key={"dedupe_key": "k1"}, create=lambda: _note(caseworker, "k1", "Second")
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Notification.objects.filter(dedupe_key="k1").count() == 1


def test_a_key_reused_for_someone_else_is_refused(caseworker, supervisor):
    create_once(Notification, key={"dedupe_key": "k2"}, create=lambda: _note(caseworker, "k2"))
    with pytest.raises(InputError, match="already used for another record"):
        create_once(
            Notification,
            key={"dedupe_key": "k2"},
            create=lambda: _note(supervisor, "k2"),
            expect={"recipient_id": supervisor.pk},
        )


def test_a_duplicate_raced_in_between_look_up_and_insert_is_replayed(caseworker):
    raced = _note(caseworker, "k3")

    def create() -> Notification:
        return _note(caseworker, "k3", "Second")  # the unique key refuses the second insert

    found, created = _create_after_miss(caseworker, create)
    assert (found.pk, created) == (raced.pk, False)


def _create_after_miss(caseworker, create):
    """Call create_once so its first look-up misses and the insert meets the unique key."""
    calls = {"n": 0}
    manager = Notification._default_manager
    original = manager.filter

    def filter_missing_once(*args, **kwargs):
        calls["n"] += 1
        queryset = original(*args, **kwargs)
        return queryset.none() if calls["n"] == 1 else queryset

    manager.filter = filter_missing_once
    try:
        return create_once(Notification, key={"dedupe_key": "k3"}, create=create)
    finally:
        del manager.filter


def test_another_integrity_error_reaches_the_caller(caseworker):
    with pytest.raises(IntegrityError):
        create_once(
            Notification,
            key={"dedupe_key": "k4"},
            create=lambda: Notification.objects.create(recipient=caseworker, dedupe_key="k4"),
        )


def test_a_form_without_its_key_is_refused(caseworker):
    with pytest.raises(InputError, match="missing its key") as caught:
        create_once(Notification, key={"idempotency_key": ""}, create=lambda: None)
    assert caught.value.field == "idempotency_key"


def test_a_save_from_the_version_seen_is_applied(agency, caseworker):
    youth = factories.youth(agency.pine, caseworker)
    saved = save_if_current(
        youth, seen_version=youth.version, changes={"pronouns": "they/them"}, stale="x"
    )
    assert (saved.pronouns, saved.version) == ("they/them", 2)


def test_a_save_from_an_older_version_is_refused_naming_who_saved(agency, caseworker):
    youth = factories.youth(agency.pine, caseworker)
    with transaction.atomic():
        save_if_current(youth, seen_version=1, changes={"pronouns": "she/her"}, stale="x")
        record_event(actor=caseworker, action="youth.updated", target=youth, youth=youth)
    with pytest.raises(StaleEdit) as caught:
        save_if_current(
            youth,
            seen_version=1,
            changes={"pronouns": "he/him"},
            stale="someone else changed this record after you opened it",
        )
    assert str(caught.value.message).startswith(
        f"someone else changed this record after you opened it ({caseworker} at "
    )
    assert caught.value.message.endswith("reload to see it, then make yours again")
    assert Youth.objects.get(pk=youth.pk).pronouns == "she/her"


def test_a_save_whose_condition_no_longer_holds_is_refused(agency, caseworker):
    youth = factories.youth(agency.pine, caseworker)
    with pytest.raises(StaleEdit):
        save_if_current(
            youth,
            seen_version=1,
            changes={"pronouns": "he/him"},
            stale="changed",
            where={"custody_status": "young_adult"},
        )
    assert Youth.objects.get(pk=youth.pk).version == 1
