"""Pages for referrals, team meetings, needs and the service directory: thin function views."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.accounts.models import District
from safeharbor.cases.actions import revoke_share
from safeharbor.cases.queries import get_youth
from safeharbor.domain.access import Action, FieldGroup
from safeharbor.domain.errors import InputError
from safeharbor.domain.meetings import MeetingKind, required_seats
from safeharbor.domain.needs import UNCONDITIONAL, keeps_plan
from safeharbor.partners import actions, calendar, queries
from safeharbor.partners.forms import (
    CancelForm,
    MeetingForm,
    NeedForm,
    NeedsAssessmentForm,
    OutcomeForm,
    ReferralForm,
    ReferralStatusForm,
    RevokeForm,
    ServiceAgencyForm,
    StepDoneForm,
)
from safeharbor.partners.models import NEED_CHOICES
from safeharbor.partners.protocol import referral_initial


def _add(form: Any, error: InputError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- referrals ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a referral; the protocol's links fill in whom to and why."""
    record = get_youth(actor=request.user, pk=pk, action=Action.EDIT)
    youth = record.youth
    initial = referral_initial(youth, request.GET)
    form = ReferralForm(request.POST or None, youth=youth, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral, _ = actions.record_referral(
                actor=request.user, youth=youth, **form.action_arguments()
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(request, "The referral is recorded.")
            return redirect("partners:referral", pk=pk, referral_pk=referral.pk)
    context = {"record": record, "youth": youth, "form": form}
    return render(request, "partners/referral_form.html", context, status=_status(form))


def _referral_page(
    request: HttpRequest, pk: int, referral_pk: int, form: Any = None
) -> HttpResponse:
    record, referral = queries.get_referral(actor=request.user, pk=pk, referral_pk=referral_pk)
    if form is None and record.can["edit"]:
        form = ReferralStatusForm(
            initial={
                "status": referral.status,
                "outcome": referral.outcome,
                "version": referral.version,
            }
        )
    context = {"record": record, "youth": record.youth, "referral": referral, "form": form}
    return render(
        request, "partners/referral_detail.html", context, status=_status(form) if form else 200
    )


@login_required
@require_GET
def referral_detail(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """Show one referral: whom to, what was shared with whom and why, its status."""
    return _referral_page(request, pk, referral_pk)


@login_required
@require_POST
def referral_status(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """Record a referral's status and outcome."""
    record, referral = queries.get_referral(actor=request.user, pk=pk, referral_pk=referral_pk)
    if not record.can["edit"]:
        raise Http404("No such referral")
    form = ReferralStatusForm(request.POST)
    if form.is_valid():
        try:
            actions.update_referral_status(
                actor=request.user,
                referral=referral,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"],
                seen_version=form.cleaned_data["version"],
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(request, "The referral's status is recorded.")
            return redirect("partners:referral", pk=pk, referral_pk=referral_pk)
    return _referral_page(request, pk, referral_pk, form)


# --- meetings -----------------------------------------------------------------------------------


def _meeting_form(request: HttpRequest, record: Any) -> MeetingForm:
    youth = record.youth
    kind = request.GET.get("kind", "mdt")
    start = timezone.localtime() + dt.timedelta(days=2)
    initial = {
        "kind": kind if kind in set(MeetingKind) else "mdt",
        "cac_referral": request.GET.get("cac_referral") or None,
        "share_basis": "MDT meeting under the agency's HTCSEC policy (seed 002 §VII.B)",
        "share_until": (start + dt.timedelta(days=30)).date(),
        "location": youth.district.cac_name if youth.district.has_cac else "",
    }
    return MeetingForm(
        request.POST or None,
        invitees=queries.eligible_invitees(youth),
        cac_referrals=queries.cac_referrals_of(youth),
        can_share_address=record.can["approve"],
        initial=initial,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Schedule an MDT or consultation meeting; the invitations go out by e-mail."""
    record = get_youth(actor=request.user, pk=pk, action=Action.EDIT)
    youth = record.youth
    form = _meeting_form(request, record)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting, _ = actions.schedule_meeting(
                actor=request.user,
                youth=youth,
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=form.ends_at(),
                location=data["location"],
                invitees=list(data["invitees"]),
                guests=tuple(actions.Guest(name, role) for name, role in data["guests"]),
                sharing=actions.Sharing(
                    fields=frozenset(FieldGroup(f) for f in data["share_fields"]),
                    basis=data["share_basis"],
                    expires_at=form.share_expires_at(),
                ),
                cac_referral=data["cac_referral"],
                idempotency_key=data["idempotency_key"],
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(
                request, "The meeting is scheduled and the invitations are on their way."
            )
            return redirect("partners:meeting", pk=pk, meeting_pk=meeting.pk)
    requirements = {
        kind.value: required_seats(kind, district_has_cac=youth.district.has_cac)
        for kind in MeetingKind
    }
    context = {"record": record, "youth": youth, "form": form, "requirements": requirements}
    return render(request, "partners/meeting_form.html", context, status=_status(form))


def _meeting_page(request: HttpRequest, view: Any, **forms: Any) -> HttpResponse:
    meeting = view.meeting
    if view.can_edit and meeting.status == "scheduled":
        forms.setdefault("cancel_form", CancelForm(initial={"version": meeting.version}))
    status = 400 if any(f.errors for f in forms.values() if f.is_bound) else 200
    context = {
        "view": view,
        "meeting": meeting,
        "record": view.record,
        "youth": view.record.youth,
        **forms,
    }
    return render(request, "partners/meeting_detail.html", context, status=status)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Show one meeting: when, who, what was decided, the safety plan and next steps."""
    return _meeting_page(
        request, queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk)
    )


@login_required
@require_GET
def meeting_ics(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Download the meeting's calendar file (the same one the invitations carry)."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk)
    people = [i.user for i in view.invitees if i.user is not None]
    body = calendar.invitation(
        view.meeting, people, stamp=timezone.now(), cancel=view.meeting.status == "cancelled"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


def _outcome_form(request: HttpRequest, view: Any) -> OutcomeForm:
    meeting = view.meeting
    owners = [u for u in queries.eligible_invitees(meeting.youth) if u.role != "mdt_partner"]
    initial = {
        "held_at": timezone.localtime(meeting.held_at or meeting.starts_at).replace(tzinfo=None),
        "attended": [str(i.pk) for i in view.invitees if i.attendance == "attended"],
        "decisions": meeting.decisions,
        "safety_plan": meeting.safety_plan,
        "version": meeting.version,
    }
    return OutcomeForm(request.POST or None, invitees=view.invitees, owners=owners, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_outcome(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Record (or correct) what happened at the meeting; next steps open obligations."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk, action=Action.EDIT)
    form = _outcome_form(request, view)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_meeting_outcome(
                actor=request.user,
                meeting=view.meeting,
                held_at=data["held_at"],
                attended={int(x) for x in data["attended"]},
                decisions=data["decisions"],
                safety_plan=data["safety_plan"],
                next_steps=[actions.StepInput(d, o, due) for d, o, due in form.steps()],
                seen_version=data["version"],
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(
                request, "The meeting's record is saved; each next step has its clock."
            )
            return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)
    context = {"view": view, "meeting": view.meeting, "youth": view.record.youth, "form": form}
    return render(request, "partners/meeting_outcome.html", context, status=_status(form))


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Cancel a scheduled meeting; partners' sharing for it ends."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk, action=Action.EDIT)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            actions.cancel_meeting(
                actor=request.user,
                meeting=view.meeting,
                reason=form.cleaned_data["reason"],
                seen_version=form.cleaned_data["version"],
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(request, "The meeting is cancelled and the invitees are told.")
            return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)
    return _meeting_page(request, view, cancel_form=form)


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int, meeting_pk: int, share_pk: int) -> HttpResponse:
    """End one partner's sharing for this meeting now."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk, action=Action.EDIT)
    invitee = next((i for i in view.invitees if i.share_id == share_pk), None)
    if invitee is None:
        raise Http404("No such sharing")
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            revoke_share(
                actor=request.user, share=invitee.share, reason=form.cleaned_data["reason"]
            )
        except InputError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"{invitee.user} no longer sees {view.record.youth.short_name}."
            )
    else:
        messages.error(request, "Say why the sharing ends.")
    return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)


@login_required
@require_POST
def step_done(request: HttpRequest, pk: int, meeting_pk: int, step_pk: int) -> HttpResponse:
    """Record a next step as done; its obligation is satisfied."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk)
    step = next((s for s in view.next_steps if s.pk == step_pk), None)
    if step is None or not (view.can_edit or step.owner_id == request.user.pk):
        raise Http404("No such next step")
    form = StepDoneForm(request.POST)
    if form.is_valid():
        try:
            actions.complete_next_step(
                actor=request.user, step=step, note=form.cleaned_data["note"]
            )
        except InputError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The next step is recorded as done.")
        return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)
    return _meeting_page(request, view, step_form=form)


# --- needs --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def needs_assess(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a needs assessment: the youth's own priorities first, then every need's plan."""
    record = get_youth(actor=request.user, pk=pk, action=Action.EDIT)
    youth = record.youth
    plan = queries.needs_plan_of(record)
    initial: dict[str, Any] = {"assessed_on": timezone.localdate(), "youth_took_part": True}
    for need in plan.needs if plan else []:
        initial[f"need_{need.kind}"] = True
        initial[f"plan_{need.kind}"] = need.plan
    form = NeedsAssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_needs_assessment(
                actor=request.user,
                youth=youth,
                assessed_on=form.cleaned_data["assessed_on"],
                priorities=form.priorities(),
                plans=form.plans(),
                in_youth_words=form.cleaned_data["in_youth_words"],
                youth_took_part=form.cleaned_data["youth_took_part"],
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(request, "The needs assessment is recorded.")
            return redirect("cases:youth", pk=pk)
    context = {
        "record": record,
        "youth": youth,
        "form": form,
        "unconditional": UNCONDITIONAL,
        "young_adult": youth.age_on(timezone.localdate()) >= 18
        and keeps_plan(youth.age_on(timezone.localdate())),
    }
    return render(request, "partners/needs_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int, need_pk: int) -> HttpResponse:
    """Change one need's plan or status."""
    record, need = queries.get_need(actor=request.user, pk=pk, need_pk=need_pk)
    initial = {"plan": need.plan, "status": need.status, "version": need.version}
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_need(
                actor=request.user,
                need=need,
                plan=form.cleaned_data["plan"],
                status=form.cleaned_data["status"],
                seen_version=form.cleaned_data["version"],
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(request, f"{need.get_kind_display()}: saved.")
            return redirect("cases:youth", pk=pk)
    context = {
        "record": record,
        "youth": record.youth,
        "need": need,
        "form": form,
        "unconditional": UNCONDITIONAL,
    }
    return render(request, "partners/need_form.html", context, status=_status(form))


# --- the service directory ----------------------------------------------------------------------


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
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
        "districts": District.objects.all(),
        "needs": NEED_CHOICES,
        "district": district,
        "need": need,
    }
    return render(request, "partners/directory.html", context)


def _agency_page(request: HttpRequest, agency: Any) -> HttpResponse:
    if request.user.role != "administrator":
        raise Http404("Only administrators maintain the directory")
    initial: dict[str, Any] = {"active": True, "languages": "English"}
    if agency is not None:
        initial = {name: getattr(agency, name) for name in actions.AGENCY_FIELDS}
        initial |= {"districts": list(agency.districts.all()), "version": agency.version}
    form = ServiceAgencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_service_agency(
                actor=request.user,
                agency=agency,
                districts=list(form.cleaned_data["districts"]),
                seen_version=form.cleaned_data.get("version"),
                **form.values(),
            )
        except InputError as error:
            _add(form, error)
        else:
            messages.success(request, f"{saved.name} is saved in the directory.")
            return redirect("partners:directory")
    context = {"form": form, "agency": agency}
    return render(request, "partners/agency_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def agency_new(request: HttpRequest) -> HttpResponse:
    """Add an agency to the directory (administrators)."""
    return _agency_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, agency_pk: int) -> HttpResponse:
    """Correct an agency in the directory, or take it out (administrators)."""
    return _agency_page(
        request, queries.get_service_agency(actor=request.user, agency_pk=agency_pk)
    )
