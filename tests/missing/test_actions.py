"""Writes for missing episodes: one open episode, each thing recorded once, times that make sense,
the debrief clock, stale corrections refused, disclosures encrypted at rest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.domain.errors import InputError
from safeharbor.missing.actions import (
    NotAllowed,
    record_debrief,
    record_locate_effort,
    record_missing,
    record_return,
    update_missing_details,
)
from safeharbor.missing.models import LocateEffort, MissingEpisode, ReturnDebrief
from safeharbor.obligations.models import Obligation
from safeharbor.protected.fields import is_token
from tests import factories
from tests.missing.builders import episode_for
from tests.obligations.builders import key

HOUR = dt.timedelta(hours=1)


def _missing(actor, youth, **kw):
    now = timezone.now()
    fields = {"last_seen_at": now - 3 * HOUR, "learned_at": now - 2 * HOUR}
    fields.update(kw)
    return record_missing(actor=actor, youth=youth, **fields)


def _returned(caseworker, youth):
    episode = episode_for(youth)
    return record_return(actor=caseworker, episode=episode, returned_at=timezone.now() - HOUR)


# --- one open episode, recorded once -------------------------------------------------------------


def test_a_youth_has_at_most_one_open_episode(caseworker, youth_record):
    _missing(caseworker, youth_record)
    with pytest.raises(InputError) as caught:
        _missing(caseworker, youth_record)
    assert caught.value.message == (
        "Jo Testperson is already recorded as missing; record the return of that episode "
        "first, or add what you know to it"
    )
    assert MissingEpisode.objects.count() == 1


def test_after_the_return_a_new_episode_may_be_recorded(caseworker, youth_record):
    _returned(caseworker, youth_record)
    _missing(
        caseworker,
        youth_record,
        last_seen_at=timezone.now() - 0.5 * HOUR,
        learned_at=timezone.now(),
    )
    assert MissingEpisode.objects.filter(youth=youth_record).count() == 2


def test_the_same_form_submitted_twice_records_one_episode(caseworker, youth_record):
    same = key()
    first = _missing(caseworker, youth_record, idempotency_key=same)
    again = _missing(caseworker, youth_record, idempotency_key=same)
    assert again.pk == first.pk
    assert MissingEpisode.objects.count() == 1
    assert Obligation.objects.filter(kind="report_missing_ncmec").count() == 1


@pytest.mark.parametrize(
    ("times", "field", "message"),
    [
        (
            {"learned_at": -4},
            "learned_at",
            "the agency cannot learn of it before the youth was last seen",
        ),
        (
            {"last_seen_at": 1, "learned_at": 1.5},
            "last_seen_at",
            "when the youth was last seen cannot be in the future",
        ),
        ({"learned_at": 1}, "learned_at", "when the agency learned of it cannot be in the future"),
    ],
)
def test_impossible_times_are_refused_naming_the_field(
    caseworker, youth_record, times, field, message
):
    now = timezone.now()
    fields = {"last_seen_at": now - 3 * HOUR, "learned_at": now - 2 * HOUR}
    fields.update({name: now + hours * HOUR for name, hours in times.items()})
    with pytest.raises(InputError) as caught:
        record_missing(actor=caseworker, youth=youth_record, **fields)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert MissingEpisode.objects.count() == 0
    assert Obligation.objects.count() == 0


def test_another_youths_placement_and_unknown_fields_are_refused(agency, caseworker, youth_record):
    other = factories.youth(agency.pine, caseworker, first="Sam", address="1 Elm Rd")
    with pytest.raises(InputError, match="that placement is another youth's"):
        _missing(caseworker, youth_record, placement=other.placements.get())
    with pytest.raises(InputError, match="a missing episode has no field 'colour'"):
        _missing(caseworker, youth_record, colour="red")
    with pytest.raises(InputError, match="a height between 1 ft 0 in and 8 ft 0 in"):
        _missing(caseworker, youth_record, height_inches=120)
    with pytest.raises(InputError, match="answer yes, no or not known"):
        _missing(caseworker, youth_record, risk_pregnancy="maybe")
    assert MissingEpisode.objects.count() == 0


def test_only_those_who_edit_the_record_record_an_episode(program_admin, youth_record):
    with pytest.raises(NotAllowed):
        _missing(program_admin, youth_record)
    assert MissingEpisode.objects.count() == 0


# --- the return ----------------------------------------------------------------------------------


def test_the_return_opens_the_debrief_and_screening_clocks(caseworker, youth_record):
    episode = _returned(caseworker, youth_record)
    opened = Obligation.objects.filter(youth=youth_record, opened_at=episode.returned_at)
    assert sorted(opened.values_list("kind", flat=True)) == ["return_debrief", "return_screening"]
    assert episode.return_recorded_by == caseworker


def test_the_same_return_twice_keeps_one_and_a_different_one_is_refused(caseworker, youth_record):
    episode = _returned(caseworker, youth_record)
    again = record_return(actor=caseworker, episode=episode, returned_at=episode.returned_at)
    assert again.version == episode.version
    assert Obligation.objects.filter(kind="return_debrief").count() == 1
    with pytest.raises(InputError, match="this episode already has a return recorded"):
        record_return(actor=caseworker, episode=episode, returned_at=timezone.now())


def test_a_return_before_the_youth_was_last_seen_is_refused(caseworker, youth_record):
    episode = episode_for(youth_record)
    with pytest.raises(InputError, match="the return cannot be before the youth was last seen"):
        record_return(actor=caseworker, episode=episode, returned_at=episode.last_seen_at - HOUR)
    episode.refresh_from_db()
    assert episode.is_open


# --- locate efforts ------------------------------------------------------------------------------


def test_an_effort_is_logged_once_per_form(caseworker, youth_record):
    episode = episode_for(youth_record)
    same = key()
    fields = {"made_at": timezone.now(), "made_by": "Casey", "effort": "Called a friend"}
    first, created = record_locate_effort(
        actor=caseworker, episode=episode, idempotency_key=same, **fields
    )
    again, again_created = record_locate_effort(
        actor=caseworker, episode=episode, idempotency_key=same, **fields
    )
    assert (created, again_created, again.pk) == (True, False, first.pk)
    assert LocateEffort.objects.count() == 1


def test_after_the_return_only_efforts_made_while_missing_are_logged(caseworker, youth_record):
    episode = _returned(caseworker, youth_record)
    made_while_missing = episode.returned_at - 0.5 * HOUR
    record_locate_effort(
        actor=caseworker,
        episode=episode,
        made_at=made_while_missing,
        made_by="Casey",
        effort="Checked the bus station",
        idempotency_key=key(),
    )
    with pytest.raises(InputError, match="the youth had returned by then"):
        record_locate_effort(
            actor=caseworker,
            episode=episode,
            made_at=timezone.now(),
            made_by="Casey",
            effort="Late effort",
            idempotency_key=key(),
        )
    with pytest.raises(InputError, match="say what was done"):
        record_locate_effort(
            actor=caseworker,
            episode=episode,
            made_at=made_while_missing,
            made_by="Casey",
            effort="  ",
            idempotency_key=key(),
        )
    assert LocateEffort.objects.count() == 1


# --- the debrief ---------------------------------------------------------------------------------


ANSWERS = {
    "primary_factors": "Missed a friend from the last placement.",
    "experiences_while_absent": "Stayed with a friend's cousin; ate at a youth shelter.",
}


def test_the_debrief_satisfies_the_debrief_clock_and_not_the_screening(caseworker, youth_record):
    episode = _returned(caseworker, youth_record)
    debrief, created = record_debrief(
        actor=caseworker,
        episode=episode,
        conducted_at=timezone.now(),
        participation="took_part",
        answers=ANSWERS,
    )
    statuses = dict(
        Obligation.objects.filter(youth=youth_record, opened_at=episode.returned_at).values_list(
            "kind", "status"
        )
    )
    assert created is True
    assert statuses == {"return_debrief": "satisfied", "return_screening": "open"}
    assert Obligation.objects.get(kind="return_debrief").satisfied_record == str(debrief)


def test_a_youth_who_takes_part_has_the_two_federal_questions_answered(caseworker, youth_record):
    episode = _returned(caseworker, youth_record)
    with pytest.raises(InputError) as caught:
        record_debrief(
            actor=caseworker,
            episode=episode,
            conducted_at=timezone.now(),
            participation="took_part",
            answers={"primary_factors": "A fight"},
        )
    assert caught.value.field == "experiences_while_absent"
    debrief, _ = record_debrief(
        actor=caseworker,
        episode=episode,
        conducted_at=timezone.now(),
        participation="declined",
        answers={},
    )
    assert debrief.primary_factors == ""


def test_a_debrief_needs_the_return_first_and_comes_after_it(caseworker, youth_record):
    episode = episode_for(youth_record)
    with pytest.raises(InputError, match="record the youth's return first"):
        record_debrief(
            actor=caseworker,
            episode=episode,
            conducted_at=timezone.now(),
            participation="declined",
            answers={},
        )
    episode = record_return(actor=caseworker, episode=episode, returned_at=timezone.now() - HOUR)
    with pytest.raises(InputError, match="the debrief cannot come before the return"):
        record_debrief(
            actor=caseworker,
            episode=episode,
            conducted_at=timezone.now() - 2 * HOUR,
            participation="declined",
            answers={},
        )
    assert ReturnDebrief.objects.count() == 0


def test_one_debrief_per_episode(caseworker, supervisor, youth_record):
    episode = _returned(caseworker, youth_record)
    first, _ = record_debrief(
        actor=caseworker,
        episode=episode,
        conducted_at=timezone.now(),
        participation="took_part",
        answers=ANSWERS,
    )
    again, created = record_debrief(
        actor=caseworker,
        episode=episode,
        conducted_at=timezone.now(),
        participation="declined",
        answers={},
    )
    assert (again.pk, created, again.participation) == (first.pk, False, "took_part")
    with pytest.raises(InputError, match="already recorded the debrief for this episode"):
        record_debrief(
            actor=supervisor,
            episode=episode,
            conducted_at=timezone.now(),
            participation="declined",
            answers={},
        )


# --- corrections ---------------------------------------------------------------------------------


def test_a_correction_on_a_stale_version_is_refused_and_loses_nothing(
    caseworker, supervisor, youth_record
):
    episode = episode_for(youth_record)
    seen = episode.version
    update_missing_details(
        actor=supervisor, episode=episode, seen_version=seen, clothing="Red hoodie"
    )
    stale = MissingEpisode.objects.get(pk=episode.pk)
    stale.version = seen  # the caseworker opened the form before the supervisor saved
    with pytest.raises(InputError, match="someone else changed this episode after you opened it"):
        update_missing_details(
            actor=caseworker, episode=stale, seen_version=seen, clothing="Blue jacket"
        )
    episode.refresh_from_db()
    assert (episode.clothing, episode.version) == ("Red hoodie", seen + 1)


def test_the_audit_of_a_correction_names_fields_never_values(caseworker, youth_record):
    episode = episode_for(youth_record)
    update_missing_details(
        actor=caseworker,
        episode=episode,
        seen_version=episode.version,
        risk_exploiter="yes",
        risk_exploiter_detail="An older partner, Rex",
    )
    event = AuditEvent.objects.filter(action="missing.updated").get()
    assert event.detail == {"changed": ["risk_exploiter", "risk_exploiter_detail"]}
    assert "Rex" not in str(event.detail)


# --- encryption at rest --------------------------------------------------------------------------


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_disclosures_are_encrypted_at_rest(caseworker, youth_record):
    episode = episode_for(
        youth_record,
        circumstances="Left with an older partner",
        risk_suicide="yes",
        risk_suicide_detail="Said she wanted to disappear",
        marks="Crown tattoo on the neck",
    )
    episode = record_return(actor=caseworker, episode=episode, returned_at=timezone.now())
    effort, _ = record_locate_effort(
        actor=caseworker,
        episode=episode,
        made_at=episode.returned_at,
        made_by="Casey",
        effort="Called the partner's number",
        idempotency_key=key(),
    )
    debrief, _ = record_debrief(
        actor=caseworker,
        episode=episode,
        conducted_at=timezone.now(),
        participation="took_part",
        answers=ANSWERS,
    )

    for column in ("circumstances", "risk_suicide", "risk_suicide_detail", "marks"):
        assert is_token(_raw("missing_missingepisode", column, episode.pk)), column
    assert is_token(_raw("missing_locateeffort", "effort", effort.pk))
    assert is_token(_raw("missing_returndebrief", "primary_factors", debrief.pk))
    assert MissingEpisode.objects.get(pk=episode.pk).risk_suicide_detail == (
        "Said she wanted to disappear"
    )
