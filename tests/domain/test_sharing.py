"""What each kind of partner sees by default, and what needs a supervisor (issue 15)."""

import pytest

from safeharbor.domain.access import FieldGroup as G
from safeharbor.domain.errors import InputError
from safeharbor.domain.sharing import (
    STARTING_DEFAULTS,
    PartnerKind,
    check_approval,
    check_defaults,
    needing_approval,
    partner_kind,
)


def test_starting_defaults_follow_least_need():
    assert STARTING_DEFAULTS[PartnerKind.LAW_ENFORCEMENT] == {
        G.IDENTITY,
        G.MEETINGS,
        G.MISSING,
        G.MISSING_RISK,
    }
    assert STARTING_DEFAULTS[PartnerKind.SEXUAL_ASSAULT_ADVOCATE] == {
        G.IDENTITY,
        G.MEETINGS,
        G.NEEDS,
    }
    for kind, default in STARTING_DEFAULTS.items():
        assert G.NOTES not in default, kind
        assert G.PLACEMENT_ADDRESS not in default, kind
        assert {G.IDENTITY, G.MEETINGS} <= default, kind
    assert G.NEEDS not in STARTING_DEFAULTS[PartnerKind.LAW_ENFORCEMENT]
    assert G.MISSING_RISK not in STARTING_DEFAULTS[PartnerKind.SEXUAL_ASSAULT_ADVOCATE]


def test_an_unknown_kind_is_other():
    assert partner_kind("law_enforcement") is PartnerKind.LAW_ENFORCEMENT
    assert partner_kind("probation") is PartnerKind.OTHER


def test_needs_beyond_the_default_or_notes_need_approval():
    police = STARTING_DEFAULTS[PartnerKind.LAW_ENFORCEMENT]
    assert needing_approval(police, police) == frozenset()
    assert needing_approval({G.IDENTITY, G.NEEDS, G.SCREENINGS}, police) == {G.NEEDS, G.SCREENINGS}
    # Even an agency that (wrongly) put notes in a default cannot make them free.
    assert needing_approval({G.NOTES}, police | {G.NOTES}) == {G.NOTES}
    assert needing_approval({G.PLACEMENT_ADDRESS}, police) == {G.PLACEMENT_ADDRESS}


def test_a_caseworker_cannot_share_beyond_the_default():
    with pytest.raises(InputError) as refused:
        check_approval(
            frozenset({G.NOTES}), kind=PartnerKind.LAW_ENFORCEMENT, approver=False, reason="x"
        )
    assert refused.value.field == "fields"
    assert "case notes and narratives with law enforcement" in refused.value.message
    assert "supervisor's approval" in refused.value.message


def test_a_supervisor_approves_with_a_reason():
    beyond = frozenset({G.NEEDS, G.SCREENINGS})
    with pytest.raises(InputError) as refused:
        check_approval(beyond, kind=PartnerKind.CAC, approver=True, reason="  ")
    assert refused.value.field == "approval_reason"
    assert "screenings and needs and services" in refused.value.message
    check_approval(beyond, kind=PartnerKind.CAC, approver=True, reason="forensic interview")
    check_approval(frozenset(), kind=PartnerKind.CAC, approver=False, reason="")


def test_an_agency_default_never_holds_notes_or_the_address():
    assert check_defaults(["needs"]) == {G.NEEDS, G.IDENTITY, G.MEETINGS}
    with pytest.raises(InputError, match="case notes and narratives can never be a default"):
        check_defaults(["needs", "notes"])
    with pytest.raises(InputError, match="the placement address can never be a default"):
        check_defaults(["placement_address"])
    with pytest.raises(InputError, match="unknown field group 'diary'"):
        check_defaults(["diary"])
