"""Across groups: a quantity that changed between periods, and projections against estimates.

Both are information, not contradictions: the finding names the two claims that bound
the change (the nearest ends of the two consensus intervals) and the implied growth.
"""

from __future__ import annotations

import itertools
import math
from datetime import date

from .. import formatting
from ..model import Severity
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
