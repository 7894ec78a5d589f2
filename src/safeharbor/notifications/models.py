"""In-app notifications with an e-mail outbox: each notification exists once, by its key."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
        return f"{self.recipient}: {self.subject}"
