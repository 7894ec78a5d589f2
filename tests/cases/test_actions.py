"""Writes to youth records: validated, audited, never silently overwriting a concurrent edit."""

import datetime as dt

import pytest

from safeharbor.accounts.actions import create_staff
from safeharbor.audit.models import AuditEvent
from safeharbor.cases.actions import (
    NotAllowed,
    StaleEdit,
    add_placement,
    assign_youth,
    create_youth,
    end_placement,
    grant_address_access,
    share_youth,
    update_youth,
)
from safeharbor.cases.models import Youth
from safeharbor.domain.access import FieldGroup, Role
from safeharbor.domain.errors import InputError
from tests import factories


def test_update_changes_fields_bumps_the_version_and_audits_which_fields(caseworker, youth_record):
    updated = update_youth(
        actor=caseworker,
        youth=youth_record,
        seen_version=1,
        preferred_name="Jojo",
        pronouns="they/them",
    )
    assert (updated.preferred_name, updated.version) == ("Jojo", 2)
    event = AuditEvent.objects.filter(action="youth.updated").latest("id")
    assert event.detail == {"fields": ["preferred_name", "pronouns"]}


def test_a_stale_edit_is_refused_and_the_first_edit_kept(caseworker, supervisor, youth_record):
    mine = Youth.objects.get(pk=youth_record.pk)
    theirs = Youth.objects.get(pk=youth_record.pk)
    update_youth(actor=supervisor, youth=theirs, seen_version=theirs.version, preferred_name="J")
    with pytest.raises(StaleEdit, match="was changed by someone else"):
        update_youth(actor=caseworker, youth=mine, seen_version=mine.version, preferred_name="Jay")
    assert Youth.objects.get(pk=youth_record.pk).preferred_name == "J"


@pytest.mark.parametrize(
    "persona", ["program_admin", "mdt_partner", "other_caseworker"], indirect=True
)
def test_only_the_assigned_worker_and_supervisor_change_the_record(persona, youth_record):
    with pytest.raises(NotAllowed):
        update_youth(actor=persona, youth=youth_record, seen_version=1, preferred_name="X")


def test_unknown_fields_are_refused(caseworker, youth_record):
    with pytest.raises(InputError, match="unknown youth field"):
        update_youth(actor=caseworker, youth=youth_record, seen_version=1, district_id=9)


def test_assignment_needs_the_supervisor_and_a_caseworker_of_the_district(
    supervisor, caseworker, youth_record, agency
):
    with pytest.raises(NotAllowed):
        assign_youth(actor=caseworker, youth=youth_record, caseworker=caseworker)
    elsewhere = factories.staff(Role.CASEWORKER, "cedar_worker", unit=agency.unit_c)
    with pytest.raises(InputError, match="caseworker of the youth's district"):
        assign_youth(actor=supervisor, youth=youth_record, caseworker=elsewhere)


def test_a_new_placement_ends_the_current_one_the_day_it_starts(caseworker, youth_record):
    new = add_placement(
        actor=caseworker,
        youth=youth_record,
        placement_type="kinship",
        start_date=dt.date(2026, 6, 1),
    )
    old = youth_record.placements.exclude(pk=new.pk).get()
    assert (old.end_date, old.end_reason) == (dt.date(2026, 6, 1), "moved to a new placement")
    assert new.end_date is None


def test_a_placement_cannot_start_before_the_current_one(caseworker, youth_record):
    with pytest.raises(InputError, match="starts before the current one"):
        add_placement(
            actor=caseworker,
            youth=youth_record,
            placement_type="kinship",
            start_date=dt.date(2026, 1, 4),
            episode=youth_record.care_episodes.get(),
        )
    assert youth_record.placements.count() == 1


def test_ending_a_placement_checks_its_dates(caseworker, youth_record):
    placement = youth_record.placements.get()
    with pytest.raises(InputError, match="cannot end before it starts"):
        end_placement(
            actor=caseworker, placement=placement, end_date=dt.date(2025, 1, 1), reason="x"
        )
    end_placement(
        actor=caseworker, placement=placement, end_date=dt.date(2026, 2, 1), reason="reunified"
    )
    with pytest.raises(InputError, match="already ended"):
        end_placement(
            actor=caseworker, placement=placement, end_date=dt.date(2026, 3, 1), reason="x"
        )


def test_sharing_needs_a_partner_account_and_a_basis(caseworker, supervisor, youth_record):
    with pytest.raises(InputError, match="only with MDT partner accounts"):
        share_youth(
            actor=caseworker,
            youth=youth_record,
            partner=supervisor,
            fields=frozenset({FieldGroup.IDENTITY}),
            basis="x",
            expires_at=None,
        )
    partner = factories.staff(Role.MDT_PARTNER, "advocate")
    with pytest.raises(InputError, match="why the partner needs"):
        share_youth(
            actor=caseworker,
            youth=youth_record,
            partner=partner,
            fields=frozenset({FieldGroup.IDENTITY}),
            basis="  ",
            expires_at=None,
        )


def test_an_address_grant_is_a_supervisors_decision_with_a_reason(
    caseworker, supervisor, program_admin, youth_record
):
    with pytest.raises(NotAllowed):
        grant_address_access(actor=caseworker, youth=youth_record, user=program_admin, reason="r")
    with pytest.raises(InputError, match="why this person needs the address"):
        grant_address_access(actor=supervisor, youth=youth_record, user=program_admin, reason="")
    grant = grant_address_access(
        actor=supervisor, youth=youth_record, user=program_admin, reason="court order review"
    )
    assert AuditEvent.objects.filter(action="grant.created", target_id=str(grant.pk)).exists()


def test_youth_get_district_record_numbers(agency):
    first = create_youth(
        actor=None,
        district=agency.cedar,
        legal_first_name="A",
        legal_last_name="B",
        date_of_birth=dt.date(2012, 1, 1),
        custody_status="in_care",
    )
    second = create_youth(
        actor=None,
        district=agency.cedar,
        legal_first_name="C",
        legal_last_name="D",
        date_of_birth=dt.date(2012, 1, 1),
        custody_status="in_care",
    )
    assert (first.record_number, second.record_number) == ("CEDAR-00001", "CEDAR-00002")


@pytest.mark.parametrize(
    ("role", "kw", "message"),
    [
        (Role.CASEWORKER, {}, "must belong to a unit"),
        (Role.PROGRAM_ADMIN, {}, "must belong to a district"),
        (Role.MDT_PARTNER, {}, "which kind of partner"),
    ],
)
def test_staff_accounts_are_validated(agency, role, kw, message):
    with pytest.raises(InputError, match=message):
        create_staff(
            actor=None,
            username="newperson",
            password=None,
            role=role,
            first_name="N",
            last_name="P",
            **kw,
        )


def test_usernames_are_unique_whatever_the_case(caseworker):
    with pytest.raises(InputError, match="is taken"):
        create_staff(
            actor=None,
            username="CaseWorker",
            password=None,
            role=Role.ANALYST,
            first_name="N",
            last_name="P",
        )
