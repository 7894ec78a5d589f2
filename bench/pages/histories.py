"""One youth's synthetic history, and the obligations it opens (runs inside the loader, Django).

Per youth: 1-4 placements (2.3 on average, the address and provider encrypted); an intake
report for 15% (60% of them alleging HTCSEC, most screened in within the day); missing episodes
for 13% in the last two years (1-3 each, returned, reported and debriefed, a few late or never),
0.2% back in the last two days and 0.7% missing now; screenings after an intake, a return, a
concern or a review, scored by the real instrument. The obligations are not invented: every
event is replayed through the clock rules (``domain.clocks.apply_event``), so each one was
opened, moved or satisfied as the app would have, with the escalation step and notifications
the escalation worker would have left. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from bench.pages.replay import Happening, Records, replay

if TYPE_CHECKING:
    from bench.pages.agency import Agency, DistrictStaff
    from safeharbor.accounts.models import User
    from safeharbor.cases.models import Placement, Youth
    from safeharbor.missing.models import MissingEpisode

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
INTAKE = 0.15
ALLEGES_HTCSEC = 0.6
PAST_EPISODES = 0.13
RECENT_RETURN = 0.002
MISSING_NOW = 0.007
CONCERN = 0.06
REVIEW = 0.04
ENDED_PLACEMENT = 0.05
HISTORY_DAYS = 730  # past episodes fall in the last two years, from 20 days ago


def delay(rng: random.Random, hours: float) -> dt.timedelta | None:
    """Return how long after its clock started something was done: mostly in time, some late,
    a few never (None)."""
    roll = rng.random()
    if roll < 0.88:
        return hours * HOUR * rng.uniform(0.05, 0.9)
    if roll < 0.96:
        return hours * HOUR * rng.uniform(1.05, 2.5)
    return None


def between(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """Return a moment between ``start`` and ``end``, to the second."""
    seconds = max(0, int((end - start).total_seconds()))
    return start + dt.timedelta(seconds=rng.randrange(seconds + 1))


def key(rng: random.Random) -> str:
    """Return an idempotency key (deterministic for the seed)."""
    return f"{rng.getrandbits(128):032x}"


def youth_row(
    index: int, staff: DistrictStaff, caseworker: User | None, rng: random.Random, now: dt.datetime
) -> Youth:
    """Return one youth aged 10 to 21, in the agency's records for a month to four years."""
    from safeharbor.cases.models import Youth
    from safeharbor.demo import names

    age = 10 + rng.randrange(12)
    born = now.date() - dt.timedelta(days=365 * age + rng.randrange(365))
    created = now - dt.timedelta(days=rng.randrange(30, 1500), seconds=rng.randrange(86400))
    gender = rng.choice(("Female", "Male", "Female", "Male", "Nonbinary"))
    return Youth(
        record_number=f"BP{index:07d}",
        preferred_name=rng.choice(names.FIRST_NAMES) if rng.random() < 0.1 else "",
        legal_first_name=rng.choice(names.FIRST_NAMES),
        legal_last_name=rng.choice(names.SURNAMES),
        date_of_birth=born,
        gender_identity=gender,
        pronouns={"Female": "she/her", "Male": "he/him"}.get(gender, "they/them"),
        race=[rng.choice(("black_african_american", "white", "asian", "unknown"))],
        hispanic_latino=rng.choice(("yes", "no", "no", "unknown")),
        custody_status="young_adult" if age >= 18 else rng.choice(("in_custody", "in_care")),
        district=staff.district,
        caseworker=caseworker,
        created_at=created,
        updated_at=created,
    )


def add_history(
    youth: Youth,
    rng: random.Random,
    now: dt.datetime,
    staff: DistrictStaff,
    agency: Agency,
    records: Records,
) -> None:
    """Add one youth's placements, intake, episodes, screenings and obligations to ``records``."""
    actor = youth.caseworker or staff.supervisor_for(None)
    placements = _placements(youth, rng, now, records)
    happenings, occasions = _intake(youth, rng, now, agency, records)
    more, returns, episodes = _episodes(youth, rng, now, placements, actor, records)
    happenings += more
    happenings += _screenings(youth, rng, now, actor, occasions + returns, episodes, records)
    replay(youth, happenings, now, records)


def _placements(
    youth: Youth, rng: random.Random, now: dt.datetime, records: Records
) -> list[Placement]:
    from safeharbor.cases.models import Placement
    from safeharbor.demo import names

    count = rng.choices((1, 2, 3, 4), weights=(25, 35, 25, 15))[0]
    first = youth.created_at.date()
    span = max(count, (now.date() - first).days)
    starts = sorted(first + dt.timedelta(days=d) for d in rng.sample(range(span), count))
    rows = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < count else None
        if end is None and rng.random() < ENDED_PLACEMENT:
            end = now.date()
        kind = rng.choice(("foster_home", "kinship", "group_home", "residential_facility"))
        town = rng.choice(("Magnolia Springs", "Dovecreek", "Riverbend", "Calder Mill"))
        rows.append(
            Placement(
                youth=youth,
                placement_type=kind,
                start_date=start,
                end_date=end,
                end_reason="placement changed" if end else "",
                provider_name=names.PROVIDERS[kind].format(
                    surname=rng.choice(names.SURNAMES),
                    first=rng.choice(names.FIRST_NAMES),
                    town=town,
                ),
                address=f"{rng.randrange(100, 9900)} {rng.choice(names.STREETS)}\n"
                f"{town} (synthetic)",
                created_at=dt.datetime.combine(start, dt.time(9), tzinfo=dt.UTC),
            )
        )
    records.placements += rows
    return rows


def _intake(
    youth: Youth, rng: random.Random, now: dt.datetime, agency: Agency, records: Records
) -> tuple[list[Happening], list[tuple[dt.datetime, str]]]:
    """Return the intake's events and, when it was screened in, the screening it calls for."""
    from safeharbor.intake.models import IntakeReport

    if rng.random() >= INTAKE:
        return [], []
    worker = rng.choice(agency.intake_workers)
    received = between(rng, youth.created_at, now - HOUR)
    alleges = rng.random() < ALLEGES_HTCSEC
    intake = IntakeReport(
        youth=youth,
        received_at=received,
        reporter_type=rng.choice(("school", "medical", "law_enforcement", "community_member")),
        narrative="A caller reports an adult picks the youth up after school with new gifts.",
        alleges_htcsec=alleges,
        taken_by=worker,
        recorded_at=received + 10 * dt.timedelta(minutes=1),
        idempotency_key=key(rng),
    )
    records.intakes.append(intake)
    events = [Happening(received, "intake_received", intake, worker, alleges_htcsec=alleges)]
    late = delay(rng, 24) if alleges else None
    if late is None or received + late > now:
        return events, []
    decided = received + late
    intake.disposition, intake.disposition_at, intake.disposition_by = (
        "screened_in",
        decided,
        worker,
    )
    events.append(Happening(decided, "intake_screened_in", intake, worker))
    screening = delay(rng, 72)
    return events, [(decided + screening, "intake_screened_in")] if screening else []


def _episode_starts(rng: random.Random, youth: Youth, now: dt.datetime) -> list[dt.datetime]:
    """Return when past episodes began: 1-3 in distinct 20-day slots of the last two years."""
    if rng.random() >= PAST_EPISODES:
        return []
    days = min(HISTORY_DAYS, (now - youth.created_at).days) - 20
    slots = days // 20
    count = min(slots, rng.choices((1, 2, 3), weights=(60, 28, 12))[0])
    chosen = sorted(rng.sample(range(slots), max(0, count)))
    return [now - dt.timedelta(days=20 + 20 * s + rng.uniform(0, 8)) for s in chosen]


def _episodes(
    youth: Youth,
    rng: random.Random,
    now: dt.datetime,
    placements: list[Placement],
    actor: User,
    records: Records,
) -> tuple[list[Happening], list[tuple[dt.datetime, str]], list[MissingEpisode]]:
    """Return the episodes' events, the screenings their returns call for, and the episodes."""
    spans: list[tuple[dt.datetime, dt.datetime | None]] = [
        (seen, seen + dt.timedelta(days=rng.uniform(0.5, 10)))
        for seen in _episode_starts(rng, youth, now)
    ]
    if rng.random() < MISSING_NOW:
        spans.append((now - HOUR * 2 ** rng.uniform(0, 7), None))
    elif rng.random() < RECENT_RETURN:  # back within the last two days, debrief perhaps pending
        seen = now - DAY * rng.uniform(2, 4)
        spans.append((seen, seen + HOUR * rng.uniform(9, 30)))
    happenings: list[Happening] = []
    returns: list[tuple[dt.datetime, str]] = []
    episodes = []
    for seen, back in sorted(spans, key=lambda span: span[0]):
        episode, events, screening = _episode(
            youth, rng, now, placements, actor, seen, back, records
        )
        episodes.append(episode)
        happenings += events
        returns += screening
    _flag_chronic(youth, episodes, records)
    return happenings, returns, episodes


def _placement_on(placements: list[Placement], day: dt.date) -> Placement:
    for placement in reversed(placements):
        if placement.start_date <= day:
            return placement
    return placements[0]


def _episode(
    youth: Youth,
    rng: random.Random,
    now: dt.datetime,
    placements: list[Placement],
    actor: User,
    seen: dt.datetime,
    back: dt.datetime | None,
    records: Records,
) -> tuple[MissingEpisode, list[Happening], list[tuple[dt.datetime, str]]]:
    """Return one episode, its events (reports, return, debrief) and the screening it calls for."""
    from safeharbor.missing.models import MissingEpisode

    learned = min(seen + HOUR * rng.uniform(0.5, 8), now - dt.timedelta(minutes=5))
    episode = MissingEpisode(
        youth=youth,
        placement=_placement_on(placements, seen.date()),
        last_seen_at=seen,
        last_seen_where=rng.choice(("near the bus station", "leaving the placement", "at school")),
        learned_at=learned,
        circumstances="Did not come back after school.",
        hair="dark, shoulder length",
        clothing="grey hoodie, jeans",
        returned_at=back,
        found_where="a friend's apartment" if back else "",
        return_recorded_by=actor if back else None,
        created_at=learned + dt.timedelta(minutes=5),
        created_by=actor,
    )
    records.episodes.append(episode)
    events = [Happening(learned, "youth_missing", episode, actor)]
    events += _missing_reports(episode, rng, now, actor, records)
    _locate_efforts(episode, rng, now, actor, records)
    if back is None:
        return episode, events, []
    events.append(Happening(back, "youth_returned", episode, actor))
    events += _debrief(episode, rng, now, actor, records)
    screening = delay(rng, 24)
    return episode, events, [(back + screening, "returned_from_missing")] if screening else []


def _missing_reports(
    episode: MissingEpisode, rng: random.Random, now: dt.datetime, actor: User, records: Records
) -> list[Happening]:
    from safeharbor.obligations.models import LegalReport

    events = []
    for recipient, agency_name in (
        ("law_enforcement", "County Sheriff's Office (synthetic)"),
        ("ncmec", "National Center for Missing & Exploited Children (NCMEC)"),
    ):
        late = delay(rng, 24)
        if late is None or episode.learned_at + late > now:
            continue
        at = episode.learned_at + late
        report = LegalReport(
            youth=episode.youth,
            recipient=recipient,
            about="missing",
            missing_episode=episode,
            agency_name=agency_name,
            method="phone",
            reported_at=at,
            reference_number=f"{rng.randrange(10**7):07d}",
            recorded_by=actor,
            recorded_at=at + dt.timedelta(minutes=3),
            idempotency_key=key(rng),
        )
        records.reports.append(report)
        events.append(Happening(at, f"missing_reported_{recipient}", report, actor))
    return events


def _locate_efforts(
    episode: MissingEpisode, rng: random.Random, now: dt.datetime, actor: User, records: Records
) -> None:
    from safeharbor.missing.models import LocateEffort

    until = episode.returned_at or now
    for _ in range(rng.randrange(1, 4) if episode.returned_at is None else rng.randrange(2)):
        at = between(rng, episode.learned_at, until)
        records.efforts.append(
            LocateEffort(
                episode=episode,
                made_at=at,
                made_by="the caseworker",
                effort="Called the youth's friends and the last placement.",
                result="No sighting yet.",
                recorded_by=actor,
                recorded_at=at,
                idempotency_key=key(rng),
            )
        )


def _debrief(
    episode: MissingEpisode, rng: random.Random, now: dt.datetime, actor: User, records: Records
) -> list[Happening]:
    from safeharbor.missing.models import ReturnDebrief

    late = delay(rng, 24)
    back = episode.returned_at
    if late is None or back is None or back + late > now:
        return []
    records.debriefs.append(
        ReturnDebrief(
            episode=episode,
            conducted_at=back + late,
            conducted_by=actor,
            participation=rng.choice(("took_part", "partly", "declined")),
            primary_factors="Missed a friend from the last placement.",
            experiences_while_absent="Stayed on a friend's couch.",
            what_would_help="Help with school.",
            recorded_at=back + late,
        )
    )
    return [Happening(back + late, "return_debrief_completed", None, actor)]


def _flag_chronic(youth: Youth, episodes: list[MissingEpisode], records: Records) -> None:
    """Flag a chronic runaway: three episodes within twelve months of the newest (seed 001)."""
    from safeharbor.domain.missing_patterns import CHRONIC_SOURCE
    from safeharbor.missing.models import PatternFlag

    if len(episodes) < 3:
        return
    newest = episodes[-1]
    recent = [e for e in episodes if e.learned_at >= newest.learned_at - 365 * DAY]
    if len(recent) >= 3:
        records.flags.append(
            PatternFlag(
                kind="chronic_runaway",
                youth=youth,
                episode=newest,
                trigger=newest,
                reason=f"{len(recent)} episodes reported in 12 months (3 or more make a chronic "
                "runaway).",
                source=CHRONIC_SOURCE,
                raised_at=newest.learned_at,
            )
        )


def _screenings(
    youth: Youth,
    rng: random.Random,
    now: dt.datetime,
    actor: User,
    occasions: list[tuple[dt.datetime, str]],
    episodes: list[MissingEpisode],
    records: Records,
) -> list[Happening]:
    """Return each screening's event and the protocol steps that followed it."""
    if rng.random() < CONCERN:
        occasions.append((between(rng, youth.created_at, now), "caseworker_concern"))
    if rng.random() < REVIEW:
        occasions.append((between(rng, youth.created_at, now), "review"))
    happenings: list[Happening] = []
    for at, occasion in sorted(occasions):
        if at <= now:
            screening = _screening(youth, rng, at, occasion, actor, episodes)
            records.screenings.append(screening)
            happenings.append(
                Happening(at, "screening_completed", screening, actor, tier=screening.final_tier)
            )
            happenings += _protocol(screening, rng, now, actor)
    return happenings


def _counted(episodes: list[MissingEpisode], as_of: dt.date) -> list[Any]:
    """Return the episodes as the instrument counts them on ``as_of`` (screenings.actions)."""
    from django.utils import timezone

    from safeharbor.domain.screening import MissingEpisode as Counted
    from safeharbor.screenings.actions import episodes_on

    recorded = [
        Counted(
            timezone.localdate(e.learned_at),
            timezone.localdate(e.returned_at) if e.returned_at else None,
        )
        for e in episodes
    ]
    return episodes_on(recorded, as_of)


def _screening(
    youth: Youth,
    rng: random.Random,
    at: dt.datetime,
    occasion: str,
    actor: User,
    episodes: list[MissingEpisode],
) -> Any:
    """Return a screening scored by the instrument, stored as ``record_screening`` stores it."""
    from django.utils import timezone

    from safeharbor.domain.screening import score
    from safeharbor.screenings.actions import result_document
    from safeharbor.screenings.instruments import instrument_for
    from safeharbor.screenings.models import Screening

    as_of = timezone.localdate(at)
    counted = _counted(episodes, as_of)
    instrument = instrument_for()
    answers = _answers(rng)
    result = score(instrument, answers, counted, as_of)
    return Screening(
        youth=youth,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        as_of=as_of,
        occasion=occasion,
        answers={
            k: {
                "value": a.value.value,
                "source": a.source.value if a.source else "",
                "note": a.note,
            }
            for k, a in answers.items()
        },
        episodes=[
            {
                "reported_missing": e.reported_missing.isoformat(),
                "returned": e.returned.isoformat() if e.returned else None,
            }
            for e in counted
        ],
        result=result_document(result),
        computed_tier=result.tier,
        final_tier=result.tier,
        screened_by=actor,
        screened_at=at,
    )


def _answers(rng: random.Random) -> dict[str, Any]:
    """Return a screening's answers: a few risk indicators, sometimes a grave one (as the demo)."""
    from safeharbor.demo.screenings import AT_RISK, GRAVE
    from safeharbor.domain.screening import NO, UNKNOWN, Answer, AnswerSource, AnswerValue

    answers: dict[str, Any] = {}
    for indicator in rng.sample(AT_RISK, rng.randrange(0, 6)):
        answers[indicator] = Answer(AnswerValue.YES, rng.choice(list(AnswerSource)), "")
    for indicator in rng.sample(AT_RISK, 3):
        answers.setdefault(indicator, rng.choice((NO, UNKNOWN)))
    roll = rng.random()
    if roll < 0.10:
        answers[GRAVE["high_risk"]] = Answer(AnswerValue.YES, AnswerSource.COLLATERAL_CONTACT, "")
    elif roll < 0.14:
        answers[GRAVE["confirmed"]] = Answer(AnswerValue.YES, AnswerSource.YOUTH_DISCLOSURE, "")
    return answers


def _protocol(screening: Any, rng: random.Random, now: dt.datetime, actor: User) -> list[Happening]:
    """Return the events that satisfied the clocks a tier opened, when they came in time."""
    from safeharbor.domain.clocks import SATISFACTIONS, EventType, Tier
    from safeharbor.domain.clocks.rules import rules_opened_by

    satisfier = {rule.satisfies: rule.event for rule in SATISFACTIONS}
    events = []
    tier = Tier(screening.final_tier)
    for rule in rules_opened_by(EventType.SCREENING_COMPLETED, tier=tier, alleges_htcsec=None):
        late = delay(rng, rule.hours)
        if late is not None and screening.screened_at + late <= now:
            at = screening.screened_at + late
            events.append(Happening(at, satisfier[rule.opens].value, None, actor))
    return events
