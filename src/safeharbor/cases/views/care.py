"""Out-of-home care pages: the episodes and placements, and recording a removal, a placement, an
exit. Only those who change the record (the assigned worker, their supervisor) record them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases import queries
from safeharbor.cases.actions import add_placement, record_exit, record_removal
from safeharbor.cases.forms.care import ExitForm, PlacementForm, RemovalForm
from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.access import Action, FieldGroup
from safeharbor.ui.forms import run_action


@login_required
@require_GET
def care(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show the youth's episodes of out-of-home care with their placements."""
    record = queries.get_youth(actor=request.user, pk=pk)
    if not record.shows(FieldGroup.PLACEMENTS):
        raise Http404("No such page")
    context = {"record": record, "youth": record.youth, "episodes": record.care_episodes()}
    return render(request, "cases/care.html", context)


def _editable(request: AuthenticatedRequest, pk: int) -> YouthRecord:
    return queries.get_youth(actor=request.user, pk=pk, action=Action.EDIT)


def _form_page(
    request: AuthenticatedRequest, record: YouthRecord, form: object, title: str, **extra: object
) -> HttpResponse:
    context = {"record": record, "youth": record.youth, "form": form, "title": title, **extra}
    return render(request, "cases/care_form.html", context)


def _saved(request: AuthenticatedRequest, record: YouthRecord, words: str) -> HttpResponse:
    messages.success(request, words)
    return redirect("cases:care", pk=record.youth.pk)


@login_required
@require_http_methods(["GET", "POST"])
def removal_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record the youth's removal into out-of-home care: the date and the reasons."""
    record = _editable(request, pk)
    form = RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        episode = run_action(
            form,
            lambda: record_removal(
                actor=request.user,
                youth=record.youth,
                removal_date=data["removal_date"],
                reasons=data["reasons"],
                idempotency_key=data["idempotency_key"],
            ),
        )
        if episode is not None:
            return _saved(request, record, "The removal is recorded: add the placement next.")
    return _form_page(request, record, form, "Record a removal into out-of-home care")


@login_required
@require_http_methods(["GET", "POST"])
def placement_new(request: AuthenticatedRequest, pk: int, care_pk: int) -> HttpResponse:
    """Record a placement within one episode of care."""
    record = _editable(request, pk)
    episode = record.care_episode(care_pk)
    form = PlacementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        placement = run_action(
            form,
            lambda: add_placement(actor=request.user, youth=record.youth, episode=episode, **data),
        )
        if placement is not None:
            return _saved(request, record, "The placement is recorded.")
    return _form_page(request, record, form, "Record a placement", episode=episode)


@login_required
@require_http_methods(["GET", "POST"])
def care_exit(request: AuthenticatedRequest, pk: int, care_pk: int) -> HttpResponse:
    """Record the day the youth left out-of-home care, and why (refused on a stale version)."""
    record = _editable(request, pk)
    episode = record.care_episode(care_pk)
    if episode.exit_date is not None:
        raise Http404("This episode of care has ended")
    form = ExitForm(request.POST or None, initial={"version": episode.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        closed = run_action(
            form,
            lambda: record_exit(
                actor=request.user,
                episode=episode,
                exit_date=data["exit_date"],
                exit_reason=data["exit_reason"],
                seen_version=data["version"],
            ),
        )
        if closed is not None:
            return _saved(request, record, "The exit from care is recorded.")
    return _form_page(request, record, form, "Record the exit from care", episode=episode)
