"""Who holds a youth's case: assigning a caseworker, moving the case to another unit (SPEC §1, §3).

These write the youth's record and its assignment history only; the open obligations that move
with the case are moved by ``obligations.actions.assignment``, which calls these inside its own
transaction (cases sits below obligations).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from safeharbor.accounts.models import Unit, User
from safeharbor.audit.actions import record_event
from safeharbor.cases.assignment_models import Assignment
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import NotAllowed, require
from safeharbor.domain.access import Action, Role
from safeharbor.domain.errors import InputError
from safeharbor.writes import save_if_current

STALE = "someone else assigned or changed this youth's record after you opened it"
NOTE_LIMIT = 500


def check_caseworker(caseworker: User, district_id: int) -> None:
    """Refuse anyone but an active caseworker of the youth's district as the youth's caseworker."""
    if (
        caseworker.role != Role.CASEWORKER
        or caseworker.district_id != district_id
        or not caseworker.is_active
    ):
        raise InputError("choose a caseworker of the youth's district", field="caseworker")


def _unit_for(actor: User, caseworker: User) -> Unit:
    """Return the caseworker's unit; a supervisor assigns within their own, a PA in the district."""
    if actor.role == Role.SUPERVISOR and caseworker.unit_id != actor.unit_id:
        raise InputError("choose a caseworker of your own unit", field="caseworker")
    if caseworker.unit is None:
        raise InputError("that caseworker belongs to no unit yet", field="caseworker")
    return caseworker.unit


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise InputError(f"keep the note to {NOTE_LIMIT} characters", field="note")
    return note


def assign_youth(
    *, actor: User, youth: Youth, caseworker: User, seen_version: int | None = None, note: str = ""
) -> Youth:
    """Give the case to ``caseworker`` (and their unit); keep who held it before, and when."""
    require(actor, youth, Action.ASSIGN)
    check_caseworker(caseworker, youth.district_id)
    unit = _unit_for(actor, caseworker)
    note = _note(note)
    if youth.caseworker_id == caseworker.pk:
        raise InputError(f"{caseworker} already holds this case", field="caseworker")
    with transaction.atomic():
        previous = youth.caseworker_id
        _hold(actor, youth, unit, caseworker, seen_version, note)
        record_event(
            actor=actor,
            action="youth.assigned",
            target=youth,
            youth=youth,
            detail={"from": previous, "to": caseworker.pk, "unit": caseworker.unit_id},
        )
        return youth


def move_youth_to_unit(
    *, actor: User, youth: Youth, unit: Unit, seen_version: int | None = None, note: str = ""
) -> Youth:
    """Move the case to another unit of the district, where it awaits its supervisor (a PA's)."""
    require(actor, youth, Action.ASSIGN)
    if actor.role != Role.PROGRAM_ADMIN:
        raise NotAllowed("only the district's program administrator moves a case to another unit")
    if unit.district_id != youth.district_id:
        raise InputError("choose a unit of the youth's district", field="unit")
    if youth.unit_id == unit.pk and youth.caseworker_id is None:
        raise InputError(f"the case already waits in {unit.name}", field="unit")
    note = _note(note)
    with transaction.atomic():
        previous = youth.holding_unit_id
        _hold(actor, youth, unit, None, seen_version, note)
        record_event(
            actor=actor,
            action="youth.moved_unit",
            target=youth,
            youth=youth,
            detail={"from_unit": previous, "to_unit": unit.pk},
        )
        return youth


def _hold(
    actor: User | None,
    youth: Youth,
    unit: Unit,
    caseworker: User | None,
    seen_version: int | None,
    note: str,
) -> None:
    """Write the new holder on the youth (refusing a stale form) and in the assignment history."""
    now = timezone.now()
    save_if_current(
        youth,
        seen_version=youth.version if seen_version is None else seen_version,
        changes={"caseworker": caseworker, "unit": unit, "updated_at": now},
        stale=STALE,
    )
    start_assignment(actor, youth, unit, caseworker, note)


def start_assignment(
    actor: User | None, youth: Youth, unit: Unit, caseworker: User | None, note: str = ""
) -> Assignment:
    """End the current assignment (if any) and start the next one now."""
    now = timezone.now()
    Assignment.objects.filter(youth=youth, ended_at__isnull=True).update(ended_at=now)
    return Assignment.objects.create(
        youth=youth,
        caseworker=caseworker,
        unit=unit,
        started_at=now,
        assigned_by=actor,
        note=note,
    )
