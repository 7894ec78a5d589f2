"""Intake pages: take a report (match or add the youth, check the wording), read it, decide it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases.models import Youth
from safeharbor.domain.access import Role
from safeharbor.domain.clocks.rules import EventType
from safeharbor.domain.language import check_text, suggest
from safeharbor.intake import actions, queries
from safeharbor.intake.forms import DispositionForm, IntakeForm
from safeharbor.intake.models import IntakeReport
from safeharbor.obligations.queries import ObligationView, opened_by
from safeharbor.ui.forms import run_action


@login_required
@require_http_methods(["GET", "POST"])
def new_intake(request: AuthenticatedRequest) -> HttpResponse:
    """Take a report: match it to a youth, offer respectful wording, then save it once."""
    if request.user.role != Role.INTAKE_WORKER:
        raise Http404("Intake reports are taken by intake workers")
    form = IntakeForm(request.POST or None, initial={"received_at": _now_to_the_minute()})
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        report = _take(request, form, context)
        if report is not None:
            messages.success(request, _saved_message(report))
            return redirect("intake:detail", intake_pk=report.pk)
    status = 400 if form.errors else 200
    return render(request, "intake/new.html", context, status=status)


def _now_to_the_minute() -> dt.datetime:
    """Return now in the agency's zone, as the form's default time (SPEC §5: default to now)."""
    return timezone.localtime().replace(second=0, microsecond=0)


def _take(
    request: AuthenticatedRequest, form: IntakeForm, context: dict[str, Any]
) -> IntakeReport | None:
    """Match the youth, settle the wording, then save; None while the worker still chooses."""
    matches = queries.find_youth(
        actor=request.user,
        last_name=form.cleaned_data["youth_last_name"],
        first_name=form.cleaned_data["youth_first_name"],
        date_of_birth=form.cleaned_data["youth_date_of_birth"],
    )
    choice = form.cleaned_data["youth_choice"] or request.POST.get("youth_pick", "")
    context.update(matches=matches, choice=choice)
    youth, ready = _chosen(form, matches, choice)
    if not ready:
        return None
    narrative = _narrative(form, request.POST.get("wording", ""), context)
    if narrative is None or form.refused(new_youth=youth is None):
        return None
    return _save(request, form, youth, narrative)


def _chosen(form: IntakeForm, matches: list[Youth], choice: str) -> tuple[Youth | None, bool]:
    """Return the youth picked (None for a new youth) and whether the report can be saved."""
    if choice == "new" or (not choice and not matches):
        return None, True
    picked = next((youth for youth in matches if str(youth.pk) == choice), None)
    if picked is None:
        if choice:
            form.add_error(None, "Choose one of the youth listed, or a new youth.")
        return None, False
    return picked, True


def _narrative(form: IntakeForm, wording: str, context: dict[str, Any]) -> str | None:
    """Return the narrative to save, or None after offering respectful wording (SPEC §2).

    ``wording`` is the button pressed: the suggested wording, or the worker's own (``mine``:
    the reporter's words, quoted).
    """
    narrative: str = form.cleaned_data["narrative"]
    findings = check_text(narrative)
    if findings and wording not in ("suggested", "mine"):
        context.update(findings=findings, suggestion=suggest(narrative))
        return None
    return suggest(narrative) if wording == "suggested" else narrative


def _save(
    request: AuthenticatedRequest, form: IntakeForm, youth: Youth | None, narrative: str
) -> IntakeReport | None:
    data = form.cleaned_data
    saved = run_action(
        form,
        lambda: actions.record_intake(
            actor=request.user,
            received_at=data["received_at"],
            reporter_type=data["reporter_type"],
            narrative=narrative,
            alleges_htcsec=data["alleges_htcsec"] == "yes",
            allegation_kind=data["allegation_kind"],
            identifies_victim=data["identifies_victim"] == "yes",
            idempotency_key=data["idempotency_key"],
            youth=youth,
            new_youth=None if youth is not None else form.new_youth_fields(),
        ),
    )
    return None if saved is None else saved[0]


def _saved_message(report: IntakeReport) -> str:
    if report.identifies_victim:
        return (
            "The report is recorded. It identifies the youth as a victim: report to law "
            "enforcement within 24 hours of the call; its disposition is due then too. Both are "
            "on the work list."
        )
    if report.alleges_htcsec:
        return (
            "The report is recorded. Its disposition is due within 24 hours of the call; "
            "it is on your work list."
        )
    return "The report is recorded."


@login_required
@require_GET
def detail(request: AuthenticatedRequest, intake_pk: int) -> HttpResponse:
    """Show a report and, to those who may, the disposition form."""
    report = queries.get_intake(actor=request.user, pk=intake_pk)
    return _detail(request, report, None)


def _detail(
    request: AuthenticatedRequest, report: IntakeReport, form: DispositionForm | None
) -> HttpResponse:
    may_decide = not report.disposition and queries.may_record_disposition(request.user, report)
    if may_decide and form is None:
        form = DispositionForm(initial={"version": report.version, "at": _now_to_the_minute()})
    context = {"report": report, "form": form if may_decide else None}
    status = 400 if form is not None and form.errors else 200
    return render(request, "intake/detail.html", context, status=status)


@login_required
@require_POST
def disposition(request: AuthenticatedRequest, intake_pk: int) -> HttpResponse:
    """Record that the report was screened in or referred to the District Attorney's office."""
    report = queries.get_intake(actor=request.user, pk=intake_pk)
    if not queries.may_record_disposition(request.user, report):
        raise Http404("No such intake report")
    form = DispositionForm(request.POST)
    if form.is_valid() and _decide(request, form, report) is not None:
        messages.success(request, _recorded_message(report))
        return redirect("intake:detail", intake_pk=report.pk)
    return _detail(request, report, form)


def _recorded_message(report: IntakeReport) -> str:
    """Say what was recorded and each clock it started: how long, due when (local) and whose."""
    if report.disposition != "screened_in" or report.youth is None or report.disposition_at is None:
        return "The disposition is recorded."
    clocks = opened_by(report.youth, EventType.INTAKE_SCREENED_IN, report.disposition_at)
    started = [_clock_words(view) for view in clocks]
    return " ".join(["The report is screened in.", *started])


def _clock_words(view: ObligationView) -> str:
    row = view.row
    hours = round((row.due - row.opened_at).total_seconds() / 3600)
    due = date_format(timezone.localtime(row.due), "D M j, Y g:i A T")
    owner = view.owner or "no owner yet: the district's supervisors are told"
    return f"A {hours}-hour clock started: {row.get_kind_display()}, due {due}; owner: {owner}."


def _decide(
    request: AuthenticatedRequest, form: DispositionForm, report: IntakeReport
) -> IntakeReport | None:
    data = form.cleaned_data
    return run_action(
        form,
        lambda: actions.record_disposition(
            actor=request.user,
            intake=report,
            disposition=data["disposition"],
            at=data["at"],
            seen_version=data["version"],
            note=data["note"],
            referral=form.referral(),
        ),
    )
