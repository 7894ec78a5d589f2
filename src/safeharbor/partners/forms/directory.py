"""The service directory's form: a community agency, its districts and the needs it meets."""

from __future__ import annotations

from typing import Any

from django import forms

from safeharbor.accounts.models import District
from safeharbor.partners.models import AGENCY_FIELDS, NEED_CHOICES, ServiceAgency
from safeharbor.ui.forms import WordingChecked


class ServiceAgencyForm(WordingChecked):
    """An agency in the service directory."""

    checked_fields = ("services", "eligibility")

    name = forms.CharField(max_length=200)
    districts = forms.ModelMultipleChoiceField(
        label="Districts served",
        queryset=District.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.MultipleChoiceField(
        label="Needs it meets",
        choices=NEED_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sexual_assault_support = forms.BooleanField(
        label="Provides sexual assault support services", required=False
    )
    services = forms.CharField(
        label="What the agency does", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    phone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)
    address = forms.CharField(label="Office address", max_length=300, required=False)
    contact_person = forms.CharField(max_length=120, required=False)
    languages = forms.CharField(max_length=200, initial="English")
    eligibility = forms.CharField(
        label="Who may be served",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Ages, area, any criteria. Never cooperation with an investigation (seed 001).",
    )
    active = forms.BooleanField(
        label="In the directory (offered for referrals)", required=False, initial=True
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_from(agency: ServiceAgency | None) -> dict[str, Any]:
        """Return the starting values: the agency's own, or those of a new entry."""
        if agency is None:
            return {"active": True, "languages": "English"}
        initial = {name: getattr(agency, name) for name in AGENCY_FIELDS}
        return initial | {"districts": list(agency.districts.all()), "version": agency.version}

    def values(self) -> dict[str, Any]:
        """Return the fields ``save_service_agency`` takes (without districts)."""
        return {name: self.cleaned_data[name] for name in AGENCY_FIELDS}
