"""Recording screenings and changing their tier by professional judgement (SPEC §4.5, §4.6)."""

import datetime as dt

import pytest
from django.utils import timezone

from safeharbor.audit.models import AuditEvent
from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import YES, Answer, AnswerSource, AnswerValue
from safeharbor.domain.screening.stored import result_document
from safeharbor.screenings.actions import (
    NotAllowed,
    decide_override,
    override_tier,
    record_screening,
)
from safeharbor.screenings.queries import episodes_as_of, rescore


def _screen(actor, youth, answers=None, as_of=None):
    return record_screening(
        actor=actor,
        youth=youth,
        as_of=as_of or timezone.localdate(),
        answers=answers or {},
        occasion="caseworker_concern",
    )


def test_two_recorded_episodes_in_the_window_make_the_youth_high_risk(
    caseworker, two_recent_episodes
):
    screening = _screen(caseworker, two_recent_episodes)
    assert (screening.computed_tier, screening.final_tier) == ("high_risk", "high_risk")
    assert screening.result["reasons"] == ["missing_2plus_6mo"]
    assert screening.result["actions"] == ["refer_cac_mdt", "report_district_attorney"]
    assert screening.instrument_id == "htcsec-screen"
    assert screening.instrument_version == "2016-04-07"
    assert len(screening.episodes) == 2


def test_answers_keep_their_source_and_note(caseworker, youth_record):
    answer = Answer(
        AnswerValue.YES, AnswerSource.YOUTH_DISCLOSURE, "Said a friend paid for a motel."
    )
    screening = _screen(caseworker, youth_record, {"frequents_hotels_motels": answer})
    assert screening.answers == {
        "frequents_hotels_motels": {
            "value": "yes",
            "source": "youth_disclosure",
            "note": "Said a friend paid for a motel.",
        }
    }
    assert screening.computed_tier == "at_risk"


def test_a_stored_screening_rescores_to_the_same_result(caseworker, two_recent_episodes):
    screening = _screen(caseworker, two_recent_episodes, {"history_sexual_abuse": YES})
    screening.refresh_from_db()
    assert result_document(rescore(screening)) == screening.result


def test_episodes_reported_after_the_screening_day_do_not_count(caseworker, two_recent_episodes):
    long_ago = timezone.localdate() - dt.timedelta(days=45)
    assert len(episodes_as_of(two_recent_episodes, long_ago)) == 1
    screening = _screen(caseworker, two_recent_episodes, as_of=long_ago)
    assert screening.computed_tier == "moderate_risk"


def test_the_read_and_the_screening_are_audited(caseworker, youth_record):
    screening = _screen(caseworker, youth_record)
    event = AuditEvent.objects.filter(action="screening.recorded").get()
    assert (event.target_id, event.youth_id) == (str(screening.pk), youth_record.pk)
    assert event.detail == {"tier": "no_indicators", "version": "2016-04-07"}


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        (dt.date(2099, 1, 1), "cannot describe a day in the future"),
        (dt.date(2001, 1, 1), "before the youth was born"),
    ],
)
def test_impossible_screening_days_are_refused(caseworker, youth_record, as_of, message):
    with pytest.raises(InputError, match=message):
        _screen(caseworker, youth_record, as_of=as_of)


def test_a_rule_id_cannot_be_answered(caseworker, youth_record):
    with pytest.raises(InputError, match="at_risk_4_or_more"):
        _screen(caseworker, youth_record, {"at_risk_4_or_more": YES})


@pytest.mark.parametrize(
    "persona", ["other_caseworker", "mdt_partner", "program_admin"], indirect=True
)
def test_only_the_assigned_worker_and_supervisor_screen(persona, youth_record):
    with pytest.raises(NotAllowed):
        _screen(persona, youth_record)


def test_raising_the_tier_applies_at_once_and_keeps_the_computed_tier(caseworker, youth_record):
    screening = _screen(caseworker, youth_record)
    override = override_tier(
        actor=caseworker,
        screening=screening,
        tier="moderate_risk",
        reason="Youth described an older partner who controls her phone.",
    )
    screening.refresh_from_db()
    assert override.status == "applied"
    assert (screening.computed_tier, screening.final_tier) == ("no_indicators", "moderate_risk")


def test_lowering_by_a_caseworker_waits_for_the_supervisor(
    caseworker, supervisor, two_recent_episodes
):
    screening = _screen(caseworker, two_recent_episodes)
    override = override_tier(
        actor=caseworker,
        screening=screening,
        tier="moderate_risk",
        reason="Both episodes were overnight stays with a grandparent.",
    )
    screening.refresh_from_db()
    assert override.status == "pending"
    assert screening.final_tier == "high_risk"

    decide_override(
        actor=supervisor, override=override, approve=True, reason="Confirmed with family."
    )
    screening.refresh_from_db()
    override.refresh_from_db()
    assert (override.status, override.decided_by) == ("applied", supervisor)
    assert (screening.computed_tier, screening.final_tier) == ("high_risk", "moderate_risk")


def test_a_refused_lowering_keeps_the_tier(caseworker, supervisor, two_recent_episodes):
    screening = _screen(caseworker, two_recent_episodes)
    override = override_tier(actor=caseworker, screening=screening, tier="at_risk", reason="r")
    decide_override(actor=supervisor, override=override, approve=False, reason="Not enough.")
    screening.refresh_from_db()
    assert screening.final_tier == "high_risk"
    override.refresh_from_db()
    assert (override.status, override.decision_reason) == ("refused", "Not enough.")


def test_a_supervisor_lowers_at_once_with_a_reason(caseworker, supervisor, two_recent_episodes):
    screening = _screen(caseworker, two_recent_episodes)
    override = override_tier(
        actor=supervisor, screening=screening, tier="moderate_risk", reason="r"
    )
    screening.refresh_from_db()
    assert (override.status, override.decided_by, screening.final_tier) == (
        "applied",
        supervisor,
        "moderate_risk",
    )


def test_only_the_supervisor_decides_and_never_on_their_own_request(
    caseworker, supervisor, program_admin, two_recent_episodes
):
    screening = _screen(caseworker, two_recent_episodes)
    override = override_tier(actor=caseworker, screening=screening, tier="at_risk", reason="r")
    with pytest.raises(NotAllowed):
        decide_override(actor=caseworker, override=override, approve=True, reason="mine")
    with pytest.raises(NotAllowed):
        decide_override(actor=program_admin, override=override, approve=True, reason="x")


@pytest.mark.parametrize(
    ("tier", "reason", "message"),
    [
        ("no_indicators", "r", "different from the current one"),
        ("very_high", "r", "not a tier of this instrument"),
        ("confirmed", "   ", "write the reason"),
    ],
)
def test_bad_overrides_are_refused(caseworker, youth_record, tier, reason, message):
    screening = _screen(caseworker, youth_record)
    with pytest.raises(InputError, match=message):
        override_tier(actor=caseworker, screening=screening, tier=tier, reason=reason)


def test_a_high_risk_screening_starts_its_protocol_clocks(caseworker, two_recent_episodes):
    from safeharbor.obligations.models import Obligation

    _screen(caseworker, two_recent_episodes)
    opened = Obligation.objects.filter(
        youth=two_recent_episodes, opened_by_event="screening_completed"
    )
    assert sorted(o.kind for o in opened) == ["refer_cac_mdt", "report_district_attorney"]
    assert {o.status for o in opened} == {"open"}


def test_raising_the_tier_starts_the_higher_tiers_clocks(caseworker, youth_record):
    from safeharbor.obligations.models import Obligation

    screening = _screen(caseworker, youth_record)
    assert not Obligation.objects.filter(youth=youth_record, kind="consultation_meeting").exists()
    override_tier(
        actor=caseworker, screening=screening, tier="moderate_risk", reason="Older partner."
    )
    assert Obligation.objects.filter(youth=youth_record, kind="consultation_meeting").count() == 1
