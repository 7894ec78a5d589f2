"""Demo accounts' authenticators: known keys, so anyone trying the demo can sign in.

Each demo account gets a TOTP device whose key is derived from its username. The keys are
public (this file), which is fine for synthetic data and nowhere else: ``safeharbor totp``
refuses to run in production, and production accounts enrol their own authenticator.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.models import User

DEVICE_NAME = "Demo authenticator (known key)"


def demo_key(username: str) -> str:
    """Return the demo account's TOTP key (40 hex digits, as django-otp stores it)."""
    return hashlib.sha256(f"safeharbor-demo-totp:{username}".encode()).hexdigest()[:40]


def enrol_demo_devices(users: Iterable[User]) -> int:
    """Give each account without an authenticator one with its known demo key; return how many."""
    created = 0
    for user in users:
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=user, name=DEVICE_NAME, key=demo_key(user.username), confirmed=True
            )
            created += 1
    return created
