"""What the record holds beside the profile: the youth's photo, case notes and their documents.

Every uploaded file's bytes sit, encrypted, in a row of their own (``StoredContent``), read only
when an access-checked view serves them. Notes are corrected by amendment, never deleted (SPEC §8).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeharbor.protected.fields import EncryptedBlobField, EncryptedTextField

NOTE_MAX_LENGTH = 5000


class StoredContent(models.Model):
    """An uploaded file's bytes, encrypted at rest."""

    data = EncryptedBlobField()
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.size} bytes"


class YouthPhoto(models.Model):
    """A photo of the youth for missing reports; the newest is current, earlier ones are kept.

    The name the file had is not kept (a file name often carries a person's name); the image was
    re-encoded on upload, which also drops its metadata (a phone photo's location).
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="photos")
    media_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    content = models.OneToOneField(StoredContent, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"Photo of {self.uploaded_at:%Y-%m-%d}"


class CaseNote(models.Model):
    """A dated case note; a correction is another note that ``amends`` the first, with a reason."""

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="notes")
    noted_on = models.DateField(help_text="The day the note is about.")
    text = EncryptedTextField(max_length=NOTE_MAX_LENGTH)
    amends = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amendments"
    )
    amendment_reason = models.CharField(max_length=500, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    written_at = models.DateTimeField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)  # counts amendments of an original note

    class Meta:
        ordering = ["-noted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amends__isnull=True) | ~models.Q(amendment_reason=""),
                name="note_amendment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Note of {self.noted_on}"


class NoteAttachment(models.Model):
    """A document attached to a note: its name encrypted, its type found from its content."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="attachments")
    name = EncryptedTextField(max_length=200)
    media_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.OneToOneField(StoredContent, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Attachment {self.pk} ({self.media_type})"
