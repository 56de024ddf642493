"""Across entities: a stated comparison against the two entities' own figures.

"Atlanta handled 24 percent more passengers than Heathrow" (`role: comparison`, `than:
Heathrow`) says Atlanta ÷ Heathrow = 1.24. When both entities' figures of that measure are
known in the comparison's period (the same scope; undated figures join as groups.py says),
their ratio must allow it (`comparison-inconsistency`, graded by the gap between the ratios),
as a stated change must allow its two periods' ratio (changes.py).
"""

from __future__ import annotations

from ..model import Claim, Measure, Period
from .changes import figures_of, judge_stated_ratio
from .findings import Grading, Member
from .groups import FigureKey, Group, figure_key, undated_joins

__all__ = ["grade_comparisons"]

# entity, scope, what is measured (groups.figure_key), projection → period label → groups
_Levels = dict[tuple[str, str | None, FigureKey, bool], dict[str | None, list[Group]]]


def grade_comparisons(grading: Grading) -> None:
    """Each stated comparison against the figures of both entities, when both are known."""
    levels: _Levels = {}
    groups = grading.graph.groups.values()
    comparisons = [g for g in groups if g.key.measure.than and g.key.measure.what]
    if not comparisons:
        return  # no stated comparison: no figures to gather
    for group in groups:
        m = group.key.measure
        if m.than and m.what:
            continue
        if (figure := figure_key(m)) is not None:
            key = (group.key.entity, group.key.scope, figure, group.key.projection)
            levels.setdefault(key, {}).setdefault(group.key.period, []).append(group)
    for stated in comparisons:
        measure = stated.key.measure
        assert measure.than and measure.what
        ours = figures_of(grading, levels, stated, stated.key.entity) or {}
        theirs = figures_of(grading, levels, stated, measure.than) or {}
        for a_groups, b_groups in _pairs(stated, ours, theirs):
            for a in a_groups:
                for b in b_groups:
                    if a.key.measure == b.key.measure:
                        _stated_comparison(grading, stated, a, b)


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
    measure: Measure = stated.key.measure

    def words(claim: Claim, implied: float, first_ours: Member, first_theirs: Member) -> dict[str, object]:
        return {
            "than": measure.than,
            "measure": measure.what,
            "stated_ratio": claim.point + 1,
            "stated_difference": claim.point,
            "implied_ratio": implied + 1,
            "ours": first_ours.label,
            "theirs": first_theirs.label,
        }

    judge_stated_ratio(grading, "comparison-inconsistency", stated, ours, theirs, words)
