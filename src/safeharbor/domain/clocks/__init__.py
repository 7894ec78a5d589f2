"""The legal and policy clocks (SPEC §5): the rules as data, the event step, status and escalation.

Pure: takes events, open obligations, an explicit ``now`` and a ``ClockPolicy``; never reads the
clock, the environment or files. Every obligation carries its rule's source.
"""

from safeharbor.domain.clocks.document import (
    ClockInput,
    parse_document,
    render_results,
    run_document,
)
from safeharbor.domain.clocks.engine import (
    Changes,
    Credit,
    DueMove,
    ObligationResult,
    Satisfaction,
    apply_event,
    compute_obligations,
)
from safeharbor.domain.clocks.events import Event
from safeharbor.domain.clocks.obligation import Obligation
from safeharbor.domain.clocks.policy import MAX_HOURS, ClockPolicy, policy_keys
from safeharbor.domain.clocks.rules import (
    CREDITED_KINDS,
    RULES,
    SATISFACTIONS,
    ClockRule,
    EventType,
    ObligationKind,
    SatisfactionRule,
    Tier,
)
from safeharbor.domain.clocks.status import (
    EscalateTo,
    ObligationStatus,
    Status,
    clock_status,
    status_at,
)

__all__ = [
    "CREDITED_KINDS",
    "MAX_HOURS",
    "RULES",
    "SATISFACTIONS",
    "Changes",
    "ClockInput",
    "ClockPolicy",
    "ClockRule",
    "Credit",
    "DueMove",
    "EscalateTo",
    "Event",
    "EventType",
    "Obligation",
    "ObligationKind",
    "ObligationResult",
    "ObligationStatus",
    "Satisfaction",
    "SatisfactionRule",
    "Status",
    "Tier",
    "apply_event",
    "clock_status",
    "compute_obligations",
    "parse_document",
    "policy_keys",
    "render_results",
    "run_document",
    "status_at",
]
