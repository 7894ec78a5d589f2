"""One effort to find a missing youth, for the episode's log."""

from __future__ import annotations

from typing import Any

from django import forms

from safeharbor.missing.forms._fields import area
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField, WordingChecked


class LocateEffortForm(WordingChecked, KeyedForm):
    """One effort to find the youth: when, who, what, the result."""

    checked_fields = ("effort", "result")

    made_at = LocalDateTimeField(label="When")
    made_by = forms.CharField(label="Who", max_length=200)
    effort = forms.CharField(label="What was done", widget=area(2), max_length=4000)
    result = forms.CharField(label="Result", widget=area(2), required=False, max_length=4000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.not_future("made_at")
        return cleaned
