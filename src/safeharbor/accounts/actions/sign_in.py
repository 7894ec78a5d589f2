"""Writes of signing in and out: passwords, the second factor, sessions; each audited.

The views call these around Django's own ``login``/``logout`` (which need the request); the
audit event of each step is written here, in the step's transaction.
"""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.models import User
from safeharbor.accounts.second_factor import DEVICE_NAME, pending_device
from safeharbor.audit.actions import record_event

TOO_MANY_CODES = "Too many wrong codes in a row: wait a minute, then enter the code shown."


def accept_password(*, actor: User) -> None:
    """Record that ``actor`` gave the right password (the second factor is still to come)."""
    with transaction.atomic(durable=True):
        record_event(actor=actor, action="auth.password_accepted", target=actor)


def refuse_sign_in(*, username: str, paused: bool) -> None:
    """Record a failed sign-in (a wrong password, an unknown name, or while paused)."""
    with transaction.atomic(durable=True):
        record_event(
            actor=None,
            action="auth.login_paused" if paused else "auth.login_failed",
            detail={"username": username[:150]},
        )


def record_sign_out(*, actor: User) -> None:
    """Record that ``actor`` signed out (the view then ends the session)."""
    with transaction.atomic(durable=True):
        record_event(actor=actor, action="auth.logout", target=actor)


def record_session_limit(*, actor: User) -> None:
    """Record that ``actor``'s session reached its absolute limit (the caller then ends it)."""
    with transaction.atomic(durable=True):
        record_event(
            actor=actor, action="auth.session_ended", target=actor, detail={"why": "absolute limit"}
        )


def start_enrolment(*, actor: User) -> TOTPDevice:
    """Return the authenticator ``actor`` is enrolling, creating it (a new key) on first call.

    Creating the device is audited; reloading the page shows the same key and writes nothing.
    """
    with transaction.atomic(durable=True):
        device = pending_device(actor)
        if device is not None:
            return device
        device = TOTPDevice.objects.create(user=actor, name=DEVICE_NAME, confirmed=False)
        record_event(actor=actor, action="auth.second_factor_device_created", target=actor)
        return device


def check_second_factor(*, actor: User, device: TOTPDevice, code: str) -> tuple[bool, str]:
    """Check a code from the person's authenticator; audit the outcome; return (ok, problem).

    A code already used is refused (django-otp keeps the last time step), and wrong codes slow
    further tries down exponentially (django-otp's throttling). The first right code confirms a
    device being enrolled; on success ``device`` holds what was saved.
    """
    with transaction.atomic(durable=True):
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        problem = _code_problem(actor, locked, code)
        if problem:
            return False, problem
        if not locked.confirmed:
            _confirm_enrolment(actor, locked)
        record_event(actor=actor, action="auth.login", target=actor)
    device.refresh_from_db()
    return True, ""


def _code_problem(actor: User, device: TOTPDevice, code: str) -> str:
    """Return why ``code`` is refused (and audit it), or "" when it is right and unused."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        record_event(actor=actor, action="auth.second_factor_failed", detail={"paused": True})
        return TOO_MANY_CODES
    if not device.verify_token(code):
        record_event(actor=actor, action="auth.second_factor_failed", detail={"paused": False})
        return (
            "That code did not match. Codes change every 30 seconds and each works once: "
            "enter the one your authenticator app shows now."
        )
    return ""


def _confirm_enrolment(actor: User, device: TOTPDevice) -> None:
    """Keep the device the right code came from; drop any other half-enrolled one."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    record_event(actor=actor, action="auth.second_factor_enrolled", target=actor)


def confirm_fresh_second_factor(*, actor: User, code: str) -> tuple[bool, str]:
    """Ask a signed-in person for a new code before a sensitive step; audit a wrong one."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=True).order_by("id").first()
    if device is None:
        return False, "Set up an authenticator app first (sign out and in again)."
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return True, ""
        record_event(actor=actor, action="auth.second_factor_failed", detail={"fresh": True})
    if not allowed:
        return False, TOO_MANY_CODES
    return False, "That code did not match: enter the one your authenticator app shows now."


def change_password(*, actor: User, new_password: str) -> None:
    """Set a new password (already validated by the form); other sessions end with it."""
    with transaction.atomic(durable=True):
        actor.set_password(new_password)
        actor.save(update_fields=["password"])
        record_event(actor=actor, action="auth.password_changed", target=actor)


def set_own_password(*, user: User, new_password: str) -> None:
    """Set the password chosen through a set-up link (validated by the form)."""
    with transaction.atomic(durable=True):
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_event(
            actor=user,
            action="auth.password_changed",
            target=user,
            detail={"through": "set-up link"},
        )


def end_sessions_of(user: User) -> int:
    """End every session of ``user`` (deactivation, a reset second factor); return how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended
