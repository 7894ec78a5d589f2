"""Forms for taking an intake report and recording its disposition."""

from __future__ import annotations

from typing import Any

from django import forms

from safeharbor.accounts.models import District
from safeharbor.cases.models import CUSTODY_CHOICES
from safeharbor.domain.errors import InputError
from safeharbor.intake import actions
from safeharbor.intake.models import ALLEGATION_KIND_CHOICES, REPORTER_TYPE_CHOICES
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField

YES_NO = [("yes", "Yes"), ("no", "No")]
# The intake rules name a new youth's fields as the youth record does; this form prefixes them.
FORM_FIELD = {
    "legal_first_name": "youth_first_name",
    "legal_last_name": "youth_last_name",
    "date_of_birth": "youth_date_of_birth",
}


class IntakeForm(KeyedForm):
    """A call to intake: when, who called, what they said, whether it alleges HTCSEC, the youth."""

    received_at = LocalDateTimeField(label="When the call was received")
    reporter_type = forms.ChoiceField(
        label="Who called", choices=[("", "Choose"), *REPORTER_TYPE_CHOICES]
    )
    alleges_htcsec = forms.ChoiceField(
        label="Does the report allege human trafficking or commercial sexual exploitation "
        "(HTCSEC)?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Yes starts the 24-hour disposition clock (seed 002 §VII.A.1).",
    )
    allegation_kind = forms.ChoiceField(
        label="What kind of trafficking does it allege?",
        choices=ALLEGATION_KIND_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        help_text="Needed when the report alleges trafficking: seed 002 §VI counts both as human "
        "trafficking.",
    )
    identifies_victim = forms.ChoiceField(
        label="Does the report identify the youth as a victim (for example, law enforcement "
        "identified them)?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="no",
        required=False,  # left empty: no
        help_text="Yes starts the 24-hour report to law enforcement (42 U.S.C. 671(a)(34)(A)).",
    )
    narrative = forms.CharField(
        label="What the reporter said",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )
    youth_first_name = forms.CharField(label="Youth's first name", max_length=80, required=False)
    youth_last_name = forms.CharField(label="Youth's last name", max_length=80)
    youth_date_of_birth = forms.DateField(
        label="Youth's date of birth",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Needed for a new youth; helps find a known one.",
    )
    youth_choice = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    district = forms.ModelChoiceField(
        label="District (new youth)",
        queryset=District.objects.all(),
        required=False,
        empty_label="Choose",
    )
    custody_status = forms.ChoiceField(
        label="Custody status (new youth)",
        choices=[("", "Choose"), *CUSTODY_CHOICES],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("alleges_htcsec") == "yes" and not cleaned.get("allegation_kind"):
            self.add_error(
                "allegation_kind", "Say what the report alleges: sex or labor trafficking, or both."
            )
        return cleaned

    def new_youth_fields(self) -> dict[str, Any]:
        """Return the fields ``create_youth`` takes for a youth the report introduces."""
        data = self.cleaned_data
        return {
            "district": data.get("district"),
            "legal_first_name": data.get("youth_first_name", ""),
            "legal_last_name": data.get("youth_last_name", ""),
            "date_of_birth": data.get("youth_date_of_birth"),
            "custody_status": data.get("custody_status", ""),
        }

    def refused(self, *, new_youth: bool) -> bool:
        """Put the intake rules' first refusal beside its field; return whether there was one.

        Run once the youth is chosen: a new youth must be described fully.
        """
        data = self.cleaned_data
        try:
            actions.check_call(
                received_at=data["received_at"],
                reporter_type=data["reporter_type"],
                narrative=data["narrative"],
            )
            if new_youth:
                actions.check_new_youth(self.new_youth_fields())
        except InputError as error:
            name = FORM_FIELD.get(error.field or "", error.field)
            self.add_error(name if name in self.fields else None, error.message)
            return True
        return False


class DispositionForm(KeyedForm):
    """Screened in, or referred to the District Attorney's office with what was shared and why."""

    disposition = forms.ChoiceField(
        choices=[
            ("screened_in", "Screened in for child welfare intervention"),
            ("referred_da", "Referred to the District Attorney's office"),
        ],
        widget=forms.RadioSelect,
    )
    at = LocalDateTimeField(label="When it was decided")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    organization = forms.CharField(
        label="District Attorney's office (for a referral)", max_length=200, required=False
    )
    contact = forms.CharField(label="Contact person and number", max_length=200, required=False)
    information_shared = forms.CharField(
        label="What information was shared",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    shared_with = forms.CharField(
        label="Shared with (name and role)", max_length=200, required=False
    )
    basis = forms.CharField(label="Basis for sharing", max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    REFERRAL_FIELDS = ("organization", "contact", "information_shared", "shared_with", "basis")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("disposition") == "referred_da":
            for name in ("organization", "information_shared", "shared_with", "basis"):
                if not cleaned.get(name, "").strip():
                    self.add_error(name, "Needed for a referral to the District Attorney's office.")
        return cleaned

    def referral(self) -> dict[str, Any] | None:
        """Return the referral's fields when the report is referred to the DA."""
        if self.cleaned_data["disposition"] != "referred_da":
            return None
        fields = {name: self.cleaned_data[name] for name in self.REFERRAL_FIELDS}
        return {**fields, "idempotency_key": self.cleaned_data["idempotency_key"]}
