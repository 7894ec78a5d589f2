"""Template context shared by every page: the navigation for the signed-in person's role."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from safeharbor.accounts.models import User
from safeharbor.accounts.second_factor import is_verified
from safeharbor.domain.access import Role
from safeharbor.notifications.queries import unread_count


@dataclass(frozen=True)
class NavItem:
    """One link in the header navigation."""

    label: str
    url: str


def _items_for(role: Role) -> list[NavItem]:
    items = []
    if role in (Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN, Role.MDT_PARTNER):
        label = "Shared with me" if role is Role.MDT_PARTNER else "My caseload"
        items.append(NavItem(label, reverse("home")))
    else:
        items.append(NavItem("Home", reverse("home")))
    items += _work_items(role)
    if role in (Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN):
        items.append(NavItem("Missing now", reverse("missing:board")))
    if role in (Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN, Role.ADMINISTRATOR):
        items.append(NavItem("Service directory", reverse("partners:directory")))
    items.append(NavItem("Notifications", reverse("notifications:inbox")))
    if role in (Role.SUPERVISOR, Role.PROGRAM_ADMIN):
        items.append(NavItem("Emergency reviews", reverse("cases:emergency_reviews")))
    if role in (Role.INTAKE_WORKER, Role.CASEWORKER, Role.SUPERVISOR, Role.PROGRAM_ADMIN):
        items.append(NavItem("Emergency access", reverse("cases:emergency_request")))
    return items


def _work_items(role: Role) -> list[NavItem]:
    """Return the obligations and intake links a role uses."""
    if role in (Role.CASEWORKER, Role.INTAKE_WORKER):
        items = [NavItem("My work", reverse("obligations:my_work"))]
        if role is Role.INTAKE_WORKER:
            items.append(NavItem("New intake report", reverse("intake:new")))
        return items
    if role in (Role.SUPERVISOR, Role.PROGRAM_ADMIN):
        return [NavItem("Deadlines", reverse("obligations:board"))]
    if role is Role.ADMINISTRATOR:
        return [
            NavItem("Staff accounts", reverse("accounts:staff_list")),
            NavItem("Agency settings", reverse("obligations:settings")),
        ]
    return []


def navigation(request: HttpRequest) -> dict[str, object]:
    """Return the navigation items and agency settings the base template needs."""
    user = getattr(request, "user", None)
    # Half-way through signing in (password accepted, second factor not yet) shows no navigation.
    person = user if isinstance(user, User) and is_verified(user) else None
    return {
        "nav_items": _items_for(Role(person.role)) if person else [],
        "unread_notifications": unread_count(person) if person else 0,
        "agency_time_zone": settings.TIME_ZONE,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "session_warning_seconds": min(
            settings.SAFEHARBOR_SESSION_WARNING_SECONDS, settings.SESSION_COOKIE_AGE // 2
        ),
    }
