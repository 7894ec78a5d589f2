"""Countdowns shown beside a due time, in words a caseworker reads at a glance."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


def _span(delta: dt.timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    if minutes >= 48 * 60:  # days only once the clock is longer than the 24-hour ones
        days, rest = divmod(minutes, 24 * 60)
        return f"{days} d {rest // 60} h"
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


@register.filter
def countdown(remaining: dt.timedelta) -> str:
    """Return "due in 5 h 12 min" or "overdue by 2 h 3 min" for a time left."""
    if remaining.total_seconds() >= 0:
        return f"due in {_span(remaining)}"
    return f"overdue by {_span(remaining)}"
