"""Form plumbing every app shares: local times, keyed forms, the wording check, action errors.

Nothing here knows a record: an app's forms mix these in, and its views call ``run_action``
so a domain ``InputError`` lands beside the field it names and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.utils import timezone

from safeharbor.domain.errors import InputError
from safeharbor.domain.language import Finding, check_text, suggest

LOCAL_TIME_FORMAT = "%Y-%m-%dT%H:%M"
# A form filled on a clock a little ahead of the server's is not "in the future".
SKEW = dt.timedelta(minutes=5)

T = TypeVar("T")


class LocalDateTimeField(forms.DateTimeField):
    """A time typed in the agency's zone (``datetime-local``); stored as UTC by the ORM."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_TIME_FORMAT)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", [LOCAL_TIME_FORMAT, "%Y-%m-%d %H:%M"])
        kwargs.setdefault("help_text", "In the agency's time zone.")
        super().__init__(**kwargs)


def new_key() -> str:
    """Return a fresh idempotency key for a form that records something once."""
    return uuid.uuid4().hex


def add_input_error(form: forms.BaseForm, error: InputError) -> None:
    """Show a domain ``InputError`` beside the field it names, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def run_action(form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Return what ``call`` (an action) returns, or None when it refused the input.

    The refusal (``InputError``) is put on ``form`` beside its field, so the page shows it with
    everything the person typed. Actions called this way return a record, never None.
    """
    try:
        return call()
    except InputError as error:
        add_input_error(form, error)
        return None


class KeyedForm(forms.Form):
    """A form carrying the key that makes a double submission record one thing."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", new_key())
        super().__init__(*args, **kwargs)

    def add_input_error(self, error: InputError) -> None:
        """Show a domain ``InputError`` beside its field, or above the form."""
        add_input_error(self, error)


class WordingChecked(forms.Form):
    """A form whose free text is checked for harmful words before it is saved (SPEC §2).

    The person may take the suggested wording or keep theirs (they may be quoting someone);
    either way nothing they typed is lost. The choice comes from the button pressed
    (``<prefix>-wording``: ``suggested`` or ``mine``; ``ui/_wording.html``).
    """

    checked_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.findings: dict[str, list[Finding]] = {}

    def fields_to_check(self) -> list[str]:
        """Return the names of the free-text fields to check (``checked_fields`` by default)."""
        return list(self.checked_fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.findings = {
            name: found
            for name in self.fields_to_check()
            if (found := check_text(str(cleaned.get(name) or "")))
        }
        choice = self.data.get(self.wording_name, "")
        if self.findings and choice == "suggested":
            for name in self.findings:
                cleaned[name] = suggest(cleaned[name])
        elif self.findings and choice != "mine":
            raise forms.ValidationError(
                "Some words describe the youth as an offender. Use the suggested wording, or "
                "keep yours if you are quoting someone.",
                code="language",
            )
        return cleaned

    @property
    def wording_name(self) -> str:
        """Return the name the wording buttons submit under (the form's prefix applied)."""
        return self.add_prefix("wording")

    def findings_by_label(self) -> list[tuple[str, Finding]]:
        """Return (field label, finding) pairs for the page, in field order."""
        return [
            (str(self.fields[name].label or name), finding)
            for name, found in self.findings.items()
            for finding in found
        ]

    def add_input_error(self, error: InputError) -> None:
        """Show a domain ``InputError`` beside its field, or above the form."""
        add_input_error(self, error)

    def not_future(self, name: str) -> None:
        """Put "cannot be in the future" beside the time field ``name`` when it is."""
        moment = self.cleaned_data.get(name)
        if moment is not None and moment > timezone.now() + SKEW:
            self.add_error(name, "This cannot be in the future.")
