"""Forms for case notes with their documents, a note's amendment, and the youth's photo."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from safeharbor.cases.forms.care import NotFutureDates, date_field
from safeharbor.cases.record_models import NOTE_MAX_LENGTH
from safeharbor.cases.uploads import ATTACHMENT_MAX_BYTES, MB, PHOTO_MAX_BYTES, check_size
from safeharbor.domain.errors import InputError
from safeharbor.ui.forms import KeyedForm, WordingChecked

AGAIN = " Choose the file again: a browser never keeps a file after a refusal."


def _within(
    upload: UploadedFile[bytes] | None, limit: int, name: str
) -> UploadedFile[bytes] | None:
    """Refuse a file over ``limit`` before reading it."""
    if upload is not None:
        try:
            check_size(upload.size or 0, limit, name)
        except InputError as error:
            raise forms.ValidationError(f"Not saved: {error.message}.{AGAIN}") from None
    return upload


def _note_text() -> forms.CharField:
    return forms.CharField(
        label="Note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Up to {NOTE_MAX_LENGTH} characters.",
    )


class NoteForm(NotFutureDates, WordingChecked, KeyedForm):
    """A dated case note and, optionally, one document attached to it."""

    checked_fields = ("text",)
    past_dates = ("noted_on",)
    noted_on = date_field("Date of the note", help_text="The day the note is about.")
    text = _note_text()
    attachment = forms.FileField(
        label="Attach a document (optional)",
        required=False,
        help_text=f"A PDF, an image or an office document, up to {ATTACHMENT_MAX_BYTES // MB} MB.",
    )

    def clean_attachment(self) -> UploadedFile[bytes] | None:
        return _within(self.cleaned_data.get("attachment"), ATTACHMENT_MAX_BYTES, "attachment")


class AmendNoteForm(NotFutureDates, WordingChecked, KeyedForm):
    """A correction of a note: the corrected date and words, and why; carries the version seen."""

    checked_fields = ("text", "reason")
    past_dates = ("noted_on",)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    noted_on = date_field("Date of the note")
    text = _note_text()
    reason = forms.CharField(
        label="Why it is corrected", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class PhotoForm(forms.Form):
    """A new photo of the youth, for missing reports."""

    photo = forms.FileField(
        label="Photo",
        help_text=f"A JPEG, PNG, GIF or WebP image, up to {PHOTO_MAX_BYTES // MB} MB. "
        "It replaces the current photo; earlier photos are kept.",
    )

    def clean_photo(self) -> UploadedFile[bytes] | None:
        return _within(self.cleaned_data.get("photo"), PHOTO_MAX_BYTES, "photo")
