"""Writes for districts, units and staff accounts; each writes its audit event."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.models import District, Unit, User
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
    organization: str = "",
    partner_kind: str = "",
) -> User:
    """Create a staff or partner account; a unit implies its district."""
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
    if User.objects.filter(username__iexact=username).exists():
        raise InputError(f"the username {username!r} is taken", field="username")
    with transaction.atomic():
        user = User(
            username=username,
            role=role.value,
            first_name=first_name,
            last_name=last_name,
            email=email,
            district=district,
            unit=unit,
            title=title,
            organization=organization,
            partner_kind=partner_kind,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        record_event(actor=actor, action="staff.created", target=user, detail={"role": role.value})
        return user


def check_second_factor(*, actor: User, device: TOTPDevice, code: str) -> tuple[bool, str]:
    """Check a code from the person's authenticator; audit the outcome; return (ok, problem).

    A code already used is refused (django-otp keeps the last time step), and wrong codes slow
    further tries down exponentially (django-otp's throttling).
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            record_event(actor=actor, action="auth.second_factor_failed", detail={"paused": True})
            return False, "Too many wrong codes in a row: wait a minute, then enter the code shown."
        enrolling = not device.confirmed
        if not device.verify_token(code):
            record_event(actor=actor, action="auth.second_factor_failed", detail={"paused": False})
            return False, (
                "That code did not match. Codes change every 30 seconds and each works once: "
                "enter the one your authenticator app shows now."
            )
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
            record_event(actor=actor, action="auth.second_factor_enrolled", target=actor)
        record_event(actor=actor, action="auth.login", target=actor)
        return True, ""


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
        return False, "Too many wrong codes in a row: wait a minute, then enter the code shown."
    return False, "That code did not match: enter the one your authenticator app shows now."


def change_password(*, actor: User, new_password: str) -> None:
    """Set a new password (already validated by the form); other sessions end with it."""
    with transaction.atomic():
        actor.set_password(new_password)
        actor.save(update_fields=["password"])
        record_event(actor=actor, action="auth.password_changed", target=actor)
