"""Read one's own notifications."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from safeharbor.accounts.models import User
from safeharbor.notifications.models import Notification


def notifications_for(actor: User) -> QuerySet[Notification]:
    """Return the actor's own notifications, newest first (nobody reads another's)."""
    return Notification.objects.filter(recipient=actor).order_by("-created_at", "-id")


def unread_count(actor: User) -> int:
    """Return how many of the actor's notifications are unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).count()


def get_notification(*, actor: User, pk: int) -> Notification:
    """Return one of the actor's own notifications; Http404 for anyone else's or none."""
    notification = notifications_for(actor).filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification")
    return notification
