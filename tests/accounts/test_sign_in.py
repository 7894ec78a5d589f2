"""Signing in: a password, then a second factor; throttling that reveals nothing; session limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.second_factor import current_code
from safeharbor.audit.models import AuditEvent
from tests import factories
from tests.mfa import SignedInClient, device_for, fresh_code

SECOND_FACTOR = reverse("accounts:second_factor")
FAILED = "the username and password do not match an active account"


def _password(client, username="caseworker", password=factories.PASSWORD, next_=""):
    url = reverse("login") + (f"?next={next_}" if next_ else "")
    return client.post(url, {"username": username, "password": password})


def _code(client, code, next_="/"):
    return client.post(SECOND_FACTOR, {"code": code, "next": next_})


def _events(action):
    return AuditEvent.objects.filter(action=action).count()


def test_the_right_password_leads_to_the_second_factor_not_home(client, caseworker):
    device_for(caseworker)
    response = _password(client)
    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR + "?next=%2F"
    assert _events("auth.password_accepted") == 1
    assert _events("auth.login") == 0
    # Half-way signed in: every page sends the person back to the second factor.
    home = client.get(reverse("home"))
    assert home["Location"] == SECOND_FACTOR + "?next=%2F"


def test_a_half_signed_in_person_sees_no_case_content(client, caseworker, youth_record):
    device_for(caseworker)
    _password(client)
    response = client.get(reverse("cases:youth", args=[youth_record.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(SECOND_FACTOR)
    page = client.get(SECOND_FACTOR).content.decode()
    assert "Testperson" not in page
    assert "My caseload" not in page  # no navigation until fully signed in


def test_the_right_code_signs_in_with_a_new_session_key(client, caseworker):
    device_for(caseworker)
    _password(client)
    key_after_password = client.session.session_key
    response = _code(client, fresh_code(caseworker))
    assert response["Location"] == "/"
    assert client.session.session_key != key_after_password
    assert client.get(reverse("home")).status_code == 200
    assert _events("auth.login") == 1


def test_a_wrong_code_is_refused_and_audited(client, caseworker):
    right = fresh_code(caseworker)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    _password(client)
    response = _code(client, wrong)
    assert response.status_code == 200
    assert "That code did not match" in response.content.decode()
    assert _events("auth.second_factor_failed") == 1
    assert client.get(reverse("home")).status_code == 302


def test_a_code_works_only_once(client, caseworker):
    code = fresh_code(caseworker)
    _password(client)
    _code(client, code)
    other = SignedInClient()
    _password(other)
    response = _code(other, code)
    assert "That code did not match" in response.content.decode()


@pytest.mark.parametrize("typed", ["", "12345", "abcdef", "1234567"])
def test_a_code_that_is_not_six_digits_names_the_problem(client, caseworker, typed):
    device_for(caseworker)
    _password(client)
    response = _code(client, typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert ("This field is required." in page) or ("Enter the six digits" in page)
    assert "Traceback" not in page


def test_wrong_codes_slow_down_guessing(client, caseworker):
    right = fresh_code(caseworker)
    _password(client)
    for _ in range(3):
        _code(client, f"{(int(right) + 1) % 1_000_000:06d}")
    response = _code(client, right)  # right, but too soon after three wrong ones
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_first_sign_in_enrols_an_authenticator(client, caseworker):
    response = _password(client)
    assert client.get(response["Location"])["Location"] == (reverse("accounts:enrol") + "?next=%2F")
    page = client.get(reverse("accounts:enrol")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    pending = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    # Reloading shows the same key: the device being enrolled is kept.
    assert client.get(reverse("accounts:enrol")).content.decode().count("sh-secret") == 1
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1
    response = client.post(reverse("accounts:enrol"), {"code": current_code(pending), "next": "/"})
    assert response["Location"] == "/"
    assert TOTPDevice.objects.get(pk=pending.pk).confirmed is True
    assert _events("auth.second_factor_enrolled") == 1
    assert client.get(reverse("home")).status_code == 200


def test_beginning_enrolment_audits_the_new_key_once(client, caseworker):
    _password(client)
    client.get(reverse("accounts:enrol"))
    client.get(reverse("accounts:enrol"))  # a reload shows the same key and writes nothing
    event = AuditEvent.objects.get(action="auth.second_factor_device_created")
    assert (event.actor, event.target_id) == (caseworker, str(caseworker.pk))
    assert TOTPDevice.objects.filter(user=caseworker, confirmed=False).count() == 1


def test_enrolment_is_closed_once_an_authenticator_is_confirmed(client, caseworker):
    device_for(caseworker)
    _password(client)
    response = client.get(reverse("accounts:enrol"))
    assert response["Location"].startswith(SECOND_FACTOR)
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


def test_the_second_factor_steps_need_the_password_first(client, db):
    for url in (SECOND_FACTOR, reverse("accounts:enrol")):
        response = client.get(url)
        assert response["Location"].startswith(reverse("login"))


def test_sign_in_never_redirects_to_another_site(client, caseworker):
    code = fresh_code(caseworker)
    response = _password(client, next_="https://evil.example/")
    assert "evil" not in response["Location"]
    assert _code(client, code, next_="https://evil.example/")["Location"] == "/"


# ---- throttling (django-axes) ----


@pytest.mark.parametrize(
    ("username", "password"),
    [("caseworker", "wrong password entirely"), ("no-such-person", "wrong password entirely")],
)
def test_a_failed_sign_in_does_not_say_whether_the_account_exists(
    client, caseworker, username, password
):
    response = _password(client, username, password)
    assert response.status_code == 200
    assert FAILED in response.content.decode()
    assert _events("auth.login_failed") == 1


def test_an_empty_sign_in_form_names_the_missing_fields(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == 2


def _fail(client, username, times):
    for _ in range(times):
        _password(client, username, "not the password at all")


def test_five_failures_pause_the_account_for_fifteen_minutes(client, caseworker):
    device_for(caseworker)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        _fail(client, "caseworker", 5)
        clock.move_to(start + dt.timedelta(minutes=14))
        refused = _password(client)  # the right password, while paused
        assert refused.status_code == 200
        assert FAILED in refused.content.decode()
        assert AuditEvent.objects.latest("id").action == "auth.login_paused"
        clock.move_to(start + dt.timedelta(minutes=15, seconds=30))
        accepted = _password(client)
        assert accepted["Location"].startswith(SECOND_FACTOR)


def test_a_paused_account_answers_exactly_like_a_wrong_password(client, caseworker):
    wrong = _password(client, "caseworker", "not the password at all").content.decode()
    _fail(client, "caseworker", 4)
    paused = _password(client).content.decode()
    assert AuditEvent.objects.latest("id").action == "auth.login_paused"
    assert _without_tokens(paused) == _without_tokens(wrong)


def _without_tokens(page):
    return re.sub(r'(nonce|value|"X-CSRFToken"): ?"[^"]*"|(nonce|value)="[^"]*"', "", page)


def test_an_unknown_username_is_paused_too_so_pausing_reveals_nothing(client, db):
    _fail(client, "no-such-person", 5)
    response = _password(client, "no-such-person", "anything at all here")
    assert FAILED in response.content.decode()
    assert AuditEvent.objects.latest("id").action == "auth.login_paused"


def test_the_count_starts_again_after_fifteen_minutes_without_a_failure(client, caseworker):
    device_for(caseworker)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        _fail(client, "caseworker", 4)
        clock.move_to(start + dt.timedelta(minutes=16))
        _fail(client, "caseworker", 4)
        assert _password(client)["Location"].startswith(SECOND_FACTOR)


def test_a_pause_on_one_account_leaves_the_others_alone(client, caseworker, supervisor):
    device_for(supervisor)
    _fail(client, "caseworker", 5)
    assert _password(client, "supervisor")["Location"].startswith(SECOND_FACTOR)


# ---- sessions ----


def test_an_idle_session_ends_on_the_server(client, caseworker, settings):
    client.force_login(caseworker)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert client.get(reverse("home")).status_code == 200
        clock.move_to(start + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 30))
        assert client.get(reverse("home")).status_code == 200  # activity renews it
        clock.move_to(start + dt.timedelta(seconds=2 * settings.SESSION_COOKIE_AGE))
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_session_ends_twelve_hours_after_sign_in_however_active(client, caseworker):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(caseworker)
        for minutes in range(10, 12 * 60, 10):  # active every ten minutes, so never idle
            clock.move_to(start + dt.timedelta(minutes=minutes))
            assert client.get(reverse("notifications:inbox")).status_code == 200
        clock.move_to(start + dt.timedelta(hours=12, minutes=1))
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2F&expired=1"
    assert _events("auth.session_ended") == 1
    assert client.get(reverse("home")).status_code == 302


def test_the_stay_signed_in_button_renews_the_session(client, caseworker, settings):
    client.force_login(caseworker)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        clock.move_to(start + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.post(reverse("accounts:stay_signed_in")).status_code == 204
        clock.move_to(start + dt.timedelta(seconds=2 * settings.SESSION_COOKIE_AGE - 120))
        assert client.get(reverse("home")).status_code == 200


def test_sign_out_ends_the_session_on_the_server(client, caseworker):
    client.force_login(caseworker)
    cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    thief = SignedInClient()
    thief.cookies["sessionid"] = cookie
    assert thief.get(reverse("home")).status_code == 302
    assert _events("auth.logout") == 1


def test_the_session_cookie_is_hardened(client, caseworker):
    code = fresh_code(caseworker)
    _password(client)
    _code(client, code)
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"


# ---- passwords ----

NEW_PASSWORD = "lantern orchard quietly eleven"


def _change(client, new, old=factories.PASSWORD, again=None):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_changing_the_password_ends_every_other_session(client, caseworker):
    other = SignedInClient()
    other.force_login(caseworker)
    client.force_login(caseworker)
    response = _change(client, NEW_PASSWORD)
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200  # this one goes on
    assert other.get(reverse("home")).status_code == 302  # the other one ended
    assert _events("auth.password_changed") == 1
    caseworker.refresh_from_db()
    assert caseworker.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    ("new", "problem"),
    [
        ("short words", "at least 15 characters"),
        ("passwordpassword", "breached or common"),
        ("iloveyou12345678", "breached or common"),
        ("aaaaaaaaaaaaaaaaaa", "repeats or runs through a sequence"),
        ("abcdefghijklmnopq", "repeats or runs through a sequence"),
        ("my safeharbor login!", "name of this service"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(client, caseworker, new, problem):
    client.force_login(caseworker)
    response = _change(client, new)
    assert response.status_code == 200
    assert problem in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(factories.PASSWORD)  # nothing changed


def test_no_composition_rules_a_long_lowercase_phrase_is_fine(client, caseworker):
    client.force_login(caseworker)
    assert _change(client, "river stones hum at dusk")["Location"] == reverse("home")


def test_a_wrong_old_password_changes_nothing(client, caseworker):
    client.force_login(caseworker)
    response = _change(client, NEW_PASSWORD, old="not my old password")
    assert "Your old password was entered incorrectly" in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(factories.PASSWORD)
