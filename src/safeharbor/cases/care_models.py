"""Out-of-home-care episodes: the removal, the exit, and the placements between (SPEC §3, §7).

The shape maps directly onto the federal file (``to_domain`` gives ``domain.federal.children
.Episode``): one row per episode with its removal date and exit date; AFCARS removal reasons are
kept as codes (``sex_trafficking`` is E99; ``runaway`` E72 and ``whereabouts_unknown`` E73 are
mutually exclusive). A missing spell is not an exit, so "ran away" is no exit reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeharbor.domain.care import Span
from safeharbor.domain.federal.children import Episode

# AFCARS removal reasons (45 CFR 1355.44(d)(4)), the codes our export would name.
REMOVAL_REASON_CHOICES = [
    ("sex_trafficking", "Sex trafficking"),
    ("labor_trafficking", "Labor trafficking"),
    ("physical_abuse", "Physical abuse"),
    ("sexual_abuse", "Sexual abuse"),
    ("psychological_abuse", "Psychological or emotional abuse"),
    ("neglect", "Neglect"),
    ("medical_neglect", "Medical neglect"),
    ("domestic_violence", "Domestic violence"),
    ("abandonment", "Abandonment"),
    ("caretaker_drug_use", "Caretaker's drug use"),
    ("caretaker_alcohol_use", "Caretaker's alcohol use"),
    ("caretaker_incarceration", "Incarceration of caretaker"),
    ("inadequate_housing", "Inadequate housing"),
    ("child_behavior", "Child's behavior problem"),
    ("child_requested", "The youth asked to be placed"),
    ("runaway", "Runaway"),
    ("whereabouts_unknown", "Whereabouts unknown"),
    ("not_recorded", "Not recorded (moved from an earlier version)"),
]
EXCLUSIVE_REASONS = (frozenset({"runaway", "whereabouts_unknown"}),)
CHOOSABLE_REASONS = [c for c in REMOVAL_REASON_CHOICES if c[0] != "not_recorded"]

# AFCARS exit reasons; running away is a missing spell within the episode, never an exit.
EXIT_REASON_CHOICES = [
    ("reunification", "Reunified with parents or primary caretakers"),
    ("live_with_relatives", "Living with other relatives"),
    ("adoption", "Adoption"),
    ("guardianship", "Guardianship"),
    ("emancipation", "Emancipation (aged out of care)"),
    ("transfer", "Transfer to another agency"),
    ("death", "Death of the youth"),
]


class CareEpisode(models.Model):
    """One stay in out-of-home care: removal date and reasons, exit date and reason."""

    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="care_episodes")
    removal_date = models.DateField()
    removal_reasons = models.JSONField(default=list, help_text="AFCARS removal reason codes")
    exit_date = models.DateField(null=True, blank=True)
    exit_reason = models.CharField(max_length=30, choices=EXIT_REASON_CHOICES, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-removal_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exit_date__isnull=True)
                | models.Q(exit_date__gte=models.F("removal_date")),
                name="care_exit_after_removal",
            ),
            models.CheckConstraint(
                condition=models.Q(exit_date__isnull=True) | ~models.Q(exit_reason=""),
                name="care_exit_has_reason",
            ),
            models.UniqueConstraint(
                fields=["youth"],
                condition=models.Q(exit_date__isnull=True),
                name="one_open_care_episode_per_youth",
            ),
        ]

    def __str__(self) -> str:
        return f"In care from {self.removal_date}"

    @property
    def reason_labels(self) -> list[str]:
        """Return the removal reasons in words."""
        labels = dict(REMOVAL_REASON_CHOICES)
        return [labels.get(code, code) for code in self.removal_reasons]

    @property
    def is_open(self) -> bool:
        """Return whether the youth is still in this episode of care."""
        return self.exit_date is None

    def span(self) -> Span:
        """Return the episode's days for the care rules."""
        return Span(self.removal_date, self.exit_date)

    def to_domain(self) -> Episode:
        """Return the episode as the federal file takes it (SPEC §7.1)."""
        return Episode(removal_date=self.removal_date, exit_date=self.exit_date)
