"""Forms for out-of-home care: the removal, a placement, the exit (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from safeharbor.cases.care_models import CHOOSABLE_REASONS, EXIT_REASON_CHOICES
from safeharbor.cases.models import PLACEMENT_TYPE_CHOICES
from safeharbor.ui.forms import KeyedForm


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """Return a calendar-day field that refuses impossible dates with a plain message."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, for example 2026-03-14."},
    )


class NotFutureDates(forms.Form):
    """Puts "cannot be in the future" beside any date field in ``past_dates``."""

    past_dates: tuple[str, ...] = ()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        today = timezone.localdate()
        for name in self.past_dates:
            day = cleaned.get(name)
            if isinstance(day, dt.date) and day > today:
                self.add_error(name, "This cannot be in the future: record it once it happened.")
        return cleaned


class RemovalForm(NotFutureDates, KeyedForm):
    """The day the youth was removed into out-of-home care, and why."""

    past_dates = ("removal_date",)
    removal_date = date_field("Date of removal")
    reasons = forms.MultipleChoiceField(
        label="Reasons for the removal",
        choices=CHOOSABLE_REASONS,
        help_text="All that apply. Runaway and whereabouts unknown exclude each other.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one reason for the removal."},
    )


class PlacementForm(NotFutureDates, KeyedForm):
    """A placement within the episode: type, dates, and the protected provider and address."""

    past_dates = ("start_date", "end_date")
    placement_type = forms.ChoiceField(label="Type of placement", choices=PLACEMENT_TYPE_CHOICES)
    start_date = date_field("Start date")
    end_date = date_field(
        "End date",
        required=False,
        help_text="Leave empty for the youth's current placement; it ends the previous one.",
    )
    provider_name = forms.CharField(
        label="Provider", max_length=160, required=False, help_text="Protected: shown on request."
    )
    address = forms.CharField(
        label="Address",
        max_length=500,
        required=False,
        help_text="Protected: only the assigned worker, their supervisor and those granted see it.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "A placement cannot end before it starts.")
        return cleaned


class ExitForm(NotFutureDates, forms.Form):
    """The day the youth left out-of-home care, and why; carries the version seen."""

    past_dates = ("exit_date",)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    exit_date = date_field("Date the youth left care")
    exit_reason = forms.ChoiceField(
        label="Why the youth left care",
        choices=[("", "Choose a reason"), *EXIT_REASON_CHOICES],
        help_text="Running away is not an exit: record it as a missing episode.",
    )
