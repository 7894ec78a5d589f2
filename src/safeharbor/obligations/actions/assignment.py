"""Assignment as supervisors and program administrators do it (SPEC §1, §5 "who owns it").

A youth's case goes to a caseworker (or, a PA's decision, to another unit to await one); the
youth's open obligations follow the case to the new owner, each with a line in its history, and
the worker is told. A supervisor may also give one obligation an owner, or another owner.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safeharbor.accounts.models import Unit, User
from safeharbor.audit.actions import record_event
from safeharbor.cases import actions as case_actions
from safeharbor.cases.models import Youth
from safeharbor.cases.scope import NotAllowed, case_scope
from safeharbor.domain.access import Action, decide
from safeharbor.domain.errors import InputError
from safeharbor.notifications.actions import notify
from safeharbor.obligations.actions.history import write_history
from safeharbor.obligations.escalation import owner_of
from safeharbor.obligations.models import Obligation
from safeharbor.obligations.queries import people_to_own
from safeharbor.writes import save_if_current

STALE = "this obligation was satisfied or moved by someone else after you opened it"


def assign_caseworker(
    *, actor: User, youth: Youth, caseworker: User, seen_version: int, note: str = ""
) -> Youth:
    """Give the case to ``caseworker``; move the open obligations to them and tell them."""
    with transaction.atomic(durable=True):  # only the assignment page calls it
        before, holder = _owners(youth), youth.caseworker_id
        case_actions.assign_youth(
            actor=actor, youth=youth, caseworker=caseworker, seen_version=seen_version, note=note
        )
        why = f"the youth was assigned to {caseworker}"
        moved = _follow_the_case(actor, youth, before, holder, why)
        _tell_worker(youth, caseworker, moved)
        return youth


def move_to_unit(
    *, actor: User, youth: Youth, unit: Unit, seen_version: int, note: str = ""
) -> Youth:
    """Move the case to ``unit`` to await its supervisor; the open obligations follow the case."""
    with transaction.atomic(durable=True):  # only the assignment page calls it
        before, holder = _owners(youth), youth.caseworker_id
        case_actions.move_youth_to_unit(
            actor=actor, youth=youth, unit=unit, seen_version=seen_version, note=note
        )
        _follow_the_case(actor, youth, before, holder, f"the case moved to {unit.name}")
        return youth


def _open_rows(youth: Youth) -> list[Obligation]:
    return list(
        Obligation.objects.select_for_update(of=("self",))
        .select_related("youth__caseworker", "owner", "unassigned_owner")
        .filter(youth=youth, status="open")
        .order_by("due", "id")
    )


def _owners(youth: Youth) -> dict[int, User | None]:
    """Return each open obligation's owner before the case moves (locking the rows)."""
    return {row.pk: owner_of(row) for row in _open_rows(youth)}


def _follow_the_case(
    actor: User, youth: Youth, before: dict[int, User | None], holder: int | None, why: str
) -> list[Obligation]:
    """Move each open obligation the old holder owned to the new one; return those moved.

    Obligations named for someone else (a next step a partner owns) stay with them.
    """
    now = timezone.now()
    moved = []
    for row in _open_rows(youth):
        if holder is not None and row.owner_id == holder:
            row.owner = None  # owned by whoever holds the case from now on
        old, new = before.get(row.pk), owner_of(row)
        if old != new:
            _write_owner(actor, row, old, new, now, why)
            moved.append(row)
    return moved


def _write_owner(
    actor: User, row: Obligation, old: User | None, new: User | None, now: dt.datetime, why: str
) -> None:
    """Save the row's owner (one more version), its history line and the audit event."""
    row.version += 1
    row.save(update_fields=["owner", "version"])
    detail = f"Moved from {old or 'no owner'} to {new or 'no owner'}: {why}"
    write_history(row, actor, now, "moved", detail)
    record_event(
        actor=actor,
        action="obligation.owner_changed",
        target=row,
        youth=row.youth,
        detail={"from": old.pk if old else None, "to": new.pk if new else None},
    )


def _tell_worker(youth: Youth, caseworker: User, moved: list[Obligation]) -> None:
    """Tell the new caseworker: the youth, and how many open obligations are now theirs."""
    count = len(moved)
    plural = "s" if count != 1 else ""
    obligations = f" {count} open obligation{plural} moved to you." if moved else ""
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    notify(
        recipient=caseworker,
        dedupe_key=f"assigned:{youth.pk}:{caseworker.pk}:{stamp}",
        subject=f"{youth.short_name} was assigned to you",
        body=f"You now hold {youth.short_name}'s case.{obligations}",
        link=reverse("cases:youth", args=[youth.pk]),
        youth=youth,
    )


def assign_obligation_owner(
    *, actor: User, obligation: Obligation, owner: User, seen_version: int
) -> Obligation:
    """Give an open obligation an owner, or another owner (a supervisor's or PA's decision)."""
    if not decide(actor.to_actor(), case_scope(obligation.youth), Action.ASSIGN, timezone.now()):
        raise NotAllowed("only the unit's supervisor or the district's PA assigns its owner")
    if not people_to_own(actor, obligation).filter(pk=owner.pk).exists():
        raise InputError("choose a caseworker or supervisor you may assign", field="owner")
    old = owner_of(obligation)
    if old == owner:
        raise InputError(f"{owner} already owns it", field="owner")
    now = timezone.now()
    with transaction.atomic(durable=True):  # only the board and the obligation page call it
        save_if_current(
            obligation,
            seen_version=seen_version,
            where={"status": "open"},
            changes={"owner": owner},
            stale=STALE,
        )
        _after_owner_change(actor, obligation, old, owner, now)
        return obligation


def _after_owner_change(
    actor: User, row: Obligation, old: User | None, new: User, now: dt.datetime
) -> None:
    write_history(row, actor, now, "moved", f"Moved from {old or 'no owner'} to {new} by {actor}")
    record_event(
        actor=actor,
        action="obligation.owner_changed",
        target=row,
        youth=row.youth,
        detail={"from": old.pk if old else None, "to": new.pk},
    )
    notify(
        recipient=new,
        dedupe_key=f"obligation:{row.pk}:owner:{new.pk}:v{row.version}",
        subject=f"An obligation for {row.youth.short_name} is now yours",
        body=f"{row.get_kind_display()} is yours now. Open SafeHarbor to see when it is due.",
        link=reverse("obligations:detail", args=[row.pk]),
        youth=row.youth,
    )
