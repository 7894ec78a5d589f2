"""Referral forms: to whom, why, what was shared with whom and on what basis; the status."""

from __future__ import annotations

from typing import Any

from django import forms

from safeharbor.cases.models import Youth
from safeharbor.obligations.models import METHOD_CHOICES
from safeharbor.partners.forms.fields import model_choice_field
from safeharbor.partners.models import (
    PURPOSE_CHOICES,
    REFERRAL_STATUS_CHOICES,
    REFERRED_TO_CHOICES,
    Need,
    ServiceAgency,
)
from safeharbor.partners.queries import agencies_for_referral
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField, WordingChecked


class ReferralForm(KeyedForm, WordingChecked):
    """A referral: to whom, why, what was shared with whom and on what basis."""

    checked_fields = ("information_shared",)

    referred_to = forms.ChoiceField(label="Referred to", choices=REFERRED_TO_CHOICES)
    purpose = forms.ChoiceField(label="Purpose", choices=[("", "Choose"), *PURPOSE_CHOICES])
    service_agency = forms.ModelChoiceField(
        label="Community agency (from the service directory)",
        queryset=ServiceAgency.objects.none(),
        required=False,
        empty_label="Choose an agency",
        help_text="For a referral to a community agency. Not listed? Ask an administrator.",
    )
    need = forms.ModelChoiceField(
        label="For which need (optional)",
        queryset=Need.objects.none(),
        required=False,
        empty_label="Not for one need",
    )
    organization = forms.CharField(
        label="Organization",
        max_length=200,
        required=False,
        help_text="Filled from the directory for a community agency.",
    )
    contact = forms.CharField(label="Contact person and number", max_length=200, required=False)
    made_at = LocalDateTimeField(label="When the referral was made")
    method = forms.ChoiceField(
        label="How it was made (law enforcement and DA: this is also the report)",
        choices=[("", "Choose"), *METHOD_CHOICES],
        required=False,
    )
    reference_number = forms.CharField(
        label="Reference number",
        max_length=80,
        required=False,
        help_text="Law enforcement: the report or NCIC number they gave.",
    )
    information_shared = forms.CharField(
        label="What information was shared",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    shared_with = forms.CharField(label="Shared with (name and role)", max_length=200)
    basis = forms.CharField(
        label="Basis for sharing",
        max_length=300,
        help_text="e.g. the agency's HTCSEC policy (seed 002 §VII.B), MDT protocol, court order.",
    )

    def __init__(self, *args: Any, youth: Youth, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "service_agency").queryset = agencies_for_referral(youth)
        model_choice_field(self, "need").queryset = youth.needs.all()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        to = cleaned.get("referred_to")
        if to == "community_agency" and not cleaned.get("service_agency"):
            self.add_error("service_agency", "Choose the agency from the service directory.")
        if to != "community_agency" and not (cleaned.get("organization") or "").strip():
            self.add_error("organization", "Name the organization the youth was referred to.")
        if to in ("law_enforcement", "district_attorney") and not cleaned.get("method"):
            self.add_error("method", "Say how the referral was made: it is also the report.")
        return cleaned

    def action_arguments(self) -> dict[str, Any]:
        """Return the arguments ``record_referral`` takes."""
        data = self.cleaned_data
        names = (
            "referred_to",
            "purpose",
            "service_agency",
            "need",
            "organization",
            "contact",
            "made_at",
            "method",
            "reference_number",
            "information_shared",
            "shared_with",
            "basis",
            "idempotency_key",
        )
        return {name: data.get(name) if data.get(name) is not None else "" for name in names} | {
            "service_agency": data.get("service_agency"),
            "need": data.get("need"),
        }


class ReferralStatusForm(WordingChecked):
    """Accepted, declined or completed, with the outcome."""

    checked_fields = ("outcome",)

    status = forms.ChoiceField(choices=REFERRAL_STATUS_CHOICES)
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
