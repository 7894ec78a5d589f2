"""Needs forms (SPEC §6): the assessment, the youth's own priorities first; one need's plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from safeharbor.domain.needs import CATALOGUE, UNCONDITIONAL
from safeharbor.partners.models import NEED_CHOICES, NEED_STATUS_CHOICES
from safeharbor.partners.queries import NeedsPlan
from safeharbor.ui.forms import WordingChecked

PRIORITY_CHOICES = [("", "Not said"), *NEED_CHOICES]


class NeedsAssessmentForm(WordingChecked):
    """The youth's own priorities first, then each need of SPEC §6 with its plan."""

    assessed_on = forms.DateField(
        label="Date of the conversation", widget=forms.DateInput(attrs={"type": "date"})
    )
    youth_took_part = forms.BooleanField(
        label="The youth took part in this assessment", required=False, initial=True
    )
    priority_1 = forms.ChoiceField(
        label="What the youth needs most", choices=PRIORITY_CHOICES, required=False
    )
    priority_2 = forms.ChoiceField(label="Second", choices=PRIORITY_CHOICES, required=False)
    priority_3 = forms.ChoiceField(label="Third", choices=PRIORITY_CHOICES, required=False)
    in_youth_words = forms.CharField(
        label="In the youth's own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    unconditional = UNCONDITIONAL

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in CATALOGUE:
            self.fields[f"need_{kind.id}"] = forms.BooleanField(label=kind.label, required=False)
            self.fields[f"plan_{kind.id}"] = forms.CharField(
                label=f"Plan for {kind.label.lower()}",
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
                required=False,
            )

    def fields_to_check(self) -> list[str]:
        """Return the youth's own words and every need's plan."""
        return ["in_youth_words", *(f"plan_{kind.id}" for kind in CATALOGUE)]

    @staticmethod
    def initial_from(plan: NeedsPlan | None, today: dt.date) -> dict[str, Any]:
        """Return the starting values: today, and the needs already on the plan with theirs."""
        initial: dict[str, Any] = {"assessed_on": today, "youth_took_part": True}
        for need in plan.needs if plan else []:
            initial[f"need_{need.kind}"] = True
            initial[f"plan_{need.kind}"] = need.plan
        return initial

    def clean_assessed_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The assessment cannot be dated in the future.")
        return day

    def rows(self) -> list[tuple[Any, Any, Any]]:
        """Return (catalogue entry, tick, plan) rows in catalogue order, for the template."""
        return [(kind, self[f"need_{kind.id}"], self[f"plan_{kind.id}"]) for kind in CATALOGUE]

    def priorities(self) -> list[str]:
        """Return the youth's priorities given, first to last."""
        values = [self.cleaned_data.get(f"priority_{n}") for n in (1, 2, 3)]
        return [value for value in values if value]

    def plans(self) -> dict[str, str]:
        """Return the needs ticked, with their plans."""
        return {
            kind.id: self.cleaned_data.get(f"plan_{kind.id}", "")
            for kind in CATALOGUE
            if self.cleaned_data.get(f"need_{kind.id}")
        }


class NeedForm(WordingChecked):
    """A need's plan and status."""

    checked_fields = ("plan",)

    plan = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    status = forms.ChoiceField(choices=NEED_STATUS_CHOICES)
    version = forms.IntegerField(widget=forms.HiddenInput)
