"""The request type of every signed-in page, so a view passes a ``User`` as ``actor``, typed."""

from __future__ import annotations

from django.http import HttpRequest

from safeharbor.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: ``request.user`` is a staff member, never anonymous.

    Only a type: Django builds the request. Every view that needs a signed-in person is decorated
    with ``login_required`` (tests/web/test_url_walk.py proves anonymous visitors are sent to
    sign in), so the annotation states what the decorator guarantees.
    """

    user: User
