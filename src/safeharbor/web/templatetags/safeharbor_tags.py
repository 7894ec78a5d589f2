"""Template filters available on every page (registered as a builtin in settings)."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def age_today(youth: object, today: dt.date) -> int | str:
    """Return a youth's age on ``today``, or an empty string for anything else."""
    age_on = getattr(youth, "age_on", None)
    return age_on(today) if age_on else ""
