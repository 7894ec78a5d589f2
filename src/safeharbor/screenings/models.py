"""Screenings (SPEC §3, §4): the answers, the instrument version, the computed and final tier."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from safeharbor.protected.fields import EncryptedTextField

OCCASION_CHOICES = [
    ("intake_screened_in", "An intake alleging trafficking was screened in"),
    ("returned_from_missing", "The youth returned from being missing"),
    ("caseworker_concern", "The caseworker believes the youth may have experienced trafficking"),
    ("review", "A periodic review"),
]

OVERRIDE_STATUS_CHOICES = [
    ("applied", "Applied"),  # a raise, or a lowering decided by a supervisor
    ("pending", "Awaiting a supervisor's approval"),
    ("refused", "Refused by a supervisor"),
]


class Screening(models.Model):
    """One screening of one youth, scored with one instrument version and kept with it.

    ``answers`` maps indicator ids to {"value", "source", "note"}; ``episodes`` is the list of
    missing episodes the score was computed from, so a re-score reproduces it exactly (SPEC §4.5).
    ``result`` is the scoring output as it was at the time; ``computed_tier`` and ``final_tier``
    are columns because lists and boards filter on them.
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="screenings")
    instrument_id = models.CharField(max_length=60)
    instrument_version = models.CharField(max_length=20)
    as_of = models.DateField(help_text="The day the screening describes.")
    occasion = models.CharField(max_length=30, choices=OCCASION_CHOICES)
    answers = models.JSONField(default=dict)
    episodes = models.JSONField(default=list)
    result = models.JSONField()
    computed_tier = models.CharField(max_length=30)
    final_tier = models.CharField(max_length=30)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    screened_at = models.DateTimeField()
    interviewed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the interview took place: the protocol clocks start here (SPEC §5).",
    )
    version = models.PositiveIntegerField(default=1)
    # The victim status the caseworker confirmed from this screening (``record_victim_status``).
    victim_determination = models.ForeignKey(
        "cases.VictimDetermination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
    )

    class Meta:
        ordering = ["-as_of", "-screened_at", "-id"]
        indexes = [models.Index(fields=["youth", "-as_of"], name="screening_youth_recent")]

    @property
    def information_at(self) -> dt.datetime:
        """Return when the agency received what the screening found: the interview, if known."""
        return self.interviewed_at or self.screened_at

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.instrument_version} on {self.as_of}: {self.final_tier}"

    @property
    def overridden(self) -> bool:
        """Return whether professional judgement changed the tier."""
        return self.final_tier != self.computed_tier


class TierOverride(models.Model):
    """A change of tier by professional judgement (SPEC §4.6), kept beside the computed tier.

    Raising applies at once with a written reason; lowering waits for the unit supervisor, who
    approves or refuses with a reason of their own.
    """

    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="overrides")
    from_tier = models.CharField(max_length=30)
    to_tier = models.CharField(max_length=30)
    reason = EncryptedTextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=OVERRIDE_STATUS_CHOICES)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening"],
                condition=models.Q(status="pending"),
                name="one_pending_override_per_screening",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_tier=models.F("to_tier")),
                name="override_changes_the_tier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_tier} → {self.to_tier} ({self.status})"
