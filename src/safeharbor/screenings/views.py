"""The caseworker's screening flow: form, live result, stored result, professional judgement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases.queries import YouthRecord
from safeharbor.cases.victim_status_models import AMENDABLE_FIELDS
from safeharbor.screenings import actions, queries
from safeharbor.screenings.forms import (
    AmendVictimStatusForm,
    OverrideDecisionForm,
    OverrideForm,
    ScreeningForm,
    VictimStatusForm,
    episodes_field,
    episodes_from_field,
)
from safeharbor.screenings.instruments import instrument_for
from safeharbor.screenings.models import TierOverride
from safeharbor.screenings.queries import ScreeningView
from safeharbor.ui.forms import run_action


@login_required
@require_http_methods(["GET", "POST"])
def screening_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show the screening form, or score and store a submitted screening."""
    record = queries.get_youth_to_screen(actor=request.user, pk=pk)
    instrument = instrument_for()
    today = timezone.localdate()
    initial = {
        "as_of": today,
        "occasion": request.GET.get("occasion", "caseworker_concern"),
        "interviewed_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    form = ScreeningForm(request.POST or None, instrument=instrument, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        screening = run_action(
            form,
            lambda: actions.record_screening(
                actor=request.user,
                youth=record.youth,
                as_of=data["as_of"],
                answers=form.answers(),
                occasion=data["occasion"],
                interviewed_at=data["interviewed_at"],
            ),
        )
        if screening is not None:
            messages.success(request, "The screening was saved.")
            return redirect("screenings:detail", pk=pk, screening_pk=screening.pk)
    return _form_page(request, record, form, today)


def _form_page(
    request: AuthenticatedRequest, record: YouthRecord, form: ScreeningForm, today: dt.date
) -> HttpResponse:
    """Render the form with the episodes on record and the result of what it holds so far."""
    episodes = queries.episodes_as_of(record.youth, today)
    context = {
        "record": record,
        "youth": record.youth,
        "form": form,
        "instrument": form.instrument,
        "episodes": episodes,
        "episodes_field": episodes_field(episodes),
        "preview": form.preview(episodes, today),
    }
    return render(request, "screenings/screening_form.html", context)


@login_required
@require_POST
def screening_preview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Score the form as it stands (htmx), without saving or reading anything new of the record.

    The episodes come back from the form itself (drawn, and audited, when the form was opened);
    the final save re-reads them from the database.
    """
    youth = queries.youth_for_preview(actor=request.user, pk=pk)
    instrument = instrument_for()
    form = ScreeningForm.live(request.POST, instrument=instrument)
    episodes = episodes_from_field(request.POST.get("episodes", "[]"))
    result = form.preview(episodes, timezone.localdate())
    context = {"result": result, "instrument": instrument, "youth": youth, "live": True}
    return render(request, "screenings/_result.html", context)


@login_required
def screening_detail(request: AuthenticatedRequest, pk: int, screening_pk: int) -> HttpResponse:
    """Show a stored screening: tier, reasons, actions, what is unanswered, and overrides."""
    view = queries.get_screening(actor=request.user, pk=pk, screening_pk=screening_pk)
    return render(request, "screenings/screening_detail.html", _detail_context(view))


def _detail_context(
    view: ScreeningView,
    override_form: OverrideForm | None = None,
    decision_form: OverrideDecisionForm | None = None,
    victim_form: VictimStatusForm | None = None,
) -> dict[str, Any]:
    proposal = queries.proposed_victim_status(view.screening)
    return {
        "proposal": proposal,
        "victim_form": victim_form or _proposal_form(view, proposal),
        "view": view,
        "record": view.record,
        "youth": view.record.youth,
        "screening": view.screening,
        "instrument": view.instrument,
        "result": view.rescored,
        "answers": view.answer_rows(),
        "override_form": override_form or OverrideForm(tiers=view.other_tiers()),
        "decision_form": decision_form or OverrideDecisionForm(),
        "can_approve": view.can_approve,
        "pending": view.pending(),
    }


@login_required
@require_POST
def screening_override(request: AuthenticatedRequest, pk: int, screening_pk: int) -> HttpResponse:
    """Raise the tier, or ask to lower it (a supervisor decides a lowering)."""
    view = queries.get_screening(actor=request.user, pk=pk, screening_pk=screening_pk)
    form = OverrideForm(request.POST, tiers=view.other_tiers())
    if form.is_valid():
        data = form.cleaned_data
        override = run_action(
            form,
            lambda: actions.override_tier(
                actor=request.user,
                screening=view.screening,
                tier=data["tier"],
                reason=data["reason"],
            ),
        )
        if override is not None:
            _say_overridden(request, view, override)
            return redirect("screenings:detail", pk=pk, screening_pk=screening_pk)
    context = _detail_context(view, override_form=form)
    return render(request, "screenings/screening_detail.html", context, status=400)


def _say_overridden(
    request: AuthenticatedRequest, view: ScreeningView, override: TierOverride
) -> None:
    if override.status == "pending":
        messages.warning(
            request,
            "Lowering the tier needs the supervisor's approval. Your request is waiting for it; "
            f"until then the tier stays {view.instrument.tier(override.from_tier).label}.",
        )
    else:
        messages.success(request, "The tier was changed; the computed tier is kept beside it.")


@login_required
@require_POST
def override_decision(
    request: AuthenticatedRequest, pk: int, screening_pk: int, override_pk: int
) -> HttpResponse:
    """A supervisor approves or refuses a pending lowering."""
    view = queries.get_screening(actor=request.user, pk=pk, screening_pk=screening_pk)
    override = queries.get_override(view, override_pk)
    form = OverrideDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        decided = run_action(
            form,
            lambda: actions.decide_override(
                actor=request.user,
                override=override,
                approve=data["decision"] == "approve",
                reason=data["reason"],
            ),
        )
        if decided is not None:
            messages.success(request, "Your decision was recorded.")
            return redirect(reverse("screenings:detail", args=[pk, screening_pk]))
    context = _detail_context(view, decision_form=form)
    return render(request, "screenings/screening_detail.html", context, status=400)


def _proposal_form(
    view: ScreeningView, proposal: queries.ProposedVictimStatus | None
) -> VictimStatusForm | None:
    """The one-step confirmation of what the screening proposes, filled in with it."""
    if proposal is None or not view.record.can["edit"]:
        return None
    initial = {
        "kind": proposal.kind,
        "identified_on": proposal.identified_on,
        "timing": proposal.timing,
        "version": view.screening.version,
    }
    return VictimStatusForm(from_screening=True, initial=initial)


@login_required
@require_POST
def victim_confirm(request: AuthenticatedRequest, pk: int, screening_pk: int) -> HttpResponse:
    """Confirm the victim status a confirmed screening proposes (``record_victim_status``)."""
    view = queries.get_screening(actor=request.user, pk=pk, screening_pk=screening_pk)
    if not view.record.can["edit"]:
        raise Http404("No such screening")
    form = VictimStatusForm(request.POST, from_screening=True)
    if form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            lambda: actions.confirm_victim_status(
                actor=request.user,
                screening=view.screening,
                idempotency_key=data["idempotency_key"],
                seen_version=data["version"] or 0,
                **form.values(),
            ),
        )
        if done is not None:
            messages.success(request, "The youth is recorded as an identified victim.")
            return redirect("screenings:detail", pk=pk, screening_pk=screening_pk)
    context = _detail_context(view, victim_form=form)
    return render(request, "screenings/screening_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def victim_status_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a determination from law enforcement, a disclosure or another agency."""
    record = queries.get_youth_for_victim_status(actor=request.user, pk=pk)
    initial = {"identified_on": timezone.localdate(), "kind": "sex"}
    form = VictimStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            lambda: actions.record_other_victim_status(
                actor=request.user,
                youth=record.youth,
                idempotency_key=data["idempotency_key"],
                **form.values(),
            ),
        )
        if done is not None:
            messages.success(request, "The youth is recorded as an identified victim.")
            return redirect(f"{reverse('cases:youth', args=[pk])}#victim-status-heading")
    context = {"record": record, "youth": record.youth, "form": form}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "screenings/victim_status_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def victim_status_amend(
    request: AuthenticatedRequest, pk: int, determination_pk: int
) -> HttpResponse:
    """Correct a determination with a reason; the values before and after are kept."""
    record, row = queries.get_determination(
        actor=request.user, pk=pk, determination_pk=determination_pk
    )
    initial = {name: getattr(row, name) for name in AMENDABLE_FIELDS} | {"version": row.version}
    form = AmendVictimStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            lambda: actions.correct_victim_status(
                actor=request.user,
                determination=row,
                seen_version=data["version"],
                reason=data["reason"],
                **form.changes(),
            ),
        )
        if done is not None:
            messages.success(request, "The correction was recorded beside the determination.")
            return redirect(f"{reverse('cases:youth', args=[pk])}#victim-status-heading")
    context = {"record": record, "youth": record.youth, "form": form, "determination": row}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "screenings/victim_status_amend.html", context, status=status)
