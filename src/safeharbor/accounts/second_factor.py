"""The second factor: one TOTP authenticator per person (django-otp), enrolled at first sign-in.

No SMS or e-mail codes (NIST SP 800-63B treats them as restricted): an authenticator app on the
person's phone, or a hardware token that speaks TOTP. django-otp stores the device, checks
codes, refuses a code used before (``last_t``) and slows down guessing (``ThrottlingMixin``).

This module reads devices and shows them; the writes (enrolling, checking a code, resetting)
are ``accounts.actions``, each audited.
"""

from __future__ import annotations

import base64
import io
from binascii import unhexlify
from urllib.parse import quote

import segno
from django.contrib.auth.models import AnonymousUser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.models import User

ISSUER = "SafeHarbor"
DEVICE_NAME = "Authenticator app"


def confirmed_device(user: User) -> TOTPDevice | None:
    """Return the person's confirmed authenticator, if they have enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user: User) -> TOTPDevice | None:
    """Return the unconfirmed device being enrolled, if enrolment has begun.

    ``accounts.actions.start_enrolment`` creates it (and audits that).
    """
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()


def is_verified(user: User | AnonymousUser) -> bool:
    """Return whether ``user`` is signed in with a verified second factor on this request."""
    # django-otp's OTPMiddleware gives the request's user ``is_verified``; the model has no such
    # method, so the check is read off the instance.
    verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and verified is not None and verified())


def secret_base32(device: TOTPDevice) -> str:
    """Return the device's secret as authenticator apps expect it typed in (groups of four)."""
    text = base64.b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    """Return the otpauth:// URI an authenticator app reads from the QR code."""
    secret = secret_base32(device).replace(" ", "")
    label = quote(f"{ISSUER}:{device.user.get_username()}")
    return (
        f"otpauth://totp/{label}?secret={secret}&issuer={ISSUER}"
        f"&digits={device.digits}&period={device.step}"
    )


def qr_code_data_uri(device: TOTPDevice) -> str:
    """Return the enrolment QR code as an SVG data URI (CSP allows data: images)."""
    buffer = io.BytesIO()
    segno.make(provisioning_uri(device), error="m").save(
        buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True, title=None
    )
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """Return the code the device shows now (the demo's `safeharbor totp` and the tests use it)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"
