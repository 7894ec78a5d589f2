"""The screenings' entries on the youth's timeline."""

from __future__ import annotations

from safeharbor.cases.queries import YouthRecord
from safeharbor.cases.timeline import TimelineEntry
from safeharbor.domain.access import FieldGroup


def entries(record: YouthRecord) -> list[TimelineEntry]:
    """Return each screening on the day it speaks for, and each victim-status determination on
    the day identified, when the actor may see screenings."""
    if not record.shows(FieldGroup.SCREENINGS):
        return []
    screenings = [
        TimelineEntry(s.as_of, "screening", s, s.screened_at) for s in record.youth.screenings.all()
    ]
    determinations = [
        TimelineEntry(d.identified_on, "victim_status", d, d.recorded_at)
        for d in record.youth.victim_determinations.all()
    ]
    return screenings + determinations
