"""Tamper evidence of the audit trail (SPEC §8)."""

from dataclasses import replace

from safeharbor.domain.audit_chain import GENESIS, ChainedEvent, digest, first_break


def _chain(n):
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = {"seq_note": seq, "action": "youth.viewed", "actor": 7}
        h = digest(prev, fields)
        events.append(ChainedEvent(seq, fields, prev, h))
        prev = h
    return events


def test_an_intact_chain_has_no_break():
    assert first_break(_chain(5)) is None
    assert first_break([]) is None


def test_an_altered_event_is_named():
    events = _chain(5)
    events[2] = replace(events[2], fields={**events[2].fields, "actor": 8})
    found = first_break(events)
    assert (found.seq, found.problem) == (3, "its content was altered after it was written")


def test_a_deleted_event_breaks_the_chain_at_the_next_one():
    events = _chain(5)
    del events[1]
    assert first_break(events).seq == 3


def test_an_inserted_event_is_named():
    events = _chain(4)
    forged = ChainedEvent(25, {"action": "forged"}, events[1].hash, digest(events[1].hash, {}))
    events.insert(2, forged)
    assert first_break(events).seq == 25


def test_reordered_events_are_named():
    events = _chain(4)
    events[1], events[2] = events[2], events[1]
    assert first_break(events).seq == 3


def test_digest_does_not_depend_on_key_order():
    assert digest(GENESIS, {"a": 1, "b": 2}) == digest(GENESIS, {"b": 2, "a": 1})
