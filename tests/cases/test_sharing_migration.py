"""The migration that maps existing sharings to issue 15's rules: risk details stay only with law
enforcement, and partners' notifications stop naming a youth when their sharing ended."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("cases", "0008_share_by_partner_kind"),
    ("notifications", "0004_notification_names_youth_until"),
]
T0 = "2026-06-01T10:00:00Z"


@pytest.mark.django_db(transaction=True)
def test_existing_sharings_and_notifications_are_mapped():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User")
    district = old.get_model("accounts", "District").objects.create(name="D", code="d")
    youth = old.get_model("cases", "Youth").objects.create(
        record_number="S-1",
        legal_first_name="Avery",
        legal_last_name="Sample",
        date_of_birth="2010-01-01",
        custody_status="in_care",
        district=district,
        created_at=T0,
        updated_at=T0,
    )
    admin = user.objects.create(username="a", role="administrator")
    police = user.objects.create(username="p", role="mdt_partner", partner_kind="law_enforcement")
    advocate = user.objects.create(
        username="v", role="mdt_partner", partner_kind="sexual_assault_advocate"
    )
    share = old.get_model("cases", "CaseShare").objects
    fields = ["identity", "meetings", "missing", "needs"]
    kept = share.create(
        youth=youth, partner=police, fields=fields, basis="MDT", granted_by=admin, granted_at=T0
    )
    ended = share.create(
        youth=youth,
        partner=advocate,
        fields=fields,
        basis="MDT",
        granted_by=admin,
        granted_at=T0,
        revoked_at="2026-06-05T10:00:00Z",
    )
    note = old.get_model("notifications", "Notification").objects
    to_police = note.create(
        recipient=police, dedupe_key="1", subject="s", youth=youth, created_at=T0
    )
    to_advocate = note.create(
        recipient=advocate, dedupe_key="2", subject="s", youth=youth, created_at=T0
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from safeharbor.cases.models import CaseShare
    from safeharbor.notifications.models import Notification

    assert CaseShare.objects.get(pk=kept.pk).fields == [
        *sorted(fields[:3]),
        "missing_risk",
        "needs",
    ]
    assert CaseShare.objects.get(pk=ended.pk).fields == fields
    assert Notification.objects.get(pk=to_police.pk).names_youth_until is None
    assert Notification.objects.get(pk=to_advocate.pk).names_youth_until.isoformat() == (
        "2026-06-05T10:00:00+00:00"
    )
