"""The youth page's sections for needs, team meetings and referrals (``web.youth`` shows them)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.access import FieldGroup
from safeharbor.domain.needs import UNCONDITIONAL, keeps_plan, need_kind
from safeharbor.partners.queries import meetings_of, needs_plan_of, referrals_of


def needs_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the needs plan, the youth's own priorities first, for those who may see needs."""
    plan = needs_plan_of(record)
    if plan is None:
        return None
    age = record.youth.age_on(timezone.localdate())
    context = {
        "record": record,
        "youth": record.youth,
        "plan": plan,
        "priority_labels": [
            need_kind(p).label for p in (plan.latest.priorities if plan.latest else [])
        ],
        "unconditional": UNCONDITIONAL,
        "young_adult": age >= 18 and keeps_plan(age),
    }
    return render_to_string("partners/_youth_needs.html", context, request=request)


def meetings_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the team meetings (a partner's: only those they were invited to)."""
    if not record.shows(FieldGroup.MEETINGS):
        return None
    context = {"record": record, "youth": record.youth, "meetings": list(meetings_of(record))}
    return render_to_string("partners/_youth_meetings.html", context, request=request)


def referrals_section(request: HttpRequest, record: YouthRecord) -> SafeString | None:
    """Render the referrals for those who may see them."""
    if not record.shows(FieldGroup.REFERRALS):
        return None
    context = {"record": record, "youth": record.youth, "referrals": list(referrals_of(record))}
    return render_to_string("partners/_youth_referrals.html", context, request=request)
