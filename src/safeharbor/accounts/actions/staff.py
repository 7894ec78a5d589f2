"""Writes for districts, units and staff accounts (administrators); each writes its audit event."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.actions.sign_in import end_sessions_of
from safeharbor.accounts.models import District, Unit, User
from safeharbor.accounts.queries import username_taken
from safeharbor.accounts.tokens import new_link_nonce, set_password_tokens
from safeharbor.audit.actions import record_event
from safeharbor.domain.access import Role
from safeharbor.domain.errors import InputError


def create_district(*, actor: User | None, name: str, code: str, cac_name: str = "") -> District:
    """Create a district; naming a Child Advocacy Center marks the district as having one."""
    with transaction.atomic():
        district = District.objects.create(
            name=name, code=code, has_cac=bool(cac_name), cac_name=cac_name
        )
        record_event(actor=actor, action="staff.created", target=district)
        return district


def create_unit(*, actor: User | None, district: District, name: str) -> Unit:
    """Create a unit in a district."""
    with transaction.atomic():
        unit = Unit.objects.create(district=district, name=name)
        record_event(actor=actor, action="staff.created", target=unit)
        return unit


def create_staff(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    role: Role,
    first_name: str,
    last_name: str,
    email: str = "",
    district: District | None = None,
    unit: Unit | None = None,
    title: str = "",
    phone: str = "",
    organization: str = "",
    partner_kind: str = "",
) -> User:
    """Create a staff or partner account; a unit implies its district.

    Without a password the account cannot sign in until its person chooses one through a link
    (``invite_staff``).
    """
    district = _place(role, unit, district, partner_kind)
    if username_taken(username):
        raise InputError(f"the username {username!r} is taken", field="username")
    details = {"first_name": first_name, "last_name": last_name, "email": email, "title": title}
    details |= {"phone": phone, "organization": organization, "partner_kind": partner_kind}
    with transaction.atomic():
        user = User(username=username, role=role.value, district=district, unit=unit, **details)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        record_event(actor=actor, action="staff.created", target=user, detail={"role": role.value})
        return user


def invite_staff(*, actor: User, username: str, role: Role, base_url: str, **values: Any) -> User:
    """Open a staff account without a password and e-mail its person the link to choose one."""
    _require_administrator(actor)
    account = create_staff(actor=actor, username=username, password=None, role=role, **values)
    send_set_password_link(actor=actor, user=account, base_url=base_url)
    return account


def _require_administrator(actor: User) -> None:
    if actor.role != Role.ADMINISTRATOR:
        raise InputError("only an administrator manages staff accounts")


STAFF_FIELDS = ("first_name", "last_name", "email", "title", "phone", "organization")
_PLACE_FIELDS = ("username", "role", "unit", "district", "partner_kind", "is_active")


def update_staff(
    *,
    actor: User,
    user: User,
    role: Role,
    unit: Unit | None,
    district: District | None,
    partner_kind: str = "",
    is_active: bool = True,
    **fields: str,
) -> User:
    """Change a staff account's role, place and details; deactivating ends their sessions."""
    _check_update(actor, user, role, is_active, fields)
    district = _place(role, unit, district, partner_kind)
    stored = User.objects.get(pk=user.pk)  # a bound ModelForm may already have changed ``user``
    before = _placement_of(stored)
    with transaction.atomic(durable=True):
        for name, value in fields.items():
            setattr(user, name, value)
        user.role, user.unit, user.district = role.value, unit, district
        user.partner_kind, user.is_active = partner_kind, is_active
        # Only what the staff form edits: a link sent meanwhile keeps its nonce (tokens.py).
        user.save(update_fields=[*fields, *_PLACE_FIELDS])
        after = _placement_of(user)
        changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        record_event(actor=actor, action="staff.updated", target=user, detail=changed)
        if not is_active:
            end_sessions_of(user)
        return user


def _check_update(
    actor: User, user: User, role: Role, is_active: bool, fields: dict[str, str]
) -> None:
    _require_administrator(actor)
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise InputError(f"unknown staff field(s): {', '.join(sorted(unknown))}")
    if user.pk == actor.pk and (not is_active or role is not Role.ADMINISTRATOR):
        raise InputError("you cannot remove your own administrator access", field="role")


def _placement_of(user: User) -> dict[str, object]:
    """Return what the audit event compares when an account changes."""
    return {
        "role": user.role,
        "unit": user.unit_id,
        "district": user.district_id,
        "active": user.is_active,
    }


def _place(
    role: Role, unit: Unit | None, district: District | None, partner_kind: str
) -> District | None:
    """Check that the role has the unit or district it needs; return the district in force."""
    if role in (Role.CASEWORKER, Role.SUPERVISOR) and unit is None:
        raise InputError(f"a {role.value} must belong to a unit", field="unit")
    if unit is not None:
        if district is not None and district != unit.district:
            raise InputError("the unit belongs to another district", field="unit")
        district = unit.district
    if role is Role.PROGRAM_ADMIN and district is None:
        raise InputError("a program administrator must belong to a district", field="district")
    if role is Role.MDT_PARTNER and not partner_kind:
        raise InputError("say which kind of partner this is", field="partner_kind")
    return district


def reset_second_factor(*, actor: User, user: User, reason: str) -> int:
    """Remove a person's authenticators (a lost phone); they enrol again at their next sign-in."""
    _require_administrator(actor)
    if not reason.strip():
        raise InputError("say why the second factor is being reset", field="reason")
    if user.pk == actor.pk:
        raise InputError("another administrator must reset your own second factor")
    with transaction.atomic(durable=True):
        removed: int = TOTPDevice.objects.filter(user=user).delete()[0]
        record_event(
            actor=actor,
            action="auth.second_factor_reset",
            target=user,
            reason=reason.strip(),
            detail={"devices_removed": removed},
        )
        end_sessions_of(user)
        return removed


def send_set_password_link(*, actor: User, user: User, base_url: str) -> str:
    """E-mail ``user`` a one-time link to choose their password; return the link's path.

    The link works once, for at most ``PASSWORD_RESET_TIMEOUT`` (60 minutes), and only until
    another link is sent: sending one replaces the account's link nonce, which retires every
    earlier link (``accounts/tokens.py``). The token is e-mailed at once and never stored, so
    nobody reading the database can use it.
    """
    _require_administrator(actor)
    if not user.email:
        raise InputError("add an e-mail address first: the link is sent there", field="email")
    with transaction.atomic(durable=True):
        user.setup_link_nonce = new_link_nonce()
        User.objects.filter(pk=user.pk).update(setup_link_nonce=user.setup_link_nonce)
        record_event(actor=actor, action="staff.setup_link_sent", target=user)
    path = _set_password_path(user)
    _send_link(user, f"{base_url}{path}")
    return path


def _set_password_path(user: User) -> str:
    """Return the path of a one-time link to choose ``user``'s password."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = set_password_tokens.make_token(user)
    return reverse("accounts:set_password", kwargs={"uidb64": uidb64, "token": token})


def _send_link(user: User, url: str) -> None:
    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    send_mail(
        "Set up your SafeHarbor account",
        f"Hello {user.first_name},\n\nAn administrator created or reset your SafeHarbor account "
        f"({user.username}). Choose your password here within {minutes} minutes:\n\n"
        f"{url}\n\nAt your first sign-in you will set up an authenticator app. If you "
        "did not expect this message, tell your system administrator.",
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
