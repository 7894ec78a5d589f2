"""Load the synthetic agency in batches through the models, and say how long it took.

Each batch of youth is written with ``bulk_create`` in one transaction, model by model in the
order their keys need, so protected fields are encrypted by the field exactly as the app's own
writes are (no raw COPY). Audit events are not loaded: the trail of years of reads would only
slow the load, and the pages measured here append to it as they would in production.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.pages import histories
from bench.pages.agency import UNASSIGNED, Agency, DistrictStaff, build
from bench.pages.replay import Records

if TYPE_CHECKING:
    from safeharbor.accounts.models import User

SEED = 20160407
BATCH = 2_000
PROGRESS_EVERY = 10_000  # youth between progress lines
SHARES_PER_PARTNER = 4
# The order rows are saved in: each model's foreign keys point at models saved before it.
SAVE_ORDER = (
    "placements",
    "intakes",
    "episodes",
    "reports",
    "debriefs",
    "efforts",
    "flags",
    "screenings",
    "obligations",
    "history",
)


@dataclass(frozen=True)
class Loaded:
    """What the load wrote and how long it took."""

    seconds: float
    rows: int
    counts: dict[str, int]


def load(youth: int, now: dt.datetime) -> Loaded:
    """Write an agency of ``youth`` whose histories end at ``now``; return what it wrote."""
    started = time.perf_counter()
    agency = build(youth, random.Random(SEED))
    counts: Counter[str] = Counter(staff=_staff_count(agency))
    done = 0
    for position, staff in enumerate(agency.districts):
        for first in range(0, staff.youth, BATCH):
            size = min(BATCH, staff.youth - first)
            counts.update(_batch(agency, staff, position, first, size, now))
            done += size
            if done // PROGRESS_EVERY != (done - size) // PROGRESS_EVERY or done == youth:
                _progress(done, youth, sum(counts.values()), started)
    counts["shares"] = _share(agency, now)
    _analyze()
    return Loaded(time.perf_counter() - started, sum(counts.values()), dict(counts))


def _staff_count(agency: Agency) -> int:
    from safeharbor.accounts.models import User

    return User.objects.count()


def _progress(done: int, youth: int, rows: int, started: float) -> None:
    seconds = time.perf_counter() - started
    print(
        f"  loaded {done:,} of {youth:,} youth: {rows:,} rows in {seconds:.0f} s "
        f"({rows / seconds:,.0f} rows/s)",
        file=sys.stderr,
        flush=True,
    )


def _batch(
    agency: Agency, staff: DistrictStaff, position: int, first: int, size: int, now: dt.datetime
) -> Counter[str]:
    """Write youth ``first`` to ``first + size`` of one district with their histories."""
    from django.db import transaction

    from safeharbor.cases.models import Youth

    districts = len(agency.districts)
    records = Records()
    with transaction.atomic():
        people = []
        for local in range(first, first + size):
            rng = random.Random(SEED * 1_000_003 + local * districts + position)
            caseworker = _caseworker(staff, local, rng)
            person = histories.youth_row(local * districts + position, staff, caseworker, rng, now)
            people.append((person, rng))
        Youth.objects.bulk_create([person for person, _ in people], batch_size=1000)
        for person, rng in people:
            histories.add_history(person, rng, now, staff, agency, records)
        counts = _save(records)
        counts["youth"] = len(people)
        counts["notifications"] = _notify(records.obligations, staff, now)
    return counts


def _caseworker(staff: DistrictStaff, local: int, rng: random.Random) -> User | None:
    """Return the youth's caseworker: dealt in turn, about 25 each; 4% await assignment."""
    if rng.random() < UNASSIGNED:
        return None
    return staff.caseworkers[local % len(staff.caseworkers)]


def _save(records: Records) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name in SAVE_ORDER:
        rows = getattr(records, name)
        if rows:
            type(rows[0]).objects.bulk_create(rows, batch_size=1000)
        counts[name] = len(rows)
    return counts


def _recipients(row: Any, step: Any, staff: DistrictStaff) -> list[User]:
    """Return who the escalation worker tells at ``step`` (obligations.escalation.recipients)."""
    from safeharbor.obligations.escalation import owner_of
    from safeharbor.obligations.models import Step

    caseworker = row.youth.caseworker
    if step in (Step.OPENED, Step.REMINDER):
        owner = owner_of(row)
        return [owner] if owner is not None else staff.supervisors
    if step is Step.SUPERVISOR:
        return [staff.supervisor_for(caseworker)] if caseworker else staff.supervisors
    return staff.program_admins


def _told_at(row: Any, step: Any) -> dt.datetime:
    from safeharbor.obligations.escalation import reminder_at
    from safeharbor.obligations.models import Step

    return {
        Step.OPENED: row.opened_at,
        Step.REMINDER: reminder_at(row),
        Step.SUPERVISOR: row.due,
        Step.PROGRAM_ADMINISTRATOR: row.due + dt.timedelta(hours=row.escalate_pa_hours),
    }[step]


def _notify(rows: list[Any], staff: DistrictStaff, now: dt.datetime) -> int:
    """Write the notifications the escalation worker sent for each obligation's steps so far."""
    from safeharbor.notifications.models import Notification
    from safeharbor.obligations.escalation import dedupe_key, message
    from safeharbor.obligations.models import Step

    made = []
    for row in rows:
        for step in (Step(value) for value in range(1, row.escalation_step + 1)):
            at = _told_at(row, step)
            subject, body, link = message(row, step)
            read = at + dt.timedelta(hours=6) if at < now - dt.timedelta(days=3) else None
            made += [
                Notification(
                    recipient=person,
                    dedupe_key=dedupe_key(row, step, person),
                    subject=subject[:200],
                    body=body,
                    link=link,
                    youth=row.youth,
                    created_at=at,
                    read_at=read,
                    email_sent_at=at + dt.timedelta(minutes=1),
                )
                for person in _recipients(row, step, staff)
            ]
    Notification.objects.bulk_create(made, batch_size=1000)
    return len(made)


def _share(agency: Agency, now: dt.datetime) -> int:
    """Share a few youth of each district with each of its MDT partners."""
    from safeharbor.cases.models import CaseShare, Youth
    from safeharbor.domain.access import DEFAULT_PARTNER_FIELDS

    rng = random.Random(SEED)
    shares = []
    for staff in agency.districts:
        youth = list(
            Youth.objects.filter(district=staff.district, caseworker__isnull=False)
            .select_related("caseworker")
            .order_by("pk")
        )
        for partner in staff.partners:
            for person in rng.sample(youth, min(SHARES_PER_PARTNER, len(youth))):
                shares.append(
                    CaseShare(
                        youth=person,
                        partner=partner,
                        fields=sorted(group.value for group in DEFAULT_PARTNER_FIELDS),
                        basis="MDT convened for the youth (synthetic)",
                        granted_by=staff.supervisor_for(person.caseworker),
                        granted_at=now - dt.timedelta(days=rng.uniform(1, 60)),
                        expires_at=now + dt.timedelta(days=90),
                    )
                )
    CaseShare.objects.bulk_create(shares)
    return len(shares)


def _analyze() -> None:
    """Give the planner statistics, as autovacuum would have on a database this old."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
