"""Template filters available on every page (registered as a builtin in settings)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.forms import BoundField

from safeharbor.accounts.models import ROLE_CHOICES

register = template.Library()


@register.filter
def age_today(youth: object, today: dt.date) -> int | str:
    """Return a youth's age on ``today``, or an empty string for anything else."""
    age_on = getattr(youth, "age_on", None)
    return age_on(today) if age_on else ""


_WIDGET_CLASSES = {
    "Select": "usa-select",
    "SelectMultiple": "usa-select",
    "Textarea": "usa-textarea",
    "CheckboxInput": "usa-checkbox__input",
}


@register.filter
def uswds(field: BoundField) -> str:
    """Render a form field's widget with the design system's class and its hint/error ids."""
    widget = field.field.widget
    css = _WIDGET_CLASSES.get(type(widget).__name__, "usa-input")
    if field.errors and css in ("usa-input", "usa-textarea", "usa-select"):
        css += f" {css}--error"
    described = [f"{field.id_for_label}-hint"] if field.help_text else []
    described += [f"{field.id_for_label}-error"] if field.errors else []
    attrs: dict[str, str | bool] = {"class": f"{css} {widget.attrs.get('class', '')}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def role_words(role: str) -> str:
    """Return a staff role in words ("Program administrator"), as the audit list shows it."""
    return dict(ROLE_CHOICES).get(role, role)
