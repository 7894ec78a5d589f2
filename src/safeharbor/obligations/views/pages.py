"""Obligation pages: my work, the boards, one obligation with its forms, the clock durations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.domain.clocks import policy_keys
from safeharbor.obligations import actions, queries
from safeharbor.obligations.forms import (
    ClockPolicyForm,
    LegalReportForm,
    NotApplicableForm,
    ReportAmendmentForm,
    report_initial,
)
from safeharbor.obligations.models import AgencyClockPolicy, LegalReport, Obligation
from safeharbor.ui.forms import run_action

# The referral page's protocol link for the referral an obligation asks for (partners:referral_new).
REFERRAL_FOR_KIND = {
    "refer_cac_mdt": "to=cac&purpose=convene_mdt",
    "community_referrals": "to=community_agency&purpose=services",
}


@login_required
@require_GET
def my_work(request: AuthenticatedRequest) -> HttpResponse:
    """List the signed-in worker's open obligations, overdue first, with countdowns."""
    work = queries.my_work(request.user)
    return render(request, "obligations/my_work.html", {"work": work})


@login_required
@require_GET
def board(request: AuthenticatedRequest) -> HttpResponse:
    """Show the unit's (supervisor) or district's (program administrator) deadlines."""
    result = queries.board(request.user)
    return render(request, "obligations/board.html", {"board": result})


def _page(
    request: AuthenticatedRequest, record: queries.ObligationRecord, **forms: Any
) -> HttpResponse:
    """Render one obligation with the forms the actor may use (``forms``: as sent, with errors)."""
    row = record.view.row
    context: dict[str, Any] = {"record": record, "obligation": row, "view": record.view}
    if row.is_open and record.can_edit:
        context.update(_work_forms(row, forms))
    if row.is_open and record.can_approve:
        context["na_form"] = forms.get("na_form") or NotApplicableForm(
            initial={"version": row.version}
        )
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render(request, "obligations/detail.html", context, status=status)


def _work_forms(row: Obligation, forms: dict[str, Any]) -> dict[str, Any]:
    """Return the report form, or the referral page's link, the obligation asks for."""
    if row.kind in actions.REPORT_FOR_KIND:
        return {"report_form": forms.get("report_form") or LegalReportForm()}
    if row.kind in REFERRAL_FOR_KIND:
        page = reverse("partners:referral_new", args=[row.youth_id])
        return {"referral_link": f"{page}?{REFERRAL_FOR_KIND[row.kind]}"}
    return {}


@login_required
@require_GET
def detail(request: AuthenticatedRequest, obligation_pk: int) -> HttpResponse:
    """Show one obligation: its rule, source, owner, due time, history, and what to do."""
    return _page(request, queries.get_obligation(actor=request.user, pk=obligation_pk))


@login_required
@require_POST
def record_report(request: AuthenticatedRequest, obligation_pk: int) -> HttpResponse:
    """Record the report an obligation asks for; a bad form keeps everything typed."""
    record = queries.get_obligation(actor=request.user, pk=obligation_pk)
    row = record.view.row
    if row.kind not in actions.REPORT_FOR_KIND or not record.can_edit:
        raise Http404("No report to record here")
    form = LegalReportForm(request.POST)
    if form.is_valid() and _record_report(request, form, row) is not None:
        messages.success(request, "The report is recorded.")
        return redirect("obligations:detail", obligation_pk=row.pk)
    return _page(request, record, report_form=form)


def _record_report(
    request: AuthenticatedRequest, form: LegalReportForm, row: Obligation
) -> tuple[LegalReport, bool] | None:
    recipient, about = actions.REPORT_FOR_KIND[row.kind]
    return run_action(
        form,
        lambda: actions.record_legal_report(
            actor=request.user,
            youth=row.youth,
            recipient=recipient,
            about=about,
            **form.cleaned_data,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def amend_report(request: AuthenticatedRequest, legal_report_pk: int) -> HttpResponse:
    """Correct a recorded report with an amendment linked to it; the original stays as it was."""
    record = queries.get_report_to_correct(actor=request.user, pk=legal_report_pk)
    report = record.report
    if report.missing_episode_id is not None:  # the episode has its own page for its reports
        return redirect(
            "missing:amend",
            pk=report.youth_id,
            episode_pk=report.missing_episode_id,
            report_pk=report.pk,
        )
    form = _amendment_form(request, record)
    if request.method == "POST" and form.is_valid() and _amend(request, form, report) is not None:
        messages.success(request, "The correction is recorded beside the original report.")
        return _after_correction(record)
    context = {"record": record, "report": report, "youth": report.youth, "form": form}
    status = 400 if form.errors else 200
    return render(request, "obligations/amend_report.html", context, status=status)


def _amendment_form(
    request: AuthenticatedRequest, record: queries.ReportRecord
) -> ReportAmendmentForm:
    """Return the correction form: as sent, or filled with the report as it now stands."""
    recipient = record.report.recipient
    if request.method == "POST":
        return ReportAmendmentForm(request.POST, recipient=recipient)
    return ReportAmendmentForm(initial=report_initial(record.current), recipient=recipient)


def _amend(
    request: AuthenticatedRequest, form: ReportAmendmentForm, report: LegalReport
) -> tuple[LegalReport, bool] | None:
    return run_action(
        form,
        lambda: actions.amend_legal_report(
            actor=request.user,
            report=report,
            reason=form.cleaned_data["amendment_reason"],
            idempotency_key=form.cleaned_data["idempotency_key"],
            **form.corrected(),
        ),
    )


def _after_correction(record: queries.ReportRecord) -> HttpResponse:
    """Go back to the obligation the report satisfied, or else to the youth's page."""
    if record.obligation is not None:
        return redirect("obligations:detail", obligation_pk=record.obligation.pk)
    return redirect("cases:youth", pk=record.report.youth_id)


@login_required
@require_POST
def not_applicable(request: AuthenticatedRequest, obligation_pk: int) -> HttpResponse:
    """Let the unit's supervisor set an obligation aside with a reason."""
    record = queries.get_obligation(actor=request.user, pk=obligation_pk)
    if not record.can_approve:
        raise Http404("No such obligation")
    form = NotApplicableForm(request.POST)
    if form.is_valid() and _set_aside(request, form, record.view.row) is not None:
        messages.success(request, "The obligation is marked not applicable.")
        return redirect("obligations:detail", obligation_pk=record.view.row.pk)
    return _page(request, record, na_form=form)


def _set_aside(
    request: AuthenticatedRequest, form: NotApplicableForm, row: Obligation
) -> Obligation | None:
    return run_action(
        form,
        lambda: actions.mark_not_applicable(
            actor=request.user,
            obligation=row,
            reason=form.cleaned_data["reason"],
            seen_version=form.cleaned_data["version"],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def clock_settings(request: AuthenticatedRequest) -> HttpResponse:
    """Let an administrator change the configurable clock durations (SPEC §5)."""
    current = queries.clock_policy_for(request.user)
    initial = {"version": current.version, **current.values()}
    form = ClockPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _update_policy(request, form) is not None:
        messages.success(
            request, "The durations are saved. They apply to obligations opened from now on."
        )
        return redirect("obligations:settings")
    status = 400 if form.errors else 200
    return render(request, "obligations/settings.html", {"form": form}, status=status)


def _update_policy(
    request: AuthenticatedRequest, form: ClockPolicyForm
) -> AgencyClockPolicy | None:
    return run_action(
        form,
        lambda: actions.update_clock_policy(
            actor=request.user,
            values={key: form.cleaned_data[key] for key in policy_keys()},
            seen_version=form.cleaned_data["version"],
        ),
    )
