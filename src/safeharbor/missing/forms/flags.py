"""The response to a pattern flag: a plan in words, or a team meeting scheduled from it."""

from __future__ import annotations

from typing import Any

from django import forms

from safeharbor.missing.models import RESPONSE_CHOICES
from safeharbor.ui.forms import KeyedForm, WordingChecked


class FlagResponseForm(KeyedForm, WordingChecked):
    """How the flag is answered; a plan's words are checked (SPEC §2)."""

    checked_fields = ("plan",)

    how = forms.ChoiceField(
        label="How you respond", choices=RESPONSE_CHOICES, widget=forms.RadioSelect
    )
    plan = forms.CharField(
        label="The plan",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For a plan: who does what, by when. A meeting is scheduled on its own page.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("how") == "plan" and not str(cleaned.get("plan") or "").strip():
            self.add_error("plan", "Write the plan: who does what, by when.")
        return cleaned
