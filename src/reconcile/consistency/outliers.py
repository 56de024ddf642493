"""Within one group: who stands outside the heaviest consistent set, and against whom.

Each group's members (claims and derived values, each a vote weighted by its sources'
reliability) are reduced to their heaviest consistent set; every member outside it is
reported once against it, naming the member that binds the consensus on its side and the
culprit — the outlier itself, or for an implied value the operand claim least trusted —
so findings grow with the number of claims, not with its square. Where the weights decided
what a plain count would not, the message says whose track record did.
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
from .estimates import estimate, estimate_of_claim
from .findings import Grading, Member, member_of_claim, member_of_derived
from .groups import Group
from .reliability import MARGIN, weight_of

__all__ = ["grade_group"]

_MAX_SUBJECTS = 6  # claims shown side by side with a suspect; the message gives the full count
_MAX_AGAINST = 20  # consensus members a finding names as contradicting its suspect


def grade_group(grading: Grading, group: Group) -> None:
    """Members outside the group's heaviest consistent set, ties nothing decides, and wide spreads; its best estimate."""
    graph = grading.graph
    derived = graph.derived_for(group)
    if not derived and len(group.claims) == 1 and not group.claims[0].value.interval.is_empty:
        # a claim alone agrees with itself: nothing to compare, its estimate is itself
        grading.estimates.append(estimate_of_claim(group, group.claims[0]))
        return
    claims = graph.claims
    members = [member_of_claim(c) for c in group.claims] + [member_of_derived(d, claims) for d in derived]
    weights, votes = grading.weigh(members)
    if len(members) == 2:  # most groups of more than one: no comprehensions
        a, b = members
        consensus = find_consensus([a.interval, b.interval], [a.centre, b.centre], weights, MARGIN, votes)
    else:
        consensus = find_consensus([m.interval for m in members], [m.centre for m in members], weights, MARGIN, votes)
    grading.estimates.append(estimate(group, members, consensus, weights))
    if len(members) < 2:
        return
    if consensus.rivals:
        _no_majority(grading, group, members, consensus)
    elif len(consensus.members) == len(members):
        _spread(grading, group, members, consensus.point)
    elif len(consensus.members) > 1:
        _spread(grading, group, [members[i] for i in consensus.members], consensus.point)
    if len(consensus.members) == len(members):
        return  # every member is inside: no outlier
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


def _gap_text(gap: float, a: Interval, b: Interval, group: Group) -> str:
    """The relative gap; for percentages also the distance in points, which is how people read
    them ("67.11 % against 67.4 %" is 0.24 points apart, a relative gap of 0.4 %)."""
    relative = formatting.percent(gap)
    if group.key.measure.unit != "dimensionless":
        return relative
    points = max(a.low - b.high, b.low - a.high) * 100
    return f"{formatting.number(points)} percentage points, a relative {relative}"


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
    culprit, rivals = _blame(grading, member)
    if rule == "derived-contradiction" and culprit in grading.faulty_arithmetic:
        return  # one fault, one finding: the source's own arithmetic already names it
    if culprit is None and _only_claim_count_decides(grading, member, binding):
        # a stated figure against an implied one, and no record between their sources: the stated
        # one won only for resting on one claim, so it is as much a suspect as the operands
        rivals = tuple(dict.fromkeys((*binding.leaves, *rivals)))
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
        gap=_gap_text(gap, member.interval, consensus.interval, group),
    )
    if consensus.by_weight:
        text += " " + _why_weights(grading, member, binding)
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
        culprit=culprit,
        rivals=rivals,
    )


def _blame(grading: Grading, member: Member) -> tuple[str | None, tuple[str, ...]]:
    """The claim most likely wrong when `member` is: itself, or for an implied value the operand
    claim whose source is least trusted (references last), if its record clearly says so."""
    if not member.derived:
        return member.id, ()
    claims = grading.graph.claims
    leaves = [claims[c] for c in member.leaves if c in claims]
    suspects = [c for c in leaves if not c.is_reference] or leaves
    if not suspects:
        return None, ()

    def vote(claim_id: str) -> float:
        record = grading.record(claims[claim_id].source.id)
        return record.weight if record else weight_of(2 / 3)

    ranked = sorted((c.id for c in suspects), key=vote)
    if len(ranked) == 1 or vote(ranked[1]) - vote(ranked[0]) >= MARGIN:
        return ranked[0], ()
    return None, tuple(ranked)


def _why_weights(grading: Grading, member: Member, binding: Member) -> str:
    """What tipped a one-against-one: a record against a source when there is one; otherwise,
    for an implied value, the several sources it rests on ("Track records decide" with every
    record clean would name a reason that is not the one)."""
    sources = {*member.sources, *binding.sources}
    if _only_claim_count_decides(grading, member, binding):
        return message("claims-decide", records=_records(grading, [member, binding]))
    records = [grading.record(s) for s in sources]
    others = binding.sources - member.sources
    if binding.derived and len(others) > len(member.sources) and not any(r and r.outside for r in records):
        named = ", ".join(sorted(others))
        return message("sources-decide", count=len(others), sources=named, against=len(member.sources))
    return message("weights-decide", records=_records(grading, [member, binding]))


def _only_claim_count_decides(grading: Grading, member: Member, binding: Member) -> bool:
    """A stated figure against an implied one, with nothing between their sources (one source, or
    sources of one kind with no record yet): the implied value lost only for resting on more claims."""
    if not (member.derived or binding.derived):
        return False
    sources = member.sources | binding.sources
    if len(sources) == 1:
        return True
    records = [grading.record(s) for s in sources]
    return all(r is not None and not r.judged for r in records) and len({r.kind for r in records if r}) == 1


def _records(grading: Grading, members: Sequence[Member]) -> str:
    """ "seed-003 was outside consensus in 3 of 3 claims; seed-004 in 0 of 4" """
    sources = list(dict.fromkeys(s for m in members for s in sorted(m.sources)))
    parts = []
    for source in sources:
        record = grading.record(source)
        if record is None:
            continue
        name = f"{source} (a reference)" if record.kind == "reference" else source
        if not record.judged:
            parts.append(
                f"{name} has no record yet" + (", trusted as a reference" if record.kind == "reference" else "")
            )
        elif not any(" in " in p for p in parts):
            parts.append(f"{name} was {record.record}")
        else:
            parts.append(f"{name} in {record.outside} of {record.judged}")
    return "; ".join(parts)


def _no_majority(grading: Grading, group: Group, members: list[Member], consensus: Consensus) -> None:
    shared = set.intersection(*(set(r) for r in consensus.rivals))
    camps = [[members[i] for i in rival if i not in shared] for rival in consensus.rivals]
    camps = [c for c in camps if c]
    involved = [m for camp in camps for m in camp]
    parts = sorted(
        (Interval(max(m.interval.low for m in camp), min(m.interval.high for m in camp)) for camp in camps),
        key=lambda iv: iv.low,
    )
    pairs = list(itertools.pairwise(parts))
    gap, closest = min(((a.gap(b), (a, b)) for a, b in pairs), key=lambda x: x[0]) if pairs else (0.0, None)
    described = " vs ".join(
        " and ".join(f"{m.label} = {grading.show(m.interval, group)}" for m in camp) for camp in camps
    )
    shown_gap = _gap_text(gap, *closest, group) if closest else formatting.percent(gap)
    text = message("no-majority", where=grading.where(group.key), camps=described, gap=shown_gap)
    rule = _rule(involved)
    if rule == "derived-contradiction" and grading.faulty_arithmetic.intersection(m.id for m in involved):
        return  # one fault, one finding: the source's own arithmetic already names it
    if len({s for m in involved for s in m.sources}) > 1:
        text += " " + message("weights-undecided", records=_records(grading, involved))
    grading.add(
        rule,
        grading.severity(gap, group.key.projection),
        group.key,
        involved[:_MAX_SUBJECTS],
        text,
        gap,
        consensus.interval,
    )


def _bounded_positive(m: Member) -> bool:
    return m.point > 0 and math.isfinite(m.point) and m.interval.low > 0 and math.isfinite(m.interval.high)


def _spread(grading: Grading, group: Group, inside: Sequence[Member], centre: float) -> None:
    """A warning when the consensus members' points lie far apart (`_spread_of`)."""
    if len(inside) == 2:  # most groups: two points near each other, no lists
        a, b = inside
        if not (_bounded_positive(a) and _bounded_positive(b)):
            return
        if max(a.point, b.point) / min(a.point, b.point) - 1 <= grading.policy.spread_warning:
            return
    _spread_of(grading, group, inside, centre)


def _spread_of(grading: Grading, group: Group, inside: Sequence[Member], centre: float) -> None:
    """`_spread` of any number of members, with no shortcut for two."""
    # a member open at one end ("at least 100 million", "up to X", a value derived from one) has a
    # bound for its point, not an estimate: how far its point lies from the others says nothing
    positive = [
        m
        for m in inside
        if m.point > 0 and math.isfinite(m.point) and m.interval.low > 0 and math.isfinite(m.interval.high)
    ]  # `_bounded_positive`, inline: a group may hold thousands
    if len(positive) < 2:
        return
    points = [m.point for m in positive]
    lowest, highest = min(points), max(points)
    spread = highest / lowest - 1
    if spread <= grading.policy.spread_warning:
        return
    low, high = positive[points.index(lowest)], positive[points.index(highest)]  # the first of each
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
    # the end farther from the best estimate is the likelier to be off (an implied value: its weakest operand)
    far = max((low, high), key=lambda m: abs(math.log(m.point / centre)) if centre > 0 else 0.0)
    culprit, rivals = _blame(grading, far)
    if culprit is None:  # nothing singles out one claim: both ends are the rivals
        claims = grading.graph.claims
        ends = [c for c in (*low.leaves, *high.leaves) if c in claims and not claims[c].is_reference]
        rivals = tuple(dict.fromkeys(ends))
    grading.add("value-spread", severity, group.key, [low, high], text, spread, None, culprit=culprit, rivals=rivals)
