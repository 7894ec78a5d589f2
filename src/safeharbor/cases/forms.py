"""The youth profile form: carries the version the person saw, and the values they saw."""

from __future__ import annotations

from typing import Any

from django import forms

PROFILE_FIELDS = {
    "preferred_name": ("Preferred name", 80),
    "pronouns": ("Pronouns", 30),
    "gender_identity": ("Gender identity", 60),
    "primary_language": ("Primary language", 40),
    "other_languages": ("Other languages", 120),
}


class YouthProfileForm(forms.Form):
    """Identity fields a caseworker keeps current; ``version`` and ``seen_*`` travel hidden."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, length) in PROFILE_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=label,
                max_length=length,
                required=name == "primary_language",
                widget=forms.TextInput(attrs={"class": "usa-input"}),
            )
            self.fields[f"seen_{name}"] = forms.CharField(
                required=False, max_length=length, widget=forms.HiddenInput
            )

    def changes(self) -> dict[str, str]:
        """Return the fields the person changed from what they saw, with their new values."""
        data = self.cleaned_data
        return {n: data[n] for n in PROFILE_FIELDS if data[n] != data[f"seen_{n}"]}

    def seen(self) -> dict[str, str]:
        """Return the values the person saw when they opened the form."""
        return {n: self.cleaned_data[f"seen_{n}"] for n in PROFILE_FIELDS}

    def visible_fields_only(self) -> list[forms.BoundField]:
        """Return the bound fields a person types into, in order."""
        return [self[name] for name in PROFILE_FIELDS]


def initial_for(youth: Any) -> dict[str, Any]:
    """Return the form's starting values: the record as it is now, and its version."""
    values = {name: getattr(youth, name) for name in PROFILE_FIELDS}
    return {"version": youth.version, **values, **{f"seen_{n}": v for n, v in values.items()}}


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
