"""Missing-episode pages: record, the episode with its reports, search, return and debrief, the
packet, the missing-now board, and the agency's pattern thresholds. Thin views over
``missing.queries`` and ``missing.actions``; a bad form is shown again with everything typed."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.accounts.models import User
from safeharbor.cases.models import Placement
from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.return_debrief import REVIEW, WELCOME
from safeharbor.missing import actions, packet, queries
from safeharbor.missing.forms import (
    REPORT_FORMS,
    DebriefForm,
    EpisodeForm,
    FlagResponseForm,
    LocateEffortForm,
    PatternPolicyForm,
    ReturnForm,
    amendment_form,
    correction_initial,
    debrief_initial,
    new_episode_initial,
    report_fields,
)
from safeharbor.missing.queries import EpisodeRecord, ReportLine
from safeharbor.obligations.actions import amend_legal_report, record_legal_report
from safeharbor.obligations.forms import report_initial
from safeharbor.ui.forms import run_action

REPORT_WORDS = {"law_enforcement": "law-enforcement", "ncmec": "NCMEC"}
RECORDED_MISSING = (
    "{youth} is recorded as missing. Report to law enforcement and to NCMEC within 24 hours; the "
    "report packet below has what they ask for."
)
DEBRIEFED = (
    "The debrief is recorded. Now the screening: the episodes on record, this one included, are "
    "already counted."
)

# --- recording and correcting an episode --------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def episode_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a youth missing; the agency learning of it starts the 24-hour report clocks."""
    record = queries.get_youth_to_record(actor=request.user, pk=pk)
    youth = record.youth
    open_episode = queries.open_episode(record)
    if request.method == "GET" and open_episode is not None:
        messages.info(request, f"{youth.short_name} is already recorded as missing.")
        return redirect("missing:episode", pk=pk, episode_pk=open_episode.pk)
    placements = queries.placements_of(record)
    if request.method == "GET":
        return _episode_form_page(request, record, _blank_episode_form(record, placements))
    form = EpisodeForm(request.POST, placements=placements)
    if form.is_valid():
        key = form.cleaned_data["idempotency_key"]
        episode = run_action(
            form,
            lambda: actions.record_missing(
                actor=request.user, youth=youth, idempotency_key=key, **form.recorded()
            ),
        )
        if episode is not None:
            messages.success(request, RECORDED_MISSING.format(youth=youth.short_name))
            return redirect("missing:episode", pk=pk, episode_pk=episode.pk)
    return _episode_form_page(request, record, form)


def _blank_episode_form(record: YouthRecord, placements: list[Placement]) -> EpisodeForm:
    """Return the form for a new episode, pre-filled from the youth's last one."""
    youth = record.youth
    initial = new_episode_initial(
        placements=placements,
        last=queries.last_description(youth),
        photo_reference=youth.photo_reference,
    )
    return EpisodeForm(initial=initial, placements=placements)


@login_required
@require_http_methods(["GET", "POST"])
def episode_edit(request: AuthenticatedRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Correct or add to what is known about an episode (version-checked)."""
    er = _editable(request, pk, episode_pk)
    placements = queries.placements_of(er.record)
    if request.method == "GET":
        initial = correction_initial(er.episode)
        form = EpisodeForm(initial=initial, placements=placements, editing=True)
        return _episode_form_page(request, er.record, form, er)
    form = EpisodeForm(request.POST, placements=placements, editing=True)
    if form.is_valid():
        seen = form.cleaned_data["version"]
        saved = run_action(
            form,
            lambda: actions.update_missing_details(
                actor=request.user, episode=er.episode, seen_version=seen, **form.recorded()
            ),
        )
        if saved is not None:
            messages.success(request, "The episode is updated.")
            return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    return _episode_form_page(request, er.record, form, er)


def _episode_form_page(
    request: AuthenticatedRequest,
    record: YouthRecord,
    form: EpisodeForm,
    er: EpisodeRecord | None = None,
) -> HttpResponse:
    context = {"record": record, "youth": record.youth, "form": form, "er": er}
    status = 400 if form.errors else 200
    return render(request, "missing/episode_form.html", context, status=status)


# --- the episode page and what is recorded on it ------------------------------------------------


@login_required
@require_GET
def episode_detail(request: AuthenticatedRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Show an episode: its clocks, reports, search, return and debrief, and what to do next."""
    er = queries.get_episode(actor=request.user, pk=pk, episode_pk=episode_pk)
    return _episode_page(request, er)


def _episode_page(
    request: AuthenticatedRequest,
    er: EpisodeRecord,
    bound: dict[str, forms.Form] | None = None,
    *,
    refused: bool = False,
) -> HttpResponse:
    """Render the episode page; ``bound`` are forms submitted with errors, by prefix."""
    bound = bound or {}
    context = {
        "er": er,
        "record": er.record,
        "youth": er.youth,
        "episode": er.episode,
        "le_made": er.report_made("law_enforcement"),
        "ncmec_made": er.report_made("ncmec"),
        **(_episode_forms(request.user, er, bound) if er.can_edit else {}),
    }
    status = 400 if refused or any(form.errors for form in bound.values()) else 200
    return render(request, "missing/episode.html", context, status=status)


def _episode_forms(
    user: User, er: EpisodeRecord, bound: dict[str, forms.Form]
) -> dict[str, object]:
    """Return the forms offered to someone who may edit: the reports, the search, the return."""
    me = user.get_full_name() or user.get_username()
    offered: dict[str, object] = {
        f"{recipient}_form": bound.get(recipient)
        or form_class(prefix=recipient, initial={"reported_by_name": me})
        for recipient, form_class in REPORT_FORMS.items()
    }
    if er.episode.is_open or er.efforts or "effort" in bound:
        offered["effort_form"] = bound.get("effort") or LocateEffortForm(
            prefix="effort", initial={"made_by": me}
        )
    if er.episode.is_open:
        offered["return_form"] = bound.get("return") or ReturnForm(prefix="return")
    return offered


@login_required
@require_POST
def report_record(request: AuthenticatedRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Record the law-enforcement or NCMEC report of an episode; it satisfies its clock."""
    er = _editable(request, pk, episode_pk)
    recipient = request.POST.get("recipient", "")
    if recipient not in REPORT_FORMS:
        messages.error(request, "Choose which report you are recording: law enforcement or NCMEC.")
        return _episode_page(request, er, refused=True)
    form = REPORT_FORMS[recipient](request.POST, prefix=recipient)
    if form.is_valid():
        recorded = run_action(
            form,
            lambda: record_legal_report(
                actor=request.user,
                youth=er.youth,
                recipient=recipient,
                about="missing",
                missing_episode=er.episode,
                **report_fields(form),
            ),
        )
        if recorded is not None:
            _, created = recorded
            if created:  # not the same form submitted again
                messages.success(request, f"The {REPORT_WORDS[recipient]} report is recorded.")
            return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    return _episode_page(request, er, {recipient: form})


@login_required
@require_http_methods(["GET", "POST"])
def report_amend(
    request: AuthenticatedRequest, pk: int, episode_pk: int, report_pk: int
) -> HttpResponse:
    """Correct a recorded report with an amendment linked to it; the original stays as it was."""
    er = _editable(request, pk, episode_pk)
    line = er.report_line(report_pk)
    if line is None:
        raise Http404("No such report")
    current = line.current
    if request.method == "GET":
        form = amendment_form(current.recipient, initial=report_initial(current))
        return _amend_page(request, er, line, form)
    form = amendment_form(current.recipient, request.POST)
    if form.is_valid():
        amended = run_action(
            form,
            lambda: amend_legal_report(
                actor=request.user,
                report=line.report,
                reason=form.cleaned_data["amendment_reason"],
                **report_fields(form),
            ),
        )
        if amended is not None:
            messages.success(request, "The correction is recorded beside the original report.")
            return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    return _amend_page(request, er, line, form)


def _amend_page(
    request: AuthenticatedRequest, er: EpisodeRecord, line: ReportLine, form: forms.Form
) -> HttpResponse:
    context = {"er": er, "youth": er.youth, "episode": er.episode, "line": line, "form": form}
    return render(request, "missing/amend.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def effort_record(request: AuthenticatedRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Add an effort to find the youth to the episode's log."""
    er = _editable(request, pk, episode_pk)
    form = LocateEffortForm(request.POST, prefix="effort")
    if form.is_valid():
        data = form.cleaned_data
        logged = run_action(
            form,
            lambda: actions.record_locate_effort(
                actor=request.user,
                episode=er.episode,
                made_at=data["made_at"],
                made_by=data["made_by"],
                effort=data["effort"],
                result=data["result"],
                idempotency_key=data["idempotency_key"],
            ),
        )
        if logged is not None:
            messages.success(request, "The effort is logged.")
            return redirect(reverse("missing:episode", args=[pk, episode_pk]) + "#efforts")
    return _episode_page(request, er, {"effort": form})


@login_required
@require_POST
def return_record(request: AuthenticatedRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Record the youth's return; then the debrief, with relief and concern."""
    er = _editable(request, pk, episode_pk)
    form = ReturnForm(request.POST, prefix="return")
    if form.is_valid():
        data = form.cleaned_data
        returned = run_action(
            form,
            lambda: actions.record_return(
                actor=request.user,
                episode=er.episode,
                returned_at=data["returned_at"],
                found_where=data["found_where"],
                found_by=data["found_by"],
            ),
        )
        if returned is not None:
            messages.success(
                request,
                f"{er.youth.short_name}'s return is recorded. The debrief and a new screening "
                "are now due.",
            )
            return redirect("missing:debrief", pk=pk, episode_pk=episode_pk)
    return _episode_page(request, er, {"return": form})


def _editable(request: AuthenticatedRequest, pk: int, episode_pk: int) -> EpisodeRecord:
    """Return the episode for someone who may record on it (404 for anyone else)."""
    er = queries.get_episode(actor=request.user, pk=pk, episode_pk=episode_pk)
    if not er.can_edit:
        raise Http404("No such missing episode")
    return er


# --- the debrief --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def debrief(request: AuthenticatedRequest, pk: int, episode_pk: int) -> HttpResponse:
    """The return debrief; once recorded, straight on to the screening (SPEC §5)."""
    er = _editable(request, pk, episode_pk)
    not_due = _debrief_not_due(er)
    if not_due:
        messages.info(request, not_due)
        return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    if request.method == "GET":
        return _debrief_page(request, er, DebriefForm(initial=debrief_initial(er)))
    form = DebriefForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        recorded = run_action(
            form,
            lambda: actions.record_debrief(
                actor=request.user,
                episode=er.episode,
                conducted_at=data["conducted_at"],
                participation=data["participation"],
                answers=form.answers(),
            ),
        )
        if recorded is not None:
            messages.success(request, DEBRIEFED)
            url = reverse("screenings:new", args=[pk])
            return redirect(f"{url}?occasion=returned_from_missing")
    return _debrief_page(request, er, form)


def _debrief_not_due(er: EpisodeRecord) -> str:
    """Return why there is no debrief to record yet (or any more), or an empty string."""
    if er.episode.is_open:
        return "Record the youth's return first; the debrief follows it."
    if er.debrief is not None:
        return "The debrief for this episode is already recorded."
    return ""


def _debrief_page(
    request: AuthenticatedRequest, er: EpisodeRecord, form: DebriefForm
) -> HttpResponse:
    context = {
        "er": er,
        "youth": er.youth,
        "episode": er.episode,
        "form": form,
        "welcome": WELCOME,
        "review_source": REVIEW,
    }
    return render(request, "missing/debrief.html", context, status=400 if form.errors else 200)


# --- the packet, the board, the settings --------------------------------------------------------


@login_required
@require_POST
def packet_pdf(request: AuthenticatedRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Generate the report packet (PDF) in one click; the generation is audited."""
    content = queries.packet_for(actor=request.user, pk=pk, episode_pk=episode_pk)
    response = HttpResponse(packet.render(content), content_type="application/pdf")
    number = content.record.youth.record_number
    response["Content-Disposition"] = f'attachment; filename="missing-report-packet-{number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def board(request: AuthenticatedRequest) -> HttpResponse:
    """Every open episode the person may see, overdue reports first, by district."""
    return render(request, "missing/board.html", {"board": queries.missing_now(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def pattern_settings(request: AuthenticatedRequest) -> HttpResponse:
    """Let an administrator change the chronic-runaway and same-placement thresholds."""
    current = queries.pattern_policy_for(request.user)
    form = PatternPolicyForm(
        request.POST or None, initial={"version": current.version, **current.values()}
    )
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in current.values()}
        saved = run_action(
            form,
            lambda: actions.update_pattern_policy(
                actor=request.user, values=values, seen_version=form.cleaned_data["version"]
            ),
        )
        if saved is not None:
            messages.success(
                request, "The thresholds are saved. They apply to episodes recorded from now on."
            )
            return redirect("missing:settings")
    status = 400 if form.errors else 200
    return render(request, "missing/settings.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def flag_respond(request: AuthenticatedRequest, pk: int, flag_pk: int) -> HttpResponse:
    """Record the response to a pattern flag: a plan, or go schedule the MDT or consultation."""
    flag = queries.get_flag_to_answer(actor=request.user, pk=pk, flag_pk=flag_pk)
    form = FlagResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        how = form.cleaned_data["how"]
        if how != "plan":  # the meeting page records the response once the meeting is set
            query = urlencode({"kind": how, "flag": flag.pk})
            return redirect(f"{reverse('partners:meeting_new', args=[pk])}?{query}")
        done = run_action(
            form,
            lambda: actions.record_flag_response(
                actor=request.user,
                flag=flag,
                how="plan",
                plan=form.cleaned_data["plan"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            ),
        )
        if done is not None:
            messages.success(request, "Your response is recorded on the flag.")
            return redirect("missing:episode", pk=pk, episode_pk=flag.episode_id)
    context = {"flag": flag, "youth": flag.youth, "form": form}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "missing/flag_respond.html", context, status=status)
