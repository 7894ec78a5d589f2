"""The protocol's next steps on a screening's result page."""

from __future__ import annotations

from typing import Any

from django import template

from safeharbor.cases.queries import YouthRecord
from safeharbor.partners.forms import group_labels
from safeharbor.partners.protocol import disclosed, forensic_interview_link, protocol_links
from safeharbor.screenings.instruments import instrument_for
from safeharbor.screenings.models import Screening

register = template.Library()


@register.filter
def group_words(groups: list[str]) -> list[str]:
    """Return shared field groups in words (``["identity", "needs"]`` → identity, needs and …)."""
    return group_labels(groups)


@register.inclusion_tag("partners/_protocol_next.html")
def protocol_next(record: YouthRecord, screening: Screening) -> dict[str, Any]:
    """Render the links from a screening's protocol actions to their forms, for those who act."""
    youth = record.youth
    if not record.can["edit"]:
        return {"links": [], "disclosure": None}
    # The final tier's protocol: professional judgement may have raised it (SPEC §4.6).
    instrument = instrument_for(screening.instrument_id, screening.instrument_version)
    actions = list(instrument.tier(screening.final_tier).actions)
    return {
        "links": protocol_links(youth, screening, actions),
        "disclosure": forensic_interview_link(youth, screening) if disclosed(screening) else None,
    }
