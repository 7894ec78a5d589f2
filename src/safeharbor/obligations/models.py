"""Obligations with a legal or policy clock, the reports that satisfy them, and the agency policy.

The clock rules are the domain's (``safeharbor.domain.clocks``); these models only persist what
``apply_event`` decides, in the action that records the event (SPEC §5, ARCHITECTURE §1.5).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from safeharbor.domain.clocks import (
    PRACTICABLE_TARGET_HOURS,
    ClockPolicy,
    ObligationKind,
    ObligationStatus,
    clock_status,
    policy_keys,
)
from safeharbor.domain.clocks import Obligation as DomainObligation
from safeharbor.protected.fields import EncryptedCharField, EncryptedTextField

# Obligations the app opens with a due time a person sets, outside the SPEC §5 table: the clock
# rules never open or satisfy them (``record_clock_event`` leaves them out), but their status and
# escalation follow the same rules (``clock_status``).
MEETING_NEXT_STEP = "meeting_next_step"
_KINDS = frozenset(kind.value for kind in ObligationKind)
APP_KINDS = frozenset({MEETING_NEXT_STEP})

KIND_CHOICES = [
    (ObligationKind.INTAKE_DISPOSITION.value, "Intake disposition"),
    (ObligationKind.COMPLETE_SCREENING.value, "Complete the screening"),
    (
        ObligationKind.REPORT_MISSING_LAW_ENFORCEMENT.value,
        "Report missing youth to law enforcement",
    ),
    (ObligationKind.REPORT_MISSING_NCMEC.value, "Report missing youth to NCMEC"),
    (ObligationKind.RETURN_DEBRIEF.value, "Return debrief"),
    (ObligationKind.RETURN_SCREENING.value, "Screening after the return"),
    (ObligationKind.REPORT_LAW_ENFORCEMENT.value, "Report to law enforcement"),
    (ObligationKind.REPORT_DISTRICT_ATTORNEY.value, "Report to the District Attorney"),
    (ObligationKind.REFER_CAC_MDT.value, "CAC referral to convene an MDT"),
    (ObligationKind.CONSULTATION_MEETING.value, "Consultation meeting"),
    (ObligationKind.COMMUNITY_REFERRALS.value, "Community referrals"),
    (MEETING_NEXT_STEP, "Next step agreed at a team meeting"),
]

STATUS_CHOICES = [
    ("open", "Open"),
    ("satisfied", "Satisfied"),
    ("not_applicable", "Not applicable"),
]


class Step(models.IntegerChoices):
    """Who has been told about an obligation so far (SPEC §5), in the order they are told."""

    NONE = 0, "nobody yet"
    OPENED = 1, "the owner, when it opened"
    REMINDER = 2, "the owner, before it is due"
    SUPERVISOR = 3, "the supervisor, once overdue"
    PROGRAM_ADMINISTRATOR = 4, "the program administrator, once overdue by the further margin"


class Obligation(models.Model):
    """A required action with a clock, for one youth (SPEC §3 Obligation, §5).

    ``due`` is computed once, when the obligation opens, with the agency policy then in force
    (and moved only by a sooner clock), so a later policy change applies to obligations opened
    afterwards. ``escalate_pa_hours`` is kept for the same reason. ``next_escalation_at`` is
    when the escalation pass must next look at the row (empty once nothing is left to tell),
    indexed so a pass reads only the rows that are due.
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="obligations")
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    title = models.CharField(max_length=300, help_text="The rule, in words.")
    source = models.CharField(max_length=200, help_text="Statute or policy section.")
    opened_by_event = models.CharField(max_length=40, help_text="The event type that opened it.")
    opened_record = models.CharField(
        max_length=200, blank=True, help_text="The record that was the opening event."
    )
    opened_at = models.DateTimeField()
    due = models.DateTimeField()
    escalate_pa_hours = models.FloatField(
        help_text="Hours overdue before the program administrator is told (policy at opening)."
    )
    unassigned_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Owns it while the youth has no assigned caseworker: who recorded the event.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who must act, when someone other than the youth's caseworker was named.",
    )
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default="open")
    satisfied_at = models.DateTimeField(null=True, blank=True)
    on_time = models.BooleanField(null=True, blank=True)
    satisfied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    satisfied_event = models.CharField(max_length=40, blank=True)
    satisfied_record = models.CharField(max_length=200, blank=True, help_text="How, in words.")
    satisfied_record_key = models.CharField(
        max_length=80, blank=True, help_text="The satisfying record as app_label.model:pk."
    )
    already_done = models.BooleanField(
        default=False,
        help_text="Satisfied at once by a record made before it opened (SPEC §5, done already).",
    )
    satisfied_report = models.ForeignKey(
        "obligations.LegalReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="satisfied",
    )
    not_applicable_reason = models.TextField(blank=True)
    not_applicable_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    not_applicable_at = models.DateTimeField(null=True, blank=True)
    escalation_step = models.PositiveSmallIntegerField(choices=Step.choices, default=Step.NONE)
    next_escalation_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due", "kind", "id"]
        indexes = [
            models.Index(
                fields=["next_escalation_at"],
                condition=models.Q(next_escalation_at__isnull=False),
                name="obligation_escalation_due",
            ),
            models.Index(
                fields=["youth", "status", "due"],
                name="obligation_youth_status",
            ),
            models.Index(
                fields=["status", "due"],
                condition=models.Q(status="open"),
                name="obligation_open_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="satisfied") | models.Q(satisfied_at__isnull=False),
                name="obligation_satisfied_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_applicable")
                | (~models.Q(not_applicable_reason="") & models.Q(not_applicable_by__isnull=False)),
                name="obligation_not_applicable_has_reason_and_supervisor",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(next_escalation_at__isnull=True),
                name="obligation_closed_never_escalates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due:%Y-%m-%d %H:%M}Z"

    @property
    def is_open(self) -> bool:
        """Return whether the obligation still waits for someone to act."""
        return self.status == "open"

    def clock_state(self, now: dt.datetime) -> ObligationStatus:
        """Return the domain's status at ``now``: open, overdue or satisfied, and who is told."""
        return clock_status(self.due, self.satisfied_at, now, self.policy())

    def to_domain(self) -> DomainObligation:
        """Return the obligation as the clock rules see it; ``ref`` is this row's id.

        Only for kinds of the SPEC §5 table (not ``APP_KINDS``).
        """
        return DomainObligation(
            kind=ObligationKind(self.kind),
            opened_at=self.opened_at,
            due=self.due,
            source=self.source,
            title=self.title,
            satisfied_at=self.satisfied_at,
            ref=self.pk,
        )

    @property
    def practicable_target(self) -> dt.datetime | None:
        """Return the sooner target "where practicable" (the CAC referral's 24 hours), if any."""
        hours = (
            PRACTICABLE_TARGET_HOURS.get(ObligationKind(self.kind)) if self.kind in _KINDS else None
        )
        return None if hours is None else self.opened_at + dt.timedelta(hours=hours)

    @property
    def limit_hours(self) -> float:
        """Return the window from opening to the due time, in hours."""
        return (self.due - self.opened_at).total_seconds() / 3600

    def policy(self) -> ClockPolicy:
        """Return the policy that governs this row's escalation (the one in force at opening)."""
        return ClockPolicy(escalate_pa_hours=self.escalate_pa_hours)


class ObligationHistory(models.Model):
    """One thing that happened to an obligation: opened, moved, satisfied, told, set aside."""

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField()
    what = models.CharField(max_length=20)
    detail = models.CharField(max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "obligation history"


RECIPIENT_CHOICES = [
    ("law_enforcement", "Law enforcement"),
    ("ncmec", "National Center for Missing & Exploited Children (NCMEC)"),
    ("district_attorney", "District Attorney's office"),
]

ABOUT_CHOICES = [
    ("missing", "The youth is missing from care"),
    ("sex_trafficking", "The youth was identified as a sex-trafficking victim"),
]

METHOD_CHOICES = [
    ("phone", "Telephone"),
    ("in_person", "In person"),
    ("online", "Online portal"),
    ("email", "E-mail"),
    ("fax", "Fax"),
    ("letter", "Letter"),
]


class LegalReport(models.Model):
    """A legally required report made to an outside agency (SPEC §5, §8): never edited.

    Records who reported, when, to whom, how, and the reference number the recipient gave
    (law enforcement: report number, the officer, and the NCIC number when given; NCMEC: case
    number). A correction is a new report
    that ``amends`` this one. ``idempotency_key`` comes from the form, so a double click or a
    retry keeps one report.
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="legal_reports")
    recipient = models.CharField(max_length=20, choices=RECIPIENT_CHOICES)
    about = models.CharField(max_length=20, choices=ABOUT_CHOICES)
    missing_episode = models.ForeignKey(
        "missing.MissingEpisode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_reports",
    )
    agency_name = models.CharField("reported to (agency)", max_length=200)
    contact = EncryptedCharField("contact person and number", max_length=200, blank=True)
    method = models.CharField(max_length=20, choices=METHOD_CHOICES)
    reported_at = models.DateTimeField()
    reference_number = models.CharField(max_length=80, blank=True)
    officer = EncryptedCharField(
        "officer or intake specialist", max_length=200, blank=True, help_text="Who took the report."
    )
    ncic_number = models.CharField(
        "NCIC number", max_length=40, blank=True, help_text="The NCIC entry number, if given."
    )
    reported_by_name = models.CharField(
        "reported by",
        max_length=200,
        blank=True,
        help_text="Who made the report, when not the person recording it.",
    )
    notes = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    amends = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amendments"
    )
    amendment_reason = models.TextField(blank=True)
    # The victim status this report followed (SPEC §7): set when the youth is identified as a
    # sex-trafficking victim before or after the report is recorded.
    determination = models.ForeignKey(
        "cases.VictimDetermination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_reports",
    )

    class Meta:
        ordering = ["-reported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(recipient="ncmec") | models.Q(about="missing"),
                name="legal_report_ncmec_only_for_missing",
            ),
            models.CheckConstraint(
                condition=models.Q(amends__isnull=True) | ~models.Q(amendment_reason=""),
                name="legal_report_amendment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        reference = f", reference {self.reference_number}" if self.reference_number else ""
        return (
            f"Reported to {self.agency_name} ({self.get_recipient_display()}) by "
            f"{self.get_method_display().lower()}{reference}"
        )


def record_key(record: object) -> str:
    """Return a model instance as ``app_label.model:pk`` (its pages look obligations up by it)."""
    meta = getattr(record, "_meta", None)
    pk = getattr(record, "pk", None)
    return "" if meta is None or pk is None else f"{meta.label_lower}:{pk}"


class PriorAction(models.Model):
    """A report, referral or meeting recorded while no obligation of its kind was open.

    SPEC §5 "done already counts": a protocol obligation that opens later (within the agency's
    ``prior_action_credit_hours``) is satisfied at once by the latest such record, which then
    counts for that obligation only (``credited_to``). ``record_key`` names the record
    (``app_label.model:pk``) so its page can say whether it satisfied anything yet.
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="+")
    event = models.CharField(max_length=40, help_text="The clock event type the record is.")
    at = models.DateTimeField(help_text="When the action was taken (the event's time).")
    record_key = models.CharField(max_length=80)
    record_label = models.CharField(max_length=200)
    report = models.ForeignKey(
        LegalReport, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    credited_to = models.OneToOneField(
        Obligation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prior_action",
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["youth", "event"], name="prior_action_youth_event")]

    def __str__(self) -> str:
        return self.record_label


class AgencyClockPolicy(models.Model):
    """The agency's configurable clock durations, in hours (SPEC §5): one row, edited by admins.

    Field names are ``ClockPolicy``'s keys; ``to_policy`` validates through it.
    """

    complete_screening_hours = models.FloatField(default=72)
    return_debrief_hours = models.FloatField(default=24)
    refer_cac_mdt_hours = models.FloatField(default=72)
    high_risk_da_report_hours = models.FloatField(default=72)
    consultation_meeting_hours = models.FloatField(default=168)
    community_referrals_hours = models.FloatField(default=336)
    escalate_pa_hours = models.FloatField(default=24)
    prior_action_credit_hours = models.FloatField(default=168)
    report_missing_hours = models.FloatField(default=24)  # never above 24 (ClockPolicy checks)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "agency clock policy"

    def values(self) -> dict[str, float]:
        """Return the durations keyed by ``ClockPolicy`` key."""
        return {key: getattr(self, key) for key in policy_keys()}

    def to_policy(self) -> ClockPolicy:
        """Return the durations as a validated ``ClockPolicy``."""
        return ClockPolicy.from_mapping(self.values())
