"""Writes for obligations: the one entry point for clock events, reports, the policy, escalation.

Every app that records an event with a clock calls ``record_clock_event`` inside its own
transaction, so the obligation opens or closes with the record that caused it (no signals).
The rules are the domain's: this module persists what ``apply_event`` and ``status_at`` decide.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import NotAllowed, case_scope, require
from safeharbor.domain.access import Action, Role, decide
from safeharbor.domain.clocks import (
    Changes,
    ClockPolicy,
    Event,
    EventType,
    ObligationKind,
    apply_event,
    policy_keys,
)
from safeharbor.domain.clocks.events import parse_event_type
from safeharbor.domain.errors import InputError
from safeharbor.notifications.actions import notify
from safeharbor.obligations import escalation
from safeharbor.obligations.models import (
    APP_KINDS,
    MEETING_NEXT_STEP,
    AgencyClockPolicy,
    LegalReport,
    Obligation,
    ObligationHistory,
    Step,
)

if TYPE_CHECKING:  # a report may be about a missing episode; obligations never imports missing
    from safeharbor.missing.models import MissingEpisode

log = logging.getLogger(__name__)


def current_policy() -> ClockPolicy:
    """Return the agency's clock policy in force now (the defaults until an administrator edits)."""
    row = AgencyClockPolicy.objects.first()
    return ClockPolicy() if row is None else row.to_policy()


# --- recording events -------------------------------------------------------------------------


def record_clock_event(
    *,
    actor: User | None,
    youth: Youth,
    event_type: str,
    at: dt.datetime,
    tier: str | None = None,
    alleges_htcsec: bool | None = None,
    record: Any = None,
) -> Changes:
    """Open, move and satisfy the youth's obligations for one recorded event; return the changes.

    Call it inside the transaction that saves ``record`` (the model instance that is the event):
    the obligations commit or roll back with it. Raises ``InputError`` for an unknown event
    type or tier, a naive time, or a missing ``tier``/``alleges_htcsec``.
    """
    event = Event(
        parse_event_type(event_type, field="event_type"),
        at,
        alleges_htcsec=alleges_htcsec,
        tier=tier,  # type: ignore[arg-type]  # Event validates and converts the id
    )
    policy = current_policy()
    now = timezone.now()
    with transaction.atomic():
        # One youth's events are applied one at a time: the no-duplicate rule is per youth.
        Youth.objects.select_for_update().filter(pk=youth.pk).first()
        open_rows = (
            Obligation.objects.select_for_update()
            .filter(youth=youth, status="open")
            .exclude(kind__in=APP_KINDS)  # set by people, not by the clock rules
        )
        rows = {row.pk: row for row in open_rows.select_related("youth")}
        changes = apply_event([row.to_domain() for row in rows.values()], event, policy)
        for satisfaction in changes.satisfied:
            row = rows[satisfaction.obligation.ref]  # type: ignore[index]
            _satisfy(row, actor, event, satisfaction.on_time, record, now)
        for move in changes.moved:
            row = rows[move.obligation.ref]  # type: ignore[index]
            _move(row, actor, event, move.due, move.source, move.title, now)
        for opened in changes.opened:
            _open(youth, actor, event, opened, policy, record, now)
        if changes.changes_nothing:
            record_event(
                actor=actor,
                action="obligation.event_unmatched",
                target=record,
                youth=youth,
                detail={"event": event.type.value, "at": event.at.isoformat()},
            )
    return changes


def _describe(record: Any) -> str:
    return "" if record is None else str(record)[:200]


def _open(
    youth: Youth,
    actor: User | None,
    event: Event,
    opened: Any,
    policy: ClockPolicy,
    record: Any,
    now: dt.datetime,
) -> Obligation:
    row = Obligation.objects.create(
        youth=youth,
        kind=opened.kind.value,
        title=opened.title,
        source=opened.source,
        opened_by_event=event.type.value,
        opened_record=_describe(record),
        opened_at=opened.opened_at,
        due=opened.due,
        escalate_pa_hours=policy.escalate_pa_hours,
        unassigned_owner=_unassigned_owner(actor),
        escalation_step=Step.NONE,
        next_escalation_at=opened.opened_at,
    )
    _history(row, actor, now, "opened", f"Opened by {event.type.value}: {row.opened_record}")
    record_event(
        actor=actor,
        action="obligation.opened",
        target=row,
        youth=youth,
        detail={"kind": row.kind, "due": row.due.isoformat(), "event": event.type.value},
    )
    if escalation.target_step(row, now) <= Step.REMINDER:
        _tell(row, now)  # the owner hears of it as it opens, not at the next pass
    # An obligation recorded already overdue (an event entered after the fact) waits for the
    # next pass, so a worker entering an episode and its report together alarms nobody.
    return row


def _unassigned_owner(actor: User | None) -> User | None:
    """Return who owns an obligation while its youth has no caseworker: who recorded the event."""
    if actor is not None and actor.role in (Role.INTAKE_WORKER, Role.CASEWORKER, Role.SUPERVISOR):
        return actor
    return None


def _satisfy(
    row: Obligation,
    actor: User | None,
    event: Event,
    on_time: bool,
    record: Any,
    now: dt.datetime,
) -> None:
    row.status = "satisfied"
    row.satisfied_at = event.at
    row.on_time = on_time
    row.satisfied_by = actor
    row.satisfied_event = event.type.value
    row.satisfied_record = _describe(record)
    row.satisfied_report = record if isinstance(record, LegalReport) else None
    row.next_escalation_at = None
    row.version += 1
    row.save(
        update_fields=[
            "status",
            "satisfied_at",
            "on_time",
            "satisfied_by",
            "satisfied_event",
            "satisfied_record",
            "satisfied_report",
            "next_escalation_at",
            "version",
        ]
    )
    timeliness = "on time" if on_time else "late"
    _history(row, actor, now, "satisfied", f"Satisfied {timeliness} by {event.type.value}")
    record_event(
        actor=actor,
        action="obligation.satisfied",
        target=row,
        youth=row.youth,
        detail={"kind": row.kind, "on_time": on_time, "event": event.type.value},
    )


def _move(
    row: Obligation,
    actor: User | None,
    event: Event,
    due: dt.datetime,
    source: str,
    title: str,
    now: dt.datetime,
) -> None:
    before = row.due
    row.due, row.source, row.title = due, source, title
    row.next_escalation_at = escalation.next_look(row)
    row.version += 1
    row.save(update_fields=["due", "source", "title", "next_escalation_at", "version"])
    _history(
        row,
        actor,
        now,
        "moved",
        f"Due time moved from {before.isoformat()} to {due.isoformat()} by {event.type.value} "
        f"({source})",
    )
    record_event(
        actor=actor,
        action="obligation.due_moved",
        target=row,
        youth=row.youth,
        detail={"from": before.isoformat(), "to": due.isoformat(), "event": event.type.value},
    )


def _history(
    row: Obligation, actor: User | None, at: dt.datetime, what: str, detail: str
) -> ObligationHistory:
    return ObligationHistory.objects.create(
        obligation=row, at=at, what=what, detail=detail[:500], actor=actor
    )


# --- next steps a team agreed ---------------------------------------------------------------

NEXT_STEP_SOURCE = "seed 002 §VII.B: the team forms next steps to attain safety and services"


def open_next_step(
    *,
    actor: User,
    youth: Youth,
    title: str,
    owner: User,
    due: dt.datetime,
    record: Any,
) -> Obligation:
    """Open the obligation for a next step a team meeting agreed: its owner, its due time.

    Call inside the transaction that records the meeting (``record``). The owner is told as it
    opens; the escalation pass reminds them and, once overdue, tells the youth's supervisor.
    """
    if due.utcoffset() is None:
        raise InputError("the next step's due time needs a time zone", field="due")
    now = timezone.now()
    with transaction.atomic():
        row = Obligation.objects.create(
            youth=youth,
            kind=MEETING_NEXT_STEP,
            title=title.strip()[:300],
            source=NEXT_STEP_SOURCE,
            opened_by_event="meeting_held",
            opened_record=_describe(record),
            opened_at=now,
            due=due,
            escalate_pa_hours=current_policy().escalate_pa_hours,
            owner=owner,
            escalation_step=Step.NONE,
            next_escalation_at=now,
        )
        _history(row, actor, now, "opened", f"Agreed at {row.opened_record}; owner {owner}")
        record_event(
            actor=actor,
            action="obligation.opened",
            target=row,
            youth=youth,
            detail={"kind": row.kind, "due": row.due.isoformat(), "owner": owner.pk},
        )
        _tell(row, now)
    return row


def satisfy_next_step(
    *, actor: User, obligation: Obligation, at: dt.datetime, record: Any
) -> Obligation:
    """Record a next step's obligation as done at ``at`` (on time when at or before its due)."""
    if obligation.kind not in APP_KINDS:
        raise InputError("only a next step is satisfied this way; its event satisfies the others")
    now = timezone.now()
    with transaction.atomic():
        row = Obligation.objects.select_for_update().get(pk=obligation.pk)
        if not row.is_open:
            return row
        row.status = "satisfied"
        row.satisfied_at = at
        row.on_time = at <= row.due
        row.satisfied_by = actor
        row.satisfied_event = "next_step_done"
        row.satisfied_record = _describe(record)
        row.next_escalation_at = None
        row.version += 1
        row.save(
            update_fields=[
                "status",
                "satisfied_at",
                "on_time",
                "satisfied_by",
                "satisfied_event",
                "satisfied_record",
                "next_escalation_at",
                "version",
            ]
        )
        timeliness = "on time" if row.on_time else "late"
        _history(row, actor, now, "satisfied", f"Done {timeliness}: {row.satisfied_record}")
        record_event(
            actor=actor,
            action="obligation.satisfied",
            target=row,
            youth=row.youth,
            detail={"kind": row.kind, "on_time": row.on_time, "event": "next_step_done"},
        )
        return row


# --- not applicable -----------------------------------------------------------------------------


def mark_not_applicable(
    *, actor: User, obligation: Obligation, reason: str, seen_version: int | None = None
) -> Obligation:
    """Set an open obligation aside for a stated reason: a supervisor's decision (SPEC §5)."""
    if not decide(actor.to_actor(), case_scope(obligation.youth), Action.APPROVE, timezone.now()):
        raise NotAllowed(
            "only the supervisor of the youth's unit may mark an obligation not applicable"
        )
    reason = reason.strip()
    if not reason:
        raise InputError("say why this obligation does not apply", field="reason")
    now = timezone.now()
    with transaction.atomic():
        updated = Obligation.objects.filter(
            pk=obligation.pk,
            status="open",
            version=obligation.version if seen_version is None else seen_version,
        ).update(
            status="not_applicable",
            not_applicable_reason=reason,
            not_applicable_by=actor,
            not_applicable_at=now,
            next_escalation_at=None,
            version=F("version") + 1,
        )
        if not updated:
            raise InputError(
                "this obligation was satisfied or changed by someone else after you opened it; "
                "reload to see it"
            )
        obligation.refresh_from_db()
        _history(obligation, actor, now, "not_applicable", f"Marked not applicable: {reason}")
        record_event(
            actor=actor,
            action="obligation.not_applicable",
            target=obligation,
            youth=obligation.youth,
            reason=reason,
            detail={"kind": obligation.kind},
        )
    return obligation


# --- legal reports ------------------------------------------------------------------------------

# Which clock event a report is, by (recipient, about).
REPORT_EVENTS: dict[tuple[str, str], EventType] = {
    ("law_enforcement", "missing"): EventType.MISSING_REPORTED_LAW_ENFORCEMENT,
    ("ncmec", "missing"): EventType.MISSING_REPORTED_NCMEC,
    ("law_enforcement", "sex_trafficking"): EventType.REPORTED_LAW_ENFORCEMENT,
    ("district_attorney", "sex_trafficking"): EventType.REPORTED_DISTRICT_ATTORNEY,
}
# The report an obligation asks for: (recipient, about).
REPORT_FOR_KIND: dict[str, tuple[str, str]] = {
    ObligationKind.REPORT_MISSING_LAW_ENFORCEMENT.value: ("law_enforcement", "missing"),
    ObligationKind.REPORT_MISSING_NCMEC.value: ("ncmec", "missing"),
    ObligationKind.REPORT_LAW_ENFORCEMENT.value: ("law_enforcement", "sex_trafficking"),
    ObligationKind.REPORT_DISTRICT_ATTORNEY.value: ("district_attorney", "sex_trafficking"),
}
REFERENCE_NAMES = {
    "law_enforcement": "the report or NCIC number",
    "ncmec": "the NCMEC case number",
}


def record_legal_report(
    *,
    actor: User,
    youth: Youth,
    recipient: str,
    about: str,
    agency_name: str,
    method: str,
    reported_at: dt.datetime,
    idempotency_key: str,
    reference_number: str = "",
    contact: str = "",
    notes: str = "",
    missing_episode: MissingEpisode | None = None,
    officer: str = "",
    ncic_number: str = "",
    reported_by_name: str = "",
) -> tuple[LegalReport, bool]:
    """Record a report made to law enforcement, NCMEC or the DA; return it and whether it is new.

    The same ``idempotency_key`` (a double click, a retry) returns the report already recorded.
    The report is the clock event that satisfies the matching obligation.
    """
    require(actor, youth)
    existing = LegalReport.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_report(existing, actor, youth), False
    event_type = _check_report(
        recipient,
        about,
        agency_name,
        method,
        reported_at,
        reference_number,
        idempotency_key,
        ncic_number=ncic_number,
    )
    if missing_episode is not None and missing_episode.youth_id != youth.pk:
        raise InputError("that missing episode belongs to another youth", field="missing_episode")
    if missing_episode is None and about == "missing":
        missing_episode = _episode_reported(youth, reported_at)
    try:
        with transaction.atomic():
            report = LegalReport.objects.create(
                youth=youth,
                recipient=recipient,
                about=about,
                missing_episode=missing_episode,
                agency_name=agency_name.strip(),
                contact=contact.strip(),
                method=method,
                reported_at=reported_at,
                reference_number=reference_number.strip(),
                officer=officer.strip(),
                ncic_number=ncic_number.strip(),
                reported_by_name=reported_by_name.strip(),
                notes=notes,
                recorded_by=actor,
                recorded_at=timezone.now(),
                idempotency_key=idempotency_key,
            )
            record_event(
                actor=actor,
                action="report.recorded",
                target=report,
                youth=youth,
                detail={"recipient": recipient, "about": about},
            )
            record_clock_event(
                actor=actor, youth=youth, event_type=event_type, at=reported_at, record=report
            )
            return report, True
    except IntegrityError:
        raced = LegalReport.objects.filter(idempotency_key=idempotency_key).first()
        if raced is None:
            raise
        return _same_report(raced, actor, youth), False


def amend_legal_report(
    *,
    actor: User,
    report: LegalReport,
    reason: str,
    idempotency_key: str,
    **corrected: Any,
) -> tuple[LegalReport, bool]:
    """Correct a report by recording an amendment linked to it; the original is never edited."""
    require(actor, report.youth)
    if not reason.strip():
        raise InputError("say what the correction is and why", field="amendment_reason")
    existing = LegalReport.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_report(existing, actor, report.youth), False
    unknown = sorted(set(corrected) - set(AMENDABLE))
    if unknown:
        raise InputError(f"a report has no field {unknown[0]!r} to correct")
    fields = {name: corrected.get(name, getattr(report, name)) for name in AMENDABLE}
    _check_report(
        report.recipient,
        report.about,
        fields["agency_name"],
        fields["method"],
        fields["reported_at"],
        fields["reference_number"],
        idempotency_key,
        ncic_number=fields["ncic_number"],
    )
    with transaction.atomic():
        amendment = LegalReport.objects.create(
            youth=report.youth,
            recipient=report.recipient,
            about=report.about,
            missing_episode=report.missing_episode,
            recorded_by=actor,
            recorded_at=timezone.now(),
            idempotency_key=idempotency_key,
            amends=report,
            amendment_reason=reason.strip(),
            **fields,
        )
        record_event(
            actor=actor,
            action="report.amended",
            target=amendment,
            youth=report.youth,
            reason=reason.strip(),
            detail={"amends": report.pk},
        )
        return amendment, True


# What an amendment may correct: everything but whom the report was made to and what about.
AMENDABLE = (
    "agency_name",
    "contact",
    "method",
    "reported_at",
    "reference_number",
    "officer",
    "ncic_number",
    "reported_by_name",
    "notes",
)


def _episode_reported(youth: Youth, reported_at: dt.datetime) -> MissingEpisode | None:
    """Return the missing episode a report made at ``reported_at`` is about: the latest one."""
    episode: MissingEpisode | None = (
        youth.missing_episodes.filter(learned_at__lte=reported_at).order_by("-learned_at").first()
    )
    return episode


def _same_report(report: LegalReport, actor: User, youth: Youth) -> LegalReport:
    if report.youth_id != youth.pk or report.recorded_by_id != actor.pk:
        raise InputError("this form was already used for another report; reload the page")
    return report


def _check_report(
    recipient: str,
    about: str,
    agency_name: str,
    method: str,
    reported_at: dt.datetime,
    reference_number: str,
    idempotency_key: str,
    *,
    ncic_number: str = "",
) -> EventType:
    """Return the clock event a report is; refuse one that is incomplete or impossible."""
    event_type = REPORT_EVENTS.get((recipient, about))
    if event_type is None:
        raise InputError(
            "NCMEC reports are for a youth missing from care; choose law enforcement or the "
            "District Attorney",
            field="recipient",
        )
    if not agency_name.strip():
        raise InputError("name the agency the report was made to", field="agency_name")
    if method not in {choice for choice, _ in LegalReport._meta.get_field("method").choices}:
        raise InputError(f"unknown method {method!r}", field="method")
    if reported_at.utcoffset() is None:
        raise InputError("the report time needs a time zone", field="reported_at")
    if reported_at > timezone.now() + dt.timedelta(minutes=5):
        raise InputError("the report cannot have been made in the future", field="reported_at")
    given = reference_number.strip() or (recipient == "law_enforcement" and ncic_number.strip())
    if recipient in REFERENCE_NAMES and not given:
        raise InputError(
            f"enter {REFERENCE_NAMES[recipient]} the recipient gave", field="reference_number"
        )
    if not idempotency_key or len(idempotency_key) > 64:
        raise InputError("the form is missing its key; reload the page", field="idempotency_key")
    return event_type


# --- the agency policy --------------------------------------------------------------------------

SettingsRow = TypeVar("SettingsRow", bound=models.Model)


def update_clock_policy(
    *, actor: User, values: dict[str, object], seen_version: int
) -> AgencyClockPolicy:
    """Change the configurable durations (administrators); applies to obligations opened later."""
    if actor.role != Role.ADMINISTRATOR:
        raise NotAllowed("only an administrator changes the agency's clock durations")
    policy = ClockPolicy.from_mapping(values)  # InputError names the key
    return save_agency_settings(
        AgencyClockPolicy,
        actor=actor,
        values={key: policy.hours(key) for key in policy_keys()},
        seen_version=seen_version,
        what="durations",
        action="clock_policy.updated",
    )


def save_agency_settings(
    model: type[SettingsRow],
    *,
    actor: User,
    values: Mapping[str, float],
    seen_version: int,
    what: str,
    action: str,
) -> SettingsRow:
    """Store already-validated values in an agency's one settings row, never over a newer change.

    The row is created on first save; the audit event names each changed setting with its old
    and new value (settings are not case content).
    """
    with transaction.atomic():
        row: Any
        row, _ = model._default_manager.select_for_update().get_or_create(
            pk=1, defaults={"version": 0}
        )
        if row.version != seen_version:
            raise InputError(
                f"someone else changed the {what} after you opened this page; reload to see "
                "their change, then make yours again"
            )
        before = row.values()
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = timezone.now()
        row.updated_by = actor
        row.version += 1
        row.save()
        after = row.values()
        changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
        record_event(actor=actor, action=action, target=row, detail={"changed": changed})
        return row


# --- escalation ---------------------------------------------------------------------------------


def escalate_obligations(*, now: dt.datetime | None = None, batch: int = 100) -> int:
    """Tell everyone an obligation now concerns, once per step; return how many were told.

    Safe to run on several hosts at once and to rerun after a crash: rows are claimed with
    ``SELECT … FOR UPDATE SKIP LOCKED`` in batches, each notification has a unique key, and a
    batch's notifications commit with the rows' new step or not at all.
    """
    now = now or timezone.now()
    told = 0
    while True:
        with transaction.atomic():
            rows = list(
                Obligation.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("youth", "youth__caseworker", "unassigned_owner")
                .filter(next_escalation_at__lte=now)
                .order_by("next_escalation_at", "id")[:batch]
            )
            for row in rows:
                told += _tell(row, now)
        if len(rows) < batch:
            return told


def _tell(row: Obligation, now: dt.datetime) -> int:
    """Send the steps ``now`` calls for on one claimed row; return how many people were told."""
    steps = escalation.steps_to_send(row, now)
    told = 0
    for step in steps:
        people = escalation.recipients(row, step)
        subject, body, link = escalation.message(row, step)
        for person in people:
            key = escalation.dedupe_key(row, step, person)
            _, created = notify(
                recipient=person,
                dedupe_key=key,
                subject=subject,
                body=body,
                link=link,
                youth=row.youth,
            )
            told += int(created)
        names = ", ".join(str(person) for person in people) or "nobody (no one holds that role)"
        _history(row, None, now, "told", f"Told {step.label}: {names}")
    if steps:
        row.escalation_step = steps[-1]
        record_event(
            actor=None,
            action="obligation.escalated",
            target=row,
            youth=row.youth,
            detail={"steps": [step.name.lower() for step in steps]},
        )
    row.next_escalation_at = escalation.next_look(row)
    if row.next_escalation_at is not None and row.next_escalation_at <= now and not steps:
        # Never spin on a row whose next step cannot be decided yet; look again shortly.
        log.warning("obligation %s: no step due at %s; looking again in an hour", row.pk, now)
        row.next_escalation_at = now + dt.timedelta(hours=1)
    row.save(update_fields=["escalation_step", "next_escalation_at"])
    return told
