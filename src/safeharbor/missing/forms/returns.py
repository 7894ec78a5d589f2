"""The youth's return, and the return debrief that follows it (``domain.return_debrief``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from safeharbor.domain.return_debrief import (
    PARTICIPATION,
    QUESTIONS,
    REQUIRED_WHEN_TAKING_PART,
    Part,
)
from safeharbor.missing.forms._fields import area, now_minute
from safeharbor.obligations.models import LegalReport
from safeharbor.ui.forms import SKEW, LocalDateTimeField, WordingChecked

if TYPE_CHECKING:
    from safeharbor.missing.queries import EpisodeRecord


class FoundNoticeForm(forms.Form):
    """After the return: law enforcement or NCMEC told the youth is found, and when."""

    recipient = forms.ChoiceField(
        label="Who was told the youth is found",
        choices=[
            ("law_enforcement", "Law enforcement (so the NCIC entry is cleared)"),
            ("ncmec", "NCMEC (so its case closes)"),
        ],
        widget=forms.RadioSelect,
    )
    told_at = LocalDateTimeField(label="When they were told")

    def clean_told_at(self) -> Any:
        told_at = self.cleaned_data["told_at"]
        if told_at > timezone.now() + SKEW:
            raise forms.ValidationError("This cannot be in the future.")
        return told_at


class ReturnForm(WordingChecked):
    """The youth is back: when, where they were found, by whom."""

    returned_at = LocalDateTimeField(label="When the youth returned or was found")
    found_where = forms.CharField(label="Where the youth was found", max_length=200)
    found_by = forms.CharField(
        label="Found by, or how the youth came back",
        max_length=200,
        required=False,
        help_text="For example: police welfare check, came back on their own, a relative.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.not_future("returned_at")
        return cleaned


class DebriefForm(WordingChecked):
    """The return debrief (``domain.return_debrief``): relief and concern first, no pressing."""

    checked_fields = tuple(q.id for q in QUESTIONS)

    conducted_at = LocalDateTimeField(label="When the debrief took place")
    participation = forms.ChoiceField(
        label="Did the youth want to talk?", choices=PARTICIPATION, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.id] = forms.CharField(
                label=question.words,
                help_text=question.guidance,
                widget=area(3 if question.part is Part.WITH_YOUTH else 2),
                required=False,
                max_length=10_000,
            )

    def part(self, part: Part) -> list[forms.BoundField]:
        """Return the bound fields of one part, in order."""
        return [self[q.id] for q in QUESTIONS if q.part is part]

    def with_youth(self) -> list[forms.BoundField]:
        """Return the questions asked with the youth."""
        return self.part(Part.WITH_YOUTH)

    def review(self) -> list[forms.BoundField]:
        """Return the review questions (seed 000)."""
        return self.part(Part.REVIEW)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.not_future("conducted_at")
        if cleaned.get("participation") == "took_part":
            for name in REQUIRED_WHEN_TAKING_PART:
                if not (cleaned.get(name) or "").strip():
                    self.add_error(
                        name,
                        "Write what the youth said, or choose that they answered some questions "
                        "or did not want to talk now.",
                    )
        return cleaned

    def answers(self) -> dict[str, str]:
        """Return the answers by question id."""
        return {q.id: self.cleaned_data.get(q.id) or "" for q in QUESTIONS}


def debrief_initial(er: EpisodeRecord) -> dict[str, Any]:
    """Pre-fill the debrief: now, and the review questions the record already answers."""
    efforts = [
        f"{timezone.localtime(e.made_at):%b %d %I:%M %p}: {e.made_by}: {e.effort}"
        + (f" ({e.result})" if e.result else "")
        for e in reversed(er.efforts)
    ]
    reports = [_report_words(line.current) for line in er.report_lines] + [
        f"{s.label}: not recorded yet" for s in er.reports if s.report is None
    ]
    placement = er.episode.placement
    return {
        "conducted_at": now_minute(),
        "locate_efforts": "\n".join(efforts),
        "reports_made": "\n".join(reports),
        "placement_when_ran": placement.get_placement_type_display() if placement else "",
    }


def _report_words(report: LegalReport) -> str:
    when = f"{timezone.localtime(report.reported_at):%b %d %I:%M %p}"
    if report.recipient == "ncmec":
        return f"NCMEC: case number {report.reference_number}, reported {when}"
    numbers = ", ".join(
        part
        for part in (
            f"report number {report.reference_number}" if report.reference_number else "",
            f"NCIC {report.ncic_number}" if report.ncic_number else "",
        )
        if part
    )
    return f"Law enforcement: {report.agency_name}, reported {when}, {numbers}"
