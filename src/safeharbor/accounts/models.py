"""Districts, units and staff (SPEC §1)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from safeharbor.domain.access import Actor, Role


class District(models.Model):
    """A district office; it has a Child Advocacy Center or forms its own MDT (seed 002 §VII.B)."""

    name = models.CharField(max_length=120, unique=True)
    code = models.SlugField(max_length=20, unique=True)
    has_cac = models.BooleanField(
        "has a Child Advocacy Center",
        default=False,
        help_text="Without a CAC, caseworker and supervisor form the MDT themselves.",
    )
    cac_name = models.CharField("Child Advocacy Center", max_length=160, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(has_cac=False) | ~models.Q(cac_name=""),
                name="district_cac_named_when_present",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A unit of caseworkers led by a supervisor."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="unit_name_unique_in_district"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district.code})"


ROLE_CHOICES = [
    (Role.INTAKE_WORKER.value, "Intake worker"),
    (Role.CASEWORKER.value, "Caseworker"),
    (Role.SUPERVISOR.value, "Supervisor"),
    (Role.PROGRAM_ADMIN.value, "Program administrator"),
    (Role.MDT_PARTNER.value, "MDT partner"),
    (Role.ANALYST.value, "Analyst"),
    (Role.ADMINISTRATOR.value, "Administrator"),
]

PARTNER_KIND_CHOICES = [
    ("law_enforcement", "Law enforcement"),
    ("district_attorney", "District Attorney's office"),
    ("cac", "Child Advocacy Center"),
    ("sexual_assault_advocate", "Sexual assault advocate"),
    ("other", "Other professional with meaningful contact"),
]


class User(AbstractUser):
    """A staff member or MDT partner; youth and families never log in (SPEC §1)."""

    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    organization = models.CharField(
        max_length=160, blank=True, help_text="For MDT partners: the agency they work for."
    )
    partner_kind = models.CharField(max_length=30, choices=PARTNER_KIND_CHOICES, blank=True)
    # Replaced whenever a set-password link is sent, so only the newest link works (tokens.py).
    setup_link_nonce = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["caseworker", "supervisor"])
                | models.Q(unit__isnull=False),
                name="user_unit_required_for_unit_roles",
                violation_error_message="A caseworker or supervisor must belong to a unit.",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="program_admin") | models.Q(district__isnull=False),
                name="user_district_required_for_program_admin",
                violation_error_message="A program administrator must belong to a district.",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="mdt_partner") | ~models.Q(partner_kind=""),
                name="user_partner_kind_required_for_partners",
                violation_error_message="Say which kind of partner this is.",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_enum(self) -> Role:
        """Return the role as the domain's enum."""
        return Role(self.role)

    def to_actor(self) -> Actor:
        """Return this user as the access rules see them."""
        return Actor(
            user_id=self.pk,
            role=Role(self.role),
            district_id=self.district_id,
            unit_id=self.unit_id,
        )
