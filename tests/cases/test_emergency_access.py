"""Emergency access outside one's scope: reason, fresh code, one youth, read-only, 60 minutes,
the supervisor told at once, reviewed afterwards by someone else."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from safeharbor.audit.actions import IN_THE_RECORD
from safeharbor.audit.models import AuditEvent
from safeharbor.cases.actions import review_emergency_access
from safeharbor.cases.models import AccessGrant
from safeharbor.domain.access import Role
from safeharbor.domain.errors import InputError
from safeharbor.notifications.models import Notification
from tests import factories
from tests.conftest import CANARY_ADDRESS
from tests.mfa import SignedInClient, fresh_code

REQUEST = reverse("cases:emergency_request")
REVIEWS = reverse("cases:emergency_reviews")
REASON = "Youth called the hotline in crisis; assigned worker unreachable tonight"


def _ask(client, user, record_number, reason=REASON, code=None):
    return client.post(
        REQUEST,
        {"record_number": record_number, "reason": reason, "code": code or fresh_code(user)},
    )


@pytest.fixture
def outsider(client, other_caseworker):
    client.force_login(other_caseworker)
    return other_caseworker


def test_the_request_opens_one_record_read_only_and_tells_the_supervisor(
    client, outsider, youth_record, supervisor
):
    youth_page = reverse("cases:youth", args=[youth_record.pk])
    assert client.get(youth_page).status_code == 404  # outside the scope

    response = _ask(client, outsider, youth_record.record_number.lower())
    assert response["Location"] == youth_page
    page = client.get(youth_page).content.decode()
    assert "Jo Testperson" in page
    assert "Emergency access: read-only until" in page
    assert "Edit profile" not in page  # read-only
    assert CANARY_ADDRESS not in page
    assert client.get(reverse("cases:youth_edit", args=[youth_record.pk])).status_code == 404
    placement = youth_record.placements.get()
    reveal = reverse("cases:placement_address", args=[youth_record.pk, placement.pk])
    assert client.post(reveal).status_code == 404  # addresses stay hidden

    grant = AccessGrant.objects.get(user=outsider, kind="emergency")
    assert grant.reason == REASON
    assert grant.expires_at - grant.granted_at == dt.timedelta(minutes=60)
    told = Notification.objects.get(recipient=supervisor)
    assert told.subject == "Emergency access to Jo Testperson's record"
    assert REASON not in told.body  # e-mail leaves the system: no case detail
    # the reason stays in the encrypted grant; the audit event names it without copying it
    requested = AuditEvent.objects.get(action="emergency.requested")
    assert (requested.reason, requested.target_id) == (IN_THE_RECORD, str(grant.pk))


def test_the_access_ends_after_sixty_minutes(client, outsider, youth_record):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        _ask(client, outsider, youth_record.record_number)
        youth_page = reverse("cases:youth", args=[youth_record.pk])
        clock.move_to(start + dt.timedelta(minutes=14))  # keep the session from idling out
        assert client.get(youth_page).status_code == 200
        for minutes in (28, 42, 56):
            clock.move_to(start + dt.timedelta(minutes=minutes))
            client.get(reverse("notifications:inbox"))
        clock.move_to(start + dt.timedelta(minutes=61))
        assert client.get(youth_page).status_code == 404


@pytest.mark.parametrize(
    ("record_number", "reason", "code", "problem"),
    [
        ("", REASON, None, "This field is required."),
        ("PINE-00001", "because", None, "say why in at least 20 characters"),
        ("PINE-00001", REASON, "000000", "That code did not match"),
        ("PINE-99999", REASON, None, "no youth record has the number PINE-99999"),
    ],
)
def test_a_refused_request_names_the_problem_and_opens_nothing(
    client, outsider, youth_record, record_number, reason, code, problem
):
    response = _ask(client, outsider, record_number, reason=reason, code=code)
    page = response.content.decode()
    assert response.status_code == 200
    assert problem in page
    assert "Testperson" not in page  # nothing about any youth before a grant
    assert not AccessGrant.objects.filter(user=outsider).exists()


def test_a_lookup_of_an_unknown_number_is_audited(client, outsider, db):
    _ask(client, outsider, "PINE-99999")
    event = AuditEvent.objects.get(action="emergency.lookup")
    assert (event.actor_id, event.detail, event.reason) == (outsider.pk, {"found": False}, REASON)


@pytest.mark.parametrize("persona", ["mdt_partner", "analyst", "administrator"], indirect=True)
def test_partners_analysts_and_administrators_have_no_emergency_access(client, persona):
    client.force_login(persona)
    assert client.get(REQUEST).status_code == 404


def test_someone_already_in_scope_gets_no_grant(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = _ask(client, caseworker, youth_record.record_number)
    assert response["Location"] == reverse("cases:youth", args=[youth_record.pk])
    assert not AccessGrant.objects.filter(kind="emergency").exists()


def _request_as(other_caseworker, youth_record):
    requester = SignedInClient()
    requester.force_login(other_caseworker)
    _ask(requester, other_caseworker, youth_record.record_number)
    requester.get(reverse("cases:youth", args=[youth_record.pk]))
    return AccessGrant.objects.get(user=other_caseworker, kind="emergency")


def test_the_supervisor_reviews_it_and_sees_what_was_read(
    client, other_caseworker, supervisor, youth_record
):
    grant = _request_as(other_caseworker, youth_record)
    client.force_login(supervisor)
    page = client.get(REVIEWS).content.decode()
    assert REASON in page
    assert "opened the youth&#x27;s record" in page  # what the requester did with it
    response = client.post(
        reverse("cases:emergency_review", args=[grant.pk]),
        {f"g{grant.pk}-outcome": "appropriate", f"g{grant.pk}-note": ""},
    )
    assert response["Location"] == REVIEWS
    grant.refresh_from_db()
    assert (grant.reviewed_by, grant.review_outcome) == (supervisor, "appropriate")
    assert "Nothing to review." in client.get(REVIEWS).content.decode()


def test_a_concern_needs_a_note(client, other_caseworker, supervisor, youth_record):
    grant = _request_as(other_caseworker, youth_record)
    client.force_login(supervisor)
    client.post(
        reverse("cases:emergency_review", args=[grant.pk]), {f"g{grant.pk}-outcome": "concern"}
    )
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    assert "Not saved: describe the concern." in client.get(REVIEWS).content.decode()


def test_nobody_reviews_their_own_emergency_access(client, agency, youth_record, program_admin):
    # A supervisor of another unit uses emergency access, then tries to review it.
    other_supervisor = factories.staff(Role.SUPERVISOR, "supervisor_b", unit=agency.unit_b)
    grant = _request_as(other_supervisor, youth_record)
    with pytest.raises(InputError, match="someone other than the person"):
        review_emergency_access(actor=other_supervisor, grant=grant, outcome="appropriate", note="")
    client.force_login(program_admin)  # the district's PA may review it
    assert f"grant-{grant.pk}" in client.get(REVIEWS).content.decode()
