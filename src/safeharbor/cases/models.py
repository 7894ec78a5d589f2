"""Youth, placements, and who may see them (SPEC §3, §8)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from safeharbor.accounts.models import PARTNER_KIND_CHOICES
from safeharbor.domain.access import FieldGroup, GrantKind
from safeharbor.domain.care import Span
from safeharbor.protected.fields import EncryptedCharField, EncryptedTextField

CUSTODY_CHOICES = [
    ("in_custody", "In agency custody"),
    ("in_care", "In agency care (voluntary placement)"),
    ("receiving_services", "Receiving services at home"),
    ("young_adult", "Young adult (18-21) continuing services"),
    ("closed", "Case closed"),
]

CLOSED_REASON_CHOICES = [
    ("", "Not closed"),
    ("reunified", "Reunified with family, services completed"),
    ("adopted", "Adopted"),
    ("guardianship", "Guardianship"),
    ("aged_out", "Aged out of services (21)"),
    ("transferred", "Transferred to another agency or state"),
    ("moved_away", "Family moved out of the agency's area"),
    ("declined_services", "Young adult declined further services"),
    ("deceased", "Deceased"),
]

IMMIGRATION_CHOICES = [
    ("", "Not known"),
    ("us_citizen", "U.S. citizen"),
    ("lawful_permanent_resident", "Lawful permanent resident"),
    ("refugee", "Refugee"),
    ("asylee", "Asylee or asylum seeker"),
    ("unaccompanied_minor", "Unaccompanied minor"),
    ("undocumented", "Undocumented"),
    ("other", "Other"),
]

# AFCARS race categories (45 CFR 1355.44(b)); a youth may identify with several.
RACE_CHOICES = [
    ("american_indian_alaska_native", "American Indian or Alaska Native"),
    ("asian", "Asian"),
    ("black_african_american", "Black or African American"),
    ("native_hawaiian_pacific_islander", "Native Hawaiian or Other Pacific Islander"),
    ("white", "White"),
    ("unknown", "Unknown"),
    ("declined", "Declined to answer"),
]

HISPANIC_CHOICES = [
    ("", "Not yet asked"),
    ("yes", "Yes"),
    ("no", "No"),
    ("unknown", "Unknown"),
    ("declined", "Declined to answer"),
]

PLACEMENT_TYPE_CHOICES = [
    ("family_home", "Family home"),
    ("foster_home", "Foster home"),
    ("kinship", "Kinship placement"),
    ("residential_facility", "Residential facility"),
    ("group_home", "Group home"),
    ("shelter", "Homeless or emergency shelter"),
    ("independent_living", "Independent living"),
]


def as_text(value: object) -> str:
    """Return a profile value as the text a form carries (a date as ISO, a list comma-joined)."""
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


class Youth(models.Model):
    """A child or young adult the agency serves; named by preferred name first (SPEC §1)."""

    record_number = models.CharField(max_length=30, unique=True)
    preferred_name = models.CharField(max_length=80, blank=True)
    legal_first_name = models.CharField(max_length=80)
    legal_middle_name = models.CharField(max_length=80, blank=True)
    legal_last_name = models.CharField(max_length=80)
    date_of_birth = models.DateField()
    gender_identity = EncryptedCharField(max_length=60, blank=True)
    pronouns = EncryptedCharField(max_length=30, blank=True)
    race = models.JSONField(default=list, blank=True, help_text="AFCARS race categories")
    hispanic_latino = models.CharField(max_length=10, choices=HISPANIC_CHOICES, blank=True)
    primary_language = models.CharField(max_length=40, default="English")
    other_languages = EncryptedCharField(max_length=120, blank=True)
    immigration_status = models.CharField(max_length=30, choices=IMMIGRATION_CHOICES, blank=True)
    custody_status = models.CharField(max_length=20, choices=CUSTODY_CHOICES)
    closed_reason = models.CharField(
        max_length=30, choices=CLOSED_REASON_CHOICES, blank=True, help_text="When the case closed"
    )
    state_record_number = models.CharField(
        max_length=30,
        blank=True,
        help_text="The state's child record number (the AFCARS record number).",
    )
    district = models.ForeignKey(
        "accounts.District", on_delete=models.PROTECT, related_name="youth"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
        limit_choices_to={"role": "caseworker"},
    )
    # The unit that holds the case: set on assignment, or by a program administrator who moves
    # the case to another unit before its supervisor assigns a worker. Empty for a youth new at
    # intake, whom every supervisor of the district sees until one assigns them.
    unit = models.ForeignKey(
        "accounts.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="youth"
    )
    photo_reference = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where the current photo is kept, for missing reports.",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        verbose_name_plural = "youth"
        indexes = [
            models.Index(fields=["district", "caseworker"], name="youth_scope"),
            models.Index(fields=["legal_last_name", "legal_first_name"], name="youth_name"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """Preferred name first, then the legal name (SPEC §1)."""
        legal = f"{self.legal_first_name} {self.legal_last_name}"
        if self.preferred_name and self.preferred_name != self.legal_first_name:
            return f"{self.preferred_name} {self.legal_last_name} (legal: {legal})"
        return legal

    @property
    def short_name(self) -> str:
        """Preferred (or legal first) name and last name."""
        return f"{self.preferred_name or self.legal_first_name} {self.legal_last_name}"

    @property
    def race_labels(self) -> list[str]:
        """Return the recorded race categories in words."""
        labels = dict(RACE_CHOICES)
        return [labels.get(code, code) for code in self.race]

    @property
    def holding_unit_id(self) -> int | None:
        """Return the unit holding the case: its own, else its caseworker's (``case_scope``)."""
        if self.unit_id is not None:
            return self.unit_id
        return self.caseworker.unit_id if self.caseworker is not None else None

    def age_on(self, day: dt.date) -> int:
        """Return the youth's age in whole years on ``day``."""
        from safeharbor.domain.dates import age_on

        return age_on(self.date_of_birth, day)


class Placement(models.Model):
    """Where a youth lives for a period; the address and provider are protected (SPEC §8)."""

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="placements")
    # Every placement falls within an out-of-home-care episode (SPEC §3).
    episode = models.ForeignKey(
        "cases.CareEpisode", on_delete=models.PROTECT, related_name="placements"
    )
    placement_type = models.CharField(max_length=30, choices=PLACEMENT_TYPE_CHOICES)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = EncryptedCharField(max_length=200, blank=True)
    # Protected: a provider's name can reveal the location as surely as the street address.
    provider_name = EncryptedTextField(max_length=160, blank=True)
    address = EncryptedTextField(blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        help_text="Empty when the system created the record (the demo loader).",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["youth"],
                condition=models.Q(end_date__isnull=True),
                name="one_current_placement_per_youth",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_placement_type_display()} from {self.start_date}"

    def span(self) -> Span:
        """Return the placement's days for the care rules."""
        return Span(self.start_date, self.end_date)


class CaseShare(models.Model):
    """A youth shared with an MDT partner: which field groups, on what basis, until when."""

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="shares")
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="shared_cases",
        limit_choices_to={"role": "mdt_partner"},
    )
    fields = models.JSONField(help_text="Field groups shared: " + ", ".join(FieldGroup))
    basis = EncryptedCharField(max_length=200, help_text="Why the partner needs this information.")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Groups beyond the partner kind's default (or notes, or the address) need the unit
    # supervisor's approval with a reason (domain.sharing).
    approved_fields = models.JSONField(default=list, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approval_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["partner", "youth"], name="share_partner_youth")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True, approval_reason="")
                | (models.Q(approved_by__isnull=False) & ~models.Q(approval_reason="")),
                name="share_approval_has_a_reason",
            )
        ]


class PartnerSharingDefault(models.Model):
    """What one kind of MDT partner sees by default (agency configuration, not case content).

    Without a row, a kind sees ``domain.sharing.STARTING_DEFAULTS``.
    """

    kind = models.CharField(max_length=30, choices=PARTNER_KIND_CHOICES, unique=True)
    fields = models.JSONField(help_text="Field groups seen by default: " + ", ".join(FieldGroup))
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


GRANT_KIND_CHOICES = [
    (GrantKind.ADDRESS.value, "See placement addresses"),
    (GrantKind.EMERGENCY.value, "Emergency access (read-only)"),
]


REVIEW_OUTCOMES = [
    ("appropriate", "Appropriate: the emergency justified it"),
    ("concern", "A concern: refer to the program administrator"),
]


class AccessGrant(models.Model):
    """Extra access for one user to one youth: the address, or time-limited emergency access."""

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=GRANT_KIND_CHOICES)
    reason = EncryptedTextField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    # Emergency access is reviewed afterwards by someone other than the person who used it.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_outcome = models.CharField(max_length=20, choices=REVIEW_OUTCOMES, blank=True)
    review_note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "youth"], name="grant_user_youth")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviewed_at__isnull=True)
                | (models.Q(reviewed_by__isnull=False) & ~models.Q(review_outcome="")),
                name="grant_review_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(reviewed_by__isnull=True)
                | ~models.Q(reviewed_by=models.F("user")),
                name="grant_not_reviewed_by_its_user",
            ),
        ]


# The assignment history and the victim status live in their own modules (imported here so
# Django finds them): the record's shape stays readable as it grows.
from safeharbor.cases.assignment_models import Assignment  # noqa: E402
from safeharbor.cases.care_models import CareEpisode  # noqa: E402
from safeharbor.cases.record_models import (  # noqa: E402
    CaseNote,
    NoteAttachment,
    StoredContent,
    YouthPhoto,
)
from safeharbor.cases.victim_status_models import (  # noqa: E402
    DeterminationAmendment,
    VictimDetermination,
)

__all__ = [
    "AccessGrant",
    "Assignment",
    "CareEpisode",
    "CaseNote",
    "CaseShare",
    "DeterminationAmendment",
    "NoteAttachment",
    "Placement",
    "StoredContent",
    "VictimDetermination",
    "Youth",
    "YouthPhoto",
]
