"""Reads of staff accounts: administrators see them all; nobody else sees this list."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from safeharbor.accounts.models import User
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
