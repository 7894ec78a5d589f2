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
        approval_reason="Court order 26-118 names the detective",
    )
    assert share.fields == ["identity", "placement_address"]
    assert share.approved_fields == ["placement_address"]
    assert (share.approved_by, share.approval_reason) == (
        supervisor,
        "Court order 26-118 names the detective",
    )


def test_revoking_needs_a_reason_and_happens_once(caseworker, youth_record):
    share = CaseShare.objects.get(youth=youth_record)
    with pytest.raises(InputError, match="say why the sharing ends"):
        revoke_share(actor=caseworker, share=share, reason=" ")
    ended = revoke_share(actor=caseworker, share=share, reason="Case closed by the MDT.")
    first = ended.revoked_at
    again = revoke_share(actor=caseworker, share=share, reason="Twice")
    assert (again.revoked_at, again.revoked_by) == (first, caseworker)


POLICE_DEFAULT = frozenset(
    {FieldGroup.IDENTITY, FieldGroup.MEETINGS, FieldGroup.MISSING, FieldGroup.MISSING_RISK}
)


def _share(actor, youth, partner, fields, reason=""):
    return share_youth(
        actor=actor,
        youth=youth,
        partner=partner,
        fields=frozenset(fields),
        basis="MDT",
        expires_at=None,
        approval_reason=reason,
    )


def test_a_caseworker_shares_a_partner_kinds_default_alone(caseworker, youth_record, mdt_partner):
    share = _share(caseworker, youth_record, mdt_partner, POLICE_DEFAULT)
    assert (share.approved_fields, share.approved_by) == ([], None)


@pytest.mark.parametrize("extra", [FieldGroup.NOTES, FieldGroup.NEEDS, FieldGroup.SCREENINGS])
def test_a_caseworker_alone_cannot_share_beyond_the_default(
    caseworker, youth_record, mdt_partner, extra
):
    before = CaseShare.objects.count()
    with pytest.raises(NotAllowed, match="needs the unit supervisor's approval"):
        _share(caseworker, youth_record, mdt_partner, POLICE_DEFAULT | {extra}, reason="asked")
    assert CaseShare.objects.count() == before


def test_notes_need_approval_even_for_a_kind_whose_default_an_agency_widened(
    caseworker, supervisor, administrator, youth_record, mdt_partner
):
    from safeharbor.cases.actions import set_sharing_default

    set_sharing_default(actor=administrator, kind="law_enforcement", fields=["needs", "missing"])
    _share(caseworker, youth_record, mdt_partner, {FieldGroup.IDENTITY, FieldGroup.NEEDS})
    with pytest.raises(NotAllowed, match="case notes and narratives with law enforcement"):
        _share(caseworker, youth_record, mdt_partner, {FieldGroup.NOTES})
    with pytest.raises(InputError, match="say why you approve sharing case notes") as refused:
        _share(supervisor, youth_record, mdt_partner, {FieldGroup.NOTES})
    assert refused.value.field == "approval_reason"
    share = _share(supervisor, youth_record, mdt_partner, {FieldGroup.NOTES}, "Prosecution")
    assert share.approved_fields == ["notes"]


def test_only_an_administrator_sets_the_defaults_and_never_notes(
    supervisor, administrator, youth_record
):
    from safeharbor.cases.actions import set_sharing_default
    from safeharbor.cases.scope import sharing_defaults
    from safeharbor.domain.sharing import PartnerKind

    with pytest.raises(NotAllowed):
        set_sharing_default(actor=supervisor, kind="cac", fields=["needs"])
    with pytest.raises(InputError, match="can never be a default"):
        set_sharing_default(actor=administrator, kind="cac", fields=["notes"])
    row = set_sharing_default(actor=administrator, kind="cac", fields=["screenings"])
    assert sharing_defaults()[PartnerKind.CAC] == {
        FieldGroup.IDENTITY,
        FieldGroup.MEETINGS,
        FieldGroup.SCREENINGS,
    }
    with pytest.raises(InputError, match="someone changed this kind's defaults"):
        set_sharing_default(actor=administrator, kind="cac", fields=["needs"], seen_version=0)
    set_sharing_default(actor=administrator, kind="cac", fields=["needs"], seen_version=row.version)
    assert FieldGroup.NEEDS in sharing_defaults()[PartnerKind.CAC]


def test_the_supervisor_widens_a_sharing_with_a_reason(
    caseworker, supervisor, youth_record, mdt_partner
):
    from safeharbor.cases.actions import widen_share

    share = _share(caseworker, youth_record, mdt_partner, POLICE_DEFAULT)
    with pytest.raises(NotAllowed):
        widen_share(actor=caseworker, share=share, added={FieldGroup.NEEDS}, approval_reason="x")
    with pytest.raises(InputError, match="say why you approve"):
        widen_share(actor=supervisor, share=share, added={FieldGroup.NEEDS}, approval_reason="")
    widened = widen_share(
        actor=supervisor, share=share, added={FieldGroup.NEEDS}, approval_reason="Housing plan"
    )
    assert "needs" in widened.fields
    assert (widened.approved_fields, widened.approval_reason) == (["needs"], "Housing plan")


def test_an_ended_sharing_is_never_widened(caseworker, supervisor, youth_record, mdt_partner):
    from safeharbor.cases.actions import widen_share

    share = _share(caseworker, youth_record, mdt_partner, POLICE_DEFAULT)
    stale = CaseShare.objects.get(pk=share.pk)  # opened before it ended
    revoke_share(actor=caseworker, share=share, reason="The MDT closed the case.")
    with pytest.raises(InputError, match="this sharing has ended"):
        widen_share(
            actor=supervisor, share=stale, added={FieldGroup.NEEDS}, approval_reason="Housing"
        )
    share.refresh_from_db()
    assert "needs" not in share.fields
