"""Walk every URL pattern: anonymous → sign-in page; an outsider → 404 on every case URL; and a
role-by-URL matrix saying what every persona gets from every page.

A new URL whose arguments are not in EXAMPLE_ARGS, or that has no row in MATRIX, fails these tests
until someone decides what each role must see there. A failing matrix row prints the row the code
gives now: check every status in it before pasting it in.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from safeharbor.accounts.tokens import set_password_tokens
from safeharbor.cases.models import AccessGrant
from safeharbor.domain.access import Role
from safeharbor.notifications.actions import notify
from tests import factories
from tests.cases.builders import attachment_for, photo_for
from tests.mfa import SignedInClient
from tests.missing.builders import any_episode, flag_for, report_for
from tests.obligations.builders import da_report_for, intake_for, obligation_for
from tests.partners.builders import agency, meeting_for, need_for, referral_for, step_for
from tests.screenings.builders import determination_for, override_for, screening_for

# Pages anyone may open without signing in, and why.
PUBLIC = {
    "login": "the sign-in page itself",
    "logout": "signing out without a session does nothing",
    "accounts:set_password": "the one-time link to choose a password, opened before any sign-in",
}
# URL argument name -> how to build a value that points at youth_record's case.
EXAMPLE_ARGS = {
    "pk": lambda youth: youth.pk,
    "placement_pk": lambda youth: youth.placements.get().pk,
    "care_pk": lambda youth: youth.care_episodes.get().pk,
    "note_pk": lambda youth: attachment_for(youth).note_id,
    "attachment_pk": lambda youth: attachment_for(youth).pk,
    "photo_pk": lambda youth: photo_for(youth).pk,
    "obligation_pk": lambda youth: obligation_for(youth).pk,
    "legal_report_pk": lambda youth: da_report_for(youth).pk,
    "intake_pk": lambda youth: intake_for(youth).pk,
    "screening_pk": lambda youth: screening_for(youth).pk,
    "override_pk": lambda youth: override_for(youth).pk,
    "grant_pk": lambda youth: _emergency_grant(youth).pk,
    "episode_pk": lambda youth: any_episode(youth).pk,
    "flag_pk": lambda youth: flag_for(youth).pk,
    "determination_pk": lambda youth: determination_for(youth).pk,
    "report_pk": lambda youth: report_for(youth).pk,
    "referral_pk": lambda youth: referral_for(youth).pk,
    "meeting_pk": lambda youth: meeting_for(youth).pk,
    "share_pk": lambda youth: meeting_for(youth).invitees.exclude(share=None).first().share_id,
    "step_pk": lambda youth: step_for(youth).pk,
    "need_pk": lambda youth: need_for(youth).pk,
    "agency_pk": lambda youth: agency(youth.district).pk,
    "staff_pk": lambda youth: youth.caseworker.pk,
    "uidb64": lambda youth: urlsafe_base64_encode(force_bytes(youth.caseworker.pk)),
    "token": lambda youth: set_password_tokens.make_token(youth.caseworker),
    "notification_pk": lambda youth: (
        notify(
            recipient=youth.caseworker, dedupe_key=f"walk:{youth.pk}", subject="Walk", youth=youth
        )[0].pk
    ),
}


def _emergency_grant(youth):
    """An emergency access to youth by someone outside its scope (no persona), awaiting review."""
    outsider = factories.staff(Role.CASEWORKER, unit=youth.caseworker.unit)
    now = timezone.now()
    return AccessGrant.objects.create(
        youth=youth,
        user=outsider,
        kind="emergency",
        reason="URL walk",
        granted_at=now,
        expires_at=now + timezone.timedelta(minutes=60),
    )


def _walk(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += _walk(entry, namespace)
        elif entry.name:
            found.append((prefix + entry.name, entry))
    return found


ALL = dict(_walk(get_resolver()))
PATTERNS = sorted(ALL)
SIGNED_IN_ONLY = [name for name in PATTERNS if name not in PUBLIC]
# URLs with an argument that are not case content, and who may use them.
NOT_CASE_CONTENT = {
    "partners:agency_edit": "the service directory is agency configuration: administrators edit it",
    "accounts:set_password": "a public one-time link; signed-in people are told to sign out first",
    "accounts:staff_edit": "staff administration: administrators manage accounts",
    "accounts:staff_reset_second_factor": "staff administration: administrators manage accounts",
    "accounts:staff_send_link": "staff administration: administrators manage accounts",
}
CASE_URLS = [
    name for name in PATTERNS if ALL[name].pattern.converters and name not in NOT_CASE_CONTENT
]


def _url(name: str, youth) -> str:
    pattern = ALL[name]
    arg_names = list(pattern.pattern.converters)
    missing = [a for a in arg_names if a not in EXAMPLE_ARGS]
    assert not missing, f"{name}: add {missing} to EXAMPLE_ARGS"
    return reverse(name, kwargs={a: EXAMPLE_ARGS[a](youth) for a in arg_names})


def _request(client, url: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


def test_every_named_url_is_walked():
    assert "cases:youth" in CASE_URLS
    assert "home" in SIGNED_IN_ONLY
    assert set(PUBLIC) <= set(PATTERNS), "PUBLIC names a URL that no longer exists"


@pytest.mark.parametrize("name", SIGNED_IN_ONLY)
def test_anonymous_visitors_are_sent_to_sign_in(name, client, youth_record):
    response = _request(client, _url(name, youth_record))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")


OUTSIDERS = ["other_caseworker", "uninvited_partner", "intake_worker", "analyst", "administrator"]


@pytest.mark.parametrize("persona", OUTSIDERS, indirect=True)
@pytest.mark.parametrize("name", CASE_URLS)
def test_an_outsider_gets_not_found_on_every_case_url(name, persona, client, youth_record):
    client.force_login(persona)
    response = _request(client, _url(name, youth_record))
    assert response.status_code == 404
    assert youth_record.legal_last_name not in response.content.decode()


# What each persona gets (GET, or POST with an empty form where GET is not allowed), in the order
# of COLUMNS. 302 for anonymous is the sign-in page; 404 on a case URL is "outside your scope".
COLUMNS = (
    "anonymous",
    "intake_worker",
    "caseworker",
    "other_caseworker",
    "supervisor",
    "program_admin",
    "mdt_partner",
    "uninvited_partner",
    "analyst",
    "administrator",
)
# fmt: off
#                                       anon intk cw   othr sup  pa   mdt  unin anal admn
MATRIX: dict[str, str] = {
    "accounts:enrol":                  "302  302  302  302  302  302  302  302  302  302",
    "accounts:password_change":        "302  200  200  200  200  200  200  200  200  200",
    "accounts:second_factor":          "302  302  302  302  302  302  302  302  302  302",
    "accounts:set_password":           "200  400  400  400  400  400  400  400  400  400",
    "accounts:staff_edit":             "302  404  404  404  404  404  404  404  404  200",
    "accounts:staff_list":             "302  404  404  404  404  404  404  404  404  200",
    "accounts:staff_new":              "302  404  404  404  404  404  404  404  404  200",
    "accounts:staff_reset_second_factor": "302  404  404  404  404  404  404  404  404  302",
    "accounts:staff_send_link":        "302  404  404  404  404  404  404  404  404  302",
    "accounts:stay_signed_in":         "302  204  204  204  204  204  204  204  204  204",
    "cases:attachment":                "302  404  200  404  200  200  404  404  404  404",
    "cases:care":                      "302  404  200  404  200  200  404  404  404  404",
    "cases:care_exit":                 "302  404  200  404  200  404  404  404  404  404",
    "cases:emergency_request":         "302  200  200  200  200  200  404  404  404  404",
    "cases:emergency_review":          "302  404  404  404  302  302  404  404  404  404",
    "cases:emergency_reviews":         "302  404  404  404  200  200  404  404  404  404",
    "cases:note_amend":                "302  404  200  404  200  404  404  404  404  404",
    "cases:note_new":                  "302  404  200  404  200  404  404  404  404  404",
    "cases:photo":                     "302  404  200  404  200  200  200  404  404  404",
    "cases:photo_upload":              "302  404  200  404  200  404  404  404  404  404",
    "cases:placement_address":         "302  404  200  404  200  404  404  404  404  404",
    "cases:placement_edit":            "302  404  200  404  200  404  404  404  404  404",
    "cases:placement_new":             "302  404  200  404  200  404  404  404  404  404",
    "cases:removal_edit":              "302  404  200  404  200  404  404  404  404  404",
    "cases:removal_new":               "302  404  200  404  200  404  404  404  404  404",
    "cases:youth":                     "302  404  200  404  200  200  200  404  404  404",
    "cases:youth_audit":               "302  404  404  404  200  200  404  404  404  404",
    "cases:youth_edit":                "302  404  200  404  200  404  404  404  404  404",
    "home":                            "302  200  200  200  200  200  200  200  200  200",
    "intake:detail":                   "302  404  200  404  200  200  404  404  404  404",
    "intake:disposition":              "302  404  400  404  400  404  404  404  404  404",
    "intake:new":                      "302  200  404  404  404  404  404  404  404  404",
    "login":                           "200  302  302  302  302  302  302  302  302  302",
    "logout":                          "302  302  302  302  302  302  302  302  302  302",
    "missing:amend":                   "302  404  200  404  200  404  404  404  404  404",
    "missing:found":                   "302  404  400  404  400  404  404  404  404  404",
    "missing:board":                   "302  404  200  200  200  200  404  404  404  404",
    "missing:debrief":                 "302  404  302  404  302  404  404  404  404  404",
    "missing:edit":                    "302  404  200  404  200  404  404  404  404  404",
    "missing:effort":                  "302  404  400  404  400  404  404  404  404  404",
    "missing:episode":                 "302  404  200  404  200  200  200  404  404  404",
    "missing:flag_respond":            "302  404  200  404  200  200  404  404  404  404",
    "missing:new":                     "302  404  200  404  200  404  404  404  404  404",
    "missing:packet":                  "302  404  200  404  200  200  200  404  404  404",
    "missing:report":                  "302  404  400  404  400  404  404  404  404  404",
    "missing:return":                  "302  404  400  404  400  404  404  404  404  404",
    "missing:settings":                "302  404  404  404  404  404  404  404  404  200",
    "notifications:inbox":             "302  200  200  200  200  200  200  200  200  200",
    "notifications:open":              "302  404  302  404  404  404  404  404  404  404",
    "obligations:amend_report":        "302  404  200  404  200  404  404  404  404  404",
    "obligations:assign":              "302  404  404  404  200  200  404  404  404  404",
    "obligations:board":               "302  404  404  404  200  200  404  404  404  404",
    "obligations:detail":              "302  404  200  404  200  200  404  404  404  404",
    "obligations:my_work":             "302  200  200  200  200  200  200  200  200  200",
    "obligations:not_applicable":      "302  404  404  404  400  404  404  404  404  404",
    "obligations:owner":               "302  404  404  404  200  200  404  404  404  404",
    "obligations:record_report":       "302  404  400  404  400  404  404  404  404  404",
    "obligations:settings":            "302  404  404  404  404  404  404  404  404  200",
    "partners:agency_edit":            "302  404  404  404  404  404  404  404  404  200",
    "partners:agency_new":             "302  404  404  404  404  404  404  404  404  200",
    "partners:directory":              "302  404  200  200  200  200  404  404  404  200",
    "partners:meeting":                "302  404  200  404  200  200  200  404  404  404",
    "partners:meeting_cancel":         "302  404  400  404  400  404  404  404  404  404",
    "partners:meeting_ics":            "302  404  200  404  200  200  200  404  404  404",
    "partners:meeting_new":            "302  404  200  404  200  404  404  404  404  404",
    "partners:meeting_outcome":        "302  404  200  404  200  404  404  404  404  404",
    "partners:need":                   "302  404  200  404  200  404  404  404  404  404",
    "partners:needs_assess":           "302  404  200  404  200  404  404  404  404  404",
    "partners:referral":               "302  404  200  404  200  200  404  404  404  404",
    "partners:referral_new":           "302  404  200  404  200  404  404  404  404  404",
    "partners:referral_status":        "302  404  400  404  400  404  404  404  404  404",
    "partners:share_revoke":           "302  404  302  404  302  404  404  404  404  404",
    "partners:share_widen":            "302  404  404  404  400  404  404  404  404  404",
    "partners:sharing_defaults":       "302  404  200  200  200  200  404  404  404  200",
    "partners:step_done":              "302  404  302  404  302  404  404  404  404  404",
    "screenings:detail":               "302  404  200  404  200  200  200  404  404  404",
    "screenings:new":                  "302  404  200  404  200  404  404  404  404  404",
    "screenings:override":             "302  404  400  404  400  400  400  404  404  404",
    "screenings:override_decision":    "302  404  400  404  400  400  400  404  404  404",
    "screenings:preview":              "302  404  200  404  200  404  404  404  404  404",
    "screenings:victim_confirm":       "302  404  400  404  400  404  404  404  404  404",
    "screenings:victim_status_amend":  "302  404  200  404  200  404  404  404  404  404",
    "screenings:victim_status_new":    "302  404  200  404  200  404  404  404  404  404",
}
# fmt: on


def test_every_url_has_a_row_in_the_matrix():
    assert sorted(MATRIX) == PATTERNS, (
        f"missing rows: {sorted(set(PATTERNS) - set(MATRIX))}; "
        f"rows for URLs that no longer exist: {sorted(set(MATRIX) - set(PATTERNS))}"
    )


@pytest.mark.parametrize("name", PATTERNS)
def test_each_persona_gets_the_status_the_matrix_says(name, request, youth_record):
    people = {p: request.getfixturevalue(p) for p in COLUMNS if p != "anonymous"}
    url = _url(name, youth_record)
    got = []
    for persona in COLUMNS:
        client = SignedInClient()
        if persona != "anonymous":
            client.force_login(people[persona])
        response = _request(client, url)
        got.append(str(response.status_code))
        if response.status_code == 404:
            assert youth_record.legal_last_name not in response.content.decode()
    row = " ".join(f"{code:<4}" for code in got).rstrip()
    assert row == " ".join(f"{c:<4}" for c in MATRIX.get(name, "").split()).rstrip(), (
        f'actual row: "{name}": "{row}",'
    )
