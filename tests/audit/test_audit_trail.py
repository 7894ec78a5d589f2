"""The audit trail is written with the work it records, and a failed write stops the work."""

import pytest
from django.db import transaction

from safeharbor.audit.actions import record_event
from safeharbor.audit.context import Origin, origin
from safeharbor.audit.models import AuditEvent
from safeharbor.cases import queries
from safeharbor.cases.actions import update_youth
from safeharbor.cases.models import Youth
from safeharbor.domain.audit_chain import ChainedEvent, first_break


class AuditStoreDown(Exception):
    pass


@pytest.fixture
def broken_audit(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise AuditStoreDown("audit table unavailable")

    monkeypatch.setattr(AuditEvent, "save", refuse)


def test_a_failed_audit_write_blocks_the_read(caseworker, youth_record, broken_audit):
    with pytest.raises(AuditStoreDown):
        queries.get_youth(actor=caseworker, pk=youth_record.pk)


def test_a_failed_audit_write_shows_an_error_page_not_the_record(
    client, caseworker, youth_record, broken_audit
):
    client.raise_request_exception = False
    client.force_login(caseworker)
    response = client.get(f"/youth/{youth_record.pk}/")
    assert response.status_code == 500
    assert "Testperson" not in response.content.decode()


def test_a_failed_audit_write_rolls_back_the_change(caseworker, youth_record, broken_audit):
    with pytest.raises(AuditStoreDown):
        update_youth(
            actor=caseworker,
            youth=youth_record,
            seen_version=youth_record.version,
            preferred_name="Jojo",
        )
    assert Youth.objects.get(pk=youth_record.pk).preferred_name == "Jo"


def test_events_carry_actor_role_target_youth_time_and_origin(caseworker, youth_record):
    with origin(Origin(address="203.0.113.7", client="web test-agent")):
        queries.get_youth(actor=caseworker, pk=youth_record.pk)
    event = AuditEvent.objects.latest("id")
    assert event.actor_username == "caseworker"
    assert event.actor_role == "caseworker"
    assert event.origin_address == "203.0.113.7"
    assert event.origin_client == "web test-agent"
    assert event.at is not None
    assert event.youth_id == youth_record.pk


def test_the_web_request_origin_is_recorded(client, caseworker, youth_record):
    client.force_login(caseworker)
    client.get(f"/youth/{youth_record.pk}/", REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT="UA/1")
    event = AuditEvent.objects.filter(action="youth.viewed").latest("id")
    assert (event.origin_address, event.origin_client) == ("198.51.100.4", "web UA/1")


def test_behind_a_trusted_proxy_the_forwarded_client_address_is_recorded(
    client, settings, caseworker, youth_record
):
    settings.SAFEHARBOR_TRUSTED_PROXIES = ["127.0.0.1"]
    client.force_login(caseworker)
    client.get(
        f"/youth/{youth_record.pk}/",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.9",  # the first hop is what a client claimed
    )
    event = AuditEvent.objects.filter(action="youth.viewed").latest("id")
    assert event.origin_address == "198.51.100.9"


def test_a_forwarded_address_from_an_untrusted_sender_is_ignored(client, caseworker, youth_record):
    client.force_login(caseworker)
    client.get(
        f"/youth/{youth_record.pk}/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="192.0.2.66"
    )
    event = AuditEvent.objects.filter(action="youth.viewed").latest("id")
    assert event.origin_address == "198.51.100.4"


def test_an_unknown_event_id_is_refused(caseworker):
    with transaction.atomic(), pytest.raises(ValueError, match="unknown audit event"):
        record_event(actor=caseworker, action="youth.peeked")


@pytest.mark.django_db(transaction=True)
def test_record_event_refuses_to_run_outside_a_transaction(caseworker):
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        record_event(actor=caseworker, action="auth.login")


def test_the_stored_trail_forms_an_intact_chain(caseworker, youth_record):
    queries.get_youth(actor=caseworker, pk=youth_record.pk)
    events = [
        ChainedEvent(e.pk, e.chained_fields(), e.prev_hash, e.hash)
        for e in AuditEvent.objects.order_by("id")
    ]
    assert len(events) > 5
    assert first_break(events) is None
