"""Team meeting pages: schedule, show, the calendar file, what happened, cancel, sharing, steps."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.accounts.models import PARTNER_KIND_CHOICES
from safeharbor.cases.actions import widen_share
from safeharbor.cases.models import Youth
from safeharbor.cases.queries import YouthRecord, get_youth
from safeharbor.domain.access import Action
from safeharbor.domain.meetings import Convener, MeetingKind, Requirement, required_seats
from safeharbor.missing.actions import record_flag_response
from safeharbor.missing.models import PatternFlag
from safeharbor.missing.queries import get_flag_to_answer
from safeharbor.obligations.queries import RecordOutcome, record_outcome
from safeharbor.partners import actions, calendar, queries
from safeharbor.partners.forms import (
    CancelForm,
    MeetingForm,
    OutcomeForm,
    RevokeForm,
    StepDoneForm,
    WidenForm,
    group_labels,
)
from safeharbor.partners.models import Meeting
from safeharbor.partners.queries import MeetingRecord
from safeharbor.partners.views.common import form_status, tell
from safeharbor.ui.forms import run_action


def _meeting_form(request: AuthenticatedRequest, record: YouthRecord) -> MeetingForm:
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
        defaults=queries.partner_defaults(),
        initial=initial,
    )


def _schedule(
    request: AuthenticatedRequest, youth: Youth, form: MeetingForm
) -> tuple[Meeting, bool]:
    data = form.cleaned_data
    return actions.schedule_meeting(
        actor=request.user,
        youth=youth,
        sharing=actions.Sharing(
            data["share_basis"],
            form.share_expires_at(),
            extra=form.extra_groups(),
            approval_reason=data["approval_reason"],
        ),
        guests=tuple(actions.Guest(name, role) for name, role in data["guests"]),
        **form.meeting_arguments(),
    )


def _requirements(youth: Youth) -> dict[str, tuple[Requirement, ...]]:
    """Return who must be invited to each kind of meeting about ``youth``."""
    has_cac = youth.district.has_cac
    return {kind.value: required_seats(kind, district_has_cac=has_cac) for kind in MeetingKind}


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Schedule an MDT or consultation meeting; the invitations go out by e-mail."""
    record = get_youth(actor=request.user, pk=pk, action=Action.EDIT)
    youth = record.youth
    form = _meeting_form(request, record)
    flag = _flag(request, pk)
    if request.method == "POST" and form.is_valid():
        made = run_action(form, lambda: _schedule(request, youth, form))
        if made is not None:
            messages.success(
                request, "The meeting is scheduled and the invitations are on their way."
            )
            _answer_flag(request, flag, made[0])
            return redirect("partners:meeting", pk=pk, meeting_pk=made[0].pk)
    context = {
        "record": record,
        "youth": youth,
        "form": form,
        "requirements": _requirements(youth),
        "defaults": _defaults_in_words(),
        "flag": flag,
    }
    return render(request, "partners/meeting_form.html", context, status=form_status(form))


def _defaults_in_words() -> list[tuple[str, list[str]]]:
    """Return each kind of partner with what they see by default, in words."""
    kinds = dict(PARTNER_KIND_CHOICES)
    return [
        (kinds[kind.value], group_labels(groups))
        for kind, groups in queries.partner_defaults().items()
    ]


def _widen_forms(view: MeetingRecord, failed: forms.Form | None) -> None:
    """Give each partner's sharing in force its "share more" form, for the unit supervisor."""
    if not view.record.can["approve"]:
        return
    for invitee in view.invitees:
        share = invitee.share
        if share is not None and share.revoked_at is None:
            mine = failed is not None and failed.prefix == f"widen-{share.pk}"
            invitee.widen_form = failed if mine else _widen_form(share.pk)  # type: ignore[attr-defined]


def _widen_form(share_pk: int, data: object = None) -> WidenForm:
    return WidenForm(data, prefix=f"widen-{share_pk}", can_share_address=True)


def _flag_id(request: AuthenticatedRequest) -> int | None:
    raw = request.POST.get("flag") or request.GET.get("flag") or ""
    return int(raw) if raw.isdigit() else None


def _flag(request: AuthenticatedRequest, pk: int) -> PatternFlag | None:
    """Return the pattern flag the meeting answers, when scheduled from one (else None)."""
    flag_pk = _flag_id(request)
    if flag_pk is None:
        return None
    return get_flag_to_answer(actor=request.user, pk=pk, flag_pk=flag_pk)


def _answer_flag(request: AuthenticatedRequest, flag: PatternFlag | None, meeting: Meeting) -> None:
    """Record the meeting as the flag's response (its own key: one response per meeting)."""
    if flag is None:
        return
    when = timezone.localtime(meeting.starts_at).strftime("%b %d, %Y %I:%M %p")
    record_flag_response(
        actor=request.user,
        flag=flag,
        how=meeting.kind,
        meeting_id=meeting.pk,
        summary=f"{meeting.get_kind_display()} on {when}",
        idempotency_key=f"meeting-{meeting.pk}-flag-{flag.pk}",
    )


def _meeting_page(
    request: AuthenticatedRequest, view: MeetingRecord, **page_forms: forms.Form
) -> HttpResponse:
    meeting = view.meeting
    if view.can_edit and meeting.status == "scheduled":
        page_forms.setdefault("cancel_form", CancelForm(initial={"version": meeting.version}))
    _widen_forms(view, page_forms.get("widen_form"))
    status = max([200, *(form_status(form) for form in page_forms.values())])
    context = {
        "view": view,
        "meeting": meeting,
        "record": view.record,
        "youth": view.record.youth,
        "outcome": _outcome(view),
        **page_forms,
    }
    return render(request, "partners/meeting_detail.html", context, status=status)


def _outcome(view: MeetingRecord) -> RecordOutcome | None:
    """Return what a held consultation or a district-formed MDT satisfied, for those who edit."""
    meeting = view.meeting
    clock_event = meeting.convened_by == Convener.DISTRICT or (
        meeting.kind == MeetingKind.CONSULTATION and meeting.held_at is not None
    )
    return record_outcome(meeting) if view.can_edit and clock_event else None


@login_required
@require_GET
def meeting_detail(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Show one meeting: when, who, what was decided, the safety plan and next steps."""
    return _meeting_page(
        request, queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk)
    )


@login_required
@require_GET
def meeting_ics(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Download the meeting's calendar file (the same one the invitations carry)."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk)
    people = [i.user for i in view.invitees if i.user is not None]
    body = calendar.invitation(
        view.meeting, people, stamp=timezone.now(), cancel=view.meeting.status == "cancelled"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


def _outcome_form(request: AuthenticatedRequest, view: MeetingRecord) -> OutcomeForm:
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


def _record_outcome(request: AuthenticatedRequest, meeting: Meeting, form: OutcomeForm) -> Meeting:
    data = form.cleaned_data
    return actions.record_meeting_outcome(
        actor=request.user,
        meeting=meeting,
        held_at=data["held_at"],
        attended=form.present(),
        decisions=data["decisions"],
        safety_plan=data["safety_plan"],
        next_steps=[actions.StepInput(*step) for step in form.steps()],
        seen_version=data["version"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_outcome(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Record (or correct) what happened at the meeting; next steps open obligations."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk, action=Action.EDIT)
    form = _outcome_form(request, view)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_action(form, lambda: _record_outcome(request, view.meeting, form)) is not None
    ):
        messages.success(request, "The meeting's record is saved; each next step has its clock.")
        return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)
    context = {"view": view, "meeting": view.meeting, "youth": view.record.youth, "form": form}
    return render(request, "partners/meeting_outcome.html", context, status=form_status(form))


@login_required
@require_POST
def meeting_cancel(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Cancel a scheduled meeting; partners' sharing for it ends."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk, action=Action.EDIT)
    form = CancelForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        cancelled = run_action(
            form,
            lambda: actions.cancel_meeting(
                actor=request.user,
                meeting=view.meeting,
                reason=data["reason"],
                seen_version=data["version"],
            ),
        )
        if cancelled is not None:
            messages.success(request, "The meeting is cancelled and the invitees are told.")
            return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)
    return _meeting_page(request, view, cancel_form=form)


@login_required
@require_POST
def share_revoke(
    request: AuthenticatedRequest, pk: int, meeting_pk: int, share_pk: int
) -> HttpResponse:
    """End one partner's sharing for this meeting now."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk, action=Action.EDIT)
    invitee = next((i for i in view.invitees if i.share_id == share_pk), None)
    if invitee is None or invitee.share is None:
        raise Http404("No such sharing")
    share = invitee.share
    form = RevokeForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        ended = run_action(
            form, lambda: actions.end_sharing(actor=request.user, share=share, reason=reason)
        )
        tell(request, form, ended, f"{invitee.user} no longer sees {view.record.youth.short_name}.")
    else:
        messages.error(request, "Say why the sharing ends.")
    return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)


@login_required
@require_POST
def step_done(
    request: AuthenticatedRequest, pk: int, meeting_pk: int, step_pk: int
) -> HttpResponse:
    """Record a next step as done; its obligation is satisfied."""
    view = queries.get_meeting(actor=request.user, pk=pk, meeting_pk=meeting_pk)
    step = next((s for s in view.next_steps if s.pk == step_pk), None)
    if step is None or not (view.can_edit or step.owner_id == request.user.pk):
        raise Http404("No such next step")
    form = StepDoneForm(request.POST)
    if not form.is_valid():
        return _meeting_page(request, view, step_form=form)
    note = form.cleaned_data["note"]
    done = run_action(
        form, lambda: actions.complete_next_step(actor=request.user, step=step, note=note)
    )
    tell(request, form, done, "The next step is recorded as done.")
    return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)


@login_required
@require_POST
def share_widen(
    request: AuthenticatedRequest, pk: int, meeting_pk: int, share_pk: int
) -> HttpResponse:
    """Let one partner see more of the youth: the unit supervisor approves, with a reason."""
    view = queries.get_meeting(
        actor=request.user, pk=pk, meeting_pk=meeting_pk, action=Action.APPROVE
    )
    invitee = next((i for i in view.invitees if i.share_id == share_pk), None)
    if invitee is None or invitee.share is None:
        raise Http404("No such sharing")
    share = invitee.share
    form = _widen_form(share_pk, request.POST)
    if form.is_valid():
        widened = run_action(
            form,
            lambda: widen_share(
                actor=request.user,
                share=share,
                added=form.added(),
                approval_reason=form.cleaned_data["approval_reason"],
            ),
        )
        if widened is not None:
            messages.success(request, f"{invitee.user} now also sees what you approved.")
            return redirect("partners:meeting", pk=pk, meeting_pk=meeting_pk)
    return _meeting_page(request, view, widen_form=form)
