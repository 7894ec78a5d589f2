"""The second factor in tests: every persona gets an authenticator, and sessions get verified.

``client.force_login(user)`` (tests/conftest.py) and ``sign_in(page, username)``
(tests/browser/conftest.py) use these, so a test written before the second factor existed
keeps working unchanged.
"""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.second_factor import current_code
from safeharbor.accounts.sessions import SIGNED_IN_AT


def device_for(user) -> TOTPDevice:
    """Return the user's confirmed authenticator, enrolling one if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def fresh_code(user) -> str:
    """Return a code the server will accept now (forgetting earlier use and wrong tries)."""
    device = device_for(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    return current_code(device)


class SignedInClient(Client):
    """A test client whose ``force_login`` gives a fully signed-in session (second factor too)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
        session[SIGNED_IN_AT] = time.time()
        session.save()

    def force_login_password_only(self, user):
        """Sign in as far as the password step: the second factor is still to come."""
        super().force_login(user)
        session = self.session
        session[SIGNED_IN_AT] = time.time()
        session.save()
