"""Forms for missing episodes: the episode, its reports, the search, the return, the debrief, and
the agency's pattern thresholds. Times are typed in the agency's zone; free text is checked for
words that describe a youth as an offender (SPEC §2, ``domain.language``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.utils import timezone

from safeharbor.cases.models import Placement
from safeharbor.domain.errors import InputError
from safeharbor.domain.missing_episode import EYE_CHOICES, RISK_ANSWERS, RISKS
from safeharbor.domain.missing_patterns import PatternPolicy, policy_keys
from safeharbor.domain.return_debrief import (
    PARTICIPATION,
    QUESTIONS,
    REQUIRED_WHEN_TAKING_PART,
    Part,
)
from safeharbor.missing.models import MissingEpisode
from safeharbor.obligations.forms import AmendmentReason
from safeharbor.obligations.models import METHOD_CHOICES, LegalReport
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField, WordingChecked, new_key

if TYPE_CHECKING:
    from safeharbor.missing.queries import EpisodeRecord

NCMEC_NAME = "National Center for Missing & Exploited Children (NCMEC)"


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "height-auto"})


def risk_names() -> list[tuple[str, str, str]]:
    """Return (answer field, detail field, words) for each risk."""
    return [(f"risk_{name}", f"risk_{name}_detail", words) for name, words in RISKS]


class EpisodeForm(WordingChecked):
    """What is known when a youth goes missing; the same form corrects it later."""

    checked_fields = (
        "circumstances",
        "risk_notes",
        "marks",
        *(detail for _, detail, _ in risk_names()),
    )

    last_seen_at = LocalDateTimeField(label="When the youth was last seen")
    last_seen_where = forms.CharField(
        label="Where the youth was last seen",
        max_length=200,
        help_text="Write “not known” if nobody knows.",
    )
    last_seen_with = forms.CharField(label="Who the youth was with", max_length=200, required=False)
    learned_at = LocalDateTimeField(
        label="When the agency learned the youth was missing",
        help_text="In the agency's time zone. This starts the 24-hour law-enforcement and "
        "NCMEC report clocks.",
    )
    placement = forms.ChoiceField(label="The placement the youth left", required=False)
    circumstances = forms.CharField(
        label="Circumstances",
        widget=_area(4),
        required=False,
        max_length=10_000,
        help_text="What happened before the youth left, and anything said about where they went.",
    )
    risk_notes = forms.CharField(
        label="Other risk information", widget=_area(), required=False, max_length=10_000
    )
    height_feet = forms.IntegerField(label="Height: feet", min_value=1, max_value=8, required=False)
    height_more_inches = forms.IntegerField(
        label="Height: inches", min_value=0, max_value=11, required=False
    )
    weight_pounds = forms.IntegerField(
        label="Weight (pounds)", min_value=1, max_value=700, required=False
    )
    hair = forms.CharField(
        label="Hair", max_length=80, required=False, help_text="Colour, length and style."
    )
    eyes = forms.ChoiceField(label="Eyes", choices=EYE_CHOICES, required=False)
    marks = forms.CharField(
        label="Scars, marks, tattoos",
        widget=_area(2),
        required=False,
        max_length=2000,
        help_text="Also piercings, glasses, braces: what would help someone recognise the youth.",
    )
    clothing = forms.CharField(label="Clothing when last seen", max_length=300, required=False)
    photo_reference = forms.CharField(
        label="Current photo",
        max_length=200,
        required=False,
        help_text="Where the current photo is kept (file or document number).",
    )

    def __init__(
        self, *args: Any, placements: Sequence[Placement], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.placements = {str(p.pk): p for p in placements}
        choices = [(pk, placement_words(p)) for pk, p in self.placements.items()]
        cast(forms.ChoiceField, self.fields["placement"]).choices = [
            ("", "Not from a placement"),
            *choices,
        ]
        for answer, detail, words in risk_names():
            self.fields[answer] = forms.ChoiceField(
                label=words, choices=RISK_ANSWERS, widget=forms.RadioSelect, initial="unknown"
            )
            self.fields[detail] = forms.CharField(
                label="Details", widget=_area(2), required=False, max_length=2000
            )
        if editing:
            del self.fields["learned_at"]
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        else:
            self.fields["idempotency_key"] = forms.CharField(
                widget=forms.HiddenInput, max_length=64
            )

    def clean_placement(self) -> Placement | None:
        """Return the placement chosen (one of the youth's), or None."""
        return self.placements.get(self.cleaned_data["placement"])

    def risk_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Return (answer, detail) bound fields per risk, for the template."""
        return [(self[answer], self[detail]) for answer, detail, _ in risk_names()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.not_future("last_seen_at")
        self.not_future("learned_at")
        seen, learned = cleaned.get("last_seen_at"), cleaned.get("learned_at")
        if seen and learned and learned < seen:
            self.add_error(
                "learned_at", "The agency cannot have learned of it before the youth was last seen."
            )
        feet, inches = cleaned.get("height_feet"), cleaned.get("height_more_inches")
        if inches is not None and feet is None:
            self.add_error("height_feet", "Give the feet as well as the inches.")
        return cleaned

    def recorded(self) -> dict[str, Any]:
        """Return what ``record_missing`` and ``update_missing_details`` take from the form (its
        key and version aside): the times, the placement left, the description."""
        data = self.cleaned_data
        fields = {
            "last_seen_at": data["last_seen_at"],
            "placement": data["placement"],
            **self.details(),
        }
        if not self.editing:
            fields["learned_at"] = data["learned_at"]
        return fields

    def details(self) -> dict[str, Any]:
        """Return the description fields as ``record_missing`` takes them."""
        data = self.cleaned_data
        feet, inches = data.get("height_feet"), data.get("height_more_inches") or 0
        details = {name: data.get(name) for name in DESCRIBED}
        details["eyes"] = details["eyes"] or ""
        details["height_inches"] = feet * 12 + inches if feet else None
        for answer, detail, _ in risk_names():
            details[answer] = data[answer]
            details[detail] = data.get(detail) or ""
        return details


def placement_words(placement: Placement) -> str:
    """Return a placement in words for a choice (never the protected address)."""
    current = " (current)" if placement.end_date is None else ""
    return (
        f"{placement.get_placement_type_display()} since {placement.start_date:%b %d, %Y}{current}"
    )


DESCRIBED = (
    "last_seen_where",
    "last_seen_with",
    "circumstances",
    "risk_notes",
    "hair",
    "eyes",
    "marks",
    "clothing",
    "photo_reference",
    "weight_pounds",
)
# What carries over from the youth's last episode to a new one: how they look, not what happened.
DESCRIPTION_FIELDS = ("hair", "eyes", "marks", "photo_reference", "weight_pounds")


def episode_initial(episode: MissingEpisode, placement: str) -> dict[str, Any]:
    """Return a form's initial values from an episode (to correct it, or to pre-fill a new one)."""
    initial = {name: getattr(episode, name) for name in DESCRIBED}
    if episode.height_inches:
        initial["height_feet"], initial["height_more_inches"] = divmod(episode.height_inches, 12)
    for answer, detail, _ in risk_names():
        initial[answer] = getattr(episode, answer)
        initial[detail] = getattr(episode, detail)
    initial["placement"] = placement
    return initial


def correction_initial(episode: MissingEpisode) -> dict[str, Any]:
    """Return the correction form's initial values: the episode as it stands, and its version."""
    initial = episode_initial(episode, str(episode.placement_id or ""))
    initial.update(last_seen_at=timezone.localtime(episode.last_seen_at), version=episode.version)
    return initial


def new_episode_initial(
    *, placements: Sequence[Placement], last: MissingEpisode | None, photo_reference: str
) -> dict[str, Any]:
    """Pre-fill a new episode: now, the current placement, the last episode's description."""
    current = next((p for p in placements if p.end_date is None), None)
    placement = str(current.pk) if current else ""
    initial: dict[str, Any] = {"learned_at": now_minute(), "placement": placement}
    if last is not None:
        carried = episode_initial(last, placement)
        initial.update({k: carried[k] for k in DESCRIPTION_FIELDS})
        initial.update({k: v for k, v in carried.items() if k.startswith("height_")})
    initial["photo_reference"] = initial.get("photo_reference") or photo_reference
    initial["idempotency_key"] = new_key()
    return initial


def now_minute() -> dt.datetime:
    """Return now in the agency's zone, to the minute (what a time field starts from)."""
    return timezone.localtime().replace(second=0, microsecond=0)


class _ReportFields(WordingChecked, KeyedForm):
    checked_fields = ("notes",)
    recipient: ClassVar[str]

    method = forms.ChoiceField(label="How it was reported", choices=METHOD_CHOICES)
    reported_at = LocalDateTimeField(label="When it was reported")
    reported_by_name = forms.CharField(
        label="Reported by",
        max_length=200,
        required=False,
        help_text="Who made the report; leave as is if it was you.",
    )
    notes = forms.CharField(widget=_area(2), required=False, max_length=4000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.not_future("reported_at")
        return cleaned


class LawEnforcementReportForm(_ReportFields):
    """The report to law enforcement, for the NCIC entry (42 U.S.C. 671(a)(35)(B))."""

    recipient = "law_enforcement"
    agency_name = forms.CharField(label="Law-enforcement agency", max_length=200)
    officer = forms.CharField(label="Officer who took the report", max_length=200, required=False)
    reference_number = forms.CharField(label="Report number", max_length=80, required=False)
    ncic_number = forms.CharField(
        label="NCIC number",
        max_length=40,
        required=False,
        help_text="If the officer gave one. A report number or an NCIC number is needed.",
    )
    contact = forms.CharField(label="Contact number", max_length=200, required=False)

    field_order = [
        "agency_name",
        "officer",
        "reference_number",
        "ncic_number",
        "method",
        "reported_at",
        "reported_by_name",
        "contact",
        "notes",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("reference_number") or cleaned.get("ncic_number")) and not (
            self.has_error("reference_number") or self.has_error("ncic_number")
        ):
            self.add_error("reference_number", "Enter the report number or the NCIC number.")
        return cleaned


class NcmecReportForm(_ReportFields):
    """The report to NCMEC (42 U.S.C. 671(a)(35)(B); seed 004: 1-800-THE-LOST)."""

    recipient = "ncmec"
    reference_number = forms.CharField(label="NCMEC case number", max_length=80)
    contact = forms.CharField(label="NCMEC contact", max_length=200, required=False)

    field_order = [
        "reference_number",
        "method",
        "reported_at",
        "reported_by_name",
        "contact",
        "notes",
    ]


REPORT_FORMS: dict[str, type[_ReportFields]] = {
    "law_enforcement": LawEnforcementReportForm,
    "ncmec": NcmecReportForm,
}


def report_fields(form: _ReportFields) -> dict[str, Any]:
    """Return what ``record_legal_report`` takes from a valid report form."""
    data = dict(form.cleaned_data)
    data.pop("amendment_reason", None)
    if form.recipient == "ncmec":
        data["agency_name"] = NCMEC_NAME
    return data


def amendment_form(recipient: str, *args: Any, **kwargs: Any) -> _ReportFields:
    """Return the report form of ``recipient`` with the reason for the correction."""
    base = REPORT_FORMS[recipient]

    # mypy cannot follow a base class chosen at run time; both bases are plain forms.
    class AmendmentForm(AmendmentReason, base):  # type: ignore[valid-type,misc]
        checked_fields = ("notes", "amendment_reason")

    return AmendmentForm(*args, **kwargs)


class LocateEffortForm(WordingChecked, KeyedForm):
    """One effort to find the youth: when, who, what, the result."""

    checked_fields = ("effort", "result")

    made_at = LocalDateTimeField(label="When")
    made_by = forms.CharField(label="Who", max_length=200)
    effort = forms.CharField(label="What was done", widget=_area(2), max_length=4000)
    result = forms.CharField(label="Result", widget=_area(2), required=False, max_length=4000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.not_future("made_at")
        return cleaned


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
                widget=_area(3 if question.part is Part.WITH_YOUTH else 2),
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
