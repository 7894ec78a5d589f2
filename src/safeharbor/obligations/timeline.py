"""The legal reports' entries on the youth's timeline (amendments left out)."""

from __future__ import annotations

from safeharbor.cases.queries import YouthRecord
from safeharbor.cases.timeline import TimelineEntry, dated
from safeharbor.domain.access import FieldGroup

# A report about a missing youth shows with the missing episodes, the others with the obligations.
SHOWN_WITH = {"missing": FieldGroup.MISSING, "sex_trafficking": FieldGroup.OBLIGATIONS}


def entries(record: YouthRecord) -> list[TimelineEntry]:
    """Return the reports made to law enforcement, NCMEC and the DA that the actor may see."""
    shown = [about for about, group in SHOWN_WITH.items() if record.shows(group)]
    reports = record.youth.legal_reports.filter(about__in=shown, amends__isnull=True).order_by("id")
    return [dated("report", report, report.reported_at) for report in reports]
