"""The screening form, built from the instrument definition: one question per indicator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from safeharbor.domain.language import Finding, check_text
from safeharbor.domain.screening import Answer, AnswerSource, AnswerValue, Indicator, Instrument
from safeharbor.screenings.models import OCCASION_CHOICES

VALUE_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Unknown")]
SOURCE_CHOICES = [
    ("", "Source (optional)"),
    (AnswerSource.YOUTH_DISCLOSURE.value, "Youth disclosure"),
    (AnswerSource.WORKER_OBSERVATION.value, "Worker observation"),
    (AnswerSource.RECORDS.value, "Records"),
    (AnswerSource.COLLATERAL_CONTACT.value, "Collateral contact"),
]


@dataclass(frozen=True)
class QuestionFields:
    """The three bound fields of one indicator, for the template."""

    indicator: Indicator
    value: forms.BoundField
    source: forms.BoundField
    note: forms.BoundField


class ScreeningForm(forms.Form):
    """Answers (yes / no / unknown, source, note) for every indicator of one instrument."""

    as_of = forms.DateField(
        label="Date of the screening",
        help_text="The day the answers describe; usually today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occasion = forms.ChoiceField(label="Why the youth is being screened", choices=OCCASION_CHOICES)
    keep_wording = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.language_findings: dict[str, list[Finding]] = {}
        for indicator in instrument.indicators:
            key = indicator.id
            self.fields[key] = forms.ChoiceField(
                label=indicator.question,
                choices=VALUE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                help_text=indicator.help,
            )
            self.fields[f"{key}__source"] = forms.ChoiceField(
                label="Where this answer comes from", choices=SOURCE_CHOICES, required=False
            )
            self.fields[f"{key}__note"] = forms.CharField(
                label="Note",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def sections(self) -> list[tuple[Any, list[QuestionFields]]]:
        """Return (tier, questions) pairs, highest tier first, for the template."""
        return [
            (section.tier, [self._question(i) for i in section.indicators])
            for section in self.instrument.sections()
        ]

    def _question(self, indicator: Indicator) -> QuestionFields:
        key = indicator.id
        return QuestionFields(indicator, self[key], self[f"{key}__source"], self[f"{key}__note"])

    def clean_as_of(self) -> dt.date:
        as_of: dt.date = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise forms.ValidationError("The screening date cannot be in the future.")
        return as_of

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for indicator in self.instrument.indicators:
            key = indicator.id
            if not cleaned.get(key) and (
                cleaned.get(f"{key}__source") or cleaned.get(f"{key}__note")
            ):
                self.add_error(key, "Answer yes, no or unknown before giving a source or a note.")
            findings = check_text(cleaned.get(f"{key}__note") or "")
            if findings:
                self.language_findings[key] = findings
        if self.language_findings and not cleaned.get("keep_wording"):
            raise forms.ValidationError(
                "Some notes use words that describe the youth as an offender. Use the suggested "
                "wording, or keep yours if you are quoting someone.",
                code="language",
            )
        return cleaned

    def answers(self) -> dict[str, Answer]:
        """Return the answers given, as the domain reads them (unanswered ones are left out)."""
        answers = {}
        for indicator in self.instrument.indicators:
            key = indicator.id
            value = self.cleaned_data.get(key)
            if not value:
                continue
            source = self.cleaned_data.get(f"{key}__source")
            answers[key] = Answer(
                AnswerValue(value),
                AnswerSource(source) if source else None,
                (self.cleaned_data.get(f"{key}__note") or "").strip(),
            )
        return answers


class OverrideForm(forms.Form):
    """Change the tier by professional judgement, with a written reason."""

    tier = forms.ChoiceField(label="Tier")
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="What you know that the instrument did not capture. Lowering the tier needs "
        "the supervisor's approval.",
    )

    def __init__(self, *args: Any, tiers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [("", "Choose a tier"), *tiers]


class OverrideDecisionForm(forms.Form):
    """A supervisor's approval or refusal of a lowered tier, with a reason."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve the lower tier"), ("refuse", "Refuse: keep the tier")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
