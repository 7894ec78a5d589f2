"""The agency's thresholds for the chronic-runaway and same-placement flags."""

from __future__ import annotations

from typing import Any

from django import forms

from safeharbor.domain.errors import InputError
from safeharbor.domain.missing_patterns import PatternPolicy, policy_keys


class PatternPolicyForm(forms.Form):
    """The agency's thresholds for the chronic-runaway and same-placement flags."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    chronic_episodes = forms.IntegerField(
        label="A youth is a high-risk chronic runaway after this many episodes",
        help_text="Default 3 (seed 001, High-Risk Victims Model).",
    )
    chronic_months = forms.IntegerField(
        label="… within this many months", help_text="Default 12, counted back from each episode."
    )
    same_placement_hours = forms.FloatField(
        label="Youth missing from the same placement within this many hours are flagged",
        help_text="Default 72 hours (seed 004: recruitment in group homes).",
        widget=forms.NumberInput(attrs={"step": "any"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        values = {key: cleaned[key] for key in policy_keys() if key in cleaned}
        if len(values) == len(policy_keys()):
            try:
                PatternPolicy.from_mapping(values)
            except InputError as error:
                words = error.message.split(": ", 1)[-1]
                self.add_error(error.field if error.field in self.fields else None, words)
        return cleaned
