"""The service directory's pages: the list for staff, the entries for administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.partners import actions, queries
from safeharbor.partners.forms import ServiceAgencyForm
from safeharbor.partners.models import NEED_CHOICES, ServiceAgency
from safeharbor.partners.views.common import form_status
from safeharbor.ui.forms import run_action


@login_required
@require_GET
def directory(request: AuthenticatedRequest) -> HttpResponse:
    """List the community agencies, by district and need."""
    district = request.GET.get("district", "")
    need = request.GET.get("need", "")
    agencies = queries.directory_for(
        request.user,
        district_id=int(district) if district.isdigit() else None,
        need=need,
        include_inactive=True,
    )
    context = {
        "agencies": agencies,
        "districts": queries.directory_districts(),
        "needs": NEED_CHOICES,
        "district": district,
        "need": need,
    }
    return render(request, "partners/directory.html", context)


def _agency_page(request: AuthenticatedRequest, agency: ServiceAgency | None) -> HttpResponse:
    if request.user.role != "administrator":
        raise Http404("Only administrators maintain the directory")
    form = ServiceAgencyForm(request.POST or None, initial=ServiceAgencyForm.initial_from(agency))
    if request.method == "POST" and form.is_valid():
        saved = run_action(
            form,
            lambda: actions.save_service_agency(
                actor=request.user,
                agency=agency,
                districts=list(form.cleaned_data["districts"]),
                seen_version=form.cleaned_data.get("version"),
                **form.values(),
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.name} is saved in the directory.")
            return redirect("partners:directory")
    context = {"form": form, "agency": agency}
    return render(request, "partners/agency_form.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def agency_new(request: AuthenticatedRequest) -> HttpResponse:
    """Add an agency to the directory (administrators)."""
    return _agency_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: AuthenticatedRequest, agency_pk: int) -> HttpResponse:
    """Correct an agency in the directory, or take it out (administrators)."""
    return _agency_page(
        request, queries.get_service_agency(actor=request.user, agency_pk=agency_pk)
    )
