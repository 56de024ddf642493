"""The heaviest set of intervals that can all be true together, found by one sweep.

Intervals on a line share a common point exactly when they pairwise overlap, so
the largest consistent set is the deepest point of the sweep: O(n log n), not
all pairs. Each interval may carry a weight (its source's reliability, see
`reliability.py`); unweighted, every interval counts 1 and the deepest point is
the largest set. When a rival region — one holding an interval outside the
winner — comes within `margin` of the winner's weight, nothing decides: the
consensus is the whole disputed range and the rivals are listed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import NamedTuple

from ..model import Interval

__all__ = [
    "Consensus",
    "common_part",
    "consensus_of_one",
    "deepest_sets",
    "find_consensus",
    "point_inside",
    "weighted_median",
]

# At equal coordinates, order events so that openness decides touching ends:
# an open end closes before a closed start opens; a closed start opens before a
# closed end closes (so [a, x] and [x, b] share x); an open start opens last.
_OPEN_END, _CLOSED_START, _CLOSED_END, _OPEN_START = -1, 0, 1, 2
_MAX_RIVALS = 16  # beyond this many tied regions the dispute is reported as one range
_EPSILON = 1e-9  # sums of float weights that differ by less than this (relatively) are equal


class Consensus(NamedTuple):
    """A group's heaviest consistent set. A named tuple, not a frozen dataclass: a check makes
    one or more per group (more than 100,000 in a big repo), and a tuple is built in C."""

    members: tuple[int, ...]  # indices of the heaviest consistent set (all rivals' members when tied)
    interval: Interval  # their common part, or the hull of the rivals' common parts when tied
    point: float  # weighted median of the members' points, inside `interval`
    rivals: tuple[tuple[int, ...], ...] = ()  # the tied sets, when nothing decides
    weight: float = 0.0  # support of the winning region (its members' weights)
    rival_weight: float = 0.0  # support of the strongest region holding a member outside the winner
    by_weight: bool = False  # decided by the weights where a plain count would not have

    @property
    def has_majority(self) -> bool:
        return not self.rivals


@dataclass(frozen=True, slots=True)
class _Sweep:
    """Events in order, each interval's start and end position, and the weight after each event."""

    depth: list[float]
    start_pos: list[int]
    end_pos: list[int]
    tops: list[int]  # positions of local tops: a start directly followed by an end

    def members_at(self, pos: int) -> tuple[int, ...]:
        return tuple(i for i in range(len(self.start_pos)) if self.start_pos[i] <= pos < self.end_pos[i])

    def best_within(self, i: int) -> float:
        """The heaviest point inside interval i."""
        return max(self.depth[self.start_pos[i] : self.end_pos[i]])

    def best_within_any(self, indices: Sequence[int]) -> float:
        """The heaviest point inside any of the intervals: max(best_within(i) for i in indices),
        in one pass over the events instead of one slice per interval (a group of thousands
        with thousands outside its consensus)."""
        if len(indices) < 8:
            return max(self.best_within(i) for i in indices)
        opened = [0] * (len(self.depth) + 1)
        for i in indices:
            opened[self.start_pos[i]] += 1
            opened[self.end_pos[i]] -= 1
        covering = 0
        best = -math.inf
        for pos, depth in enumerate(self.depth):
            covering += opened[pos]
            if covering > 0 and depth > best:
                best = depth
        return best


def _sweep(intervals: Sequence[Interval], weights: Sequence[float]) -> _Sweep:
    events = []
    for i, iv in enumerate(intervals):
        events.append((iv.low, _OPEN_START if iv.low_open else _CLOSED_START, i, True))
        events.append((iv.high, _OPEN_END if iv.high_open else _CLOSED_END, i, False))
    # by coordinate, then kind; ties of both are of different intervals, whose indices keep them in
    # the order they were added (what a stable sort on the first two gives), so the tuples sort as
    # they are, in C, with no key made per event (a group of 50,000 claims sorts 100,000 events)
    events.sort()
    depth: list[float] = []
    start_pos = [0] * len(intervals)
    end_pos = [0] * len(intervals)
    tops: list[int] = []
    running = 0.0
    previous_start = False
    for pos, (_, _, i, is_start) in enumerate(events):
        if is_start:
            running += weights[i]
            start_pos[i] = pos
        else:
            running -= weights[i]
            end_pos[i] = pos
            if previous_start:
                tops.append(pos - 1)
        previous_start = is_start
        depth.append(running)
    return _Sweep(depth, start_pos, end_pos, tops)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= _EPSILON * max(1.0, abs(a), abs(b))


def deepest_sets(intervals: Sequence[Interval], weights: Sequence[float] | None = None) -> list[tuple[int, ...]]:
    """Every heaviest set of mutually overlapping intervals (one per heaviest region)."""
    if not intervals:
        return []
    sweep = _sweep(intervals, weights or [1.0] * len(intervals))
    if not sweep.tops:  # only empty intervals
        return []
    best = max(sweep.depth[p] for p in sweep.tops)
    peaks = [p for p in sweep.tops if _same(sweep.depth[p], best)][:_MAX_RIVALS]
    return [sweep.members_at(p) for p in peaks]


def common_part(intervals: Sequence[Interval]) -> Interval | None:
    """The points every interval shares, or None."""
    common: Interval | None = intervals[0]
    for iv in intervals[1:]:
        if common is None:
            return None
        common = common.intersect(iv)
    return common


def weighted_median(points: Sequence[float], weights: Sequence[float]) -> float:
    """The point with half the weight on either side (the plain median when weights are equal):
    robust, so one wild value — orders of magnitude off — cannot drag it."""
    if len(points) == 1:  # half of a big repo's groups hold one claim: its point, whatever its weight
        return points[0]
    if len(points) == 2:  # most of the rest hold two: no list of pairs, no loop
        return _median_of_two(points[0], points[1], weights[0], weights[1])
    return _weighted_median(points, weights)


def _weighted_median(points: Sequence[float], weights: Sequence[float]) -> float:
    """`weighted_median` of any number of points, with no shortcut for one or two."""
    pairs = sorted(zip(points, weights, strict=True))
    total = sum(w for _, w in pairs)
    if total <= 0:
        pairs = [(p, 1.0) for p, _ in pairs]
        total = float(len(pairs))
    half = total / 2
    running = 0.0
    for k, (point, weight) in enumerate(pairs):
        running += weight
        # _same(running, half), inline: this runs for every member of every group
        if abs(running - half) <= _EPSILON * max(1.0, abs(running), abs(half)) and k + 1 < len(pairs):
            return (point + pairs[k + 1][0]) / 2
        if running > half:
            return point
    return pairs[-1][0]


def _median_of_two(a: float, b: float, weight_a: float, weight_b: float) -> float:
    """`weighted_median` of two points, step for step: the two in the order `sorted` puts them
    (by point, then weight), the total as `sum` adds it, then the first one's weight against half."""
    if b < a or (b == a and weight_b < weight_a):
        a, b, weight_a, weight_b = b, a, weight_b, weight_a
    total = 0.0 + weight_a + weight_b
    if total <= 0:  # every weight nothing: a plain median, the middle of the two
        return (a + b) / 2
    half = total / 2
    running = 0.0 + weight_a
    if abs(running - half) <= _EPSILON * max(1.0, abs(running), abs(half)):
        return (a + b) / 2
    return a if running > half else b


def consensus_of_one(interval: Interval, point: float, weight: float = 1.0) -> Consensus:
    """The consensus of one non-empty interval, which agrees with itself: `find_consensus` of it,
    without the lists (half of a big repo's groups hold one claim)."""
    return Consensus(_ONE, interval, point_inside(point, interval), (), weight + 0.0, 0.0)


_ONE = (0,)


def find_consensus(
    intervals: Sequence[Interval],
    points: Sequence[float],
    weights: Sequence[float] | None = None,
    margin: float = 0.0,
    votes: Sequence[float] | None = None,
) -> Consensus:
    """The consensus of a group: its heaviest consistent set, or the disputed range when a rival
    region comes within `margin` of it (unweighted: when two regions are equally deep).

    `votes` are the plain counts the weights are compared with (1 each, or a share of one
    voice when a source makes several claims in the group): `by_weight` says the weights
    decided where the count alone would not have."""
    if len(intervals) == 2:
        common = intervals[0].intersect(intervals[1])
        if common is not None:  # two that agree (most groups of more than one): no lists, no sweep
            if weights is None:
                point = _median_of_two(points[0], points[1], 1.0, 1.0)
                return Consensus(_BOTH, common, point_inside(point, common), (), 2.0, 0.0)
            weight_a, weight_b = weights[0], weights[1]
            point = _median_of_two(points[0], points[1], weight_a, weight_b)
            return Consensus(_BOTH, common, point_inside(point, common), (), 0.0 + weight_a + weight_b, 0.0)
    return _find_consensus(intervals, points, weights, margin, votes)


_BOTH = (0, 1)


def _find_consensus(
    intervals: Sequence[Interval],
    points: Sequence[float],
    weights: Sequence[float] | None,
    margin: float,
    votes: Sequence[float] | None,
) -> Consensus:
    """`find_consensus` of any number of intervals, with no shortcut for two."""
    if len(intervals) == 1 and not intervals[0].is_empty:
        return consensus_of_one(intervals[0], points[0], weights[0] if weights is not None else 1.0)
    empty = [i for i, iv in enumerate(intervals) if iv.is_empty]
    if empty:  # an interval with no point agrees with nothing: decide among the others
        return _without(empty, intervals, points, weights, margin, votes)
    unit = [1.0] * len(intervals)
    weighted = weights is not None
    w = weights if weights is not None else unit  # read, never changed: no copy
    everyone = common_part(intervals)
    if everyone is not None:  # the common case: all agree, no sweep needed
        point = point_inside(weighted_median(points, w), everyone)  # `_point` of every member
        return Consensus(tuple(range(len(intervals))), everyone, point, (), sum(w), 0.0)
    sweep = _sweep(intervals, w)
    best_top = max(sweep.tops, key=lambda p: (sweep.depth[p], -p))
    best = sweep.depth[best_top]
    winner = sweep.members_at(best_top)
    inside = set(winner)
    outside = [i for i in range(len(intervals)) if i not in inside]
    rival = sweep.best_within_any(outside) if outside else 0.0
    tied = _same(rival, best) or (weighted and best - rival < margin and bool(outside))
    if not tied:
        interval = common_part([intervals[i] for i in winner])
        assert interval is not None  # a deepest region is a common point
        by_weight = weighted and not _count_decides(intervals, votes or unit, winner, outside)
        return Consensus(winner, interval, _point(winner, points, w, interval), (), best, rival, by_weight)
    floor = min(best - margin, rival) if weighted else best
    peaks = [p for p in sweep.tops if sweep.depth[p] >= floor - _EPSILON * max(1.0, abs(floor))]
    sets = list(dict.fromkeys(sweep.members_at(p) for p in peaks[: 4 * _MAX_RIVALS]))
    masks = [_bits(s, len(intervals)) for s in sets]  # a proper subset of another tied set is no rival
    sets = [s for s, m in zip(sets, masks, strict=True) if not any(m & t == m and m != t for t in masks)]
    sets = sets[:_MAX_RIVALS]
    parts = [common_part([intervals[i] for i in s]) for s in sets]
    hull = reduce(Interval.hull, [p for p in parts if p is not None])
    members = tuple(sorted({i for s in sets for i in s}))
    return Consensus(members, hull, _point(members, points, w, hull), tuple(sets), best, rival)


def _bits(members: Sequence[int], size: int) -> int:
    """A set of indices as the bits of one integer: subset tests in C, a few kilobytes per set where
    a set object of 50,000 members takes two megabytes (a big group may tie dozens of sets)."""
    bits = bytearray(size // 8 + 1)
    for i in members:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


def _without(
    empty: list[int],
    intervals: Sequence[Interval],
    points: Sequence[float],
    weights: Sequence[float] | None,
    margin: float,
    votes: Sequence[float] | None,
) -> Consensus:
    """The consensus of the non-empty intervals, in the caller's indices."""
    keep = [i for i in range(len(intervals)) if i not in set(empty)]
    if not keep:
        every = tuple(range(len(intervals)))
        hull = reduce(Interval.hull, intervals)
        return Consensus(every, hull, min(max(points[0], hull.low), hull.high), tuple((i,) for i in every))
    inner = find_consensus(
        [intervals[i] for i in keep],
        [points[i] for i in keep],
        [weights[i] for i in keep] if weights is not None else None,
        margin,
        [votes[i] for i in keep] if votes is not None else None,
    )

    def back(ids: Sequence[int]) -> tuple[int, ...]:
        return tuple(keep[i] for i in ids)

    return Consensus(
        back(inner.members),
        inner.interval,
        inner.point,
        tuple(back(r) for r in inner.rivals),
        inner.weight,
        inner.rival_weight,
        inner.by_weight,
    )


def _count_decides(
    intervals: Sequence[Interval], votes: Sequence[float], winner: tuple[int, ...], outside: list[int]
) -> bool:
    """Whether a plain count of votes would also prefer the winner over every outsider."""
    if not outside:
        return True
    sweep = _sweep(intervals, votes)
    count = sum(votes[i] for i in winner)
    return sweep.best_within_any(outside) < count - _EPSILON


def _point(members: Sequence[int], points: Sequence[float], weights: Sequence[float], interval: Interval) -> float:
    """The weighted median of the members' points; when it falls outside their common part (rounded
    figures outvoting a precise one they agree with), the middle of that part, not its edge."""
    return point_inside(weighted_median([points[i] for i in members], [weights[i] for i in members]), interval)


def point_inside(point: float, interval: Interval) -> float:
    """A point as the consensus states it: itself inside the interval, else the interval's middle
    (or its nearer end when the interval is unbounded)."""
    if interval.low <= point <= interval.high:
        return point
    if math.isfinite(interval.low) and math.isfinite(interval.high):
        return interval.midpoint
    return min(max(point, interval.low), interval.high)
