"""Reports made to law enforcement, NCMEC or the District Attorney, and their corrections.

A report is never edited: a correction is a new report that ``amends`` it. A report is the clock
event that satisfies the obligation asking for it; a correction changes no clock.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import require
from safeharbor.cases.victim_status_models import VictimDetermination
from safeharbor.domain import reports
from safeharbor.domain.clocks import EventType, ObligationKind
from safeharbor.domain.errors import InputError
from safeharbor.domain.reports import AMENDABLE
from safeharbor.obligations.actions.clock_events import record_clock_event
from safeharbor.obligations.models import METHOD_CHOICES, LegalReport
from safeharbor.writes import create_once

if TYPE_CHECKING:  # a report may be about a missing episode; obligations never imports missing
    from safeharbor.missing.models import MissingEpisode

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
METHODS = frozenset(choice for choice, _ in METHOD_CHOICES)
REUSED = "this form was already used for another report; reload the page"
# The short fields people type, trimmed on a new report; the notes are kept as written.
STRIPPED = (
    "agency_name",
    "contact",
    "reference_number",
    "officer",
    "ncic_number",
    "reported_by_name",
)


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
    given = (agency_name, contact, method, reported_at, reference_number, officer, ncic_number)
    fields = dict(zip(AMENDABLE, (*given, reported_by_name, notes), strict=True))
    with transaction.atomic():  # never durable: a referral's action records its report
        return create_once(
            LegalReport,
            key={"idempotency_key": idempotency_key},
            expect={"youth_id": youth.pk, "recorded_by_id": actor.pk},
            reused=REUSED,
            create=lambda: _new_report(
                actor, youth, (recipient, about), missing_episode, fields, idempotency_key
            ),
        )


def _new_report(
    actor: User,
    youth: Youth,
    kind: tuple[str, str],
    episode: MissingEpisode | None,
    fields: dict[str, Any],
    idempotency_key: str,
) -> LegalReport:
    """Check the report, write it, audit it, and let it satisfy its obligation."""
    recipient, about = kind
    event_type = _checked(recipient, about, fields)
    report = _create(
        _stripped(fields),
        idempotency_key,
        youth=youth,
        recipient=recipient,
        about=about,
        missing_episode=_episode(youth, about, episode, fields["reported_at"]),
        determination=_determination_for(youth, about, fields["reported_at"]),
        recorded_by=actor,
    )
    _audit_and_clock(actor, report, event_type)
    return report


def _determination_for(
    youth: Youth, about: str, reported_at: dt.datetime
) -> VictimDetermination | None:
    """Return the sex-trafficking victim status a report about it followed (SPEC §7), if any."""
    if about != "sex_trafficking":
        return None
    return (
        VictimDetermination.objects.filter(
            youth=youth,
            kind="sex",
            status="confirmed",
            identified_on__lte=timezone.localdate(reported_at),
        )
        .order_by("-identified_on", "-id")
        .first()
    )


def link_reports_to(determination: VictimDetermination) -> int:
    """Link the sex-trafficking reports made on or after the day identified that name none.

    For a determination recorded after its reports (the report first, then the victim status);
    return how many were linked. Labor trafficking has no report of its own kind yet.
    """
    if determination.kind != "sex":
        return 0
    start = dt.datetime.combine(determination.identified_on, dt.time.min)
    return LegalReport.objects.filter(
        youth=determination.youth,
        about="sex_trafficking",
        determination__isnull=True,
        reported_at__gte=timezone.make_aware(start),
    ).update(determination=determination)


def _audit_and_clock(actor: User, report: LegalReport, event_type: EventType) -> None:
    """Audit a new report, then record it as the clock event that satisfies its obligation."""
    detail = {"recipient": report.recipient, "about": report.about}
    record_event(
        actor=actor, action="report.recorded", target=report, youth=report.youth, detail=detail
    )
    record_clock_event(
        actor=actor, youth=report.youth, event_type=event_type, at=report.reported_at, record=report
    )


def _create(fields: dict[str, Any], idempotency_key: str, **links: Any) -> LegalReport:
    """Insert a report or a correction: what it links to, its own fields, recorded now."""
    return LegalReport.objects.create(
        **links, **fields, recorded_at=timezone.now(), idempotency_key=idempotency_key
    )


def _stripped(fields: dict[str, Any]) -> dict[str, Any]:
    """Return a new report's fields with the short ones trimmed (the notes are kept as typed)."""
    return {name: value.strip() if name in STRIPPED else value for name, value in fields.items()}


def amend_legal_report(
    *,
    actor: User,
    report: LegalReport,
    reason: str,
    idempotency_key: str,
    **corrected: Any,
) -> tuple[LegalReport, bool]:
    """Correct a report by recording an amendment linked to it; the original is never edited.

    The same ``idempotency_key`` returns the correction already recorded.
    """
    require(actor, report.youth)
    reason = reports.check_reason(reason)
    # Not durable: ``missing`` corrects its episodes' reports through it.
    with transaction.atomic():
        return create_once(
            LegalReport,
            key={"idempotency_key": idempotency_key},
            expect={"youth_id": report.youth_id, "recorded_by_id": actor.pk},
            reused=REUSED,
            create=lambda: _new_amendment(actor, report, reason, idempotency_key, corrected),
        )


def _new_amendment(
    actor: User,
    report: LegalReport,
    reason: str,
    idempotency_key: str,
    corrected: dict[str, Any],
) -> LegalReport:
    """Check the corrected report, write the amendment beside the original, audit it."""
    reports.check_corrected(corrected)
    fields = {name: corrected.get(name, getattr(report, name)) for name in AMENDABLE}
    _checked(report.recipient, report.about, fields)
    amendment = _create(
        fields,
        idempotency_key,
        youth=report.youth,
        recipient=report.recipient,
        about=report.about,
        missing_episode=report.missing_episode,
        recorded_by=actor,
        amends=report,
        amendment_reason=reason,
    )
    record_event(
        actor=actor,
        action="report.amended",
        target=amendment,
        youth=report.youth,
        reason=reason,
        detail={"amends": report.pk},
    )
    return amendment


def _checked(recipient: str, about: str, fields: dict[str, Any]) -> EventType:
    """Return the clock event a report is; refuse one that is incomplete or impossible."""
    event_type = REPORT_EVENTS.get((recipient, about))
    if event_type is None:
        raise InputError(
            "NCMEC reports are for a youth missing from care; choose law enforcement or the "
            "District Attorney",
            field="recipient",
        )
    details = reports.ReportDetails(
        recipient=recipient,
        agency_name=fields["agency_name"],
        method=fields["method"],
        reported_at=fields["reported_at"],
        reference_number=fields["reference_number"],
        ncic_number=fields["ncic_number"],
    )
    reports.check_report(details, methods=METHODS, now=timezone.now())
    return event_type


def _episode(
    youth: Youth, about: str, given: MissingEpisode | None, reported_at: dt.datetime
) -> MissingEpisode | None:
    """Return the missing episode a report is about: the one given, or the latest one."""
    if given is not None and given.youth_id != youth.pk:
        raise InputError("that missing episode belongs to another youth", field="missing_episode")
    if given is None and about == "missing":
        return _episode_reported(youth, reported_at)
    return given


def _episode_reported(youth: Youth, reported_at: dt.datetime) -> MissingEpisode | None:
    """Return the missing episode a report made at ``reported_at`` is about: the latest one."""
    episode: MissingEpisode | None = (
        youth.missing_episodes.filter(learned_at__lte=reported_at).order_by("-learned_at").first()
    )
    return episode
