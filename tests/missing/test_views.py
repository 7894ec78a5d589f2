"""The missing-episode pages as a caseworker meets them: record, report, correct, search, return,
debrief, the board and the settings; bad input says what is wrong and loses nothing typed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from safeharbor.missing.actions import record_debrief, record_return
from safeharbor.missing.models import MissingEpisode, MissingPatternPolicy, ReturnDebrief
from safeharbor.obligations.models import LegalReport, Obligation
from tests import factories
from tests.missing.builders import episode_for, local_input, report_for
from tests.obligations.builders import key


def _new_form(youth, **overrides):
    now = timezone.now()
    data = {
        "idempotency_key": key(),
        "last_seen_at": local_input(now - dt.timedelta(hours=5)),
        "absence_kind": "ran_away",
        "last_seen_where": "Leaving the group home after dinner",
        "last_seen_with": "An older adult in a silver car",
        "learned_at": local_input(now - dt.timedelta(hours=4)),
        "placement": str(youth.placements.get().pk),
        "circumstances": "Said goodbye to a roommate and did not come back.",
        "risk_pregnancy": "unknown",
        "risk_medications": "yes",
        "risk_medications_detail": "Daily inhaler",
        "risk_suicide": "no",
        "risk_exploiter": "yes",
        "risk_exploiter_detail": "An older partner who buys gifts",
        "risk_trafficking_indicators": "unknown",
        "height_feet": "5",
        "height_more_inches": "4",
        "weight_pounds": "120",
        "hair": "Black, shoulder length, braids",
        "eyes": "brown",
        "marks": "Small star tattoo on the left wrist",
        "clothing": "Red hoodie, jeans",
        "photo_reference": "Case file photo 2026-02",
    }
    data.update(overrides)
    return data


def _post_new(client, youth, **overrides):
    return client.post(reverse("missing:new", args=[youth.pk]), _new_form(youth, **overrides))


def _episode_url(episode):
    return reverse("missing:episode", args=[episode.youth_id, episode.pk])


# --- recording ---------------------------------------------------------------------------------


def test_recording_a_youth_missing_starts_the_two_24_hour_clocks(client, caseworker, youth_record):
    client.force_login(caseworker)

    response = _post_new(client, youth_record)

    episode = MissingEpisode.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _episode_url(episode)
    assert (episode.height_inches, episode.risk_medications_detail, episode.eyes) == (
        64,
        "Daily inhaler",
        "brown",
    )
    clocks = Obligation.objects.filter(youth=youth_record).order_by("kind")
    assert [(o.kind, o.due - o.opened_at) for o in clocks] == [
        ("report_missing_law_enforcement", dt.timedelta(hours=24)),
        ("report_missing_ncmec", dt.timedelta(hours=24)),
    ]
    page = client.get(response["Location"]).content.decode()
    assert 'data-report="law_enforcement" data-state="due"' in page
    assert 'data-report="ncmec" data-state="due"' in page
    assert re.search(r"Due in (19 h 5\d min|20 h 0 min)", page)  # 24 h from 4 h ago
    due = timezone.localtime(clocks[0].due)
    assert f"(by {due:%a %b} {due.day}, {due:%-I:%M %p}" in page  # the time, not only the span


def test_the_new_form_is_prefilled_from_the_last_episode(client, caseworker, youth_record):
    episode = episode_for(youth_record, hair="Auburn, short", height_inches=61, eyes="green")
    record_return(actor=caseworker, episode=episode, returned_at=timezone.now())
    client.force_login(caseworker)

    form = client.get(reverse("missing:new", args=[youth_record.pk])).context["form"]

    assert (form.initial["hair"], form.initial["eyes"]) == ("Auburn, short", "green")
    assert (form.initial["height_feet"], form.initial["height_more_inches"]) == (5, 1)
    assert form.initial["placement"] == str(youth_record.placements.get().pk)


def test_a_double_submission_records_one_episode(client, caseworker, youth_record):
    client.force_login(caseworker)
    data = _new_form(youth_record)
    first = client.post(reverse("missing:new", args=[youth_record.pk]), data)
    again = client.post(reverse("missing:new", args=[youth_record.pk]), data)

    assert first["Location"] == again["Location"]
    assert MissingEpisode.objects.count() == 1


def test_a_youth_already_missing_is_not_recorded_twice(client, caseworker, youth_record):
    episode = episode_for(youth_record)
    client.force_login(caseworker)

    page = client.get(reverse("missing:new", args=[youth_record.pk]))
    posted = _post_new(client, youth_record)

    assert page["Location"] == _episode_url(episode)
    assert posted.status_code == 400
    assert "Jo Testperson is already recorded as missing" in posted.content.decode()
    assert MissingEpisode.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"learned_at_hours": -6},
            "The agency cannot have learned of it before the youth was last seen.",
        ),
        ({"last_seen_at_hours": 2, "learned_at_hours": 3}, "This cannot be in the future."),
        ({"last_seen_at": "2026-13-45T10:00"}, "Enter a valid date/time."),
        ({"height_more_inches": "14"}, "Ensure this value is less than or equal to 11."),
        ({"placement": "999999"}, "Select a valid choice."),
    ],
)
def test_bad_input_names_the_problem_and_keeps_what_was_typed(
    client, caseworker, youth_record, overrides, message
):
    now = timezone.now()
    fields = {}
    for name, value in overrides.items():
        if name.endswith("_hours"):
            fields[name.removesuffix("_hours")] = local_input(now + dt.timedelta(hours=value))
        else:
            fields[name] = value
    client.force_login(caseworker)

    response = _post_new(client, youth_record, **fields)

    text = response.content.decode()
    assert response.status_code == 400
    assert message in text
    assert "An older partner who buys gifts" in text
    assert "Small star tattoo on the left wrist" in text
    assert MissingEpisode.objects.count() == 0
    assert Obligation.objects.count() == 0


def test_harmful_words_are_caught_and_the_suggestion_can_be_taken(client, caseworker, youth_record):
    client.force_login(caseworker)
    words = "Seen getting into a car with a john near the motel."

    held = _post_new(client, youth_record, circumstances=words)
    data = _new_form(youth_record, circumstances=words, wording="suggested")
    saved = client.post(reverse("missing:new", args=[youth_record.pk]), data)

    assert held.status_code == 400
    assert "“john” — instead say “buyer”" in held.content.decode()
    assert words in held.content.decode()
    assert saved.status_code == 302
    assert MissingEpisode.objects.get().circumstances == (
        "Seen getting into a car with a buyer near the motel."
    )


def test_a_correction_is_saved_and_a_stale_one_refused(client, caseworker, youth_record):
    episode = episode_for(youth_record)
    client.force_login(caseworker)
    url = reverse("missing:edit", args=[youth_record.pk, episode.pk])
    data = _new_form(youth_record, version=str(episode.version), clothing="Blue jacket")
    data.pop("learned_at")

    saved = client.post(url, data)
    stale = client.post(url, {**data, "clothing": "Grey coat"})

    episode.refresh_from_db()
    assert saved.status_code == 302
    assert stale.status_code == 400
    assert "someone else changed this episode after you opened it" in stale.content.decode()
    assert "Grey coat" in stale.content.decode()
    assert episode.clothing == "Blue jacket"


# --- reports -------------------------------------------------------------------------------------


def _report_data(recipient, **overrides):
    now = local_input(timezone.now())
    data = {"recipient": recipient, f"{recipient}-idempotency_key": key()}
    fields = {
        "law_enforcement": {
            "agency_name": "Pine City Police Department",
            "officer": "Officer R. Lake",
            "reference_number": "PCPD-26-0415",
            "method": "phone",
            "reported_at": now,
        },
        "ncmec": {"reference_number": "1234567", "method": "online", "reported_at": now},
    }[recipient]
    fields.update(overrides)
    data.update({f"{recipient}-{name}": value for name, value in fields.items()})
    return data


def test_recording_both_reports_clears_both_clocks(client, caseworker, youth_record):
    episode = episode_for(youth_record)
    client.force_login(caseworker)
    url = reverse("missing:report", args=[youth_record.pk, episode.pk])

    for recipient in ("law_enforcement", "ncmec"):
        assert client.post(url, _report_data(recipient)).status_code == 302

    statuses = dict(Obligation.objects.values_list("kind", "status"))
    assert statuses == {
        "report_missing_law_enforcement": "satisfied",
        "report_missing_ncmec": "satisfied",
    }
    ncmec = LegalReport.objects.get(recipient="ncmec")
    assert (ncmec.agency_name, ncmec.missing_episode) == (
        "National Center for Missing & Exploited Children (NCMEC)",
        episode,
    )
    page = client.get(_episode_url(episode)).content.decode()
    assert page.count('data-state="reported"') == 2


def test_a_report_without_a_number_is_refused_and_kept(client, caseworker, youth_record):
    episode = episode_for(youth_record)
    client.force_login(caseworker)
    url = reverse("missing:report", args=[youth_record.pk, episode.pk])

    response = client.post(url, _report_data("law_enforcement", reference_number=""))

    assert response.status_code == 400
    assert "Enter the report number or the NCIC number." in response.content.decode()
    assert "Officer R. Lake" in response.content.decode()
    assert LegalReport.objects.count() == 0


def test_a_report_form_sent_twice_is_stored_once(client, caseworker, youth_record):
    episode = episode_for(youth_record)
    client.force_login(caseworker)
    url = reverse("missing:report", args=[youth_record.pk, episode.pk])
    data = _report_data("ncmec")

    client.post(url, data)
    client.post(url, data)

    assert LegalReport.objects.count() == 1


def test_a_report_is_corrected_by_an_amendment(client, caseworker, youth_record):
    original = report_for(youth_record)
    episode = original.missing_episode
    client.force_login(caseworker)
    url = reverse("missing:amend", args=[youth_record.pk, episode.pk, original.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None} | {
        "idempotency_key": form.initial["idempotency_key"],
        "reported_at": local_input(original.reported_at),
        "reference_number": "PCPD-26-0451",
        "amendment_reason": "Two digits were swapped when the number was read out.",
    }

    response = client.post(url, data)
    missing_reason = client.post(url, {**data, "idempotency_key": key(), "amendment_reason": ""})

    original.refresh_from_db()
    amendment = LegalReport.objects.get(amends=original)
    assert response.status_code == 302
    assert (original.reference_number, amendment.reference_number) == (
        "PCPD-26-0415",
        "PCPD-26-0451",
    )
    assert missing_reason.status_code == 400
    assert LegalReport.objects.count() == 2
    page = client.get(_episode_url(episode)).content.decode()
    assert "Two digits were swapped when the number was read out." in page


# --- search, return, debrief ---------------------------------------------------------------------


def test_an_effort_in_the_future_is_refused(client, caseworker, youth_record):
    episode = episode_for(youth_record)
    client.force_login(caseworker)
    response = client.post(
        reverse("missing:effort", args=[youth_record.pk, episode.pk]),
        {
            "effort-idempotency_key": key(),
            "effort-made_at": local_input(timezone.now() + dt.timedelta(hours=2)),
            "effort-made_by": "Casey",
            "effort-effort": "Visited the youth's aunt",
        },
    )
    assert response.status_code == 400
    assert "This cannot be in the future." in response.content.decode()
    assert "Visited the youth&#x27;s aunt" in response.content.decode()
    assert episode.locate_efforts.count() == 0


def test_the_return_leads_to_the_debrief_and_the_debrief_to_the_screening(
    client, caseworker, youth_record
):
    episode = episode_for(youth_record)
    client.force_login(caseworker)
    now = local_input(timezone.now())

    returned = client.post(
        reverse("missing:return", args=[youth_record.pk, episode.pk]),
        {"return-returned_at": now, "return-found_where": "A friend's apartment"},
    )
    page = client.get(returned["Location"])
    blank = client.post(
        returned["Location"],
        {"conducted_at": now, "participation": "took_part", "what_would_help": "My own phone back"},
    )
    done = client.post(
        returned["Location"],
        {
            "conducted_at": now,
            "participation": "took_part",
            "primary_factors": "Missed a friend from the old placement.",
            "experiences_while_absent": "Stayed with a friend; ate at a youth shelter.",
        },
    )

    assert returned["Location"] == reverse("missing:debrief", args=[youth_record.pk, episode.pk])
    assert "tell the youth you are glad they are back and safe" in page.content.decode()
    assert "people were worried about them while they were gone" in page.content.decode()
    assert blank.status_code == 400
    assert "My own phone back" in blank.content.decode()
    assert done["Location"] == (
        reverse("screenings:new", args=[youth_record.pk]) + "?occasion=returned_from_missing"
    )
    screening = client.get(done["Location"])
    assert screening.context["form"].initial["occasion"] == "returned_from_missing"
    assert len(screening.context["episodes"]) == 1
    assert ReturnDebrief.objects.get().primary_factors == "Missed a friend from the old placement."


def test_the_debriefs_answers_are_not_shown_to_an_mdt_partner(
    client, caseworker, mdt_partner, youth_record
):
    episode = record_return(
        actor=caseworker, episode=episode_for(youth_record), returned_at=timezone.now()
    )
    record_debrief(
        actor=caseworker,
        episode=episode,
        conducted_at=timezone.now(),
        participation="took_part",
        answers={
            "primary_factors": "Unsafe at the placement",
            "experiences_while_absent": "Slept at a bus station",
        },
    )
    client.force_login(caseworker)
    assert "Slept at a bus station" in client.get(_episode_url(episode)).content.decode()
    client.force_login(mdt_partner)
    page = client.get(_episode_url(episode)).content.decode()
    assert "Return debrief" in page
    assert "Slept at a bus station" not in page


# --- the board -----------------------------------------------------------------------------------


def test_the_board_puts_overdue_reports_first(client, agency, caseworker, supervisor, youth_record):
    recent = episode_for(youth_record, hours_ago=2)
    late_youth = factories.youth(agency.pine, caseworker, first="Riley", last="Overdue")
    late = episode_for(late_youth, hours_ago=30, learned_after=1)
    client.force_login(supervisor)

    board = client.get(reverse("missing:board")).context["board"]

    (district,) = board.districts
    assert [line.episode for line in district.lines] == [late, recent]
    assert [r.state for r in district.lines[0].reports] == ["overdue", "overdue"]
    assert [r.state for r in district.lines[1].reports] == ["due", "due"]
    assert district.lines[0].hours_missing == 30


def test_the_board_shows_returns_awaiting_a_debrief(client, caseworker, youth_record):
    record_return(
        actor=caseworker,
        episode=episode_for(youth_record),
        returned_at=timezone.now() - dt.timedelta(hours=3),
    )
    client.force_login(caseworker)

    board = client.get(reverse("missing:board")).context["board"]

    assert board.open_count == 0
    assert [line.youth for line in board.awaiting_debrief] == [youth_record]
    assert board.awaiting_debrief[0].debrief_clock.row.kind == "return_debrief"


def test_a_caseworker_sees_only_their_own_youth_on_the_board(
    client, other_caseworker, youth_record
):
    episode_for(youth_record)
    client.force_login(other_caseworker)
    response = client.get(reverse("missing:board"))
    assert response.context["board"].open_count == 0
    assert "Testperson" not in response.content.decode()


# --- the youth page and the settings -------------------------------------------------------------


def test_the_youth_page_offers_to_record_missing_only_to_those_who_may(
    client, caseworker, program_admin, youth_record
):
    client.force_login(caseworker)
    assert (
        "Record Jo Testperson as missing"
        in client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    )
    client.force_login(program_admin)
    page = client.get(reverse("cases:youth", args=[youth_record.pk])).content.decode()
    assert "Missing from care" in page
    assert "Record Jo Testperson as missing" not in page


def test_an_administrator_sets_the_thresholds_and_a_bad_value_is_named(client, administrator):
    client.force_login(administrator)
    url = reverse("missing:settings")
    bad = client.post(
        url,
        {
            "version": "0",
            "chronic_episodes": "1",
            "chronic_months": "12",
            "same_placement_hours": "72",
        },
    )
    good = client.post(
        url,
        {
            "version": "0",
            "chronic_episodes": "4",
            "chronic_months": "6",
            "same_placement_hours": "48",
        },
    )

    assert bad.status_code == 400
    assert "expected 2 to 50 episodes, got 1" in bad.content.decode()
    assert good.status_code == 302
    assert MissingPatternPolicy.objects.get().values() == {
        "chronic_episodes": 4,
        "chronic_months": 6,
        "same_placement_hours": 48.0,
    }
