"""Referrals to partners outside the agency (SPEC §3 Referral; seed 002 §VII.A.1, §VII.B).

Kept small on purpose: MDT meetings and needs will join this app later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

REFERRED_TO_CHOICES = [
    ("district_attorney", "District Attorney's office"),
    ("law_enforcement", "Law enforcement"),
    ("cac", "Child Advocacy Center (CAC)"),
    ("community_agency", "Community service agency"),
]

REFERRAL_STATUS_CHOICES = [
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("completed", "Completed"),
]


class Referral(models.Model):
    """A youth referred to a partner: to whom, what was shared with whom and why, and the status.

    Sharing information about a child outside the agency needs a basis (SPEC §8), so the record
    keeps what was shared, with whom, and on what basis beside the referral itself.
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="referrals")
    referred_to = models.CharField(max_length=20, choices=REFERRED_TO_CHOICES)
    organization = models.CharField(max_length=200)
    contact = models.CharField("contact person and number", max_length=200, blank=True)
    made_at = models.DateTimeField()
    information_shared = models.TextField()
    shared_with = models.CharField(max_length=200)
    basis = models.CharField("basis for sharing", max_length=300)
    status = models.CharField(max_length=20, choices=REFERRAL_STATUS_CHOICES, default="sent")
    status_changed_at = models.DateTimeField()
    outcome = models.TextField(blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["youth", "-made_at"], name="referral_youth_made")]

    def __str__(self) -> str:
        return f"Referred to {self.organization} ({self.get_referred_to_display()})"
