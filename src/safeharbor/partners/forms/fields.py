"""Typed access to a form's choice fields, to set their choices or queryset per page."""

from __future__ import annotations

from typing import Any, cast

from django import forms


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """Return the choice field ``name`` of ``form``, to set its choices for this page."""
    return cast(forms.ChoiceField, form.fields[name])


def model_choice_field(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    """Return the model choice field ``name`` of ``form``, to set its queryset for this page."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])
