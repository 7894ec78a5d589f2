"""Youth record pages that are the base record's own: the address, the audit trail, the profile
edit, emergency access. The youth's page itself is composed above the apps (``web.youth``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.audit.catalogue import describe
from safeharbor.cases import queries
from safeharbor.cases.actions import (
    EMERGENCY_ROLES,
    EmergencyAccess,
    StaleEdit,
    request_emergency_access,
    review_emergency_access,
    update_youth,
)
from safeharbor.cases.forms import (
    PROFILE_LABELS,
    EmergencyRequestForm,
    EmergencyReviewForm,
    YouthProfileForm,
    after_conflict,
    initial_for,
)
from safeharbor.cases.models import AccessGrant, Youth
from safeharbor.domain.access import Action, Role
from safeharbor.domain.errors import InputError
from safeharbor.ui.forms import add_input_error, run_action


@login_required
@require_POST
def placement_address(request: AuthenticatedRequest, pk: int, placement_pk: int) -> HttpResponse:
    """Reveal one placement's address to someone allowed to see it (audited)."""
    view = queries.reveal_placement_address(actor=request.user, pk=pk, placement_pk=placement_pk)
    return render(request, "cases/_placement_address.html", {"placement": view})


@login_required
@require_GET
def youth_audit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show who has seen or changed this youth's record, newest first."""
    youth, events = queries.audit_trail_for(actor=request.user, pk=pk)
    page = Paginator(events, settings.SAFEHARBOR_PAGE_SIZE * 2).get_page(request.GET.get("page"))
    rows = [(event, describe(event.action)) for event in page.object_list]
    return render(
        request,
        "cases/youth_audit.html",
        {"youth": youth, "page": page, "rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def youth_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change a youth's profile; an edit on an older version is refused, showing what changed."""
    youth = queries.get_youth(actor=request.user, pk=pk, action=Action.EDIT).youth
    if request.method == "GET":
        return _edit_page(request, youth, YouthProfileForm(initial=initial_for(youth)))
    form = YouthProfileForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, youth, form)
    if not form.changes():
        messages.info(request, "Nothing was changed.")
        return redirect("cases:youth", pk=pk)
    return _save_profile(request, youth, form)


def _save_profile(
    request: AuthenticatedRequest, youth: Youth, form: YouthProfileForm
) -> HttpResponse:
    """Save the changes; a stale edit shows what changed, any other refusal goes by its field."""
    seen_version = form.cleaned_data["version"]
    try:
        update_youth(actor=request.user, youth=youth, seen_version=seen_version, **form.changes())
    except StaleEdit:
        return _stale_edit_page(request, youth, form)
    except InputError as error:
        add_input_error(form, error)
        return _edit_page(request, youth, form)
    messages.success(request, f"{youth.short_name}'s profile is saved.")
    return redirect("cases:youth", pk=youth.pk)


def _stale_edit_page(
    request: AuthenticatedRequest, youth: Youth, form: YouthProfileForm
) -> HttpResponse:
    typed = form.typed()
    found = queries.edit_conflict(
        actor=request.user, youth=youth, seen=form.seen(), yours=typed, labels=PROFILE_LABELS
    )
    # Keep what they typed; the next save is against the version they have now been shown.
    return _edit_page(
        request,
        found.youth,
        YouthProfileForm(after_conflict(found.youth, typed)),
        status=409,
        conflicts=found.conflicts,
        changed_by=found.changed_by,
    )


def _edit_page(
    request: AuthenticatedRequest,
    youth: Youth,
    form: YouthProfileForm,
    status: int = 200,
    **extra: object,
) -> HttpResponse:
    context = {"youth": youth, "form": form, "stale": status == 409, **extra}
    return render(request, "cases/youth_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def emergency_request(request: AuthenticatedRequest) -> HttpResponse:
    """Open one youth's record outside one's scope: record number, reason, a fresh code."""
    if Role(request.user.role) not in EMERGENCY_ROLES:
        raise Http404("No such page")
    form = EmergencyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        access = run_action(
            form, lambda: request_emergency_access(actor=request.user, **form.cleaned_data)
        )
        if access is not None:
            return _emergency_opened(request, access)
    return render(request, "cases/emergency_request.html", {"form": form})


def _emergency_opened(request: AuthenticatedRequest, access: EmergencyAccess) -> HttpResponse:
    if access.grant is None:
        messages.info(request, "This youth is already in your scope: no emergency access.")
    else:
        messages.warning(
            request,
            "Emergency access is open for 60 minutes, read-only. Your supervisor has "
            "been told and will review it.",
        )
    return redirect("cases:youth", pk=access.youth.pk)


def _may_review(request: AuthenticatedRequest) -> None:
    if Role(request.user.role) not in (Role.SUPERVISOR, Role.PROGRAM_ADMIN):
        raise Http404("No such page")


@login_required
@require_GET
def emergency_reviews(request: AuthenticatedRequest) -> HttpResponse:
    """List emergency accesses by others, in the reviewer's scope, awaiting review."""
    _may_review(request)
    grants = queries.emergency_reviews_for(request.user)
    rows = [
        (g, [(e.at, describe(e.action)) for e in queries.reads_during(g)], _review_form(g))
        for g in grants
    ]
    return render(request, "cases/emergency_reviews.html", {"rows": rows})


def _review_form(grant: AccessGrant) -> EmergencyReviewForm:
    return EmergencyReviewForm(prefix=f"g{grant.pk}")


@login_required
@require_POST
def emergency_review(request: AuthenticatedRequest, grant_pk: int) -> HttpResponse:
    """Record a review of one emergency access."""
    _may_review(request)
    grant = queries.get_emergency_review(actor=request.user, pk=grant_pk)
    form = EmergencyReviewForm(request.POST, prefix=f"g{grant.pk}")
    if not form.is_valid():
        messages.error(request, "Not saved: choose whether the access was appropriate.")
    elif run_action(
        form,
        lambda: review_emergency_access(actor=request.user, grant=grant, **form.cleaned_data),
    ):
        messages.success(request, f"Review of {grant.user}'s emergency access saved.")
    else:
        messages.error(request, f"Not saved: {_first_error(form)}.")
    return redirect("cases:emergency_reviews")


def _first_error(form: EmergencyReviewForm) -> str:
    """Return the refusal ``run_action`` put on the form, as one line."""
    return next(str(error) for errors in form.errors.values() for error in errors)
