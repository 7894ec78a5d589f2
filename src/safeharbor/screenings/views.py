"""The caseworker's screening flow: form, live result, stored result, professional judgement."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from safeharbor.cases.scope import case_scope
from safeharbor.domain.access import Action, decide
from safeharbor.domain.errors import InputError
from safeharbor.domain.screening import MissingEpisode, score
from safeharbor.screenings import actions, queries
from safeharbor.screenings.forms import OverrideDecisionForm, OverrideForm, ScreeningForm
from safeharbor.screenings.instruments import instrument_for


def _episodes_field(episodes: list[MissingEpisode]) -> str:
    return json.dumps(
        [
            [e.reported_missing.isoformat(), e.returned.isoformat() if e.returned else None]
            for e in episodes
        ]
    )


def _episodes_from_field(raw: str) -> list[MissingEpisode]:
    """Read the episodes the form was drawn with; anything malformed counts as none."""
    try:
        return [
            MissingEpisode(dt.date.fromisoformat(m), dt.date.fromisoformat(r) if r else None)
            for m, r in json.loads(raw)
        ]
    except (TypeError, ValueError):
        return []


@login_required
@require_http_methods(["GET", "POST"])
def screening_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the screening form, or score and store a submitted screening."""
    record = queries.get_youth_to_screen(actor=request.user, pk=pk)
    instrument = instrument_for()
    today = timezone.localdate()
    initial = {"as_of": today, "occasion": request.GET.get("occasion", "caseworker_concern")}
    form = ScreeningForm(request.POST or None, instrument=instrument, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            screening = actions.record_screening(
                actor=request.user,
                youth=record.youth,
                as_of=form.cleaned_data["as_of"],
                answers=form.answers(),
                occasion=form.cleaned_data["occasion"],
            )
        except InputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "The screening was saved.")
            return redirect("screenings:detail", pk=pk, screening_pk=screening.pk)
    episodes = actions.episodes_as_of(record.youth, today)
    return render(
        request,
        "screenings/screening_form.html",
        {
            "record": record,
            "youth": record.youth,
            "form": form,
            "instrument": instrument,
            "episodes": episodes,
            "episodes_field": _episodes_field(episodes),
            "preview": _preview(form, instrument, episodes, today),
        },
    )


def _preview(form: ScreeningForm, instrument, episodes, fallback_day):  # type: ignore[no-untyped-def]
    """Score what the form holds now, or None if it cannot be scored yet."""
    as_of = fallback_day
    if form.is_bound and form.is_valid():
        as_of = form.cleaned_data["as_of"]
        answers = form.answers()
    elif form.is_bound:
        return None
    else:
        answers = {}
    try:
        return score(instrument, answers, actions.episodes_on(episodes, as_of), as_of)
    except InputError:
        return None


@login_required
@require_POST
def screening_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Score the form as it stands (htmx), without saving or reading anything new of the record.

    The episodes come back from the form itself (drawn, and audited, when the form was opened);
    the final save re-reads them from the database.
    """
    youth = queries.youth_for_preview(actor=request.user, pk=pk)
    instrument = instrument_for()
    form = ScreeningForm(request.POST, instrument=instrument)
    form.data = form.data.copy()
    form.data["keep_wording"] = "on"  # the language check speaks when saving, not while typing
    episodes = _episodes_from_field(request.POST.get("episodes", "[]"))
    result = _preview(form, instrument, episodes, timezone.localdate())
    return render(
        request,
        "screenings/_result.html",
        {"result": result, "instrument": instrument, "youth": youth, "live": True},
    )


@login_required
def screening_detail(request: HttpRequest, pk: int, screening_pk: int) -> HttpResponse:
    """Show a stored screening: tier, reasons, actions, what is unanswered, and overrides."""
    view = queries.get_screening(actor=request.user, pk=pk, screening_pk=screening_pk)
    return render(request, "screenings/screening_detail.html", _detail_context(request, view))


def _detail_context(request: HttpRequest, view, override_form=None, decision_form=None):  # type: ignore[no-untyped-def]
    tiers = [(t.id, t.label) for t in view.instrument.tiers if t.id != view.screening.final_tier]
    youth = view.record.youth
    can_approve = decide(
        request.user.to_actor(), case_scope(youth), Action.APPROVE, timezone.now()
    ).allowed
    return {
        "view": view,
        "record": view.record,
        "youth": youth,
        "screening": view.screening,
        "instrument": view.instrument,
        "result": view.rescored,
        "answers": _answer_rows(view),
        "override_form": override_form or OverrideForm(tiers=tiers),
        "decision_form": decision_form or OverrideDecisionForm(),
        "can_approve": can_approve,
        "pending": view.screening.overrides.filter(status="pending").first(),
    }


def _answer_rows(view):  # type: ignore[no-untyped-def]
    given = view.screening.answers
    derived = set(view.rescored.derived)
    return [
        (indicator, given.get(indicator.id), indicator.id in derived)
        for indicator in view.instrument.indicators
    ]


@login_required
@require_POST
def screening_override(request: HttpRequest, pk: int, screening_pk: int) -> HttpResponse:
    """Raise the tier, or ask to lower it (a supervisor decides a lowering)."""
    view = queries.get_screening(actor=request.user, pk=pk, screening_pk=screening_pk)
    tiers = [(t.id, t.label) for t in view.instrument.tiers if t.id != view.screening.final_tier]
    form = OverrideForm(request.POST, tiers=tiers)
    if form.is_valid():
        try:
            override = actions.override_tier(
                actor=request.user,
                screening=view.screening,
                tier=form.cleaned_data["tier"],
                reason=form.cleaned_data["reason"],
            )
        except InputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if override.status == "pending":
                messages.warning(
                    request,
                    "Lowering the tier needs the supervisor's approval. Your request is "
                    "waiting for it; until then the tier stays "
                    f"{view.instrument.tier(override.from_tier).label}.",
                )
            else:
                messages.success(
                    request, "The tier was changed; the computed tier is kept beside it."
                )
            return redirect("screenings:detail", pk=pk, screening_pk=screening_pk)
    context = _detail_context(request, view, override_form=form)
    return render(request, "screenings/screening_detail.html", context, status=400)


@login_required
@require_POST
def override_decision(
    request: HttpRequest, pk: int, screening_pk: int, override_pk: int
) -> HttpResponse:
    """A supervisor approves or refuses a pending lowering."""
    view = queries.get_screening(actor=request.user, pk=pk, screening_pk=screening_pk)
    override = view.screening.overrides.filter(pk=override_pk).first()
    if override is None:
        raise Http404("No such change of tier")
    form = OverrideDecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.decide_override(
                actor=request.user,
                override=override,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except InputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Your decision was recorded.")
            return redirect(reverse("screenings:detail", args=[pk, screening_pk]))
    context = _detail_context(request, view, decision_form=form)
    return render(request, "screenings/screening_detail.html", context, status=400)
