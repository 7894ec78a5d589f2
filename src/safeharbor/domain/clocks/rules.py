"""The SPEC §5 clock table as data: what each event opens, when it falls due, and what satisfies it.

Why a Python module of frozen dataclasses and not a TOML file: this table is law and the agency's
written policy (statute or seed section on every row), so it changes only through code review,
like the code that reads it. As Python, strict mypy checks every row against the ids in the
enums below, and the pure domain needs no loader, no file access and no second validator. What
an agency may change, the configurable durations, is not edited here: it lives in
``ClockPolicy`` (``policy.py``), the validated data an administrator owns, and each rule names
the policy key that overrides its default. (Screening instruments, by contrast, are TOML because
an agency adds instrument versions without changing code, SPEC §4.5.)

Read ``RULES`` beside SPEC §5 and §5.1 line by line: one row per obligation an event opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EventType(StrEnum):
    """Recorded events that start or stop a clock (SPEC §5.1, ids are part of the interface)."""

    INTAKE_RECEIVED = "intake_received"
    INTAKE_SCREENED_IN = "intake_screened_in"
    INTAKE_REFERRED_DA = "intake_referred_da"
    YOUTH_MISSING = "youth_missing"  # ``at`` is when the agency learned of it
    MISSING_REPORTED_LAW_ENFORCEMENT = "missing_reported_law_enforcement"
    MISSING_REPORTED_NCMEC = "missing_reported_ncmec"
    YOUTH_RETURNED = "youth_returned"
    RETURN_DEBRIEF_COMPLETED = "return_debrief_completed"
    SCREENING_COMPLETED = "screening_completed"
    REPORTED_LAW_ENFORCEMENT = "reported_law_enforcement"
    REPORTED_DISTRICT_ATTORNEY = "reported_district_attorney"
    CAC_REFERRAL_MADE = "cac_referral_made"
    CONSULTATION_HELD = "consultation_held"
    COMMUNITY_REFERRALS_MADE = "community_referrals_made"


class Tier(StrEnum):
    """Screening tiers as the clocks see them (SPEC §4.3 ids)."""

    # Declared here, not imported from ``domain.screening``: domain subpackages stay independent.

    CONFIRMED = "confirmed"
    HIGH_RISK = "high_risk"
    MODERATE_RISK = "moderate_risk"
    AT_RISK = "at_risk"
    NO_INDICATORS = "no_indicators"


class ObligationKind(StrEnum):
    """Legally or policy-required actions with a clock (SPEC §5.1)."""

    INTAKE_DISPOSITION = "intake_disposition"
    COMPLETE_SCREENING = "complete_screening"
    REPORT_MISSING_LAW_ENFORCEMENT = "report_missing_law_enforcement"
    REPORT_MISSING_NCMEC = "report_missing_ncmec"
    RETURN_DEBRIEF = "return_debrief"
    RETURN_SCREENING = "return_screening"
    REPORT_LAW_ENFORCEMENT = "report_law_enforcement"
    REPORT_DISTRICT_ATTORNEY = "report_district_attorney"
    REFER_CAC_MDT = "refer_cac_mdt"
    CONSULTATION_MEETING = "consultation_meeting"
    COMMUNITY_REFERRALS = "community_referrals"


@dataclass(frozen=True)
class ClockRule:
    """One row of the SPEC §5 table: an event (and tier) opens an obligation due ``hours`` later.

    ``hours`` is the default; when ``policy_key`` is set the agency may change it through that
    ``ClockPolicy`` field, otherwise it is fixed by law or policy.
    """

    event: EventType
    opens: ObligationKind
    hours: float
    policy_key: str | None
    title: str
    source: str
    tier: Tier | None = None  # screening_completed rules only: the tier whose protocol this is
    only_if_alleges_htcsec: bool = False  # intake_received: only a report alleging HTCSEC
    only_if_identified_victim: bool = False  # intake_received: only a report identifying a victim

    @property
    def agency_configurable(self) -> bool:
        """Return whether the agency may change this rule's duration."""
        return self.policy_key is not None


@dataclass(frozen=True)
class SatisfactionRule:
    """An event of this type satisfies the oldest open obligation of this kind (SPEC §5.1)."""

    event: EventType
    satisfies: ObligationKind


E = EventType
K = ObligationKind

_FEDERAL_MISSING = "42 U.S.C. 671(a)(35)(B); seed 004"
_FEDERAL_VICTIM = "42 U.S.C. 671(a)(34)(A); seed 000 (PSTSFA §102)"
_TITLE_LAW_ENFORCEMENT = (
    "Report the youth's identification as a sex-trafficking victim to law enforcement"
)
_CAC = "seed 002 §VII.B.1-2; 34 U.S.C. 20304(c)(2)(C)"
_TITLE_DA = "Report to the District Attorney's office"
_TITLE_CAC = (
    "Refer the youth to the nearest Child Advocacy Center (CAC) to convene a multidisciplinary "
    "team (MDT)"
)

RULES: tuple[ClockRule, ...] = (
    # Intake (seed 002 §VII.A.1)
    ClockRule(
        event=E.INTAKE_RECEIVED,
        only_if_alleges_htcsec=True,
        opens=K.INTAKE_DISPOSITION,
        hours=24,
        policy_key=None,
        title="Screen the report in for child welfare intervention, or refer it to the "
        "District Attorney's office",
        source="seed 002 §VII.A.1",
    ),
    ClockRule(  # e.g. law enforcement identified the youth as a victim when they called
        event=E.INTAKE_RECEIVED,
        only_if_identified_victim=True,
        opens=K.REPORT_LAW_ENFORCEMENT,
        hours=24,
        policy_key=None,
        title=_TITLE_LAW_ENFORCEMENT,
        source=_FEDERAL_VICTIM,
    ),
    ClockRule(
        event=E.INTAKE_SCREENED_IN,
        opens=K.COMPLETE_SCREENING,
        hours=72,
        policy_key="complete_screening_hours",
        title="Complete the htcsec-screen screening",
        source="seed 002 §VII.A.1",
    ),
    # Missing from care (federal: report immediately, no later than 24 hours)
    ClockRule(
        event=E.YOUTH_MISSING,
        opens=K.REPORT_MISSING_LAW_ENFORCEMENT,
        hours=24,
        policy_key="report_missing_hours",
        title="Report the missing youth to law enforcement for entry into NCIC",
        source=_FEDERAL_MISSING,
    ),
    ClockRule(
        event=E.YOUTH_MISSING,
        opens=K.REPORT_MISSING_NCMEC,
        hours=24,
        policy_key="report_missing_hours",
        title="Report the missing youth to the National Center for Missing & Exploited "
        "Children (NCMEC)",
        source=_FEDERAL_MISSING,
    ),
    # Return from missing
    ClockRule(
        event=E.YOUTH_RETURNED,
        opens=K.RETURN_DEBRIEF,
        hours=24,
        policy_key="return_debrief_hours",
        title="Debrief the youth: the primary factors that contributed to running away, and "
        "their experiences while absent",
        source="42 U.S.C. 671(a)(35)(A); seeds 000, 004",
    ),
    ClockRule(
        event=E.YOUTH_RETURNED,
        opens=K.RETURN_SCREENING,
        hours=24,
        policy_key="return_debrief_hours",  # "with the debrief"
        title="Screen the youth with htcsec-screen after the return",
        source="seed 002 §VII.A.2",
    ),
    # Protocol of a completed screening, by tier (seed 002 §VII.B, Appendix A)
    ClockRule(
        event=E.SCREENING_COMPLETED,
        tier=Tier.CONFIRMED,
        opens=K.REPORT_LAW_ENFORCEMENT,
        hours=24,
        policy_key=None,
        title=_TITLE_LAW_ENFORCEMENT,
        source=_FEDERAL_VICTIM,
    ),
    ClockRule(
        event=E.SCREENING_COMPLETED,
        tier=Tier.CONFIRMED,
        opens=K.REPORT_DISTRICT_ATTORNEY,
        hours=24,
        policy_key=None,
        title=_TITLE_DA,
        source="seed 002 §VII.B.1",
    ),
    ClockRule(
        event=E.SCREENING_COMPLETED,
        tier=Tier.CONFIRMED,
        opens=K.REFER_CAC_MDT,
        hours=72,
        policy_key="refer_cac_mdt_hours",
        title=_TITLE_CAC,
        source=_CAC,
    ),
    ClockRule(
        event=E.SCREENING_COMPLETED,
        tier=Tier.HIGH_RISK,
        opens=K.REFER_CAC_MDT,
        hours=72,
        policy_key="refer_cac_mdt_hours",
        title=_TITLE_CAC + ", sharing all assessed risk factors",
        source=_CAC,
    ),
    ClockRule(
        event=E.SCREENING_COMPLETED,
        tier=Tier.HIGH_RISK,
        opens=K.REPORT_DISTRICT_ATTORNEY,
        hours=72,
        policy_key="high_risk_da_report_hours",
        title=_TITLE_DA,
        source="seed 002 Appendix A",
    ),
    ClockRule(
        event=E.SCREENING_COMPLETED,
        tier=Tier.MODERATE_RISK,
        opens=K.CONSULTATION_MEETING,
        hours=168,
        policy_key="consultation_meeting_hours",
        title="Hold a consultation meeting with a Program Administrator or Assistant Program "
        "Administrator and a supervisor to plan safety and next steps",
        source="seed 002 §VII.B.3",
    ),
    ClockRule(
        event=E.SCREENING_COMPLETED,
        tier=Tier.AT_RISK,
        opens=K.COMMUNITY_REFERRALS,
        hours=336,
        policy_key="community_referrals_hours",
        title="Make referrals as necessary to community-based service agencies, especially "
        "sexual assault support services",
        source="seed 002 §VII.B.4",
    ),
    # Tier no_indicators opens nothing.
)

SATISFACTIONS: tuple[SatisfactionRule, ...] = (
    SatisfactionRule(E.INTAKE_SCREENED_IN, K.INTAKE_DISPOSITION),
    SatisfactionRule(E.INTAKE_REFERRED_DA, K.INTAKE_DISPOSITION),
    SatisfactionRule(E.MISSING_REPORTED_LAW_ENFORCEMENT, K.REPORT_MISSING_LAW_ENFORCEMENT),
    SatisfactionRule(E.MISSING_REPORTED_NCMEC, K.REPORT_MISSING_NCMEC),
    SatisfactionRule(E.RETURN_DEBRIEF_COMPLETED, K.RETURN_DEBRIEF),
    SatisfactionRule(E.SCREENING_COMPLETED, K.COMPLETE_SCREENING),
    SatisfactionRule(E.SCREENING_COMPLETED, K.RETURN_SCREENING),
    SatisfactionRule(E.REPORTED_LAW_ENFORCEMENT, K.REPORT_LAW_ENFORCEMENT),
    SatisfactionRule(E.REPORTED_DISTRICT_ATTORNEY, K.REPORT_DISTRICT_ATTORNEY),
    SatisfactionRule(E.CAC_REFERRAL_MADE, K.REFER_CAC_MDT),
    SatisfactionRule(E.CONSULTATION_HELD, K.CONSULTATION_MEETING),
    SatisfactionRule(E.COMMUNITY_REFERRALS_MADE, K.COMMUNITY_REFERRALS),
)


# "Done already counts" (SPEC §5): a record made before one of these opens satisfies it at once.
# Screenings, debriefs, dispositions and missing reports ask for something done after the event.
CREDITED_KINDS: frozenset[ObligationKind] = frozenset(
    {
        K.REPORT_LAW_ENFORCEMENT,
        K.REPORT_DISTRICT_ATTORNEY,
        K.REFER_CAC_MDT,
        K.CONSULTATION_MEETING,
        K.COMMUNITY_REFERRALS,
    }
)


def rules_opened_by(
    event_type: EventType,
    *,
    tier: Tier | None,
    alleges_htcsec: bool | None,
    identified_victim: bool | None = None,
) -> tuple[ClockRule, ...]:
    """Return the rules an event with these fields starts, in table order."""
    return tuple(
        rule
        for rule in RULES
        if rule.event is event_type
        and (rule.tier is None or rule.tier is tier)
        and (not rule.only_if_alleges_htcsec or alleges_htcsec is True)
        and (not rule.only_if_identified_victim or identified_victim is True)
    )


def kinds_satisfied_by(event_type: EventType) -> tuple[ObligationKind, ...]:
    """Return the obligation kinds an event of this type satisfies, in table order."""
    return tuple(rule.satisfies for rule in SATISFACTIONS if rule.event is event_type)
