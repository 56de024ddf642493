"""Within one group: who stands outside the largest consistent set, and against whom.

Each group's members (claims and derived values) are reduced to their largest consistent
set; every member outside it is reported once against it, naming the member that binds
the consensus on its side (the likely culprit is the outlier), so findings grow with the
number of claims, not with its square.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

from .. import formatting
from ..model import Interval, Severity
from ..rules import message
from .consensus import Consensus, find_consensus
from .derive import explain_result
from .findings import Grading, Member, member_of_claim, member_of_derived
from .groups import Group

__all__ = ["grade_group"]

_MAX_SUBJECTS = 6  # claims shown side by side with a suspect; the message gives the full count
_MAX_AGAINST = 20  # consensus members a finding names as contradicting its suspect


def grade_group(grading: Grading, group: Group) -> None:
    """Members outside the group's largest consistent set, ties with no majority, and wide spreads."""
    claims = grading.graph.claims
    members = [member_of_claim(c) for c in group.claims] + [
        member_of_derived(d, claims) for d in grading.graph.derived_for(group)
    ]
    if len(members) < 2:
        return
    consensus = find_consensus([m.interval for m in members], [m.point for m in members])
    if consensus.rivals:
        _no_majority(grading, group, members, consensus)
    elif len(consensus.members) > 1:
        _spread(grading, group, [members[i] for i in consensus.members])
    inside = [members[i] for i in consensus.members]
    by_high = sorted(inside, key=lambda m: m.interval.high)
    by_low = sorted(inside, key=lambda m: m.interval.low)
    in_consensus = set(consensus.members)
    for i, member in enumerate(members):
        if i not in in_consensus:
            _outlier(grading, group, member, by_high, by_low, consensus)


def _rule(involved: Sequence[Member]) -> str:
    if any(m.derived for m in involved):
        return "derived-contradiction"
    sources = set().union(*(m.sources for m in involved))
    return "internal-contradiction" if len(sources) == 1 else "cross-source-contradiction"


def _outlier(
    grading: Grading, group: Group, member: Member, by_high: list[Member], by_low: list[Member], consensus: Consensus
) -> None:
    above = member.interval.low >= consensus.interval.high
    # Consensus members it cannot coexist with, nearest first. Every member contains the
    # consensus interval, so for an outlier above only their highs matter (below: their lows);
    # bisect instead of scanning, since a group may hold thousands of claims.
    if above:
        cut = bisect.bisect_right(by_high, member.interval.low, key=lambda m: m.interval.high)
        nearest = by_high[max(0, cut - _MAX_AGAINST - 1) : cut + 1][::-1]
    else:
        cut = bisect.bisect_left(by_low, member.interval.high, key=lambda m: m.interval.low)
        nearest = by_low[max(0, cut - 1) : cut + _MAX_AGAINST + 1]
    against = [m for m in nearest if not m.interval.overlaps(member.interval)][:_MAX_AGAINST]
    # the one whose end bounds the consensus on the outlier's side is its direct contradiction
    binding = by_high[0] if above else by_low[-1]
    if binding in against:
        against.remove(binding)
    others = len(by_high) - 1
    gap = member.interval.gap(consensus.interval)
    rule = _rule([member, binding])
    severity = grading.severity(gap, group.key.projection)
    agree = f" and {others} other claim{'s' if others != 1 else ''}" if others else ""
    basis = "disputed range" if consensus.rivals else "consensus"
    text = message(
        "outlier",
        where=grading.where(group.key),
        suspect=member.label,
        suspect_interval=grading.show(member.interval, group),
        binding=binding.label,
        others=agree,
        basis=basis,
        consensus=grading.show(consensus.interval, group),
        gap=formatting.percent(gap),
    )
    subjects = [member, binding, *against[: _MAX_SUBJECTS - 2]]
    grading.add(
        rule,
        severity,
        group.key,
        subjects,
        text,
        gap,
        consensus.interval,
        claims=member.leaves + binding.leaves + tuple(c for m in against for c in m.leaves),
    )


def _no_majority(grading: Grading, group: Group, members: list[Member], consensus: Consensus) -> None:
    shared = set.intersection(*(set(r) for r in consensus.rivals))
    camps = [[members[i] for i in rival if i not in shared] for rival in consensus.rivals]
    camps = [c for c in camps if c]
    involved = [m for camp in camps for m in camp]
    parts = sorted(
        (Interval(max(m.interval.low for m in camp), min(m.interval.high for m in camp)) for camp in camps),
        key=lambda iv: iv.low,
    )
    gap = min(a.gap(b) for a, b in itertools.pairwise(parts)) if len(parts) > 1 else 0.0
    described = " vs ".join(
        " and ".join(f"{m.label} = {grading.show(m.interval, group)}" for m in camp) for camp in camps
    )
    text = message("no-majority", where=grading.where(group.key), camps=described, gap=formatting.percent(gap))
    grading.add(
        _rule(involved),
        grading.severity(gap, group.key.projection),
        group.key,
        involved[:_MAX_SUBJECTS],
        text,
        gap,
        consensus.interval,
    )


def _spread(grading: Grading, group: Group, inside: list[Member]) -> None:
    positive = [m for m in inside if m.point > 0 and math.isfinite(m.point)]
    if len(positive) < 2:
        return
    low = min(positive, key=lambda m: m.point)
    high = max(positive, key=lambda m: m.point)
    spread = high.point / low.point - 1
    if spread <= grading.policy.spread_warning:
        return
    severity = Severity.INFO if group.key.projection else Severity.WARNING
    units = grading.graph.units
    unit = group.display_unit
    measure = group.key.measure.name
    text = message(
        "value-spread",
        where=grading.where(group.key),
        low=low.label,
        high=high.label,
        spread=formatting.percent(spread),
        low_result=explain_result(low.point, low.interval, measure, unit, units),
        high_result=explain_result(high.point, high.interval, measure, unit, units),
    )
    grading.add("value-spread", severity, group.key, [low, high], text, spread, None)
