"""What each kind of partner sees by default: shown to staff, set by administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.accounts.models import PARTNER_KIND_CHOICES
from safeharbor.cases.actions import set_sharing_default
from safeharbor.domain.sharing import PartnerKind
from safeharbor.partners import queries
from safeharbor.partners.forms import SharingDefaultForm
from safeharbor.partners.views.common import form_status
from safeharbor.ui.forms import run_action


def _forms(request: AuthenticatedRequest) -> list[tuple[str, SharingDefaultForm]]:
    """Return each kind in words with its form; the one posted is bound."""
    posted = request.POST.get("kind", "") if request.method == "POST" else ""
    defaults = queries.partner_defaults()
    versions = queries.partner_default_versions()
    return [
        (
            label,
            SharingDefaultForm(
                request.POST if kind == posted else None,
                prefix=kind,
                initial={"groups": sorted(defaults[kind]), "version": versions.get(kind, 0)},
            ),
        )
        for kind, label in ((PartnerKind(k), label) for k, label in PARTNER_KIND_CHOICES)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def sharing_defaults(request: AuthenticatedRequest) -> HttpResponse:
    """Show what each kind of partner sees by default; an administrator changes it."""
    if not queries.reads_sharing_defaults(request.user):
        raise Http404("No sharing defaults for this role")
    editable = request.user.role == "administrator"
    if request.method == "POST" and not editable:
        raise Http404("Only administrators set the sharing defaults")
    pages = _forms(request)
    bound = next((form for _, form in pages if form.is_bound), None)
    if bound is not None and bound.is_valid():
        saved = run_action(
            bound,
            lambda: set_sharing_default(
                actor=request.user,
                kind=str(bound.prefix),
                fields=bound.cleaned_data["groups"],
                seen_version=bound.cleaned_data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved} partners now see what you chose by default.")
            return redirect("partners:sharing_defaults")
    context = {"pages": pages, "editable": editable}
    return render(request, "partners/sharing_defaults.html", context, status=form_status(bound))
