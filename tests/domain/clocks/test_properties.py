"""Properties of the clock engine over generated histories (Hypothesis, synthetic events)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from safeharbor.domain.clocks import (
    CREDITED_KINDS,
    ClockPolicy,
    EscalateTo,
    Event,
    EventType,
    Obligation,
    Status,
    Tier,
    apply_event,
    compute_obligations,
    policy_keys,
    run_document,
    status_at,
)
from safeharbor.domain.clocks.rules import kinds_satisfied_by
from safeharbor.domain.errors import InputError

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SPAN_SECONDS = 60 * 24 * 3600  # two months of history


def make_event(event_type: EventType, offset: int, tier: Tier, alleges: bool) -> Event:
    intake = event_type is EventType.INTAKE_RECEIVED
    return Event(
        event_type,
        START + dt.timedelta(seconds=offset),
        alleges_htcsec=alleges if intake else None,
        identified_victim=(offset % 2 == 0) if intake else None,
        tier=tier if event_type is EventType.SCREENING_COMPLETED else None,
    )


events_strategy = st.lists(
    st.builds(
        make_event,
        st.sampled_from(list(EventType)),
        st.integers(0, SPAN_SECONDS),
        st.sampled_from(list(Tier)),
        st.booleans(),
    ),
    max_size=25,
)
distinct_time_events = events_strategy.filter(
    lambda events: len({e.at for e in events}) == len(events)
)
policies = st.builds(
    ClockPolicy,
    complete_screening_hours=st.sampled_from([1, 48, 72, 100.5]),
    return_debrief_hours=st.sampled_from([0.25, 24, 36]),
    refer_cac_mdt_hours=st.sampled_from([12, 72]),
    high_risk_da_report_hours=st.sampled_from([6, 72]),
    escalate_pa_hours=st.sampled_from([0.5, 24, 72]),
    prior_action_credit_hours=st.sampled_from([1, 168]),
    report_missing_hours=st.sampled_from([2, 24]),
)
NOW = START + dt.timedelta(seconds=SPAN_SECONDS)
later_offsets = st.integers(0, 90 * 24 * 3600)


def fingerprint(results):
    return [
        (r.obligation.kind, r.obligation.opened_at, r.obligation.due, r.obligation.source,
         r.obligation.satisfied_at, r.state)
        for r in results
    ]  # fmt: skip


@given(distinct_time_events, st.randoms(use_true_random=False), policies)
def test_input_order_of_events_at_distinct_times_never_changes_the_result(events, rng, policy):
    shuffled = list(events)
    rng.shuffle(shuffled)
    assert fingerprint(compute_obligations(shuffled, NOW, policy)) == fingerprint(
        compute_obligations(events, NOW, policy)
    )


@given(events_strategy, policies, later_offsets)
def test_satisfied_obligations_never_escalate_and_open_ones_always_do(events, policy, later):
    now = NOW + dt.timedelta(seconds=later)
    for result in compute_obligations(events, now, policy):
        satisfied = result.state.status is Status.SATISFIED
        assert (result.state.escalate_to is None) == satisfied
        assert (result.state.on_time is None) == (not satisfied)


@given(events_strategy, policies)
def test_due_follows_opening_and_results_are_sorted(events, policy):
    results = compute_obligations(events, NOW, policy)
    for result in results:
        obligation = result.obligation
        assert obligation.opened_at < obligation.due
        # done already counts (SPEC §5): a protocol obligation may be satisfied by a record
        # made up to prior_action_credit_hours before it opened; any other only after.
        credit = policy.prior_action_credit_hours if obligation.kind in CREDITED_KINDS else 0
        earliest = obligation.opened_at - dt.timedelta(hours=credit)
        assert obligation.satisfied_at is None or obligation.satisfied_at >= earliest
    keys = [(r.obligation.due, r.obligation.kind) for r in results]
    assert keys == sorted(keys)


@given(events_strategy, policies)
def test_no_kind_is_ever_open_twice_at_once(events, policy):
    ledger: list[Obligation] = []
    for event in sorted(events, key=lambda event: event.at):
        changes = apply_event(ledger, event, policy)
        done = {id(s.obligation): s.satisfied for s in changes.satisfied}
        moved = {id(m.obligation): m.moved for m in changes.moved}
        ledger = [done.get(id(o), moved.get(id(o), o)) for o in ledger] + list(changes.opened)
        open_kinds = [o.kind for o in ledger if o.is_open]
        assert len(open_kinds) == len(set(open_kinds))


@settings(max_examples=50)
@given(events_strategy, policies, st.lists(later_offsets, min_size=2, max_size=4))
def test_escalation_never_steps_back_as_time_passes(events, policy, offsets):
    rank = {EscalateTo.OWNER: 0, EscalateTo.SUPERVISOR: 1, EscalateTo.PROGRAM_ADMINISTRATOR: 2}
    results = compute_obligations(events, NOW, policy)
    for result in results:
        if result.obligation.is_open:
            steps = [
                rank[
                    status_at(result.obligation, NOW + dt.timedelta(seconds=o), policy).escalate_to
                ]
                for o in sorted(offsets)
            ]
            assert steps == sorted(steps)


@given(events_strategy, policies)
def test_the_app_replaying_events_with_its_own_rows_gets_the_batch_result(events, policy):
    """The app's way: keep rows by ref, hand back the open ones and the unused records."""
    rows: dict[int, Obligation] = {}
    unused: dict[int, Event] = {}  # records that satisfied nothing yet, by the app's id
    for position, event in enumerate(sorted(events, key=lambda event: event.at)):
        event = dataclasses.replace(event, ref=position)
        kept = sorted(unused.values(), key=lambda record: record.ref)
        changes = apply_event([row for row in rows.values() if row.is_open], event, policy, kept)
        for satisfaction in changes.satisfied:
            rows[satisfaction.obligation.ref] = satisfaction.satisfied
        for move in changes.moved:
            rows[move.obligation.ref] = move.moved
        credits = {id(credit.obligation): credit for credit in changes.credited}
        for obligation in changes.opened:
            credit = credits.get(id(obligation))
            if credit is not None:
                obligation = credit.satisfied
                del unused[credit.event.ref]
            rows[len(rows)] = dataclasses.replace(obligation, ref=len(rows))
        if _satisfies_a_credited_kind(event) and not _satisfied_one(changes):
            unused[position] = event
    app_view = sorted(rows.values(), key=lambda o: (o.due, o.kind, o.opened_at, o.ref))
    assert app_view == [r.obligation for r in compute_obligations(events, NOW, policy)]


def _satisfies_a_credited_kind(event: Event) -> bool:
    return bool(set(kinds_satisfied_by(event.type)) & CREDITED_KINDS)


def _satisfied_one(changes) -> bool:
    return any(done.obligation.kind in CREDITED_KINDS for done in changes.satisfied)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
times = st.sampled_from(
    [
        "2026-06-01T16:00:00Z",
        "2026-06-01T10:00:00-05:00",
        "2026-06-01T10:00:00",
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00+01:00",
        "2026-02-30T10:00:00Z",
    ]
)
NOW_TEXT = "2026-06-01T16:00:00Z"
type_ids = st.sampled_from([item.value for item in EventType])
tier_ids = st.sampled_from([item.value for item in Tier])
event_documents = st.fixed_dictionaries(
    {"type": type_ids | json_values, "at": st.just(NOW_TEXT) | times | json_values},
    optional={"tier": tier_ids | json_values, "alleges_htcsec": json_values},
)
policy_documents = st.dictionaries(
    st.sampled_from(policy_keys()) | st.text(max_size=8),
    json_values | st.floats(1e-9, 1e300),
    max_size=3,
)
documents = st.fixed_dictionaries(
    {
        "now": st.just(NOW_TEXT) | times | json_values,
        "events": st.lists(event_documents, max_size=6),
    },
    optional={"policy": policy_documents},
)


def outcome(document: object) -> str:
    """Return "ok" or the InputError message; any other exception fails the test."""
    try:
        output = run_document(document)
    except InputError as error:
        return str(error)
    assert list(output) == ["obligations"]
    return "ok"


@given(documents)
def test_any_document_gives_a_result_or_a_one_line_input_error(document):
    message = outcome(document)
    assert message
    assert "\n" not in message
