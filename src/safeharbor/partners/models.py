"""Referrals, team meetings, needs and the service directory (SPEC §3, §6; seed 002 §VII.B).

Sensitive words about a youth — decisions, safety plans, needs plans, what the youth said — are
encrypted at rest (``EncryptedTextField``); what an outsider may see is still decided by the
access rules and ``queries.py``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from safeharbor.domain.meetings import MeetingKind, Seat
from safeharbor.domain.needs import CATALOGUE
from safeharbor.domain.referrals import Purpose, ReferredTo
from safeharbor.protected.fields import EncryptedCharField, EncryptedTextField

REFERRED_TO_CHOICES = [
    (ReferredTo.DISTRICT_ATTORNEY.value, "District Attorney's office"),
    (ReferredTo.LAW_ENFORCEMENT.value, "Law enforcement"),
    (ReferredTo.CAC.value, "Child Advocacy Center (CAC)"),
    (ReferredTo.COMMUNITY_AGENCY.value, "Community service agency"),
]

REFERRAL_STATUS_CHOICES = [
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("completed", "Completed"),
]

PURPOSE_CHOICES = [
    (Purpose.CONVENE_MDT.value, "Convene a multidisciplinary team (MDT)"),
    (Purpose.FORENSIC_INTERVIEW.value, "Forensic interview"),
    (Purpose.REPORT.value, "Report for investigation or prosecution"),
    (Purpose.SERVICES.value, "Services for the youth"),
    (Purpose.OTHER.value, "Other"),
]

NEED_CHOICES = [(kind.id, kind.label) for kind in CATALOGUE]


class ServiceAgency(models.Model):
    """A community agency in the service directory: what it meets, for whom, how to reach it.

    Maintained by administrators (agency-owned data, ARCHITECTURE §1.6); referrals pick from it.
    Never deleted, only marked inactive, so old referrals keep their agency.
    """

    name = models.CharField(max_length=200)
    districts = models.ManyToManyField("accounts.District", related_name="service_agencies")
    needs = models.JSONField(default=list, help_text="Need ids (SPEC §6) the agency meets.")
    sexual_assault_support = models.BooleanField(
        "provides sexual assault support services",
        default=False,
        help_text="Seed 002 Appendix A: at-risk youth are referred especially to these.",
    )
    services = models.TextField(help_text="What the agency does, in a sentence or two.")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.CharField("office address", max_length=300, blank=True)
    contact_person = models.CharField(max_length=120, blank=True)
    languages = models.CharField(max_length=200, default="English")
    eligibility = models.TextField(help_text="Who may be served: ages, area, any criteria.")
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "service agencies"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""),
                name="service_agency_reachable",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def need_labels(self) -> list[str]:
        """Return the needs the agency meets, in words."""
        labels = dict(NEED_CHOICES)
        return [labels.get(need, need) for need in self.needs]


# What an administrator edits in a directory entry (besides the districts it serves).
AGENCY_FIELDS = (
    "name",
    "needs",
    "sexual_assault_support",
    "services",
    "phone",
    "email",
    "website",
    "address",
    "contact_person",
    "languages",
    "eligibility",
    "active",
)


class Referral(models.Model):
    """A youth referred to a partner: to whom, what was shared with whom and why, and the status.

    Sharing information about a child outside the agency needs a basis (SPEC §8), so the record
    keeps what was shared, with whom, and on what basis beside the referral itself. A referral to
    law enforcement or the District Attorney is also the legally required report (``legal_report``).
    """

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="referrals")
    referred_to = models.CharField(max_length=20, choices=REFERRED_TO_CHOICES)
    purpose = models.CharField(max_length=20, choices=PURPOSE_CHOICES, blank=True)
    service_agency = models.ForeignKey(
        ServiceAgency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    need = models.ForeignKey(
        "partners.Need", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    legal_report = models.ForeignKey(
        "obligations.LegalReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = EncryptedCharField(max_length=200)
    contact = EncryptedCharField("contact person and number", max_length=200, blank=True)
    made_at = models.DateTimeField()
    information_shared = EncryptedTextField()
    shared_with = EncryptedCharField(max_length=200)
    basis = EncryptedCharField("basis for sharing", max_length=300)
    status = models.CharField(max_length=20, choices=REFERRAL_STATUS_CHOICES, default="sent")
    status_changed_at = models.DateTimeField()
    outcome = EncryptedTextField(blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["youth", "-made_at"], name="referral_youth_made")]

    def __str__(self) -> str:
        return f"Referred to {self.organization} ({self.get_referred_to_display()})"


MEETING_KIND_CHOICES = [
    (MeetingKind.MDT.value, "Multidisciplinary team (MDT) meeting"),
    (MeetingKind.CONSULTATION.value, "Consultation meeting"),
]
CONVENED_BY_CHOICES = [
    ("cac", "The Child Advocacy Center"),
    ("district", "The caseworker and supervisor (the district has no CAC)"),
    ("agency", "The caseworker"),
]
MEETING_STATUS_CHOICES = [
    ("scheduled", "Scheduled"),
    ("held", "Held"),
    ("cancelled", "Cancelled"),
]
SEAT_CHOICES = [
    (Seat.CASEWORKER.value, "Caseworker"),
    (Seat.SUPERVISOR.value, "Supervisor"),
    (Seat.PROGRAM_ADMIN.value, "Program Administrator or APA"),
    (Seat.LAW_ENFORCEMENT.value, "Law enforcement"),
    (Seat.DISTRICT_ATTORNEY.value, "District Attorney's office"),
    (Seat.CAC.value, "Child Advocacy Center"),
    (Seat.SEXUAL_ASSAULT_ADVOCATE.value, "Sexual assault advocate"),
    (Seat.OTHER.value, "Other, with meaningful contact with the youth"),
]
ATTENDANCE_CHOICES = [
    ("invited", "Invited"),
    ("attended", "Attended"),
    ("absent", "Did not attend"),
]


class Meeting(models.Model):
    """An MDT or consultation meeting about one youth (SPEC §3 Meeting; seed 002 §VII.B)."""

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=20, choices=MEETING_KIND_CHOICES)
    convened_by = models.CharField(max_length=20, choices=CONVENED_BY_CHOICES)
    cac_referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = EncryptedCharField(
        max_length=200, help_text="Where the team meets, or the call's link; never the youth's."
    )
    status = models.CharField(max_length=20, choices=MEETING_STATUS_CHOICES, default="scheduled")
    held_at = models.DateTimeField(null=True, blank=True)
    decisions = EncryptedTextField(blank=True)
    safety_plan = EncryptedTextField(blank=True)
    cancelled_reason = EncryptedTextField(blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE")
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scheduled_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["youth", "-starts_at"], name="meeting_youth_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="held") | models.Q(held_at__isnull=False),
                name="meeting_held_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.starts_at:%Y-%m-%d %H:%M}Z"


class MeetingInvitee(models.Model):
    """Someone invited to a meeting: an account (staff or MDT partner), or a guest by name.

    A guest (a foster parent, a teacher) has no account: no invitation is e-mailed and nothing is
    shared with them through SafeHarbor.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    guest_name = models.CharField(max_length=120, blank=True)
    guest_role = EncryptedCharField(max_length=120, blank=True)
    seat = models.CharField(max_length=30, choices=SEAT_CHOICES)
    attendance = models.CharField(max_length=10, choices=ATTENDANCE_CHOICES, default="invited")
    share = models.ForeignKey(
        "cases.CaseShare",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        help_text="What the meeting shared with this partner: fields, basis, expiry.",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="invitee_once_per_meeting",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(guest_name=""),
                name="invitee_is_a_user_or_a_named_guest",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else f"{self.guest_name} ({self.guest_role})"


class NextStep(models.Model):
    """A next step the team agreed, with its owner and due time; it opens an obligation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="next_steps")
    description = EncryptedCharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due = models.DateTimeField()
    obligation = models.ForeignKey(
        "obligations.Obligation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return str(self.description)


NEED_STATUS_CHOICES = [
    ("identified", "Identified"),
    ("in_progress", "Services arranged, in progress"),
    ("met", "Met"),
    ("not_wanted_now", "The youth does not want this now (offer again)"),
]


class NeedsAssessment(models.Model):
    """One conversation with the youth about what they need, their own priorities first."""

    youth = models.ForeignKey(
        "cases.Youth", on_delete=models.PROTECT, related_name="needs_assessments"
    )
    assessed_on = models.DateField()
    priorities = models.JSONField(
        default=list, help_text="Need ids in the order the youth put them, most important first."
    )
    in_youth_words = EncryptedTextField(blank=True)
    youth_took_part = models.BooleanField(default=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-assessed_on", "-id"]


class Need(models.Model):
    """One of the youth's needs (SPEC §6) with its plan and status; one row per need kind."""

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="needs")
    kind = models.CharField(max_length=40, choices=NEED_CHOICES)
    plan = EncryptedTextField(blank=True)
    status = models.CharField(max_length=20, choices=NEED_STATUS_CHOICES, default="identified")
    identified_by = models.ForeignKey(
        NeedsAssessment, on_delete=models.PROTECT, related_name="needs"
    )
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["youth", "kind"], name="one_need_of_a_kind_per_youth")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
