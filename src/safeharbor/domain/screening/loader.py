"""Read an instrument definition (TOML) and refuse it, naming the place, unless it is sound.

Source: SPEC §4.5 (instruments are data; invalid definitions are rejected with a clear message
when loaded). The format is described for agencies in docs/screening.md. Every message reads
``<file>: <place>: <problem>``, e.g. ``htcsec.toml: indicators[3].tier: 'hi_risk' is not a tier``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Collection
from typing import NoReturn, TypeVar

from safeharbor.domain.errors import InputError
from safeharbor.domain.screening.model import (
    Action,
    Condition,
    Counted,
    Derivation,
    Indicator,
    Instrument,
    Rule,
    Statement,
    Term,
    Tier,
)
from safeharbor.domain.screening.validation import check_references

FORMAT = 1  # the version of the file format itself, not of the instrument
_INSTRUMENT_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_ITEM_ID = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_REQUIRED = {
    "format",
    "id",
    "version",
    "title",
    "source",
    "notice",
    "indicators",
    "tiers",
    "actions",
}
_OPTIONAL = {"guidance", "terms", "rules"}
_T = TypeVar("_T")


def parse_instrument(text: str, *, origin: str) -> Instrument:
    """Parse and validate one definition; ``origin`` (a file name) starts every message."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{origin}: not valid TOML: {error}", field="") from None
    reader = _Reader(origin)
    instrument = reader.instrument(data)
    check_references(instrument, reader.fail)  # places name tiers in file order: sort after
    ladder = sorted(instrument.tiers, key=lambda tier: -tier.precedence)
    return dataclasses.replace(instrument, tiers=tuple(ladder))


class _Reader:
    """Check shapes and types of one definition, remembering the file for messages."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, place: str, problem: str) -> NoReturn:
        """Refuse the definition, naming the file, the place and the problem."""
        raise InputError(f"{self.origin}: {place}: {problem}", field=place)

    def instrument(self, data: dict[str, object]) -> Instrument:
        """Read the top level."""
        self.keys(data, "the file", required=_REQUIRED, optional=_OPTIONAL)
        if data["format"] != FORMAT or isinstance(data["format"], bool):
            self.fail("format", f"{data['format']!r} is not a format this version reads ({FORMAT})")
        guidance = data.get("guidance")
        return Instrument(
            id=self.identifier(data["id"], "id", _INSTRUMENT_ID, "lowercase words joined by -"),
            version=self.version(data["version"]),
            title=self.text(data["title"], "title"),
            source=self.text(data["source"], "source"),
            notice=self.statement(data["notice"], "notice"),
            guidance=None if guidance is None else self.statement(guidance, "guidance"),
            terms=self.each(data.get("terms"), "terms", self.term, optional=True),
            indicators=self.each(data["indicators"], "indicators", self.indicator),
            rules=self.each(data.get("rules"), "rules", self.rule, optional=True),
            tiers=self.ladder(self.each(data["tiers"], "tiers", self.tier)),
            actions=self.each(data["actions"], "actions", self.action),
        )

    def keys(
        self,
        table: object,
        place: str,
        *,
        required: Collection[str],
        optional: Collection[str] = (),
    ) -> dict[str, object]:
        """Return ``table`` if it is a table with every required key and no unknown one."""
        if not isinstance(table, dict):
            self.fail(place, f"expected a table, got {_kind(table)}")
        prefix = "" if place == "the file" else f"{place}."
        for key in table:
            if key not in required and key not in optional:
                known = ", ".join(sorted({*required, *optional}))
                self.fail(f"{prefix}{key}", f"unknown key (expected one of: {known})")
        for key in sorted(required):
            if key not in table:
                self.fail(f"{prefix}{key}", "missing")
        return table

    def each(
        self,
        value: object,
        place: str,
        read: Callable[[dict[str, object], str], _T],
        *,
        optional: bool = False,
    ) -> tuple[_T, ...]:
        """Read an array of tables with ``read(table, place)``; an optional one may be absent."""
        if value is None and optional:
            return ()
        if not isinstance(value, list) or not value:
            self.fail(place, f"expected a non-empty array of tables, got {_kind(value)}")
        return tuple(read(table, f"{place}[{n}]") for n, table in enumerate(value))

    def text(self, value: object, place: str) -> str:
        """Return a non-blank string."""
        if not isinstance(value, str) or not value.strip():
            self.fail(place, f"expected text, got {_kind(value)}")
        return value.strip()

    def integer(self, value: object, place: str, *, least: int) -> int:
        """Return a whole number no smaller than ``least`` (true and false are not numbers)."""
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(place, f"expected a whole number, got {_kind(value)}")
        if value < least:
            self.fail(place, f"{value} is less than {least}")
        return value

    def identifier(self, value: object, place: str, pattern: re.Pattern[str], rule: str) -> str:
        """Return an id that matches ``pattern``."""
        if not isinstance(value, str) or not pattern.fullmatch(value):
            self.fail(place, f"{value!r} is not a valid id ({rule})")
        return value

    def item_id(self, value: object, place: str) -> str:
        """Return an indicator, rule, tier or action id."""
        return self.identifier(value, place, _ITEM_ID, "lowercase words joined by _")

    def version(self, value: object) -> str:
        """Return the version: the date the instrument took effect, so that versions sort."""
        try:
            if isinstance(value, str) and _DATE.fullmatch(value):
                return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        self.fail("version", f'{value!r} is not a date "YYYY-MM-DD" (the day it took effect)')

    def statement(self, value: object, place: str) -> Statement:
        """Read a sentence and its source."""
        table = self.keys(value, place, required={"text", "source"})
        return Statement(self.text(table["text"], f"{place}.text"), self.source(table, place))

    def source(self, table: dict[str, object], place: str) -> str:
        """Read the citation every item carries."""
        return self.text(table["source"], f"{place}.source")

    def term(self, value: dict[str, object], place: str) -> Term:
        """Read a defined word."""
        table = self.keys(value, place, required={"term", "meaning", "source"})
        return Term(
            term=self.text(table["term"], f"{place}.term"),
            meaning=self.text(table["meaning"], f"{place}.meaning"),
            source=self.source(table, place),
        )

    def indicator(self, value: dict[str, object], place: str) -> Indicator:
        """Read one indicator."""
        table = self.keys(
            value,
            place,
            required={"id", "tier", "question", "help", "source"},
            optional={"derived"},
        )
        derived = table.get("derived")
        return Indicator(
            id=self.item_id(table["id"], f"{place}.id"),
            tier=self.item_id(table["tier"], f"{place}.tier"),
            question=self.text(table["question"], f"{place}.question"),
            help=self.text(table["help"], f"{place}.help"),
            source=self.source(table, place),
            derived=None if derived is None else self.derivation(derived, f"{place}.derived"),
        )

    def derivation(self, value: object, place: str) -> Derivation:
        """Read how an indicator is worked out from records."""
        table = self.keys(value, place, required={"counts", "at_least"}, optional={"within_months"})
        counts = table["counts"]
        if counts not in set(Counted):
            known = ", ".join(Counted)
            self.fail(f"{place}.counts", f"{counts!r} is not a kind of record (known: {known})")
        months = table.get("within_months")
        return Derivation(
            counts=Counted(str(counts)),
            at_least=self.integer(table["at_least"], f"{place}.at_least", least=1),
            within_months=None
            if months is None
            else self.integer(months, f"{place}.within_months", least=1),
        )

    def rule(self, value: dict[str, object], place: str) -> Rule:
        """Read one named rule."""
        table = self.keys(value, place, required={"id", "label", "source", "when"})
        return Rule(
            id=self.item_id(table["id"], f"{place}.id"),
            label=self.text(table["label"], f"{place}.label"),
            source=self.source(table, place),
            when=self.condition(table["when"], f"{place}.when"),
        )

    def condition(self, value: object, place: str) -> Condition:
        """Read ``{any = [...]}`` or ``{count = [...], at_least = k, at_most = m}``."""
        if isinstance(value, dict) and "any" in value:
            table = self.keys(value, place, required={"any"})
            return Condition("any", self.id_list(table["any"], f"{place}.any"), 1, None)
        table = self.keys(value, place, required={"count", "at_least"}, optional={"at_most"})
        of = self.id_list(table["count"], f"{place}.count")
        at_least = self.integer(table["at_least"], f"{place}.at_least", least=1)
        if at_least > len(of):
            self.fail(f"{place}.at_least", f"{at_least} is more than the {len(of)} ids counted")
        at_most = table.get("at_most")
        if at_most is not None:
            at_most = self.integer(at_most, f"{place}.at_most", least=at_least)
            if at_most >= len(of):
                self.fail(f"{place}.at_most", f"{at_most} leaves nothing out: drop at_most")
        return Condition("count", of, at_least, at_most)

    def id_list(self, value: object, place: str) -> tuple[str, ...]:
        """Read a non-empty list of distinct ids."""
        if not isinstance(value, list) or not value:
            self.fail(place, f"expected a non-empty list of ids, got {_kind(value)}")
        ids = tuple(self.item_id(item, f"{place}[{n}]") for n, item in enumerate(value))
        for n, item in enumerate(ids):
            if item in ids[:n]:
                self.fail(f"{place}[{n}]", f"{item!r} is listed twice")
        return ids

    def tier(self, value: dict[str, object], place: str) -> Tier:
        """Read one tier; a tier without ``when`` is the fallback."""
        table = self.keys(
            value,
            place,
            required={"id", "label", "meaning", "precedence", "actions", "source"},
            optional={"when"},
        )
        when = table.get("when")
        actions = table["actions"]
        return Tier(
            id=self.item_id(table["id"], f"{place}.id"),
            label=self.text(table["label"], f"{place}.label"),
            meaning=self.text(table["meaning"], f"{place}.meaning"),
            precedence=self.integer(table["precedence"], f"{place}.precedence", least=0),
            actions=() if actions == [] else self.id_list(actions, f"{place}.actions"),
            source=self.source(table, place),
            when=None if when is None else self.condition(when, f"{place}.when"),
        )

    def ladder(self, tiers: tuple[Tier, ...]) -> tuple[Tier, ...]:
        """Refuse tied precedences and a missing, doubled or misplaced fallback tier."""
        for n, tier in enumerate(tiers):
            for other in tiers[:n]:
                if other.precedence == tier.precedence:
                    self.fail(
                        f"tiers[{n}].precedence",
                        f"{tier.precedence} is also the precedence of {other.id!r}",
                    )
        fallbacks = [n for n, tier in enumerate(tiers) if tier.when is None]
        if len(fallbacks) != 1:
            self.fail("tiers", "exactly one tier must have no `when`: the fallback tier")
        if len(tiers) < 2:
            self.fail("tiers", "a fallback tier alone scores nothing: add a tier with `when`")
        lowest = min(tier.precedence for tier in tiers)
        fallback = tiers[fallbacks[0]]
        if fallback.precedence != lowest:
            self.fail(
                f"tiers[{fallbacks[0]}].precedence",
                f"the fallback tier {fallback.id!r} must have the lowest precedence",
            )
        return tiers

    def action(self, value: dict[str, object], place: str) -> Action:
        """Read one protocol action."""
        table = self.keys(value, place, required={"id", "label", "source"})
        return Action(
            id=self.item_id(table["id"], f"{place}.id"),
            label=self.text(table["label"], f"{place}.label"),
            source=self.source(table, place),
        )


def _kind(value: object) -> str:
    """Describe a TOML value for a message: short values as written, containers by kind."""
    if isinstance(value, dict):
        return "a table" if value else "an empty table"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, bool):
        return "true" if value else "false"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."
