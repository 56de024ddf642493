"""Measure names: one spelling per measure, so "GDP per capita", "gdp per head" and "GDP per person" meet.

A claim names what it measures with `measure:` (or in its value string, "42,514 road
deaths"); the repo's `[measures]` table in reconcile.toml maps other names to one
("GDP per capita" = "GDP per person"). Names match case-insensitively; "per capita",
"per head", "per inhabitant" all read "per person". The first spelling met (an alias
target first) is the one shown, so a repo reads the same on every run.

A claim with no name whose unit says too little — an amount of money, a bare percentage,
a bare number, or a physical amount (energy, power, mass, length, time) — is compared with
nothing: GDP and debt are both dollars, solar and wind capacity both gigawatts. A counted noun
says what it counts ("cameras", "road deaths"), and so do its rates and densities; an area of a
place is read as the place's area. A count of whole things that holds no whole number
("a total of 104.7 passengers") is in no group: see values/wholes.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..lexicon import plural
from ..model import PercentRole, Value
from ..units import Units
from ..values.wholes import counts_whole_things, holds_no_whole_number

__all__ = ["MeasureNames", "alone_reason", "measure_words_of_whole"]

_PER_PERSON = re.compile(r"\bper\s+(?:capita|head|inhabitant|resident|person|people)\b", re.I)
_WORD = re.compile(r"[A-Za-z_]+")


def _tidy(name: str) -> str:
    return _PER_PERSON.sub("per person", " ".join(name.split()))


def _key(name: str) -> str:
    return _tidy(name).casefold()


class MeasureNames:
    """Maps a measure name as written to the repo's one spelling of it (aliases resolved)."""

    def __init__(self, aliases: Mapping[str, str] | None = None):
        self._aliases = {_key(k): _tidy(v) for k, v in (aliases or {}).items()}
        self._shown: dict[str, str] = {}
        for target in self._aliases.values():
            self._shown.setdefault(_key(target), target)

    def canonical(self, written: str) -> str:
        name = _tidy(written)
        key = name.casefold()
        seen: set[str] = set()
        while key in self._aliases and key not in seen:  # aliases may chain; a loop stops
            seen.add(key)
            name = self._aliases[key]
            key = name.casefold()
        return self._shown.setdefault(key, name)


_MONEY: dict[tuple[str, frozenset[str]], bool] = {}


def is_money(canonical_unit: str, units: Units) -> bool:
    """Whether a unit has a currency in it (USD, USD / person); asked once per unit, not per claim."""
    key = (canonical_unit, units.currencies)
    hit = _MONEY.get(key)
    if hit is None:
        hit = _MONEY[key] = bool(set(_WORD.findall(canonical_unit)) & units.currencies)
    return hit


def alone_reason(value: Value, what: str | None, role: PercentRole | None, units: Units) -> str | None:
    """Why a claim with no measure name can be compared with nothing, or None when its unit suffices;
    a count of whole things that holds no whole number ("104.7 passengers") is in no group either,
    unless its measure is no count of them ("2.4 people", the average household size)."""
    key: object = value.text if what is None and role is None else (value.text, what, role)  # most: no name, no role
    hit = _ALONE.get(key)
    if hit is not None and hit[0] is value and hit[1] is units:  # claims share Values: asked once each
        return hit[2]
    reason = _alone_reason(value, what, role, units)
    if len(_ALONE) >= _MAX_ALONE:
        _ALONE.clear()
    _ALONE[key] = (value, units, reason)
    return reason


_ALONE: dict[object, tuple[Value, Units, str | None]] = {}  # by value text, or (text, name, role)
_MAX_ALONE = 1 << 16


def _alone_reason(value: Value, what: str | None, role: PercentRole | None, units: Units) -> str | None:
    if counts_whole_things(what, value, units) and holds_no_whole_number(value, units):
        return (
            f"“{value.text}” is no whole number of {plural(value.canonical_unit)}: it takes part in no "
            "consensus, and is named wherever a figure of its quantity disagrees with it"
        )
    if what is not None:
        return None
    if role is PercentRole.CHANGE:
        return "a change with no measure: say what changed with `measure:` (e.g. measure: GDP)"
    if value.share_of:
        return None
    if value.canonical_unit == "dimensionless":
        kind = "a percentage" if "percent" in value.unit else "a bare number"
        return f"{kind} with no measure: say what it measures with `measure:` (e.g. measure: unemployment rate)"
    if is_money(value.canonical_unit, units):
        return "an amount of money with no measure: say what it measures with `measure:` (e.g. measure: GDP)"
    if _physical(value.canonical_unit, units):
        return (
            "a physical amount with no measure: say what it measures with `measure:`"
            " (e.g. measure: installed solar capacity)"
        )
    return None


_PHYSICAL: dict[str, bool] = {}


def _physical(canonical_unit: str, units: Units) -> bool:
    """Energy, power, mass, length, time and their rates: units that say the dimension, not the thing.
    An area is the place's area, and a count (of people, deaths, pixels) says what it counts."""
    hit = _PHYSICAL.get(canonical_unit)
    if hit is None:
        hit = _PHYSICAL[canonical_unit] = units.is_physical(canonical_unit) and units.kind(canonical_unit) != "area"
    return hit


def measure_words_of_whole(whole_words: str, of_written: str | None, of_canonical: str | None) -> str | None:
    """A share's whole as written minus its entity: "EU GDP" of EU → "GDP", "the EU's road deaths"
    → "road deaths"; nothing left → None."""
    words = _without_article(" ".join(whole_words.split()))
    for entity in (of_written, of_canonical):
        if not entity:
            continue
        for lead in (entity + "'s ", entity + "’s ", entity + "' ", entity + "’ ", entity + " "):
            if words.casefold().startswith(lead.casefold()):
                words = _without_article(words[len(lead) :])
                return words or None
    return words or None


def _without_article(words: str) -> str:
    for article in ("the ", "its "):
        if words.casefold().startswith(article):
            return words[len(article) :]
    return words
