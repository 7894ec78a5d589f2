"""Browser journeys: Playwright for Python driving Debian's Chromium headless.

Playwright's own browser download cannot work here, so the tests launch /usr/bin/chromium
(`make test` installs it with apt when missing). axe-core comes from npm (node_modules).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests import factories
from tests.mfa import device_for, fresh_code

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("SAFEHARBOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Flags from this machine's notes: without the background-networking ones Chromium keeps
# trying to reach Google's hosts through a closed network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make chromium`")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab with its own cookies, pointed at the live test server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page, username: str, password: str = factories.PASSWORD) -> None:
    """Sign in through the real forms: password, then the code from the person's authenticator."""
    from safeharbor.accounts.models import User

    user = User.objects.get(username=username)
    device_for(user)  # every persona has enrolled an authenticator
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/account/second-factor/" not in page.url:
        return  # the password was refused; the caller looks at the page
    page.get_by_label("Six-digit code from your authenticator app").fill(fresh_code(user))
    page.get_by_role("button", name="Verify and sign in").click()
    page.wait_for_load_state()


def serious_accessibility_violations(page) -> list[str]:
    """Run axe-core on the page; return its serious and critical violations, described."""
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy rightly refuses
    # an injected <script> tag.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + json.dumps([n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
