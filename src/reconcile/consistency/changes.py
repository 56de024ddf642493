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
from datetime import date

from .. import formatting
from ..model import Interval, Measure, Period, Severity
from ..rules import message
from .findings import Grading, Member, member_of_claim
from .groups import Group, QuantityKey

__all__ = ["grade_changes"]


def grade_changes(grading: Grading) -> None:
    """The same quantity in two periods, and projections against estimates: for information."""
    by_base: dict[QuantityKey, list[Group]] = {}
    for group in grading.graph.groups.values():
        by_base.setdefault(group.key.base, []).append(group)
    for base, groups in by_base.items():
        dated = sorted((g for g in groups if g.period), key=_start)
        if not base[2].change:  # a change's own change between periods says nothing
            for earlier, later in itertools.pairwise(dated):
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


# entity, scope, measure name (case-folded, or the counted noun of an unnamed count), projection
# → year → groups of that one year
_Levels = dict[tuple[str, str | None, str, bool], dict[int, list[Group]]]


def grade_stated_changes(grading: Grading) -> None:
    """Each stated change against the same measure's figures in its two periods, when both are known."""
    levels: _Levels = {}
    changes: list[Group] = []
    for group in grading.graph.groups.values():
        m, period = group.key.measure, group.period
        if m.change and m.what and period is not None:
            changes.append(group)
        elif _is_level(m) and period is not None and (span := _whole_years(period)) and span[0] == span[1]:
            key = (group.key.entity, group.key.scope, _level_name(m), group.key.projection)
            levels.setdefault(key, {}).setdefault(span[0], []).append(group)
    for group in changes:
        assert group.period is not None and group.key.measure.what
        whole = _whole_years(group.period)
        if whole is None:  # "grew 0.8 percent in the third quarter": not a change between two years
            continue
        start, end = whole
        years = (start - 1, start) if start == end else (start, end)
        by_year = _levels_of(grading, levels, group)
        for earlier in by_year.get(years[0], []):
            for later in by_year.get(years[1], []):
                if earlier.key.measure == later.key.measure:
                    _stated_change(grading, group, earlier, later)


def _level_name(m: Measure) -> str:
    return m.what.casefold() if m.what else f"[{m.unit}]"


def _levels_of(grading: Grading, levels: _Levels, change: Group) -> dict[int, list[Group]]:
    """The figures a change is about: the same measure name, else the counted noun its name spells
    ("murders fell 6.1 percent" is about the claims counted in murders, "population grew" in people)."""
    what = change.key.measure.what
    assert what
    entity, scope, projection = change.key.entity, change.key.scope, change.key.projection
    named = levels.get((entity, scope, what.casefold(), projection))
    if named:
        return named
    for (e, s, name, p), by_year in levels.items():
        if (e, s, p) == (entity, scope, projection) and name.startswith("[") and _spells(grading, what, name[1:-1]):
            return by_year
    return {}


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


def _is_level(m: Measure) -> bool:
    """A figure a change can be measured on: a named measure, or a count of a noun."""
    return m.unit != "dimensionless" and not m.change and not m.share_of and not m.whole


def _stated_change(grading: Grading, stated: Group, earlier: Group, later: Group) -> None:
    ce, cl = earlier.consensus, later.consensus
    if ce.interval.low <= 0:
        return
    ratio = cl.interval / ce.interval  # every later ÷ earlier the figures allow
    implied = cl.interval.clamp(cl.point) / ce.interval.clamp(ce.point) - 1
    first_earlier = member_of_claim(earlier.claims[ce.members[0]])
    first_later = member_of_claim(later.claims[cl.members[0]])
    for claim in stated.claims:
        said = claim.interval + 1.0  # "grew 3.4 percent": later ÷ earlier = 1.034
        if said.overlaps(ratio):
            continue
        gap = said.gap(ratio)
        member = member_of_claim(claim)
        text = message(
            "change-inconsistency",
            entity=claim.entity,
            measure=claim.measure.what,
            stated=member.label,
            stated_change=formatting.percent(claim.point),
            earlier_period=earlier.key.period,
            later_period=later.key.period,
            earlier=first_earlier.label,
            later=first_later.label,
            implied=implied,
            gap=formatting.percent(gap),
        )
        grading.add(
            "change-inconsistency",
            grading.severity(gap, stated.key.projection),
            None,
            [member, first_earlier, first_later],
            text,
            gap,
            Interval(ratio.low - 1, ratio.high - 1),
            claims=(claim.id, *(earlier.claims[i].id for i in ce.members), *(later.claims[i].id for i in cl.members)),
            entity=claim.entity,
            measure=claim.measure,
            # the figures of both periods are each agreed by their group: the stated change is the odd one
            culprit=claim.id if ce.has_majority and cl.has_majority else None,
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


def _start(group: Group) -> date:
    return group.period.start if group.period else date.min
