"""Across groups: a quantity that changed between periods, projections against estimates, and
stated changes against the figures of their two periods.

A change between periods and a projection are information, not contradictions: the finding
names the two claims that bound the change (the nearest ends of the two consensus intervals)
and the implied growth. A *stated* change ("GDP grew 3.4 percent in 2023") is a claim: when
the same measure is known in both periods (2022 and 2023; "2019–2023" from 2019 to 2023),
their ratio must allow it (`change-inconsistency`, graded by the gap between the ratios).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from .. import formatting
from ..model import Claim, Interval, Period, Severity
from ..rules import message
from .findings import Grading, Member, member_of_claim
from .groups import FigureKey, Group, QuantityKey, figure_key

__all__ = ["grade_changes"]


def grade_changes(grading: Grading) -> None:
    """The same quantity in two periods, and projections against estimates: for information."""
    every = grading.graph.groups
    if not any(key.period is not None or key.projection for key in every):
        return  # no group dated and no projection (a big repo of undated figures): nothing to compare
    by_base: dict[QuantityKey, list[Group]] = {}
    for group in every.values():
        by_base.setdefault(group.key.base, []).append(group)
    for base, groups in by_base.items():
        dated = [g for g in groups if g.period]
        if len(dated) > 1 and not base[2].change:  # a change's own change between periods says nothing
            dated.sort(key=_start)
            by_length: dict[int, list[Group]] = {}
            for group in dated:  # a year's total against one day's count is no change
                by_length.setdefault(_length_class(group), []).append(group)
            for same_length in by_length.values():
                for earlier, later in itertools.pairwise(same_length):
                    _period_change(grading, earlier, later)
        if base[3]:  # projections: compare with the estimates of the same quantity
            for projected in groups:
                for estimate in by_base.get((*base[:3], False), []):
                    if (
                        projected.period is None
                        or estimate.period is None
                        or projected.period.overlaps(estimate.period)
                    ):
                        _projection(grading, projected, estimate)


# entity, scope, what is measured (groups.figure_key), projection → year → groups of that one year
_Levels = dict[tuple[str, str | None, FigureKey, bool], dict[int, list[Group]]]


def grade_stated_changes(grading: Grading) -> None:
    """Each stated change against the same measure's figures in its two periods, when both are known."""
    levels: _Levels = {}
    groups = grading.graph.groups.values()
    changes = [g for g in groups if g.key.measure.change and g.key.measure.what and g.period is not None]
    if not changes:
        return  # no stated change: no figures to gather
    for group in groups:
        m, period = group.key.measure, group.period
        if m.change and m.what and period is not None:
            continue
        if (
            (figure := figure_key(m)) is not None
            and period is not None
            and (span := _whole_years(period))
            and span[0] == span[1]
        ):
            key = (group.key.entity, group.key.scope, figure, group.key.projection)
            levels.setdefault(key, {}).setdefault(span[0], []).append(group)
    for group in changes:
        assert group.period is not None and group.key.measure.what
        whole = _whole_years(group.period)
        if whole is None:  # "grew 0.8 percent in the third quarter": not a change between two years
            continue
        start, end = whole
        years = (start - 1, start) if start == end else (start, end)
        by_year = figures_of(grading, levels, group, group.key.entity) or {}
        for earlier in by_year.get(years[0], []):
            for later in by_year.get(years[1], []):
                if earlier.key.measure == later.key.measure:
                    _stated_change(grading, group, earlier, later)


_L = TypeVar("_L")


def figures_of(
    grading: Grading, levels: dict[tuple[str, str | None, FigureKey, bool], _L], stated: Group, entity: str
) -> _L | None:
    """An entity's figures that a stated change or comparison is about: the same measure name,
    else the counted noun its name spells ("murders fell 6.1 percent" is about the claims counted
    in murders, "population grew" in people, "24 percent more passengers" in passengers)."""
    what = stated.key.measure.what
    assert what
    scope, projection = stated.key.scope, stated.key.projection
    named = levels.get((entity, scope, ("name", what.casefold()), projection))
    if named:
        return named
    for (e, s, (kind, unit), p), found in levels.items():
        if (e, s, p) == (entity, scope, projection) and kind == "noun" and _spells(grading, what, unit):
            return found
    return None


def _spells(grading: Grading, name: str, unit: str) -> bool:
    return " / " not in unit and grading.graph.units.names_unit(name, unit)


def _whole_years(period: Period) -> tuple[int, int] | None:
    """(first, last) year of a period made of whole calendar years, else None (a quarter, a month,
    or a fiscal year, which only spans calendar years because whose fiscal year is unknown)."""
    if period.label.upper().startswith("FY") or (
        period.start.month,
        period.start.day,
        period.end.month,
        period.end.day,
    ) != (1, 1, 12, 31):
        return None
    return period.start.year, period.end.year


def _stated_change(grading: Grading, stated: Group, earlier: Group, later: Group) -> None:
    def words(claim: Claim, implied: float, first_later: Member, first_earlier: Member) -> dict[str, object]:
        return {
            "measure": claim.measure.what,
            "stated_change": formatting.percent(claim.point),
            "earlier_period": earlier.key.period,
            "later_period": later.key.period,
            "earlier": first_earlier.label,
            "later": first_later.label,
        }

    judge_stated_ratio(grading, "change-inconsistency", stated, later, earlier, words, later_first=False)


Words = Callable[[Claim, float, Member, Member], dict[str, object]]


def judge_stated_ratio(
    grading: Grading, rule: str, stated: Group, top: Group, bottom: Group, words: Words, *, later_first: bool = True
) -> None:
    """Each claim of `stated` says top ÷ bottom = 1 + its value ("grew 3.4 percent": later ÷
    earlier = 1.034; "24 percent more than": A ÷ B = 1.24); the two groups' consensus must allow
    it. `words` gives the rule's message its own fields (claim, implied change, first member of
    top, of bottom); `later_first` lists top's figures before bottom's."""
    ct, cb = top.consensus, bottom.consensus
    if cb.interval.low <= 0:
        return
    ratio = ct.interval / cb.interval  # every top ÷ bottom the figures allow
    implied = ct.interval.clamp(ct.point) / cb.interval.clamp(cb.point) - 1
    first_top = member_of_claim(top.claims[ct.members[0]])
    first_bottom = member_of_claim(bottom.claims[cb.members[0]])
    listed = [(top, ct, first_top), (bottom, cb, first_bottom)]
    if not later_first:
        listed.reverse()
    for claim in stated.claims:
        if claim.computed_from:
            continue  # computed from its source's own figures: judged as that arithmetic instead, once
        said = claim.interval + 1.0
        if said.overlaps(ratio):
            continue
        gap = said.gap(ratio)
        member = member_of_claim(claim)
        fields = words(claim, implied, first_top, first_bottom)
        text = message(
            rule, entity=claim.entity, stated=member.label, implied=implied, gap=formatting.percent(gap), **fields
        )
        grading.add(
            rule,
            grading.severity(gap, stated.key.projection),
            None,
            [member, *(first for _, _, first in listed)],
            text,
            gap,
            Interval(ratio.low - 1, ratio.high - 1),
            claims=(claim.id, *(g.claims[i].id for g, c, _ in listed for i in c.members)),
            entity=claim.entity,
            measure=claim.measure,
            # both figures are each agreed by their group: the stated ratio is the odd one
            culprit=claim.id if ct.has_majority and cb.has_majority else None,
        )


def _binding_pair(a: Group, b: Group) -> tuple[Member, Member, float] | None:
    ca, cb = a.consensus, b.consensus
    if ca.interval.overlaps(cb.interval):
        return None
    ma = [member_of_claim(a.claims[i]) for i in ca.members]
    mb = [member_of_claim(b.claims[i]) for i in cb.members]
    a_below = ca.interval.high <= cb.interval.low
    pick_a = max(ma, key=lambda m: m.interval.low) if a_below else min(ma, key=lambda m: m.interval.high)
    pick_b = min(mb, key=lambda m: m.interval.high) if a_below else max(mb, key=lambda m: m.interval.low)
    return pick_a, pick_b, ca.interval.gap(cb.interval)


def _period_change(grading: Grading, earlier: Group, later: Group) -> None:
    pair = _binding_pair(earlier, later)
    if pair is None:
        return
    a, b, gap = pair
    growth = later.consensus.point / earlier.consensus.point - 1 if earlier.consensus.point else math.inf
    text = message(
        "period-change",
        entity=earlier.key.entity,
        measure=formatting.unit(str(earlier.key.measure)),
        earlier=a.label,
        earlier_period=earlier.key.period,
        later=b.label,
        later_period=later.key.period,
        growth=growth,
    )
    grading.add(
        "period-change",
        Severity.INFO,
        None,
        [b, a],
        text,
        gap,
        None,
        entity=earlier.key.entity,
        measure=earlier.key.measure,
    )


def _projection(grading: Grading, projected: Group, estimate: Group) -> None:
    pair = _binding_pair(projected, estimate)
    if pair is None:
        return
    a, b, gap = pair
    text = message(
        "projection-differs",
        entity=projected.key.entity,
        measure=formatting.unit(str(projected.key.measure)),
        projection=a.label,
        estimate=b.label,
        gap=formatting.percent(gap),
    )
    grading.add(
        "projection-differs",
        Severity.INFO,
        None,
        [a, b],
        text,
        gap,
        None,
        entity=projected.key.entity,
        measure=projected.key.measure,
    )


def _length_class(group: Group) -> int:
    """Periods of one length compare: a day, a month, a quarter, a year, N years."""
    assert group.period is not None
    days = (group.period.end - group.period.start).days + 1
    for limit in (1, 31, 92, 366):
        if days <= limit:
            return limit
    return round(days / 365.25) * 366


def _start(group: Group) -> date:
    return group.period.start if group.period else date.min
