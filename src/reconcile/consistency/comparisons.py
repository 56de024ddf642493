"""Across entities: a stated comparison against the two entities' own figures.

"Atlanta handled 24 percent more passengers than Heathrow" (`role: comparison`, `than:
Heathrow`) says Atlanta ÷ Heathrow = 1.24. When both entities' figures of that measure are
known in the comparison's period (the same scope; undated figures join as groups.py says),
their ratio must allow it (`comparison-inconsistency`, graded by the gap between the ratios),
as a stated change must allow its two periods' ratio (changes.py).
"""

from __future__ import annotations

from .. import formatting
from ..model import Interval, Measure, Period
from ..rules import message
from .changes import _is_level, _level_name, _spells
from .findings import Grading, member_of_claim
from .groups import Group, undated_joins

__all__ = ["grade_comparisons"]

# entity, scope, measure name (case-folded, or "[counted noun]"), projection → period label → groups
_Levels = dict[tuple[str, str | None, str, bool], dict[str | None, list[Group]]]


def grade_comparisons(grading: Grading) -> None:
    """Each stated comparison against the figures of both entities, when both are known."""
    levels: _Levels = {}
    comparisons: list[Group] = []
    for group in grading.graph.groups.values():
        m = group.key.measure
        if m.than and m.what:
            comparisons.append(group)
        elif _is_level(m):
            key = (group.key.entity, group.key.scope, _level_name(m), group.key.projection)
            levels.setdefault(key, {}).setdefault(group.key.period, []).append(group)
    for stated in comparisons:
        measure = stated.key.measure
        assert measure.than and measure.what
        ours = _figures(grading, levels, stated, stated.key.entity)
        theirs = _figures(grading, levels, stated, measure.than)
        for a_groups, b_groups in _pairs(stated, ours, theirs):
            for a in a_groups:
                for b in b_groups:
                    if a.key.measure == b.key.measure:
                        _stated_comparison(grading, stated, a, b)


def _figures(grading: Grading, levels: _Levels, stated: Group, entity: str) -> dict[str | None, list[Group]]:
    """One entity's figures of the compared measure by period: the same name, else the counted
    noun the name spells ("passengers" is about the claims counted in passengers)."""
    what = stated.key.measure.what
    assert what
    scope, projection = stated.key.scope, stated.key.projection
    named = levels.get((entity, scope, what.casefold(), projection))
    if named:
        return named
    for (e, s, name, p), by_period in levels.items():
        if (e, s, p) == (entity, scope, projection) and name.startswith("[") and _spells(grading, what, name[1:-1]):
            return by_period
    return {}


def _pairs(
    stated: Group, ours: dict[str | None, list[Group]], theirs: dict[str | None, list[Group]]
) -> list[tuple[list[Group], list[Group]]]:
    """The figures of both entities in the comparison's period. An entity whose figures all lack a
    period (one undated group) joins any period of a year or more, as an undated claim joins a
    group; an undated comparison is compared in every such period of either entity."""
    periods: dict[str | None, Period | None] = {}
    if stated.key.period is not None:
        periods[stated.key.period] = stated.period
    else:
        for groups in (ours, theirs):
            for label, at in groups.items():
                periods.setdefault(label, at[0].period)
    pairs = []
    for label, period in periods.items():
        a, b = _at(ours, label, period), _at(theirs, label, period)
        if a and b:
            pairs.append((a, b))
    return pairs


def _at(groups: dict[str | None, list[Group]], label: str | None, period: Period | None) -> list[Group]:
    if label in groups:
        return groups[label]
    return groups.get(None, []) if undated_joins(period) else []


def _stated_comparison(grading: Grading, stated: Group, ours: Group, theirs: Group) -> None:
    co, ct = ours.consensus, theirs.consensus
    if ct.interval.low <= 0:
        return
    ratio = co.interval / ct.interval  # every A ÷ B the figures allow
    implied = co.interval.clamp(co.point) / ct.interval.clamp(ct.point) - 1
    first_ours = member_of_claim(ours.claims[co.members[0]])
    first_theirs = member_of_claim(theirs.claims[ct.members[0]])
    measure: Measure = stated.key.measure
    for claim in stated.claims:
        said = claim.interval + 1.0  # "24 percent more": A ÷ B = 1.24
        if said.overlaps(ratio):
            continue
        gap = said.gap(ratio)
        member = member_of_claim(claim)
        text = message(
            "comparison-inconsistency",
            entity=claim.entity,
            than=measure.than,
            measure=measure.what,
            stated=member.label,
            stated_ratio=claim.point + 1,
            stated_difference=claim.point,
            implied_ratio=implied + 1,
            ours=first_ours.label,
            theirs=first_theirs.label,
            implied=implied,
            gap=formatting.percent(gap),
        )
        grading.add(
            "comparison-inconsistency",
            grading.severity(gap, stated.key.projection),
            None,
            [member, first_ours, first_theirs],
            text,
            gap,
            Interval(ratio.low - 1, ratio.high - 1),
            claims=(claim.id, *(ours.claims[i].id for i in co.members), *(theirs.claims[i].id for i in ct.members)),
            entity=claim.entity,
            measure=claim.measure,
            # both entities' figures are each agreed by their group: the stated comparison is the odd one
            culprit=claim.id if co.has_majority and ct.has_majority else None,
        )
