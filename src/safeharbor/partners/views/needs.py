"""Needs pages (SPEC §6): the assessment, the youth's own priorities first; one need."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases.models import Youth
from safeharbor.cases.queries import get_youth
from safeharbor.domain.access import Action
from safeharbor.domain.needs import UNCONDITIONAL, keeps_plan
from safeharbor.partners import actions, queries
from safeharbor.partners.forms import NeedForm, NeedsAssessmentForm
from safeharbor.partners.models import NeedsAssessment
from safeharbor.partners.views.common import form_status
from safeharbor.ui.forms import run_action


def _young_adult(youth: Youth, today: dt.date) -> bool:
    """Return whether the youth is a young adult who keeps their plan (seed 003)."""
    age = youth.age_on(today)
    return age >= 18 and keeps_plan(age)


def _assess(
    request: AuthenticatedRequest, youth: Youth, form: NeedsAssessmentForm
) -> NeedsAssessment:
    data = form.cleaned_data
    return actions.record_needs_assessment(
        actor=request.user,
        youth=youth,
        assessed_on=data["assessed_on"],
        priorities=form.priorities(),
        plans=form.plans(),
        in_youth_words=data["in_youth_words"],
        youth_took_part=data["youth_took_part"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def needs_assess(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a needs assessment: the youth's own priorities first, then every need's plan."""
    record = get_youth(actor=request.user, pk=pk, action=Action.EDIT)
    youth, today = record.youth, timezone.localdate()
    initial = NeedsAssessmentForm.initial_from(queries.needs_plan_of(record), today)
    form = NeedsAssessmentForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_action(form, lambda: _assess(request, youth, form)) is not None
    ):
        messages.success(request, "The needs assessment is recorded.")
        return redirect("cases:youth", pk=pk)
    context = {
        "record": record,
        "youth": youth,
        "form": form,
        "unconditional": UNCONDITIONAL,
        "young_adult": _young_adult(youth, today),
    }
    return render(request, "partners/needs_form.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    """Change one need's plan or status."""
    record, need = queries.get_need(actor=request.user, pk=pk, need_pk=need_pk)
    initial = {"plan": need.plan, "status": need.status, "version": need.version}
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = run_action(
            form,
            lambda: actions.update_need(
                actor=request.user,
                need=need,
                plan=data["plan"],
                status=data["status"],
                seen_version=data["version"],
            ),
        )
        if changed is not None:
            messages.success(request, f"{need.get_kind_display()}: saved.")
            return redirect("cases:youth", pk=pk)
    context = {"record": record, "youth": record.youth, "need": need, "form": form}
    context["unconditional"] = UNCONDITIONAL
    return render(request, "partners/need_form.html", context, status=form_status(form))
