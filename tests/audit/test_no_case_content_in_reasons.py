"""No case content in audit reasons: the words stay in their encrypted record (issue 15).

A canary typed into every free-text field whose event used to copy it (a sharing's basis and
approval, a referral's basis and what it shared, a cancelled meeting's reason, a tier override
and its decision, an address grant, an emergency review) never reaches the audit table, while
the record itself still reads it back.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.utils import timezone

from safeharbor.audit.actions import IN_THE_RECORD
from safeharbor.audit.models import AuditEvent
from safeharbor.cases.actions import grant_address_access, share_youth
from safeharbor.partners.actions import cancel_meeting
from safeharbor.screenings.actions import decide_override, override_tier
from tests.conftest import PARTNER_FIELDS
from tests.partners.builders import cac_referral, meeting_for
from tests.screenings.builders import screening_for

CANARY = "Canary-Audit-7731 (synthetic)"

pytestmark = pytest.mark.django_db


def _audit_text() -> str:
    """Every reason and detail in the audit table, as stored."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason, detail FROM audit_auditevent")
        return "\n".join(f"{reason} {json.dumps(detail)}" for reason, detail in cursor.fetchall())


def test_a_canary_in_case_free_text_never_reaches_the_audit_table(
    caseworker, supervisor, mdt_partner, other_caseworker, youth_record
):
    referral = cac_referral(
        youth_record, basis=CANARY, information_shared=CANARY, shared_with=CANARY, contact=CANARY
    )
    share = share_youth(
        actor=supervisor,
        youth=youth_record,
        partner=mdt_partner,
        fields=PARTNER_FIELDS,
        basis=CANARY,
        expires_at=timezone.now() + dt.timedelta(days=3),
        approval_reason=CANARY,
    )
    grant = grant_address_access(
        actor=supervisor, youth=youth_record, user=other_caseworker, reason=CANARY
    )
    screening = screening_for(youth_record)
    lowering = override_tier(actor=caseworker, screening=screening, tier="at_risk", reason=CANARY)
    decide_override(actor=supervisor, override=lowering, approve=False, reason=CANARY)
    meeting = meeting_for(youth_record)
    cancel_meeting(actor=caseworker, meeting=meeting, reason=CANARY, seen_version=meeting.version)

    assert CANARY not in _audit_text()
    for record, field in [(referral, "basis"), (share, "basis"), (grant, "reason")]:
        record.refresh_from_db()
        assert getattr(record, field) == CANARY  # the words are kept, encrypted, in the record
    assert AuditEvent.objects.filter(action="referral.recorded", reason=IN_THE_RECORD).exists()
    assert AuditEvent.objects.filter(action="meeting.cancelled", reason=IN_THE_RECORD).exists()
