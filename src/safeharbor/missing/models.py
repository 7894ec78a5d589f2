"""Missing episodes (SPEC §3): a youth gone from care, what is known, the search, the return.

The reports to law enforcement and NCMEC are ``obligations.LegalReport`` rows linked to the
episode (one model for every legally required report). Risk information, distinguishing marks,
locate efforts and the debrief are disclosures: encrypted at rest (docs/security.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeharbor.domain.missing_episode import (
    ABSENCE_CHOICES,
    EYE_CHOICES,
    RISK_ANSWERS,
    RISKS,
    EpisodeTimes,
)
from safeharbor.domain.missing_patterns import FlagKind
from safeharbor.domain.return_debrief import PARTICIPATION, question_ids
from safeharbor.protected.fields import EncryptedCharField, EncryptedTextField

# The vocabulary of an episode is the domain's (``domain.missing_episode``, ``return_debrief``).
PARTICIPATION_CHOICES = list(PARTICIPATION)
FLAG_CHOICES = [
    (FlagKind.CHRONIC_RUNAWAY.value, "High-risk chronic runaway"),
    (FlagKind.SAME_PLACEMENT.value, "Possible recruitment: youth missing from the same placement"),
]


class MissingEpisode(models.Model):
    """One time a youth went missing; ``learned_at`` starts the 24-hour report clocks (SPEC §5).

    The physical description is the youth's as last seen (what law enforcement and NCMEC ask
    for): it changes between episodes, so each episode keeps its own, pre-filled from the last.
    """

    youth = models.ForeignKey(
        "cases.Youth", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    placement = models.ForeignKey(
        "cases.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missing_episodes",
        help_text="The placement the youth left.",
    )
    last_seen_at = models.DateTimeField()
    last_seen_where = EncryptedCharField(max_length=200, blank=True)
    last_seen_with = EncryptedCharField(max_length=200, blank=True)
    learned_at = models.DateTimeField(help_text="When the agency learned the youth was missing.")
    absence_kind = models.CharField(
        "kind of absence", max_length=20, choices=ABSENCE_CHOICES, blank=True, default=""
    )
    circumstances = EncryptedTextField(blank=True)
    risk_notes = EncryptedTextField("other risk information", blank=True)
    risk_pregnancy = EncryptedTextField(choices=RISK_ANSWERS, default="unknown", max_length=10)
    risk_pregnancy_detail = EncryptedTextField(blank=True)
    risk_medications = EncryptedTextField(choices=RISK_ANSWERS, default="unknown", max_length=10)
    risk_medications_detail = EncryptedTextField(blank=True)
    risk_suicide = EncryptedTextField(choices=RISK_ANSWERS, default="unknown", max_length=10)
    risk_suicide_detail = EncryptedTextField(blank=True)
    risk_exploiter = EncryptedTextField(choices=RISK_ANSWERS, default="unknown", max_length=10)
    risk_exploiter_detail = EncryptedTextField(blank=True)
    risk_trafficking_indicators = EncryptedTextField(
        choices=RISK_ANSWERS, default="unknown", max_length=10
    )
    risk_trafficking_indicators_detail = EncryptedTextField(blank=True)
    height_inches = models.PositiveSmallIntegerField(null=True, blank=True)
    weight_pounds = models.PositiveSmallIntegerField(null=True, blank=True)
    hair = EncryptedCharField(max_length=80, blank=True, help_text="Colour, length and style.")
    eyes = models.CharField(max_length=20, choices=EYE_CHOICES, blank=True)
    marks = EncryptedTextField(
        "scars, marks, tattoos", blank=True, help_text="Also piercings, glasses, braces."
    )
    clothing = EncryptedCharField("clothing when last seen", max_length=300, blank=True)
    photo_reference = models.CharField(
        max_length=200, blank=True, help_text="Where a current photo is kept."
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    found_where = EncryptedCharField(max_length=200, blank=True)
    found_by = EncryptedCharField(max_length=200, blank=True)
    return_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # After the return: law enforcement and NCMEC told the youth is found (NCIC entry, NCMEC case
    # closed), when and by whom.
    found_told_law_enforcement_at = models.DateTimeField(null=True, blank=True)
    found_told_law_enforcement_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    found_told_ncmec_at = models.DateTimeField(null=True, blank=True)
    found_told_ncmec_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        help_text="Empty when the system created the record (the demo loader).",
    )
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-learned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"],
                condition=models.Q(returned_at__isnull=True),
                name="one_open_missing_episode_per_youth",
            ),
            models.CheckConstraint(
                condition=models.Q(learned_at__gte=models.F("last_seen_at")),
                name="missing_learned_after_last_seen",
            ),
            models.CheckConstraint(
                condition=models.Q(returned_at__isnull=True)
                | models.Q(returned_at__gte=models.F("last_seen_at")),
                name="missing_return_after_last_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"Missing since {self.last_seen_at:%Y-%m-%d}"

    def times(self) -> EpisodeTimes:
        """Return the episode's times as the checks of ``domain.missing_episode`` read them."""
        return EpisodeTimes(self.last_seen_at, self.learned_at, self.returned_at)

    @property
    def is_open(self) -> bool:
        """Return whether the youth has not yet returned."""
        return self.returned_at is None

    def risks(self) -> list[tuple[str, str, str]]:
        """Return (words, answer in words, detail) for each risk."""
        answers = dict(RISK_ANSWERS)
        return [
            (
                words,
                answers.get(getattr(self, f"risk_{name}"), "Not known"),
                getattr(self, f"risk_{name}_detail"),
            )
            for name, words in RISKS
        ]

    @property
    def height_words(self) -> str:
        """Return the height as feet and inches, or an empty string."""
        if not self.height_inches:
            return ""
        feet, inches = divmod(self.height_inches, 12)
        return f"{feet} ft {inches} in"


class LocateEffort(models.Model):
    """One dated effort to find a missing youth: who, what, with what result."""

    episode = models.ForeignKey(
        MissingEpisode, on_delete=models.PROTECT, related_name="locate_efforts"
    )
    made_at = models.DateTimeField()
    made_by = EncryptedCharField("who", max_length=200)
    effort = EncryptedTextField("what was done")
    result = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-made_at", "-id"]


class ReturnDebrief(models.Model):
    """The conversation and review after a youth returns (SPEC §5; seeds 000, 004): once per
    episode. One protected field per question of ``domain.return_debrief``, named by its id."""

    episode = models.OneToOneField(MissingEpisode, on_delete=models.PROTECT, related_name="debrief")
    conducted_at = models.DateTimeField()
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    participation = models.CharField(max_length=20, choices=PARTICIPATION_CHOICES)
    primary_factors = EncryptedTextField(blank=True)
    experiences_while_absent = EncryptedTextField(blank=True)
    anyone_asked_or_promised = EncryptedTextField(blank=True)
    what_would_help = EncryptedTextField(blank=True)
    locate_efforts = EncryptedTextField(blank=True)
    reports_made = EncryptedTextField(blank=True)
    ncmec_collaboration = EncryptedTextField(blank=True)
    placement_when_ran = EncryptedTextField(blank=True)
    services_when_ran = EncryptedTextField(blank=True)
    special_needs = EncryptedTextField(blank=True)
    unaddressed_trauma = EncryptedTextField(blank=True)
    family_connection = EncryptedTextField(blank=True)
    trafficking_concerns = EncryptedTextField(blank=True)
    services_needed = EncryptedTextField(blank=True)
    caregiver_willing = EncryptedTextField(blank=True)
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Return debrief of {self.conducted_at:%Y-%m-%d}"

    def answers(self) -> dict[str, str]:
        """Return the answers by question id."""
        return {question: getattr(self, question) for question in question_ids()}


class PatternFlag(models.Model):
    """A pattern found when an episode was recorded (``domain.missing_patterns``), and why.

    ``episode`` is the flagged youth's episode; ``trigger`` is the episode whose recording raised
    it (the same for a chronic runaway; another youth's for a same-placement flag).
    """

    kind = models.CharField(max_length=20, choices=FLAG_CHOICES)
    youth = models.ForeignKey("cases.Youth", on_delete=models.PROTECT, related_name="+")
    episode = models.ForeignKey(MissingEpisode, on_delete=models.PROTECT, related_name="flags")
    trigger = models.ForeignKey(MissingEpisode, on_delete=models.PROTECT, related_name="+")
    related = models.ManyToManyField(MissingEpisode, related_name="+", blank=True)
    reason = models.CharField(max_length=500)
    source = models.CharField(max_length=200)
    raised_at = models.DateTimeField()

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "episode", "trigger"], name="one_flag_per_kind_episode_trigger"
            )
        ]


RESPONSE_CHOICES = [
    ("plan", "A plan"),
    ("mdt", "An MDT meeting scheduled"),
    ("consultation", "A consultation meeting scheduled"),
]


class FlagResponse(models.Model):
    """What a supervisor did about a pattern flag: a plan, or a team meeting scheduled from it.

    ``meeting_id`` names the ``partners.Meeting`` scheduled from the flag (partners sits above
    missing, so the row keeps the id, not a foreign key); ``summary`` says it in words.
    """

    flag = models.ForeignKey(PatternFlag, on_delete=models.PROTECT, related_name="responses")
    how = models.CharField(max_length=20, choices=RESPONSE_CHOICES)
    plan = EncryptedTextField(blank=True)
    meeting_id = models.PositiveIntegerField(null=True, blank=True)
    summary = EncryptedCharField(max_length=300, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-responded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_how_display()} by {self.responded_by}"


class MissingPatternPolicy(models.Model):
    """The agency's pattern thresholds (``domain.missing_patterns.PatternPolicy``): one row."""

    chronic_episodes = models.PositiveSmallIntegerField(default=3)
    chronic_months = models.PositiveSmallIntegerField(default=12)
    same_placement_hours = models.FloatField(default=72)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "missing pattern policy"

    def values(self) -> dict[str, float]:
        """Return the thresholds keyed by ``PatternPolicy`` key."""
        return {
            "chronic_episodes": self.chronic_episodes,
            "chronic_months": self.chronic_months,
            "same_placement_hours": self.same_placement_hours,
        }
