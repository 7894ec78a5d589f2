"""Sharing with a partner: the address only on the supervisor's decision; ending it at once."""

import pytest

from safeharbor.cases.actions import NotAllowed, revoke_share, share_youth
from safeharbor.cases.models import CaseShare
from safeharbor.domain.access import FieldGroup
from safeharbor.domain.errors import InputError

WITH_ADDRESS = frozenset({FieldGroup.IDENTITY, FieldGroup.PLACEMENT_ADDRESS})


def test_a_caseworker_cannot_share_the_address_but_the_supervisor_can(
    caseworker, supervisor, mdt_partner, youth_record
):
    with pytest.raises(NotAllowed, match="only the unit supervisor may share"):
        share_youth(
            actor=caseworker,
            youth=youth_record,
            partner=mdt_partner,
            fields=WITH_ADDRESS,
            basis="MDT",
            expires_at=None,
        )
    share = share_youth(
        actor=supervisor,
        youth=youth_record,
        partner=mdt_partner,
        fields=WITH_ADDRESS,
        basis="Court order for the detective",
        expires_at=None,
    )
    assert share.fields == ["identity", "placement_address"]


def test_revoking_needs_a_reason_and_happens_once(caseworker, youth_record):
    share = CaseShare.objects.get(youth=youth_record)
    with pytest.raises(InputError, match="say why the sharing ends"):
        revoke_share(actor=caseworker, share=share, reason=" ")
    ended = revoke_share(actor=caseworker, share=share, reason="Case closed by the MDT.")
    first = ended.revoked_at
    again = revoke_share(actor=caseworker, share=share, reason="Twice")
    assert (again.revoked_at, again.revoked_by) == (first, caseworker)
