"""The youth profile form: every identity and demographic field (SPEC §3), the version the person
saw, and the values they saw (as text, so a refused stale edit can show what changed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from safeharbor.cases.forms.care import date_field
from safeharbor.cases.models import (
    CLOSED_REASON_CHOICES,
    CUSTODY_CHOICES,
    HISPANIC_CHOICES,
    IMMIGRATION_CHOICES,
    RACE_CHOICES,
    as_text,
)
from safeharbor.domain.dates import age_on

OLDEST_AGE = 25  # the agency serves young adults to 21; older is a typing mistake
ALONE_RACES = {"unknown", "declined"}


def _text(label: str, length: int, *, required: bool = False, help_text: str = "") -> Any:
    return forms.CharField(label=label, max_length=length, required=required, help_text=help_text)


def _choice(label: str, choices: list[tuple[str, str]], *, required: bool = False) -> Any:
    return forms.ChoiceField(label=label, choices=choices, required=required)


class YouthProfileForm(forms.Form):
    """Identity and demographic fields a caseworker keeps current; ``version`` and ``seen_*``
    travel hidden."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    legal_first_name = _text("Legal first name", 80, required=True)
    legal_middle_name = _text("Legal middle name", 80)
    legal_last_name = _text("Legal last name", 80, required=True)
    preferred_name = _text("Preferred name", 80, help_text="The name staff use first.")
    date_of_birth = date_field("Date of birth")
    gender_identity = _text("Gender identity", 60)
    pronouns = _text("Pronouns", 30)
    race = forms.MultipleChoiceField(
        label="Race (all the youth identifies with)",
        choices=RACE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hispanic_latino = _choice("Hispanic or Latino", HISPANIC_CHOICES)
    primary_language = _text("Primary language", 40, required=True)
    other_languages = _text("Other languages", 120)
    immigration_status = _choice("Immigration status (where known)", IMMIGRATION_CHOICES)
    custody_status = _choice("Custody status", CUSTODY_CHOICES, required=True)
    closed_reason = _choice("Why the case closed (only when closed)", CLOSED_REASON_CHOICES)
    state_record_number = forms.CharField(
        label="State's child record number (AFCARS)",
        max_length=30,
        required=False,
        validators=[RegexValidator(r"^[A-Za-z0-9-]*$", "Use letters, digits and hyphens only.")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in PROFILE_FIELDS:
            self.fields[f"seen_{name}"] = forms.CharField(
                required=False, max_length=400, widget=forms.HiddenInput
            )

    def clean_date_of_birth(self) -> dt.date:
        born: dt.date = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError("A date of birth cannot be in the future.")
        if age_on(born, today) > OLDEST_AGE:
            raise forms.ValidationError(
                f"That makes the youth older than {OLDEST_AGE}: check the year."
            )
        return born

    def clean_race(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["race"]
        if len(chosen) > 1 and ALONE_RACES & set(chosen):
            raise forms.ValidationError(
                "“Unknown” and “Declined to answer” cannot be chosen with a race."
            )
        return chosen

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status, reason = cleaned.get("custody_status"), cleaned.get("closed_reason")
        if status == "closed" and not reason:
            self.add_error("closed_reason", "Say why the case closed.")
        if status and status != "closed" and reason:
            self.add_error("closed_reason", "Only a closed case has a reason for closing.")
        born = cleaned.get("date_of_birth")
        if status == "young_adult" and born and not 18 <= age_on(born, timezone.localdate()) <= 21:
            self.add_error("custody_status", "Young adult services are for ages 18 to 21.")
        return cleaned

    def changes(self) -> dict[str, Any]:
        """Return the fields the person changed from what they saw, with their new values."""
        data = self.cleaned_data
        return {n: data[n] for n in PROFILE_FIELDS if as_text(data[n]) != data[f"seen_{n}"]}

    def seen(self) -> dict[str, str]:
        """Return the values the person saw when they opened the form, as text."""
        return {n: self.cleaned_data[f"seen_{n}"] for n in PROFILE_FIELDS}

    def typed(self) -> dict[str, Any]:
        """Return what the person typed into every profile field."""
        return {n: self.cleaned_data[n] for n in PROFILE_FIELDS}

    def visible_fields_only(self) -> list[forms.BoundField]:
        """Return the bound fields a person types into, in order."""
        return [self[name] for name in PROFILE_FIELDS]


PROFILE_FIELDS = tuple(name for name in YouthProfileForm.base_fields if name != "version")
PROFILE_LABELS = {name: str(YouthProfileForm.base_fields[name].label) for name in PROFILE_FIELDS}


def initial_for(youth: Any) -> dict[str, Any]:
    """Return the form's starting values: the record as it is now, and its version."""
    values = {name: getattr(youth, name) for name in PROFILE_FIELDS}
    seen = {f"seen_{n}": as_text(v) for n, v in values.items()}
    return {"version": youth.version, **values, **seen}


def after_conflict(youth: Any, typed: dict[str, Any]) -> dict[str, Any]:
    """Return form data keeping what was typed, against the version now shown."""
    seen = {f"seen_{name}": as_text(getattr(youth, name)) for name in PROFILE_FIELDS}
    return {**typed, "version": youth.version, **seen}
