"""Intake reports called in to the agency and their 24-hour disposition (SPEC §3, seed 002)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeharbor.protected.fields import EncryptedTextField

REPORTER_TYPE_CHOICES = [
    ("law_enforcement", "Law enforcement"),
    ("school", "School staff"),
    ("medical", "Medical professional"),
    ("mental_health", "Mental health professional"),
    ("social_services", "Social services or shelter staff"),
    ("caregiver", "Parent, relative or caregiver"),
    ("foster_parent", "Foster parent or placement provider"),
    ("youth", "The youth themself"),
    ("community_member", "Community member"),
    ("anonymous", "Anonymous"),
    ("other", "Other"),
]

ALLEGATION_KIND_CHOICES = [
    ("sex_trafficking", "Sex trafficking"),
    ("labor_trafficking", "Labor trafficking"),
    ("both", "Both sex and labor trafficking"),
]

DISPOSITION_CHOICES = [
    ("", "Not yet decided"),
    ("screened_in", "Screened in for child welfare intervention"),
    ("referred_da", "Referred to the District Attorney's office"),
]


class IntakeReport(models.Model):
    """A report called in to intake; one alleging HTCSEC starts the 24-hour disposition clock.

    The narrative is a disclosure narrative (access group ``notes``), encrypted at rest: the
    intake worker who took the report and those who may see the youth's notes read it.
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="intakes")
    youth_was_new = models.BooleanField(
        default=False, help_text="The report created the youth's record."
    )
    received_at = models.DateTimeField(help_text="When the call was received.")
    reporter_type = models.CharField(max_length=30, choices=REPORTER_TYPE_CHOICES)
    narrative = EncryptedTextField()  # a disclosure: encrypted at rest
    alleges_htcsec = models.BooleanField("alleges HTCSEC")
    allegation_kind = models.CharField(
        "kind of trafficking alleged",
        max_length=20,
        choices=ALLEGATION_KIND_CHOICES,
        blank=True,
        default="",
    )
    identifies_victim = models.BooleanField(
        "identifies the youth as a victim",
        default=False,
        help_text="E.g. law enforcement identified the youth: starts the 24-hour report to law "
        "enforcement (42 U.S.C. 671(a)(34)(A)).",
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes_taken"
    )
    recorded_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    disposition = models.CharField(
        max_length=20, choices=DISPOSITION_CHOICES, blank=True, default=""
    )
    disposition_at = models.DateTimeField(null=True, blank=True)
    disposition_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disposition_note = EncryptedTextField(blank=True)
    da_referral = models.OneToOneField(
        "partners.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["taken_by", "youth"], name="intake_taker_youth")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disposition="")
                | (models.Q(disposition_at__isnull=False) & models.Q(disposition_by__isnull=False)),
                name="intake_disposition_has_time_and_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(disposition="referred_da")
                | models.Q(da_referral__isnull=False),
                name="intake_da_disposition_has_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"Intake report received {self.received_at:%Y-%m-%d %H:%M}Z"
