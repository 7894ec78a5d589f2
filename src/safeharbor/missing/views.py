"""Missing-episode pages: record, the episode with its reports, search, return and debrief, the
packet, the missing-now board, and the agency's pattern thresholds. Thin views over
``missing.queries`` and ``missing.actions``; a bad form is shown again with everything typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeharbor.domain.errors import InputError
from safeharbor.domain.return_debrief import QUESTIONS, REVIEW, WELCOME
from safeharbor.missing import actions, packet, queries
from safeharbor.missing.forms import (
    REPORT_FORMS,
    DebriefForm,
    EpisodeForm,
    LocateEffortForm,
    PatternPolicyForm,
    ReturnForm,
    amendment_form,
    episode_initial,
    report_fields,
)
from safeharbor.missing.models import MissingEpisode
from safeharbor.obligations.actions import amend_legal_report, record_legal_report
from safeharbor.obligations.forms import report_initial
from safeharbor.ui.forms import new_key

# --- recording and correcting an episode --------------------------------------------------------


def _placements(record: Any) -> list[tuple[str, str]]:
    """Return the youth's placements as choices, in words (never the protected address)."""
    return [
        (
            str(view.placement.pk),
            f"{view.placement.get_placement_type_display()} since "
            f"{view.placement.start_date:%b %d, %Y}"
            + (" (current)" if view.placement.end_date is None else ""),
        )
        for view in record.placements()
    ]


def _now_minute() -> Any:
    return timezone.localtime().replace(second=0, microsecond=0)


def _new_initial(record: Any) -> dict[str, Any]:
    """Pre-fill a new episode: now, the current placement, the last episode's description."""
    youth = record.youth
    current = next((p for p in record.placements() if p.placement.end_date is None), None)
    placement = str(current.placement.pk) if current else ""
    last = queries.last_description(youth)
    initial: dict[str, Any] = {"learned_at": _now_minute(), "placement": placement}
    if last is not None:
        carried = episode_initial(last, placement)
        initial.update(
            {k: carried[k] for k in ("hair", "eyes", "marks", "photo_reference", "weight_pounds")}
        )
        initial.update({k: v for k, v in carried.items() if k.startswith("height_")})
    initial["photo_reference"] = initial.get("photo_reference") or youth.photo_reference
    initial["idempotency_key"] = new_key()
    return initial


def _placement_of(record: Any, value: str) -> Any:
    if not value:
        return None
    found = next((v.placement for v in record.placements() if str(v.placement.pk) == value), None)
    if found is None:
        raise InputError("choose one of the youth's placements", field="placement")
    return found


@login_required
@require_http_methods(["GET", "POST"])
def episode_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a youth missing; the agency learning of it starts the 24-hour report clocks."""
    record = queries.get_youth_to_record(actor=request.user, pk=pk)
    open_episode = queries.open_episode(record)
    if request.method == "GET" and open_episode is not None:
        messages.info(request, f"{record.youth.short_name} is already recorded as missing.")
        return redirect("missing:episode", pk=pk, episode_pk=open_episode.pk)
    placements = _placements(record)
    if request.method == "GET":
        form = EpisodeForm(initial=_new_initial(record), placements=placements)
        return _episode_form_page(request, record, form)
    form = EpisodeForm(request.POST, placements=placements)
    if form.is_valid():
        data = form.cleaned_data
        try:
            episode = actions.record_missing(
                actor=request.user,
                youth=record.youth,
                last_seen_at=data["last_seen_at"],
                learned_at=data["learned_at"],
                placement=_placement_of(record, data["placement"]),
                idempotency_key=data["idempotency_key"],
                **form.details(),
            )
        except InputError as error:
            form.add_input_error(error)
        else:
            messages.success(
                request,
                f"{record.youth.short_name} is recorded as missing. Report to law enforcement "
                "and to NCMEC within 24 hours; the report packet below has what they ask for.",
            )
            return redirect("missing:episode", pk=pk, episode_pk=episode.pk)
    return _episode_form_page(request, record, form)


@login_required
@require_http_methods(["GET", "POST"])
def episode_edit(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Correct or add to what is known about an episode (version-checked)."""
    er = queries.get_episode(actor=request.user, pk=pk, episode_pk=episode_pk)
    if not er.can_edit:
        raise Http404("No such missing episode")
    episode = er.episode
    placements = _placements(er.record)
    if request.method == "GET":
        initial = episode_initial(episode, str(episode.placement_id or ""))
        initial.update(
            last_seen_at=timezone.localtime(episode.last_seen_at), version=episode.version
        )
        form = EpisodeForm(initial=initial, placements=placements, editing=True)
        return _episode_form_page(request, er.record, form, er)
    form = EpisodeForm(request.POST, placements=placements, editing=True)
    if form.is_valid():
        try:
            actions.update_missing_details(
                actor=request.user,
                episode=episode,
                seen_version=form.cleaned_data["version"],
                last_seen_at=form.cleaned_data["last_seen_at"],
                placement=_placement_of(er.record, form.cleaned_data["placement"]),
                **form.details(),
            )
        except InputError as error:
            form.add_input_error(error)
        else:
            messages.success(request, "The episode is updated.")
            return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    return _episode_form_page(request, er.record, form, er)


def _episode_form_page(
    request: HttpRequest, record: Any, form: EpisodeForm, er: Any = None
) -> HttpResponse:
    context = {"record": record, "youth": record.youth, "form": form, "er": er}
    status = 400 if form.errors else 200
    return render(request, "missing/episode_form.html", context, status=status)


# --- the episode page and what is recorded on it ------------------------------------------------


@login_required
@require_GET
def episode_detail(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Show an episode: its clocks, reports, search, return and debrief, and what to do next."""
    er = queries.get_episode(actor=request.user, pk=pk, episode_pk=episode_pk)
    return _episode_page(request, er)


def _episode_page(request: HttpRequest, er: queries.EpisodeRecord, **bound: Any) -> HttpResponse:
    context: dict[str, Any] = {
        "er": er,
        "record": er.record,
        "youth": er.youth,
        "episode": er.episode,
        "le_made": er.report_made("law_enforcement"),
        "ncmec_made": er.report_made("ncmec"),
        "return_screening_open": _open(er.clock("return_screening")),
    }
    if er.debrief is not None and er.shows_notes:
        answers = er.debrief.answers()
        context["debrief_answers"] = [(q.words, answers[q.id]) for q in QUESTIONS]
    if er.can_edit:
        me = request.user.get_full_name() or request.user.get_username()
        for recipient, form_class in REPORT_FORMS.items():
            context[f"{recipient}_form"] = bound.get(recipient) or form_class(
                prefix=recipient, initial={"reported_by_name": me}
            )
        if er.episode.is_open or er.efforts or "effort" in bound:
            context["effort_form"] = bound.get("effort") or LocateEffortForm(
                prefix="effort", initial={"made_by": me}
            )
        if er.episode.is_open:
            context["return_form"] = bound.get("return") or ReturnForm(prefix="return")
    status = 400 if any(form.errors for form in bound.values()) else 200
    return render(request, "missing/episode.html", context, status=status)


@login_required
@require_POST
def report_record(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Record the law-enforcement or NCMEC report of an episode; it satisfies its clock."""
    er = _editable(request, pk, episode_pk)
    recipient = request.POST.get("recipient", "")
    if recipient not in REPORT_FORMS:
        messages.error(request, "Choose which report you are recording: law enforcement or NCMEC.")
        return _episode_page(request, er, invalid=_Invalid())
    form = REPORT_FORMS[recipient](request.POST, prefix=recipient)
    if form.is_valid():
        try:
            _, created = record_legal_report(
                actor=request.user,
                youth=er.youth,
                recipient=recipient,
                about="missing",
                missing_episode=er.episode,
                **report_fields(form),
            )
        except InputError as error:
            form.add_input_error(error)
        else:
            words = "law-enforcement" if recipient == "law_enforcement" else "NCMEC"
            if created:
                messages.success(request, f"The {words} report is recorded.")
            return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    return _episode_page(request, er, **{recipient: form})


def _open(clock: Any) -> bool:
    return clock is not None and clock.status in ("open", "overdue")


class _Invalid:
    """A stand-in bound form for a POST that named no form (the page answers 400)."""

    errors = True


@login_required
@require_http_methods(["GET", "POST"])
def report_amend(request: HttpRequest, pk: int, episode_pk: int, report_pk: int) -> HttpResponse:
    """Correct a recorded report with an amendment linked to it; the original stays as it was."""
    er = _editable(request, pk, episode_pk)
    line = next((ln for ln in er.report_lines if ln.report.pk == report_pk), None)
    if line is None:
        raise Http404("No such report")
    current = line.current
    if request.method == "GET":
        form = amendment_form(current.recipient, initial=report_initial(current))
        return _amend_page(request, er, line, form)
    form = amendment_form(current.recipient, request.POST)
    if form.is_valid():
        fields = report_fields(form)
        try:
            amend_legal_report(
                actor=request.user,
                report=line.report,
                reason=form.cleaned_data["amendment_reason"],
                **fields,
            )
        except InputError as error:
            form.add_input_error(error)
        else:
            messages.success(request, "The correction is recorded beside the original report.")
            return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    return _amend_page(request, er, line, form)


def _amend_page(request: HttpRequest, er: Any, line: Any, form: Any) -> HttpResponse:
    context = {"er": er, "youth": er.youth, "episode": er.episode, "line": line, "form": form}
    return render(request, "missing/amend.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def effort_record(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Add an effort to find the youth to the episode's log."""
    er = _editable(request, pk, episode_pk)
    form = LocateEffortForm(request.POST, prefix="effort")
    if form.is_valid():
        try:
            actions.record_locate_effort(
                actor=request.user,
                episode=er.episode,
                made_at=form.cleaned_data["made_at"],
                made_by=form.cleaned_data["made_by"],
                effort=form.cleaned_data["effort"],
                result=form.cleaned_data["result"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except InputError as error:
            form.add_input_error(error)
        else:
            messages.success(request, "The effort is logged.")
            return redirect(reverse("missing:episode", args=[pk, episode_pk]) + "#efforts")
    return _episode_page(request, er, effort=form)


@login_required
@require_POST
def return_record(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Record the youth's return; then the debrief, with relief and concern."""
    er = _editable(request, pk, episode_pk)
    form = ReturnForm(request.POST, prefix="return")
    if form.is_valid():
        try:
            actions.record_return(
                actor=request.user,
                episode=er.episode,
                returned_at=form.cleaned_data["returned_at"],
                found_where=form.cleaned_data["found_where"],
                found_by=form.cleaned_data["found_by"],
            )
        except InputError as error:
            form.add_input_error(error)
        else:
            messages.success(
                request,
                f"{er.youth.short_name}'s return is recorded. The debrief and a new screening "
                "are now due.",
            )
            return redirect("missing:debrief", pk=pk, episode_pk=episode_pk)
    return _episode_page(request, er, **{"return": form})


def _editable(request: HttpRequest, pk: int, episode_pk: int) -> queries.EpisodeRecord:
    er = queries.get_episode(actor=request.user, pk=pk, episode_pk=episode_pk)
    if not er.can_edit:
        raise Http404("No such missing episode")
    return er


# --- the debrief --------------------------------------------------------------------------------


def _review_initial(er: queries.EpisodeRecord) -> dict[str, str]:
    """Pre-fill the review questions the record already answers."""
    efforts = [
        f"{timezone.localtime(e.made_at):%b %d %I:%M %p}: {e.made_by}: {e.effort}"
        + (f" ({e.result})" if e.result else "")
        for e in reversed(er.efforts)
    ]
    reports = [_report_words(line.current) for line in er.report_lines] + [
        f"{s.label}: not recorded yet" for s in er.reports if s.report is None
    ]
    placement = er.episode.placement
    return {
        "locate_efforts": "\n".join(efforts),
        "reports_made": "\n".join(reports),
        "placement_when_ran": placement.get_placement_type_display() if placement else "",
    }


def _report_words(report: Any) -> str:
    when = f"{timezone.localtime(report.reported_at):%b %d %I:%M %p}"
    if report.recipient == "ncmec":
        return f"NCMEC: case number {report.reference_number}, reported {when}"
    numbers = ", ".join(
        part
        for part in (
            f"report number {report.reference_number}" if report.reference_number else "",
            f"NCIC {report.ncic_number}" if report.ncic_number else "",
        )
        if part
    )
    return f"Law enforcement: {report.agency_name}, reported {when}, {numbers}"


@login_required
@require_http_methods(["GET", "POST"])
def debrief(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    """The return debrief; once recorded, straight on to the screening (SPEC §5)."""
    er = _editable(request, pk, episode_pk)
    episode: MissingEpisode = er.episode
    if episode.is_open:
        messages.info(request, "Record the youth's return first; the debrief follows it.")
        return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    if er.debrief is not None:
        messages.info(request, "The debrief for this episode is already recorded.")
        return redirect("missing:episode", pk=pk, episode_pk=episode_pk)
    if request.method == "GET":
        initial = {"conducted_at": _now_minute(), **_review_initial(er)}
        return _debrief_page(request, er, DebriefForm(initial=initial))
    form = DebriefForm(request.POST)
    if form.is_valid():
        try:
            actions.record_debrief(
                actor=request.user,
                episode=episode,
                conducted_at=form.cleaned_data["conducted_at"],
                participation=form.cleaned_data["participation"],
                answers=form.answers(),
            )
        except InputError as error:
            form.add_input_error(error)
        else:
            messages.success(
                request,
                "The debrief is recorded. Now the screening: the episodes on record, this one "
                "included, are already counted.",
            )
            url = reverse("screenings:new", args=[pk])
            return redirect(f"{url}?occasion=returned_from_missing")
    return _debrief_page(request, er, form)


def _debrief_page(request: HttpRequest, er: Any, form: DebriefForm) -> HttpResponse:
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
def packet_pdf(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    """Generate the report packet (PDF) in one click; the generation is audited."""
    content = queries.packet_for(actor=request.user, pk=pk, episode_pk=episode_pk)
    response = HttpResponse(packet.render(content), content_type="application/pdf")
    number = content.record.youth.record_number
    response["Content-Disposition"] = f'attachment; filename="missing-report-packet-{number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """Every open episode the person may see, overdue reports first, by district."""
    return render(request, "missing/board.html", {"board": queries.missing_now(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def pattern_settings(request: HttpRequest) -> HttpResponse:
    """Let an administrator change the chronic-runaway and same-placement thresholds."""
    current = queries.pattern_policy_for(request.user)
    form = PatternPolicyForm(
        request.POST or None, initial={"version": current.version, **current.values()}
    )
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in current.values()}
        try:
            actions.update_pattern_policy(
                actor=request.user, values=values, seen_version=form.cleaned_data["version"]
            )
        except InputError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, "The thresholds are saved. They apply to episodes recorded from now on."
            )
            return redirect("missing:settings")
    status = 400 if form.errors else 200
    return render(request, "missing/settings.html", {"form": form}, status=status)
