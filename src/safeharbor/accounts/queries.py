"""Reads of staff accounts: administrators see them all; nobody else sees this list."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.http import urlsafe_base64_decode

from safeharbor.accounts.models import Unit, User
from safeharbor.accounts.tokens import set_password_tokens
from safeharbor.domain.access import Role


def staff_visible_to(actor: User, *, text: str = "", role: str = "") -> QuerySet[User]:
    """Return the staff accounts an administrator may manage, filtered by words and role."""
    if actor.role != Role.ADMINISTRATOR:
        raise Http404("No such page")
    accounts = User.objects.exclude(username="system").select_related("district", "unit")
    for word in text.split()[:4]:
        accounts = accounts.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organization__icontains=word)
        )
    if role in Role._value2member_map_:
        accounts = accounts.filter(role=role)
    return accounts.order_by("last_name", "first_name", "username")


def get_staff(*, actor: User, pk: int) -> User:
    """Return one staff account for an administrator; 404 for anyone else or no such account."""
    account = staff_visible_to(actor).filter(pk=pk).first()
    if account is None:
        raise Http404("No such account")
    return account


def username_taken(username: str, *, other_than: int | None = None) -> bool:
    """Return whether an account other than ``other_than`` has this username, in any case."""
    taken = User.objects.filter(username__iexact=username)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    return taken.exists()


def units_with_districts() -> QuerySet[Unit]:
    """Return every unit with its district (the staff form's choices)."""
    return Unit.objects.select_related("district")


def account_for_link(uidb64: str, token: str) -> User | None:
    """Return the active account a set-password link is for, or None if it is not valid now."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    account = User.objects.filter(pk=pk, is_active=True).first()
    if account is None or not set_password_tokens.check_token(account, token):
        return None
    return account
