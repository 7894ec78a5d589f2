"""Pieces the missing forms share: a text area sized for a note, and now to the minute."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone


def area(rows: int = 3) -> forms.Textarea:
    """Return a text area of ``rows`` lines that grows with its text."""
    return forms.Textarea(attrs={"rows": rows, "class": "height-auto"})


def now_minute() -> dt.datetime:
    """Return now in the agency's zone, to the minute (what a time field starts from)."""
    return timezone.localtime().replace(second=0, microsecond=0)
