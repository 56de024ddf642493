"""Claims → groups of quantities that must agree, each with the consensus of its claims.

A group is one entity × scope × measure × kind (estimate or projection) × period, where a
measure is a unit and, when the unit does not say it all, a name (GDP, road deaths).
A claim with no known period joins the dated group of its quantity that spans a year or
more (SPEC "Findings"); not one dated to a day, a month or a quarter: a figure dated that
finely is a snapshot of something that moves ("deaths as of 29 September"), and an undated
figure of it could be from any other day. Nor when the quantity is known for several such
years: SPEC says "compared with every period", but an undated deficit beside one of 2009 and
one of 2017 was then an error against each, though it is most likely of neither year; which
year it is, nothing says, so it is compared with none (as derive.of_several_years and sums.py
do for derived values). Undated claims that join no dated group are a group of their own.
A claim whose measure says too little (money, a bare percentage, with no name) is in no
group: it is compared with nothing (`Claim.alone` says why).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Claim, ClaimKind, Measure, Period, quick_init
from .consensus import Consensus, consensus_of_one, find_consensus

__all__ = [
    "FigureKey",
    "Group",
    "GroupKey",
    "QuantityKey",
    "figure_key",
    "group_claims",
    "measure_text",
    "undated_joins",
]

_YEAR_DAYS = 364  # a period from 1 January to 31 December spans 364 days

# entity, scope, measure, projection: one quantity, across its periods
QuantityKey = tuple[str, str | None, Measure, bool]
# what an amount measures: ("name", its measure name case-folded) or ("noun", the unit of an unnamed count)
FigureKey = tuple[str, str]


class GroupKey(NamedTuple):
    """Quantities that must agree: one entity, extent, measure, kind and period.

    A named tuple: group keys are hashed for every dict lookup of a check, and a tuple
    hashes in C (a dataclass's __hash__ is Python code)."""

    entity: str
    scope: str | None
    measure: Measure
    projection: bool
    period: str | None  # label; None when no claim in the group states a period

    @property
    def base(self) -> QuantityKey:
        return (self.entity, self.scope, self.measure, self.projection)


@quick_init  # one per group: fields set through their slots
@dataclass(frozen=True, eq=False, slots=True)
class Group:
    key: GroupKey
    claims: tuple[Claim, ...]  # never empty
    consensus: Consensus  # of the claims alone: what derivations use
    period: Period | None
    display_unit: str | None  # the unit most of its claims were written in
    of: str | None  # for shares: the whole's entity

    @property
    def id(self) -> str:
        """A readable id for provenance ("g:London:camera:2021")."""
        k = self.key
        parts = [k.entity, measure_text(k.measure)] + ([k.scope] if k.scope else []) + ([k.period] if k.period else [])
        return "g:" + ":".join(parts) + (":projection" if k.projection else "")


@functools.lru_cache(maxsize=4096)  # a repo has a few dozen measures, named in every derived value's id
def measure_text(measure: Measure) -> str:
    """str(measure), worked out once per measure."""
    return str(measure)


def group_claims(claims: Iterable[Claim]) -> dict[GroupKey, Group]:
    """Bucket by entity/scope/measure/kind, then by period; an unknown period joins every period."""
    by_base: dict[QuantityKey, dict[str | None, list[Claim]]] = {}
    periods: dict[str, Period] = {}
    projection = ClaimKind.PROJECTION
    for claim in claims:
        if claim.alone is not None:
            continue
        base = (claim.entity, claim.scope, claim.measure, claim.kind is projection)
        period = claim.period
        label = None
        if period:
            label = period.label
            periods[label] = period
        by_period = by_base.get(base)
        if by_period is None:
            by_base[base] = {label: [claim]}
        elif label in by_period:
            by_period[label].append(claim)
        else:
            by_period[label] = [claim]
    groups: dict[GroupKey, Group] = {}
    for base, by_period in by_base.items():
        unknown = by_period.pop(None, [])
        if not by_period:  # no claim dated: one group, of the period nobody states
            key = GroupKey(*base, None)
            groups[key] = _group(key, tuple(unknown), None)
            continue
        if not unknown:  # every claim dated: each period a group of its own
            for label, members in by_period.items():
                key = GroupKey(*base, label)
                groups[key] = _group(key, tuple(members), periods[label] if label else None)
            continue
        years = sum(undated_joins(periods[label]) for label in by_period if label)
        joined = False
        for label, members in by_period.items():
            key = GroupKey(*base, label)
            period = periods[label] if label else None
            joins = years == 1 and undated_joins(period)
            joined |= joins
            groups[key] = _group(key, tuple(members + unknown) if joins else tuple(members), period)
        if unknown and not joined:
            key = GroupKey(*base, None)
            groups[key] = _group(key, tuple(unknown), None)
    return groups


def undated_joins(period: Period | None) -> bool:
    """Whether a claim with no known period is compared with (and derives with) figures of
    this period: a year or longer, not a day, month or quarter."""
    return period is None or (period.end - period.start).days >= _YEAR_DAYS


def _group(key: GroupKey, claims: tuple[Claim, ...], period: Period | None) -> Group:
    if len(claims) == 1:  # half of a big repo's groups: no lists, no count of units
        value = claims[0].value
        interval = value.interval
        return Group(
            key,
            claims,
            find_consensus([interval], [value.point]) if interval.is_empty else consensus_of_one(interval, value.point),
            period,
            value.unit,  # display_unit
            claims[0].of or None,
        )
    if len(claims) == 2:  # the most common group of more than one: no lists of claims' fields
        a, b = claims[0].value, claims[1].value
        return Group(
            key,
            claims,
            find_consensus([a.interval, b.interval], [a.point, b.point]),
            period,
            a.unit,  # display_unit: `_most_written_unit`, the first's when they tie
            claims[0].of or claims[1].of or None,
        )
    return Group(
        key,
        claims,
        find_consensus([c.interval for c in claims], [c.point for c in claims]),
        period,
        _most_written_unit(claims),  # display_unit
        next((c.of for c in claims if c.of), None),
    )


def _most_written_unit(claims: tuple[Claim, ...]) -> str | None:
    first = claims[0].value.unit
    if all(c.value.unit == first for c in claims):  # the common case, without a Counter per group
        return first
    return Counter(c.value.unit for c in claims).most_common(1)[0][0]


def figure_key(m: Measure) -> FigureKey | None:
    """What an amount measures, as stated changes, comparisons and declared ratios look it up: its
    name, or for an unnamed count its noun; None for a percentage, a share or a change."""
    if m.unit == "dimensionless" or m.share_of or m.whole or m.change:
        return None
    return ("name", m.what.casefold()) if m.what else ("noun", m.unit)
