"""Youth record pages: thin views over cases.queries."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.audit.catalogue import describe
from safeharbor.cases import queries
from safeharbor.cases.actions import (
    EMERGENCY_ROLES,
    StaleEdit,
    request_emergency_access,
    review_emergency_access,
    update_youth,
)
from safeharbor.cases.forms import (
    PROFILE_FIELDS,
    EmergencyRequestForm,
    EmergencyReviewForm,
    YouthProfileForm,
    initial_for,
)
from safeharbor.cases.models import AccessGrant
from safeharbor.cases.sections import render_sections
from safeharbor.domain.access import Action, Role
from safeharbor.domain.errors import InputError


@login_required
@require_GET
def youth_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a youth's profile and placement timeline, as far as the viewer may see."""
    record = queries.get_youth(actor=request.user, pk=pk)
    return render(
        request,
        "cases/youth_detail.html",
        {
            "record": record,
            "youth": record.youth,
            "today": timezone.localdate(),
            "sections": render_sections(request, record),
        },
    )


@login_required
@require_POST
def placement_address(request: HttpRequest, pk: int, placement_pk: int) -> HttpResponse:
    """Reveal one placement's address to someone allowed to see it (audited)."""
    view = queries.reveal_placement_address(actor=request.user, pk=pk, placement_pk=placement_pk)
    return render(request, "cases/_placement_address.html", {"placement": view})


@login_required
@require_GET
def youth_audit(request: HttpRequest, pk: int) -> HttpResponse:
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
def youth_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a youth's profile; an edit on an older version is refused, showing what changed."""
    record = queries.get_youth(actor=request.user, pk=pk, action=Action.EDIT)
    youth = record.youth
    if request.method == "GET":
        return _edit_page(request, youth, YouthProfileForm(initial=initial_for(youth)))
    form = YouthProfileForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, youth, form)
    changes = form.changes()
    if not changes:
        messages.info(request, "Nothing was changed.")
        return redirect("cases:youth", pk=pk)
    try:
        update_youth(
            actor=request.user, youth=youth, seen_version=form.cleaned_data["version"], **changes
        )
    except StaleEdit:
        return _stale_edit_page(request, youth, form)
    except InputError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _edit_page(request, youth, form)
    messages.success(request, f"{youth.short_name}'s profile is saved.")
    return redirect("cases:youth", pk=pk)


def _stale_edit_page(request: HttpRequest, youth, form: YouthProfileForm) -> HttpResponse:  # type: ignore[no-untyped-def]
    youth.refresh_from_db()
    labels = {name: label for name, (label, _) in PROFILE_FIELDS.items()}
    typed = {name: form.cleaned_data[name] for name in PROFILE_FIELDS}
    found = queries.conflicts(youth, form.seen(), typed, labels)
    # Keep what they typed; the next save is against the version they have now been shown.
    data = {**typed, "version": youth.version}
    data.update({f"seen_{name}": getattr(youth, name) for name in PROFILE_FIELDS})
    context = {
        "conflicts": found,
        "changed_by": queries.last_change_by_someone_else(youth, request.user),
    }
    return _edit_page(request, youth, YouthProfileForm(data), status=409, **context)


def _edit_page(request: HttpRequest, youth, form: YouthProfileForm, status: int = 200, **extra):  # type: ignore[no-untyped-def]
    context = {"youth": youth, "form": form, "stale": status == 409, **extra}
    return render(request, "cases/youth_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def emergency_request(request: HttpRequest) -> HttpResponse:
    """Open one youth's record outside one's scope: record number, reason, a fresh code."""
    if Role(request.user.role) not in EMERGENCY_ROLES:  # type: ignore[union-attr]
        raise Http404("No such page")
    form = EmergencyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access = request_emergency_access(actor=request.user, **form.cleaned_data)
        except InputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if access.grant is None:
                messages.info(request, "This youth is already in your scope: no emergency access.")
            else:
                messages.warning(
                    request,
                    "Emergency access is open for 60 minutes, read-only. Your supervisor has "
                    "been told and will review it.",
                )
            return redirect("cases:youth", pk=access.youth.pk)
    return render(request, "cases/emergency_request.html", {"form": form})


def _may_review(request: HttpRequest) -> None:
    if Role(request.user.role) not in (Role.SUPERVISOR, Role.PROGRAM_ADMIN):  # type: ignore[union-attr]
        raise Http404("No such page")


@login_required
@require_GET
def emergency_reviews(request: HttpRequest) -> HttpResponse:
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
def emergency_review(request: HttpRequest, grant_pk: int) -> HttpResponse:
    """Record a review of one emergency access."""
    _may_review(request)
    grant = queries.emergency_reviews_for(request.user).filter(pk=grant_pk).first()
    if grant is None:
        raise Http404("No such emergency access")
    form = EmergencyReviewForm(request.POST, prefix=f"g{grant.pk}")
    if form.is_valid():
        try:
            review_emergency_access(actor=request.user, grant=grant, **form.cleaned_data)
        except InputError as exc:
            messages.error(request, f"Not saved: {exc.message}.")
        else:
            messages.success(request, f"Review of {grant.user}'s emergency access saved.")
    else:
        messages.error(request, "Not saved: choose whether the access was appropriate.")
    return redirect("cases:emergency_reviews")
