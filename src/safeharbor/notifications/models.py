"""In-app notifications with an e-mail outbox: each notification exists once, by its key."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """Tell one person something, in the app and by e-mail.

    ``dedupe_key`` names the occasion (e.g. ``obligation:42:supervisor``): a second attempt to
    notify on the same occasion — another host, a rerun after a crash — finds the first row.
    Subjects and bodies carry no case details beyond the youth's short name and a link: e-mail
    leaves the system, the link leads back through the access rules.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    dedupe_key = models.CharField(max_length=120, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    # What the e-mail says, when it must say less than the app (no youth's name: e-mail leaves
    # the agency's systems); empty: the subject and body above.
    email_subject = models.CharField(max_length=200, blank=True)
    email_body = models.TextField(blank=True)
    youth = models.ForeignKey(
        "cases.Youth", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True)
    # An iCalendar file (RFC 5545) sent with the e-mail as ``invite.ics``: meeting invitations.
    calendar = models.TextField(blank=True)
    # From this time on the notification no longer names its youth (``shown_subject``): a
    # partner's sharing of the youth ended (revoked or expired). Empty: it always may.
    names_youth_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_inbox"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(email_sent_at__isnull=True),
                name="notification_outbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.shown_subject}"

    def withdrawn(self, now: dt.datetime | None = None) -> bool:
        """Return whether the notification may no longer name its youth at ``now``."""
        until = self.names_youth_until
        return until is not None and (now or timezone.now()) >= until

    @property
    def shown_subject(self) -> str:
        """Return the subject, or a neutral one once the youth may no longer be named."""
        return WITHDRAWN_SUBJECT if self.withdrawn() else self.subject

    @property
    def shown_body(self) -> str:
        """Return the body, or a neutral one once the youth may no longer be named."""
        return WITHDRAWN_BODY if self.withdrawn() else self.body

    @property
    def shown_link(self) -> str:
        """Return the link, or none once the youth may no longer be named."""
        return "" if self.withdrawn() else self.link


WITHDRAWN_SUBJECT = "A notification about a youth whose sharing with you has ended"
WITHDRAWN_BODY = (
    "The agency's sharing of this youth's record with you has ended, so this notification no "
    "longer shows who or what it was about."
)
