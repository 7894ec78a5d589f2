"""Response headers: a strict nonce-based CSP, no framing, no sniffing, no caching of case pages;
and `manage.py check --deploy` is silent with production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _csp(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())


def _check_scripts(page: str, nonce: str) -> None:
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts, "the page has no scripts to check"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, tag
        assert " src=" in tag, f"inline script: {tag}"
    assert " style=" not in page  # inline styles would be refused by style-src 'self'
    assert not re.search(r"<\w[^>]*\son[a-z]+\s*=", page)  # no inline event handlers


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_carries_a_strict_policy_with_a_fresh_nonce(
    client, caseworker, youth_record, signed_in
):
    if signed_in:
        client.force_login(caseworker)
    url = reverse("cases:youth", args=[youth_record.pk]) if signed_in else reverse("login")
    first, second = client.get(url), client.get(url)
    policy = _csp(first)
    nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
    assert policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert "unsafe" not in first["Content-Security-Policy"]
    assert nonce not in second["Content-Security-Policy"]  # a new nonce per response
    _check_scripts(first.content.decode(), nonce)


def test_the_other_security_headers(client, caseworker, youth_record):
    client.force_login(caseworker)
    response = client.get(reverse("cases:youth", args=[youth_record.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '"includeIndicatorStyles": false' in page
    assert '"allowEval": false' in page


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SAFEHARBOR_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="safeharbor.config.settings",
        SAFEHARBOR_ENV="production",
        SECRET_KEY="k" + Fernet.generate_key().decode() + "Zq9-x_Lm2#Vb7!Tn4@Rc8$Wd6%Yf1&Hg",
        ALLOWED_HOSTS="safeharbor.agency.example",
        SAFEHARBOR_FIELD_KEYS=Fernet.generate_key().decode(),
        SAFEHARBOR_AUDIT_CHECKPOINT_KEYS="production-like-checkpoint-key-" + "x" * 16,
        DATABASE_URL="sqlite:////tmp/safeharbor-deploy-check.sqlite3",
    )
    env.update(extra)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_silent_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_field_keys():
    env = _production_env()
    del env["SAFEHARBOR_FIELD_KEYS"]
    result = _manage("check", env=env)
    assert result.returncode == 2
    assert "SAFEHARBOR_FIELD_KEYS must be set in production" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_an_audit_checkpoint_key():
    env = _production_env()
    del env["SAFEHARBOR_AUDIT_CHECKPOINT_KEYS"]
    result = _manage("check", env=env)
    assert result.returncode == 2
    assert "SAFEHARBOR_AUDIT_CHECKPOINT_KEYS must be set in production" in result.stderr
    assert "Traceback" not in result.stderr
