"""Who held a youth's case when (SPEC §3 "assigned caseworker"): one row per assignment."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeharbor.protected.fields import EncryptedCharField


class Assignment(models.Model):
    """A period during which a unit, and usually a caseworker of it, held the youth's case.

    The current assignment has no ``ended_at``; a reassignment ends it and starts the next, so the
    youth's page can say who held the case when. ``caseworker`` is empty while the case waits in
    a unit for its supervisor to assign a worker (a program administrator moved it there).
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="assignments")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey("accounts.Unit", on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = EncryptedCharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_assignment_per_youth",
            ),
        ]

    def __str__(self) -> str:
        who = self.caseworker or "awaiting assignment"
        return f"{who}, {self.unit.name}"
