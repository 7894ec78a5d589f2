"""The screening form, built from the instrument definition: one question per indicator.

Its notes are checked for words that describe a youth as an offender (SPEC §2) when the
screening is saved; the live result scores what the form holds while the worker types.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone

from safeharbor.cases.victim_status_models import KIND_CHOICES, TIMING_CHOICES
from safeharbor.cases.victim_status_models import SOURCE_CHOICES as ALL_SOURCE_CHOICES
from safeharbor.cases.victim_status_models import STATUS_CHOICES as DETERMINATION_STATUS_CHOICES
from safeharbor.domain.errors import InputError
from safeharbor.domain.language import Finding
from safeharbor.domain.screening import (
    Answer,
    AnswerSource,
    AnswerValue,
    Indicator,
    Instrument,
    MissingEpisode,
    ScreeningResult,
    score,
)
from safeharbor.domain.screening.stored import episodes_on
from safeharbor.screenings.models import OCCASION_CHOICES
from safeharbor.ui.forms import SKEW, KeyedForm, LocalDateTimeField, WordingChecked

# A determination recorded from the youth's page comes from anywhere but a screening: a
# confirmed screening's is confirmed from its result page.
OTHER_SOURCE_CHOICES = [c for c in ALL_SOURCE_CHOICES if c[0] != "confirmed_screening"]

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


class ScreeningForm(WordingChecked):
    """Answers (yes / no / unknown, source, note) for every indicator of one instrument."""

    as_of = forms.DateField(
        label="Date of the screening",
        help_text="The day the answers describe; usually today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occasion = forms.ChoiceField(label="Why the youth is being screened", choices=OCCASION_CHOICES)
    interviewed_at = LocalDateTimeField(
        label="When the interview took place",
        required=False,
        help_text="In the agency's time zone; the protocol's clocks start here (now if left "
        "empty).",
    )

    @classmethod
    def live(cls, data: QueryDict, *, instrument: Instrument) -> ScreeningForm:
        """Return a posted form to score while the worker types: its wording is checked when
        the screening is saved, not on every change."""
        data = data.copy()
        form = cls(data, instrument=instrument)
        data[form.wording_name] = "mine"
        return form

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
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

    def clean_interviewed_at(self) -> dt.datetime:
        moment: dt.datetime | None = self.cleaned_data.get("interviewed_at")
        if moment is None:
            return timezone.now()
        if moment > timezone.now() + SKEW:
            raise forms.ValidationError("The interview cannot be in the future.")
        return moment

    def fields_to_check(self) -> list[str]:
        """Return the note fields: the free text of a screening."""
        return [f"{indicator.id}__note" for indicator in self.instrument.indicators]

    def findings_by_label(self) -> list[tuple[str, Finding]]:
        """Return (the note's question, finding) pairs: every note is labelled "Note"."""
        question = {f"{i.id}__note": i.question for i in self.instrument.indicators}
        return [
            (f"The note on “{question[name]}”", finding)
            for name, found in self.findings.items()
            for finding in found
        ]

    def clean(self) -> dict[str, Any]:
        for indicator in self.instrument.indicators:
            key = indicator.id
            if not self.cleaned_data.get(key) and (
                self.cleaned_data.get(f"{key}__source") or self.cleaned_data.get(f"{key}__note")
            ):
                self.add_error(key, "Answer yes, no or unknown before giving a source or a note.")
        return super().clean()

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

    def preview(
        self, episodes: list[MissingEpisode], fallback_day: dt.date
    ) -> ScreeningResult | None:
        """Score what the form holds now (nothing answered yet: as of ``fallback_day``), or
        return None if it cannot be scored."""
        if self.is_bound and not self.is_valid():
            return None
        as_of = self.cleaned_data["as_of"] if self.is_bound else fallback_day
        answers = self.answers() if self.is_bound else {}
        try:
            return score(self.instrument, answers, episodes_on(episodes, as_of), as_of)
        except InputError:
            return None


def episodes_field(episodes: list[MissingEpisode]) -> str:
    """Return the episodes the form is drawn with, for its hidden field (the live result)."""
    return json.dumps(
        [
            [e.reported_missing.isoformat(), e.returned.isoformat() if e.returned else None]
            for e in episodes
        ]
    )


def episodes_from_field(raw: str) -> list[MissingEpisode]:
    """Read the episodes the form was drawn with; anything malformed counts as none."""
    try:
        return [
            MissingEpisode(dt.date.fromisoformat(m), dt.date.fromisoformat(r) if r else None)
            for m, r in json.loads(raw)
        ]
    except (TypeError, ValueError):
        return []


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
        cast(forms.ChoiceField, self.fields["tier"]).choices = [("", "Choose a tier"), *tiers]


class OverrideDecisionForm(forms.Form):
    """A supervisor's approval or refusal of a lowered tier, with a reason."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve the lower tier"), ("refuse", "Refuse: keep the tier")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class VictimStatusForm(KeyedForm):
    """A determination (SPEC §7): kind, day identified, timing, and for one not from a
    screening, its source."""

    kind = forms.ChoiceField(label="Victim of", choices=KIND_CHOICES, widget=forms.RadioSelect)
    identified_on = forms.DateField(
        label="Day the agency identified the youth",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    timing = forms.ChoiceField(
        label="When it happened",
        choices=TIMING_CHOICES,
        widget=forms.RadioSelect,
        help_text="Before the youth entered the episode of care it was identified in (or "
        "outside care), or while in care.",
    )
    source = forms.ChoiceField(label="Identified by", choices=OTHER_SOURCE_CHOICES)
    source_detail = forms.CharField(
        label="Who, in a few words",
        required=False,
        max_length=200,
        help_text="The agency, officer or screening; no narrative.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, from_screening: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if from_screening:
            del self.fields["source"]

    def clean_identified_on(self) -> dt.date:
        """Refuse a day in the future (the day before birth is the action's check)."""
        day = cast(dt.date, self.cleaned_data["identified_on"])
        if day > timezone.localdate():
            raise forms.ValidationError("The day identified cannot be in the future.")
        return day

    def values(self) -> dict[str, Any]:
        """Return the determination's fields for the action."""
        names = ("kind", "identified_on", "timing", "source", "source_detail")
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class AmendVictimStatusForm(forms.Form):
    """A correction of a determination: the values as they should be, and why."""

    kind = forms.ChoiceField(label="Victim of", choices=KIND_CHOICES, widget=forms.RadioSelect)
    identified_on = forms.DateField(
        label="Day the agency identified the youth",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    timing = forms.ChoiceField(
        label="When it happened", choices=TIMING_CHOICES, widget=forms.RadioSelect
    )
    source = forms.ChoiceField(label="Identified by", choices=ALL_SOURCE_CHOICES)
    source_detail = forms.CharField(label="Who, in a few words", required=False, max_length=200)
    status = forms.ChoiceField(
        label="The determination",
        choices=DETERMINATION_STATUS_CHOICES,
        widget=forms.RadioSelect,
        help_text="Rescind it only when it was recorded in error; it stays on the record.",
    )
    reason = forms.CharField(
        label="Why it is corrected",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_identified_on(self) -> dt.date:
        """Refuse a day in the future."""
        day = cast(dt.date, self.cleaned_data["identified_on"])
        if day > timezone.localdate():
            raise forms.ValidationError("The day identified cannot be in the future.")
        return day

    def changes(self) -> dict[str, Any]:
        """Return the corrected values for the action."""
        names = ("kind", "identified_on", "timing", "source", "source_detail", "status")
        return {name: self.cleaned_data[name] for name in names}
