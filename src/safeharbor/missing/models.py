"""Missing episodes (SPEC §3): a youth gone from care, the reports, the return."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MissingEpisode(models.Model):
    """One time a youth went missing; ``learned_at`` starts the 24-hour report clocks (SPEC §5)."""

    youth = models.ForeignKey(
        "cases.Youth", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    placement = models.ForeignKey(
        "cases.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missing_episodes",
        help_text="The placement the youth left.",
    )
    last_seen_at = models.DateTimeField()
    last_seen_where = models.CharField(max_length=200, blank=True)
    last_seen_with = models.CharField(max_length=200, blank=True)
    learned_at = models.DateTimeField(help_text="When the agency learned the youth was missing.")
    circumstances = models.TextField(blank=True)
    risk_notes = models.TextField(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    found_where = models.CharField(max_length=200, blank=True)
    found_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        help_text="Empty when the system created the record (the demo loader).",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-learned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"],
                condition=models.Q(returned_at__isnull=True),
                name="one_open_missing_episode_per_youth",
            ),
            models.CheckConstraint(
                condition=models.Q(learned_at__gte=models.F("last_seen_at")),
                name="missing_learned_after_last_seen",
            ),
            models.CheckConstraint(
                condition=models.Q(returned_at__isnull=True)
                | models.Q(returned_at__gte=models.F("last_seen_at")),
                name="missing_return_after_last_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"Missing since {self.last_seen_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        """Return whether the youth has not yet returned."""
        return self.returned_at is None
