"""Victim status (SPEC §7): the determinations that identify a youth as a victim of trafficking.

A determination keeps its current values on one row, corrected only by amendments that keep the
values before and after and the reason (``DeterminationAmendment``); nothing is ever deleted. A
correction that finds the determination was made in error sets ``status`` to ``rescinded``.
``to_domain`` gives the federal (AFCARS) rules their input (``domain.federal.children``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from safeharbor.domain.federal.children import Determination, Kind, Timing
from safeharbor.protected.fields import EncryptedCharField

KIND_CHOICES = [
    (Kind.SEX.value, "Sex trafficking"),
    (Kind.LABOR.value, "Labor trafficking"),
]

TIMING_CHOICES = [
    (Timing.BEFORE_ENTRY.value, "Before entering care, or outside care"),
    (Timing.IN_CARE.value, "While in care"),
]

SOURCE_CHOICES = [
    ("confirmed_screening", "A confirmed screening"),
    ("law_enforcement", "Law enforcement"),
    ("disclosure", "The youth's disclosure"),
    ("other_agency", "Another agency"),
]

STATUS_CHOICES = [
    ("confirmed", "Confirmed"),
    ("rescinded", "Rescinded: recorded in error"),
]

# The fields an amendment may change (and records before and after).
AMENDABLE_FIELDS = ("kind", "identified_on", "source", "source_detail", "timing", "status")


class VictimDetermination(models.Model):
    """A youth identified as a victim of sex or labor trafficking (SPEC §7, 42 U.S.C. 671(a)(34)).

    The law-enforcement reports that followed are the ``obligations.LegalReport`` rows that name
    this determination (``legal_reports``); a screening that proposed it names it too.
    """

    youth = models.ForeignKey(
        "cases.Youth", on_delete=models.PROTECT, related_name="victim_determinations"
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    identified_on = models.DateField(help_text="The day the agency identified the youth.")
    source = models.CharField(max_length=30, choices=SOURCE_CHOICES)
    source_detail = EncryptedCharField(
        max_length=200, blank=True, help_text="Which screening, agency or officer, in words."
    )
    timing = models.CharField(max_length=20, choices=TIMING_CHOICES)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default="confirmed")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-identified_on", "-id"]
        indexes = [models.Index(fields=["youth", "status"], name="determination_youth_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} victim, identified {self.identified_on:%b %d, %Y}"

    @property
    def in_force(self) -> bool:
        """Return whether the determination stands (it was not rescinded)."""
        return self.status == "confirmed"

    def law_enforcement_report_days(self) -> tuple[dt.date, ...]:
        """Return the days of the law-enforcement reports that followed, earliest first.

        A corrected report counts with its latest correction's time.
        """
        reports = self.legal_reports.filter(
            recipient="law_enforcement", amends__isnull=True
        ).prefetch_related("amendments")
        days = set()
        for report in reports:
            corrections = sorted(report.amendments.all(), key=lambda r: (r.recorded_at, r.pk))
            current = corrections[-1] if corrections else report
            days.add(timezone.localdate(current.reported_at))
        return tuple(sorted(days))

    def to_domain(self) -> Determination:
        """Return the determination as the federal rules take it (SPEC §7.1 ``determinations``)."""
        return Determination(
            kind=Kind(self.kind),
            identified_on=self.identified_on,
            timing=Timing(self.timing),
            reported_to_law_enforcement=self.law_enforcement_report_days(),
        )


class DeterminationAmendment(models.Model):
    """A correction of a determination: what changed, from what, to what, why, by whom."""

    determination = models.ForeignKey(
        VictimDetermination, on_delete=models.PROTECT, related_name="amendments"
    )
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    amended_at = models.DateTimeField()
    reason = models.TextField()
    before = models.JSONField(help_text="The changed fields' values before the amendment.")
    after = models.JSONField(help_text="The changed fields' values after the amendment.")

    class Meta:
        ordering = ["amended_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="determination_amendment_has_reason"
            )
        ]

    def __str__(self) -> str:
        return f"Amended {self.amended_at:%Y-%m-%d}: {self.reason[:60]}"
