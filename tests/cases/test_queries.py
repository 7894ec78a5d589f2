"""Scoped reads of youth records: each persona sees what it should and nothing more."""

import pytest
from django.http import Http404

from safeharbor.audit.models import AuditEvent
from safeharbor.cases import queries
from safeharbor.cases.actions import assign_youth
from safeharbor.domain.access import FieldGroup, Role
from tests import factories
from tests.conftest import CANARY_ADDRESS, PERSONA_NAMES

SEES_YOUTH = {"caseworker", "supervisor", "program_admin", "mdt_partner"}


@pytest.mark.parametrize("persona", PERSONA_NAMES, indirect=True)
def test_each_persona_lists_exactly_the_youth_in_its_scope(persona, youth_record, agency):
    factories.youth(agency.cedar, first="Riley", last="Elsewhere")  # another district
    listed = list(queries.youth_visible_to(persona))
    if persona.username in SEES_YOUTH:
        assert listed == [youth_record]
    else:
        assert listed == []


@pytest.mark.parametrize("persona", PERSONA_NAMES, indirect=True)
def test_outsiders_get_not_found_exactly_like_a_missing_record(persona, youth_record):
    if persona.username in SEES_YOUTH:
        record = queries.get_youth(actor=persona, pk=youth_record.pk)
        assert record.youth == youth_record
    else:
        with pytest.raises(Http404) as outsider:
            queries.get_youth(actor=persona, pk=youth_record.pk)
        with pytest.raises(Http404) as missing:
            queries.get_youth(actor=persona, pk=youth_record.pk + 999)
        assert str(outsider.value) == str(missing.value)


def test_every_read_of_a_youth_record_is_audited(caseworker, youth_record):
    before = AuditEvent.objects.filter(action="youth.viewed").count()
    queries.get_youth(actor=caseworker, pk=youth_record.pk)
    event = AuditEvent.objects.filter(action="youth.viewed").latest("id")
    assert AuditEvent.objects.filter(action="youth.viewed").count() == before + 1
    assert (event.actor, event.actor_role, event.youth) == (caseworker, "caseworker", youth_record)
    assert event.target_type == "youth"
    assert event.target_id == str(youth_record.pk)
    assert event.detail == {"access": "assigned caseworker", "purpose": "view"}


def test_partner_gets_placements_only_if_shared_and_never_the_address(mdt_partner, youth_record):
    record = queries.get_youth(actor=mdt_partner, pk=youth_record.pk)
    assert not record.shows(FieldGroup.PLACEMENTS)
    assert record.placements() == []
    with pytest.raises(Http404):
        queries.reveal_placement_address(
            actor=mdt_partner, pk=youth_record.pk, placement_pk=youth_record.placements.get().pk
        )


def test_program_admin_sees_placements_but_cannot_reveal_the_address(program_admin, youth_record):
    record = queries.get_youth(actor=program_admin, pk=youth_record.pk)
    (placement,) = record.placements()
    assert placement.address is None
    assert placement.provider_name is None
    with pytest.raises(Http404):
        queries.reveal_placement_address(
            actor=program_admin, pk=youth_record.pk, placement_pk=placement.placement.pk
        )


def test_revealing_the_address_to_the_assigned_worker_is_audited(caseworker, youth_record):
    placement = youth_record.placements.get()
    view = queries.reveal_placement_address(
        actor=caseworker, pk=youth_record.pk, placement_pk=placement.pk
    )
    assert view.address == CANARY_ADDRESS
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.target_id) == ("youth.address_viewed", str(placement.pk))


def test_reassignment_moves_the_youth_between_caseloads(
    supervisor, caseworker, youth_record, agency
):
    colleague = factories.staff(Role.CASEWORKER, "colleague", unit=agency.unit_a)
    assign_youth(actor=supervisor, youth=youth_record, caseworker=colleague)
    assert list(queries.youth_visible_to(caseworker)) == []
    assert list(queries.youth_visible_to(colleague)) == [youth_record]


def test_search_matches_preferred_legal_and_record_number(caseworker, youth_record):
    assert list(queries.search_caseload(caseworker, text="jo")) == [youth_record]
    assert list(queries.search_caseload(caseworker, text="Testperson")) == [youth_record]
    assert list(queries.search_caseload(caseworker, text=youth_record.record_number)) == [
        youth_record
    ]
    assert list(queries.search_caseload(caseworker, text="nobody")) == []


def test_missing_youth_are_listed_first(caseworker, youth_record, agency):
    import datetime as dt

    from django.utils import timezone

    from safeharbor.missing.models import MissingEpisode

    calm = factories.youth(agency.pine, caseworker, first="Aaron", last="Aardvark")
    now = timezone.now()
    MissingEpisode.objects.create(
        youth=youth_record,
        last_seen_at=now - dt.timedelta(hours=5),
        learned_at=now - dt.timedelta(hours=4),
        created_at=now,
    )
    assert list(queries.youth_visible_to(caseworker)) == [youth_record, calm]
