"""In a real browser: the second factor is required, a paused account stays paused, idle ends."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests import factories
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.mfa import device_for, fresh_code


@pytest.fixture
def csp_violations(page):
    """Collect the browser's Content-Security-Policy complaints while the test runs."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return found


def _password(page, username, password):
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_sign_in_requires_the_second_factor(page, caseworker, youth_record, csp_violations):
    device_for(caseworker)
    _password(page, "caseworker", factories.PASSWORD)
    page.get_by_role("heading", name="Enter your code").wait_for()
    assert serious_accessibility_violations(page) == []

    page.goto(f"/youth/{youth_record.pk}/")  # not yet: back to the second factor
    page.get_by_role("heading", name="Enter your code").wait_for()
    assert "Testperson" not in page.content()

    page.get_by_label("Six-digit code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Verify and sign in").click()
    page.get_by_text("That code did not match").wait_for()

    page.get_by_label("Six-digit code from your authenticator app").fill(fresh_code(caseworker))
    page.get_by_role("button", name="Verify and sign in").click()
    page.get_by_role("heading", name="Jo Testperson").wait_for()  # where they were going
    assert csp_violations == []


def test_after_five_wrong_passwords_the_right_one_is_refused_until_the_pause_ends(
    page, caseworker, settings
):
    settings.AXES_COOLOFF_TIME = dt.timedelta(seconds=4)  # 15 minutes in production
    for _ in range(5):
        _password(page, "caseworker", "not the password at all")
    _password(page, "caseworker", factories.PASSWORD)
    assert "do not match an active account" in page.content()
    assert "/login/" in page.url
    page.wait_for_timeout(4500)
    sign_in(page, "caseworker")
    page.get_by_role("heading", name="My caseload").wait_for()


def test_an_idle_session_warns_then_ends(page, caseworker, settings, csp_violations):
    settings.SESSION_COOKIE_AGE = 8  # seconds; 15 minutes in production
    settings.SAFEHARBOR_SESSION_WARNING_SECONDS = 4
    sign_in(page, "caseworker")
    page.get_by_role("heading", name="My caseload").wait_for()
    warning = page.get_by_role("heading", name="Your session is about to end")
    warning.wait_for(state="visible", timeout=8000)
    assert serious_accessibility_violations(page) == []
    page.wait_for_url(re.compile(r"/login/\?expired=1"), timeout=10_000)
    assert "You were signed out because your session ended" in page.content()
    page.goto("/")
    assert "/login/" in page.url  # the server ended the session too
    assert csp_violations == []


def test_stay_signed_in_keeps_the_session(page, caseworker, settings):
    settings.SESSION_COOKIE_AGE = 8
    settings.SAFEHARBOR_SESSION_WARNING_SECONDS = 4
    sign_in(page, "caseworker")
    page.get_by_role("button", name="Stay signed in").click(timeout=8000)
    page.wait_for_timeout(5000)  # past the first deadline, within the renewed one
    page.goto("/notifications/")
    page.get_by_role("heading", name="Notifications").wait_for()


def test_a_draft_typed_before_the_timeout_comes_back_after_signing_in(
    page, caseworker, youth_record, settings
):
    settings.SESSION_COOKIE_AGE = 8
    settings.SAFEHARBOR_SESSION_WARNING_SECONDS = 4
    sign_in(page, "caseworker")
    page.goto(f"/youth/{youth_record.pk}/edit/")
    page.get_by_label("Pronouns").fill("they/them (draft)")
    page.wait_for_url(re.compile(r"/login/\?expired=1"), timeout=12_000)
    settings.SESSION_COOKIE_AGE = 900
    sign_in(page, "caseworker")
    page.goto(f"/youth/{youth_record.pk}/edit/")
    assert page.get_by_label("Pronouns").input_value() == "they/them (draft)"
    page.get_by_text("A draft you were typing on this page was restored").wait_for()
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("heading", name="Jo Testperson").wait_for()
    page.goto(f"/youth/{youth_record.pk}/edit/")  # saved: the draft is gone
    assert page.get_by_label("Pronouns").input_value() == "they/them (draft)"
    assert not page.get_by_text("A draft you were typing").is_visible()
