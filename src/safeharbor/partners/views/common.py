"""What every partners page shares: the status of a page with a form, a message after a redirect."""

from __future__ import annotations

from django import forms
from django.contrib import messages

from safeharbor.accounts.http import AuthenticatedRequest


def form_status(form: forms.Form | None) -> int:
    """Return 400 when the page shows a bound form's errors, else 200."""
    return 400 if form is not None and form.is_bound and form.errors else 200


def tell(request: AuthenticatedRequest, form: forms.Form, done: object, success: str) -> None:
    """Say on the next page that the action was done, or why it was refused (its first error)."""
    if done is not None:
        messages.success(request, success)
    else:
        messages.error(request, next(str(m) for errors in form.errors.values() for m in errors))
