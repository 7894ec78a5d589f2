"""Referral pages: record one, show it, record its status and outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases.queries import get_youth
from safeharbor.domain.access import Action
from safeharbor.obligations.queries import RecordOutcome, record_outcome
from safeharbor.partners import actions, queries
from safeharbor.partners.actions.referrals import REFERRAL_EVENTS
from safeharbor.partners.forms import ReferralForm, ReferralStatusForm
from safeharbor.partners.models import Referral
from safeharbor.partners.protocol import referral_initial
from safeharbor.partners.views.common import form_status
from safeharbor.ui.forms import run_action


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a referral; the protocol's links fill in whom to and why."""
    record = get_youth(actor=request.user, pk=pk, action=Action.EDIT)
    youth = record.youth
    initial = referral_initial(youth, request.GET)
    form = ReferralForm(request.POST or None, youth=youth, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = run_action(
            form,
            lambda: actions.record_referral(
                actor=request.user, youth=youth, **form.action_arguments()
            ),
        )
        if made is not None:
            messages.success(request, "The referral is recorded.")
            return redirect("partners:referral", pk=pk, referral_pk=made[0].pk)
    context = {"record": record, "youth": youth, "form": form}
    return render(request, "partners/referral_form.html", context, status=form_status(form))


def _referral_page(
    request: AuthenticatedRequest,
    pk: int,
    referral_pk: int,
    form: ReferralStatusForm | None = None,
) -> HttpResponse:
    record, referral = queries.get_referral(actor=request.user, pk=pk, referral_pk=referral_pk)
    if form is None and record.can["edit"]:
        initial = {"status": referral.status, "outcome": referral.outcome}
        form = ReferralStatusForm(initial=initial | {"version": referral.version})
    context = {
        "record": record,
        "youth": record.youth,
        "referral": referral,
        "form": form,
        "outcome": _outcome(referral),
    }
    return render(request, "partners/referral_detail.html", context, status=form_status(form))


def _outcome(referral: Referral) -> RecordOutcome | None:
    """Return what the referral (or its report) satisfied, when it is a clock event at all."""
    if referral.legal_report is None and referral.referred_to not in REFERRAL_EVENTS:
        return None
    return record_outcome(referral, referral.legal_report)


@login_required
@require_GET
def referral_detail(request: AuthenticatedRequest, pk: int, referral_pk: int) -> HttpResponse:
    """Show one referral: whom to, what was shared with whom and why, its status."""
    return _referral_page(request, pk, referral_pk)


@login_required
@require_POST
def referral_status(request: AuthenticatedRequest, pk: int, referral_pk: int) -> HttpResponse:
    """Record a referral's status and outcome."""
    record, referral = queries.get_referral(actor=request.user, pk=pk, referral_pk=referral_pk)
    if not record.can["edit"]:
        raise Http404("No such referral")
    form = ReferralStatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        changed = run_action(
            form,
            lambda: actions.update_referral_status(
                actor=request.user,
                referral=referral,
                status=data["status"],
                outcome=data["outcome"],
                seen_version=data["version"],
            ),
        )
        if changed is not None:
            messages.success(request, "The referral's status is recorded.")
            return redirect("partners:referral", pk=pk, referral_pk=referral_pk)
    # Read again: a stale change shows the newer status beside the refusal.
    return _referral_page(request, pk, referral_pk, form)
