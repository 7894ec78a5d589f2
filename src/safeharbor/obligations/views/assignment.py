"""Assignment pages: the youth's case to a caseworker (or, a PA's, to another unit), and an open
obligation to an owner (from the board)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases.queries import YouthRecord
from safeharbor.obligations import actions, queries
from safeharbor.obligations.forms import AssignForm, MoveUnitForm, OwnerForm
from safeharbor.ui.forms import run_action


def _assign_forms(
    request: AuthenticatedRequest, record: YouthRecord, posted: str | None
) -> tuple[AssignForm, MoveUnitForm | None]:
    """The two forms of the page, the one posted (``posted``) bound to what was sent."""
    youth, actor = record.youth, request.user
    initial = {"version": youth.version}
    caseworkers = queries.caseworkers_to_assign(actor, youth)
    assign = AssignForm(
        request.POST if posted == "assign" else None, caseworkers=caseworkers, initial=initial
    )
    units = queries.units_to_move_to(actor, youth)
    move = None
    if units.exists():
        move = MoveUnitForm(
            request.POST if posted == "move" else None, units=units, initial=initial
        )
    return assign, move


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Assign or reassign the youth's caseworker; a PA may also move the case to another unit."""
    record = queries.get_youth_to_assign(actor=request.user, pk=pk)
    posted = request.POST.get("step") if request.method == "POST" else None
    assign_form, move_form = _assign_forms(request, record, posted)
    if _saved(posted, request, record, assign_form, move_form):
        return redirect("cases:youth", pk=pk)
    context: dict[str, Any] = {
        "record": record,
        "youth": record.youth,
        "form": assign_form,
        "move_form": move_form,
        "history": record.assignments(),
    }
    bound = [f for f in (assign_form, move_form) if f is not None and f.is_bound]
    status = 400 if any(f.errors for f in bound) or (posted and not bound) else 200
    return render(request, "obligations/assign.html", context, status=status)


def _saved(
    posted: str | None,
    request: AuthenticatedRequest,
    record: YouthRecord,
    assign_form: AssignForm,
    move_form: MoveUnitForm | None,
) -> bool:
    """Run the action of the form posted, if it is valid; return whether it saved."""
    if posted == "assign" and assign_form.is_valid():
        return _assign(request, record, assign_form) is not None
    if posted == "move" and move_form is not None and move_form.is_valid():
        return _move(request, record, move_form) is not None
    return False


def _assign(request: AuthenticatedRequest, record: YouthRecord, form: AssignForm) -> object:
    data = form.cleaned_data
    done = run_action(
        form,
        lambda: actions.assign_caseworker(
            actor=request.user,
            youth=record.youth,
            caseworker=data["caseworker"],
            seen_version=data["version"],
            note=data["note"],
        ),
    )
    if done is not None:
        messages.success(
            request,
            f"{record.youth.short_name} is assigned to {data['caseworker']}; the open "
            "obligations moved with the case and the worker was told.",
        )
    return done


def _move(request: AuthenticatedRequest, record: YouthRecord, form: MoveUnitForm) -> object:
    data = form.cleaned_data
    done = run_action(
        form,
        lambda: actions.move_to_unit(
            actor=request.user,
            youth=record.youth,
            unit=data["unit"],
            seen_version=data["version"],
            note=data["note"],
        ),
    )
    if done is not None:
        messages.success(
            request, f"The case moved to {data['unit'].name}; its supervisor assigns a worker."
        )
    return done


@login_required
@require_http_methods(["GET", "POST"])
def obligation_owner(request: AuthenticatedRequest, obligation_pk: int) -> HttpResponse:
    """Give an open obligation an owner, or another owner (a supervisor's or PA's decision)."""
    record = queries.get_obligation_to_reassign(actor=request.user, pk=obligation_pk)
    row = record.view.row
    people = queries.people_to_own(request.user, row)
    next_page = request.POST.get("next_page") or request.GET.get("next") or ""
    form = OwnerForm(request.POST or None, people=people, initial={"version": row.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            lambda: actions.assign_obligation_owner(
                actor=request.user,
                obligation=row,
                owner=data["owner"],
                seen_version=data["version"],
            ),
        )
        if done is not None:
            messages.success(request, f"{data['owner']} owns it now and was told.")
            if next_page == "board":
                return redirect("obligations:board")
            return redirect("obligations:detail", obligation_pk=row.pk)
    context = {
        "record": record,
        "obligation": row,
        "view": record.view,
        "form": form,
        "next_page": next_page,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "obligations/owner.html", context, status=status)
