"""The signed-in person's notifications."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.notifications import actions, queries


@login_required
@require_GET
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    """List the person's notifications, unread first in time order."""
    page = Paginator(queries.notifications_for(request.user), settings.SAFEHARBOR_PAGE_SIZE)
    return render(
        request, "notifications/inbox.html", {"page": page.get_page(request.GET.get("page"))}
    )


@login_required
@require_POST
def open_notification(request: AuthenticatedRequest, notification_pk: int) -> HttpResponse:
    """Mark a notification read and follow its link."""
    notification = queries.get_notification(actor=request.user, pk=notification_pk)
    actions.mark_read(actor=request.user, notification_id=notification_pk)
    target = notification.shown_link
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")
