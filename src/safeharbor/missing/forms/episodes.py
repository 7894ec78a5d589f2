"""The episode form: what is known when a youth goes missing, and its corrections later; the
description of the youth carries over from their last episode."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils import timezone

from safeharbor.cases.models import Placement
from safeharbor.domain.missing_episode import ABSENCE_CHOICES, EYE_CHOICES, RISK_ANSWERS, RISKS
from safeharbor.missing.forms._fields import area, now_minute
from safeharbor.missing.models import MissingEpisode
from safeharbor.ui.forms import LocalDateTimeField, WordingChecked, new_key


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

    absence_kind = forms.ChoiceField(
        label="What kind of absence is it?",
        choices=[("", "Choose"), *ABSENCE_CHOICES],
        help_text="Law enforcement and NCMEC ask this first.",
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
        widget=area(4),
        required=False,
        max_length=10_000,
        help_text="What happened before the youth left, and anything said about where they went.",
    )
    risk_notes = forms.CharField(
        label="Other risk information", widget=area(), required=False, max_length=10_000
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
        widget=area(2),
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
                label="Details", widget=area(2), required=False, max_length=2000
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
    "absence_kind",
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
