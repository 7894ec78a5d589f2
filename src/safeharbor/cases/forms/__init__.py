"""Forms of the youth's record: the profile (``profile``), care (``care``), notes (``notes``), and
emergency access (here)."""

from __future__ import annotations

from django import forms

from safeharbor.cases.forms.profile import (
    PROFILE_FIELDS,
    PROFILE_LABELS,
    YouthProfileForm,
    after_conflict,
    initial_for,
)

__all__ = [
    "PROFILE_FIELDS",
    "PROFILE_LABELS",
    "EmergencyRequestForm",
    "EmergencyReviewForm",
    "YouthProfileForm",
    "after_conflict",
    "initial_for",
]


class EmergencyRequestForm(forms.Form):
    """Emergency access: the exact record number, the reason, and a fresh code."""

    record_number = forms.CharField(
        label="Youth's record number (exactly, e.g. MAGNOLIA-00012)",
        max_length=30,
        widget=forms.TextInput(attrs={"class": "usa-input", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label="Why you need this record now",
        help_text="Your supervisor is told at once and reviews this afterwards.",
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "usa-textarea", "rows": 3}),
    )
    code = forms.CharField(
        label="A new code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "class": "usa-input usa-input--small",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
            }
        ),
    )


class EmergencyReviewForm(forms.Form):
    """A reviewer's verdict on someone else's emergency access."""

    outcome = forms.ChoiceField(
        label="Was this emergency access appropriate?",
        choices=[
            ("appropriate", "Appropriate: the emergency justified it"),
            ("concern", "A concern: refer to the program administrator"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note (required for a concern)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "usa-textarea", "rows": 2}),
    )
