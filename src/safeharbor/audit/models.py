"""The audit trail: append-only, hash-chained (SPEC §8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who read or changed what, when, from where, and why."""

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    youth = models.ForeignKey(
        "cases.Youth", on_delete=models.PROTECT, null=True, related_name="audit_events"
    )
    origin_address = models.CharField(max_length=64, blank=True)
    origin_client = models.CharField(max_length=220, blank=True)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["youth", "-at"], name="audit_youth_at"),
            # "Who changed this record last" when a stale edit is refused (safeharbor.writes).
            models.Index(fields=["target_type", "target_id", "-id"], name="audit_target"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.actor_username} {self.action} {self.target_type}:{self.target_id}"

    def chained_fields(self) -> dict[str, object]:
        """Return the fields the hash covers, in a form that survives a database round trip."""
        return {
            "at": self.at.isoformat(timespec="microseconds"),
            "actor": self.actor_id,
            "actor_username": self.actor_username,
            "actor_role": self.actor_role,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "youth": self.youth_id,
            "origin_address": self.origin_address,
            "origin_client": self.origin_client,
            "reason": self.reason,
            "detail": self.detail,
        }


class AuditCheckpoint(models.Model):
    """The chain's head at a moment, signed with a key the database does not hold (ADR 0011).

    A copy of each is also appended to the export directory outside the database
    (``SAFEHARBOR_AUDIT_CHECKPOINT_DIR``); ``safeharbor audit verify`` checks both. The head is
    kept as a plain number, not a foreign key: the point is to notice when that event is gone.
    """

    at = models.DateTimeField()
    head_id = models.BigIntegerField()
    head_hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=12)
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"checkpoint {self.at:%Y-%m-%d %H:%M} UTC at event #{self.head_id}"
