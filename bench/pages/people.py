"""The people the benchmark signs in: real accounts of the loaded agency, spread across it,
each given the bench password and an authenticator with a known key (runs with Django)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from bench.pages.common import PASSWORD

if TYPE_CHECKING:
    from safeharbor.accounts.models import User

DEVICE_NAME = "Bench authenticator (known key)"
YOUTH_PER_PERSON = 10  # the youth pages a person opens in turn
SEARCHES_PER_PERSON = 3


@dataclass(frozen=True)
class BenchUser:
    """A person to sign in: their account, the key of their authenticator, their youth."""

    username: str
    role: str
    password: str
    totp_key: str
    youth: list[int]
    searches: list[str]

    def to_json(self) -> dict[str, Any]:
        """Return the person as JSON values."""
        return asdict(self)


def device_key(username: str) -> str:
    """Return the account's authenticator key (40 hex digits, as django-otp stores it)."""
    return hashlib.sha256(f"safeharbor-bench-totp:{username}".encode()).hexdigest()[:40]


def _spread(candidates: list[User], count: int) -> list[User]:
    """Return ``count`` different candidates (all of them if fewer), evenly spaced, the same
    ones every run."""
    count = min(count, len(candidates))
    return [candidates[int((n + 0.5) * len(candidates) / count)] for n in range(count)]


def choose(roles: list[str]) -> list[User]:
    """Return a different account for each entry of ``roles``, spread across the agency.

    An account signs in once (its code is good once per 30 seconds), so a role with fewer
    accounts than people asked for (two program administrators in a one-district agency) gives
    the rest to caseworkers.
    """
    from safeharbor.accounts.models import User

    wanted = {role: roles.count(role) for role in dict.fromkeys([*roles, "caseworker"])}
    available = {}
    for role in wanted:
        candidates = User.objects.filter(role=role, is_active=True).order_by("pk")
        if role == "mdt_partner":  # a partner with youth shared, or their home is empty
            candidates = candidates.filter(shared_cases__isnull=False).distinct()
        available[role] = list(candidates)
    for role in wanted:
        short = max(0, wanted[role] - len(available[role])) if role != "caseworker" else 0
        wanted[role] -= short
        wanted["caseworker"] += short
    picks = {role: _spread(available[role], count) for role, count in wanted.items()}
    return [(picks[role] or picks["caseworker"]).pop(0) for role in roles]


def _ready(user: User, password_hash: str) -> None:
    """Give the account the bench password and a fresh authenticator, and forget failures."""
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user.password = password_hash
    user.save(update_fields=["password"])
    TOTPDevice.objects.filter(user=user).exclude(name=DEVICE_NAME).delete()
    TOTPDevice.objects.update_or_create(
        user=user,
        name=DEVICE_NAME,
        defaults={
            "key": device_key(user.username),
            "confirmed": True,
            "last_t": -1,  # a code may be used once per 30 seconds: start afresh
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    AccessAttempt.objects.filter(username=user.username).delete()


def _scope(user: User) -> tuple[list[int], list[str]]:
    """Return youth the person may open (through the app's own scope) and surnames to search."""
    from safeharbor.cases.queries import youth_visible_to

    rows = (
        list(youth_visible_to(user).values_list("pk", "legal_last_name")[: YOUTH_PER_PERSON * 3])[
            ::3
        ]
        or []
    )
    names = list(dict.fromkeys(name for _, name in rows))[:SEARCHES_PER_PERSON]
    return [pk for pk, _ in rows], names


def prepare(roles: list[str]) -> list[BenchUser]:
    """Choose the people, make their accounts ready to sign in, and return them."""
    from django.contrib.auth.hashers import make_password

    password_hash = make_password(PASSWORD)
    people = []
    for user in choose(roles):
        _ready(user, password_hash)
        youth, searches = _scope(user)
        people.append(
            BenchUser(
                user.username, user.role, PASSWORD, device_key(user.username), youth, searches
            )
        )
    return people
