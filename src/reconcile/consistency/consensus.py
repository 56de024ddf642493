"""The largest set of intervals that can all be true together, found by one sweep.

Intervals on a line share a common point exactly when they pairwise overlap, so
the largest consistent set is the deepest point of the sweep: O(n log n), not
all pairs. When several disjoint regions reach the same depth there is no
majority, and the consensus is the whole disputed range.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from ..model import Interval

# At equal coordinates, order events so that openness decides touching ends:
# an open end closes before a closed start opens; a closed start opens before a
# closed end closes (so [a, x] and [x, b] share x); an open start opens last.
_OPEN_END, _CLOSED_START, _CLOSED_END, _OPEN_START = -1, 0, 1, 2
_MAX_RIVALS = 16  # beyond this many tied regions the dispute is reported as one range


@dataclass(frozen=True, slots=True)
class Consensus:
    members: tuple[int, ...]  # indices of the largest consistent set (all rivals' members when tied)
    interval: Interval  # their common part, or the hull of the rivals' common parts when tied
    point: float  # median of the members' points
    rivals: tuple[tuple[int, ...], ...] = ()  # the tied sets, when there is no majority

    @property
    def has_majority(self) -> bool:
        return not self.rivals


def _events(intervals: Sequence[Interval]) -> list[tuple[float, int, int, bool]]:
    events = []
    for i, iv in enumerate(intervals):
        events.append((iv.low, _OPEN_START if iv.low_open else _CLOSED_START, i, True))
        events.append((iv.high, _OPEN_END if iv.high_open else _CLOSED_END, i, False))
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def deepest_sets(intervals: Sequence[Interval]) -> list[tuple[int, ...]]:
    """Every maximal-depth set of mutually overlapping intervals (one per deepest region)."""
    if not intervals:
        return []
    events = _events(intervals)
    depth = best = 0
    peaks: list[int] = []  # event positions where a deepest region begins
    for pos, (_, _, _, is_start) in enumerate(events):
        if is_start:
            depth += 1
            if depth > best:
                best, peaks = depth, [pos]
            elif depth == best:
                peaks.append(pos)
        else:
            depth -= 1
    start_pos = [0] * len(intervals)
    end_pos = [0] * len(intervals)
    for pos, (_, _, i, is_start) in enumerate(events):
        if is_start:
            start_pos[i] = pos
        else:
            end_pos[i] = pos
    if len(peaks) > _MAX_RIVALS:
        peaks = peaks[:_MAX_RIVALS]
    return [tuple(i for i in range(len(intervals)) if start_pos[i] <= peak < end_pos[i]) for peak in peaks]


def common_part(intervals: Sequence[Interval]) -> Interval | None:
    """The points every interval shares, or None."""
    common: Interval | None = intervals[0]
    for iv in intervals[1:]:
        if common is None:
            return None
        common = common.intersect(iv)
    return common


def find_consensus(intervals: Sequence[Interval], points: Sequence[float]) -> Consensus:
    """The consensus of a group: its largest consistent set, or the disputed range when tied."""
    sets = deepest_sets(intervals)
    if len(sets) == 1:
        members = sets[0]
        interval = common_part([intervals[i] for i in members])
        assert interval is not None  # a deepest region is a common point
        return Consensus(members, interval, statistics.median(points[i] for i in members))
    parts = [common_part([intervals[i] for i in s]) for s in sets]
    hull = reduce(Interval.hull, [p for p in parts if p is not None])
    members = tuple(sorted({i for s in sets for i in s}))
    return Consensus(members, hull, statistics.median(points[i] for i in members), rivals=tuple(sets))
