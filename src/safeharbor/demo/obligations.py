"""Demo intakes, legal reports and debriefs, so the clocks show every state: open with a
countdown, overdue on the boards, satisfied on time and late, with who reported to whom.

Everything goes through the actions (intake, reports, ``record_clock_event``), so the demo's
obligations open and close exactly as the agency's would.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from safeharbor.accounts.models import District, User
from safeharbor.cases.models import Youth
from safeharbor.demo import names
from safeharbor.domain.access import Role
from safeharbor.intake.actions import record_disposition, record_intake
from safeharbor.intake.models import IntakeReport
from safeharbor.missing.actions import record_debrief
from safeharbor.missing.models import MissingEpisode
from safeharbor.obligations.actions import record_legal_report
from safeharbor.obligations.models import Obligation

NARRATIVES = (
    "A school counselor reports that an adult in his twenties picks the youth up after school, "
    "and the youth has a new phone and new clothes the family cannot explain.",
    "A hospital nurse reports the youth came in with an older adult who answered every question "
    "for her and held her identification.",
    "A shelter worker reports the youth said she is sent to hotels on weekends and is given "
    "money and gifts afterwards.",
    "A relative reports the youth has been missing overnight twice this month and came back "
    "with a tattoo of an older man's initials.",
    "A neighbour reports seeing the youth get into cars with different adults late at night.",
)


def _key() -> str:
    return uuid.uuid4().hex


def add_demo_obligations(
    youth: list[Youth], staff: dict[str, User], rng: random.Random, now: dt.datetime
) -> None:
    """Record the demo's intakes, then most of the reports and debriefs its episodes call for."""
    _intakes(youth, staff, rng, now)
    _missing_reports(rng)
    _return_debriefs(rng)


def _intakes(
    youth: list[Youth], staff: dict[str, User], rng: random.Random, now: dt.datetime
) -> None:
    """Five reports: due in hours, overdue, screened in, referred, and one not alleging HTCSEC."""
    magnolia = District.objects.get(code="magnolia")
    intake, intake2 = staff["intake"], staff["intake2"]
    minute = now.replace(second=0, microsecond=0)
    # Reports about youth awaiting assignment: the intake worker owns the disposition clock.
    waiting = [y for y in youth if y.caseworker_id is None and y.district_id == magnolia.pk]
    # Due within the day: on the "intake" login's My work with its countdown.
    _waiting_youth_intake(intake, waiting, 0, magnolia, rng, minute - dt.timedelta(hours=3))
    # Overdue: nobody decided it within 24 hours; on the supervisors' and the PA's boards.
    _waiting_youth_intake(intake2, waiting, 1, magnolia, rng, minute - dt.timedelta(hours=27))
    known = [y for y in youth if y.caseworker_id and y.district_id == magnolia.pk]
    _screened_in(intake, known[3], minute - dt.timedelta(hours=40))
    _referred_to_the_da(intake2, known[4], minute - dt.timedelta(days=4))
    # A report that does not allege HTCSEC starts no clock.
    record_intake(
        actor=intake,
        received_at=minute - dt.timedelta(hours=6),
        reporter_type="school",
        narrative="A teacher reports the youth has missed school for a week.",
        alleges_htcsec=False,
        idempotency_key=_key(),
        youth=known[5],
    )


def _screened_in(worker: User, youth: Youth, received: dt.datetime) -> None:
    """Screened in the next morning (on time): the screening clock starts."""
    screened = _known_youth_intake(worker, youth, received, 2)
    record_disposition(
        actor=worker,
        intake=screened,
        disposition="screened_in",
        at=screened.received_at + dt.timedelta(hours=16),
        seen_version=screened.version,
        note="Assessment assigned to the youth's caseworker.",
    )


def _referred_to_the_da(worker: User, youth: Youth, received: dt.datetime) -> None:
    """Referred to the District Attorney's office within the day."""
    referred = _known_youth_intake(worker, youth, received, 3)
    record_disposition(
        actor=worker,
        intake=referred,
        disposition="referred_da",
        at=referred.received_at + dt.timedelta(hours=5),
        seen_version=referred.version,
        referral={
            "organization": "Magnolia County District Attorney (synthetic)",
            "contact": "ADA Wren Clearspring, 555-0188",
            "information_shared": "The intake narrative and the youth's identity.",
            "shared_with": "ADA Wren Clearspring",
            "basis": "Seed 002 §VII.A.1: an HTCSEC report not for child welfare intervention",
            "idempotency_key": _key(),
        },
    )


def _waiting_youth_intake(
    worker: User,
    waiting: list[Youth],
    index: int,
    district: District,
    rng: random.Random,
    received: dt.datetime,
) -> None:
    """Record a report about an unassigned youth, or about a new youth if there is none."""
    if index < len(waiting):
        _known_youth_intake(worker, waiting[index], received, index)
    else:
        _new_youth_intake(worker, district, rng, received, NARRATIVES[index])


def _new_youth_intake(
    worker: User, district: District, rng: random.Random, received: dt.datetime, narrative: str
) -> None:
    record_intake(
        actor=worker,
        received_at=received,
        reporter_type=rng.choice(("school", "medical", "social_services")),
        narrative=narrative,
        alleges_htcsec=True,
        allegation_kind="sex_trafficking",
        idempotency_key=_key(),
        new_youth={
            "district": district,
            "legal_first_name": rng.choice(names.FIRST_NAMES),
            "legal_last_name": rng.choice(names.SURNAMES),
            "date_of_birth": dt.date(2010 + rng.randrange(4), 1 + rng.randrange(12), 10),
            "custody_status": "receiving_services",
        },
    )


def _known_youth_intake(
    worker: User, youth: Youth, received: dt.datetime, text: int
) -> IntakeReport:
    report, _ = record_intake(
        actor=worker,
        received_at=received,
        reporter_type="community_member",
        narrative=NARRATIVES[text],
        alleges_htcsec=True,
        allegation_kind="both",
        idempotency_key=_key(),
        youth=youth,
    )
    return report


def _reporter(youth: Youth) -> User:
    """Return who makes a youth's reports: the caseworker, or a supervisor of the district."""
    if youth.caseworker is not None:
        return youth.caseworker
    supervisors = User.objects.filter(role=Role.SUPERVISOR, district_id=youth.district_id)
    return supervisors.order_by("pk")[0]


def _missing_reports(rng: random.Random) -> None:
    """Report most missing youth to law enforcement and NCMEC within hours; leave some overdue."""
    for episode in MissingEpisode.objects.select_related("youth__caseworker").order_by("pk"):
        if rng.random() < 0.15:
            continue  # never reported: overdue, escalated to the supervisor and the PA
        reporter = _reporter(episode.youth)
        _report_to_police(reporter, episode, rng)
        if episode.is_open and rng.random() < 0.5:
            continue  # missing now: the NCMEC report is still to make
        # A few past ones were made after the 24 hours: satisfied, late.
        late = not episode.is_open and rng.random() < 0.1
        _report_to_ncmec(reporter, episode, rng, late=late)


def _report_to_police(reporter: User, episode: MissingEpisode, rng: random.Random) -> None:
    """Report to law enforcement one to three hours after the agency learned of it."""
    # Arguments are drawn from ``rng`` left to right: keep their order, keep the demo the same.
    record_legal_report(
        actor=reporter,
        youth=episode.youth,
        recipient="law_enforcement",
        about="missing",
        missing_episode=episode,
        reported_at=episode.learned_at + dt.timedelta(hours=1 + rng.randrange(3)),
        agency_name=rng.choice(
            ("Magnolia Springs Police Department (synthetic)", "Riverbend Sheriff (synthetic)")
        ),
        contact=f"Records desk, 555-01{rng.randrange(10, 99)}",
        officer=f"Officer {rng.choice(names.SURNAMES)}",
        method="phone",
        reference_number=f"26-{rng.randrange(10**5):05d}",
        ncic_number=f"M{rng.randrange(10**9):09d}",
        idempotency_key=_key(),
    )


def _report_to_ncmec(
    reporter: User, episode: MissingEpisode, rng: random.Random, *, late: bool
) -> None:
    """Report to NCMEC within hours, or after the 24 hours when ``late``."""
    record_legal_report(
        actor=reporter,
        youth=episode.youth,
        recipient="ncmec",
        about="missing",
        missing_episode=episode,
        agency_name="National Center for Missing & Exploited Children",
        contact="NCMEC call center, 1-800-THE-LOST",
        method="phone",
        reported_at=episode.learned_at + dt.timedelta(hours=30 if late else 4),
        reference_number=f"{rng.randrange(10**6, 10**7)}",
        idempotency_key=_key(),
    )


DEBRIEFS = (
    (
        "took_part",
        "Felt unheard at the placement after a fight with a roommate.",
        "Stayed with a friend's family and went to school some days.",
    ),
    (
        "partly",
        "Did not want to say much; missed a sibling.",
        "Said they slept at a friend's place; would not say more.",
    ),
    ("declined", "", ""),
)


def _return_debriefs(rng: random.Random) -> None:
    """Debrief most youth within a day of their return (``missing.actions.record_debrief``,
    which satisfies the clock); a few are still waiting."""
    open_debriefs = Obligation.objects.filter(kind="return_debrief", status="open")
    for row in open_debriefs.select_related("youth__caseworker").order_by("pk"):
        if rng.random() < 0.2:
            continue
        episode = MissingEpisode.objects.filter(youth=row.youth, returned_at=row.opened_at).first()
        if episode is None:
            continue
        participation, factors, experiences = rng.choice(DEBRIEFS)
        record_debrief(
            actor=_reporter(row.youth),
            episode=episode,
            conducted_at=row.opened_at + dt.timedelta(hours=6 + rng.randrange(12)),
            participation=participation,
            answers={"primary_factors": factors, "experiences_while_absent": experiences},
        )
