"""The sweep finds the largest set of intervals sharing a point — checked against brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.consistency.consensus import deepest_sets, find_consensus
from reconcile.model import Interval


def _brute_depth(intervals):
    best = 0
    for r in range(len(intervals), 0, -1):
        for subset in itertools.combinations(intervals, r):
            common = subset[0]
            for iv in subset[1:]:
                common = common.intersect(iv) if common else None
            if common is not None:
                return r
    return best


@st.composite
def intervals(draw):
    low = draw(st.integers(0, 20))
    width = draw(st.integers(0, 6))
    low_open = draw(st.booleans()) and width > 0
    high_open = draw(st.booleans()) and width > 0
    return Interval(float(low), float(low + width), low_open, high_open)


@settings(max_examples=300, deadline=None)
@given(st.lists(intervals(), min_size=1, max_size=7))
def test_sweep_depth_matches_brute_force(ivs):
    sets = deepest_sets(ivs)
    depth = _brute_depth(ivs)
    assert sets and all(len(s) == depth for s in sets)
    for s in sets:  # every reported set really shares a point
        common = ivs[s[0]]
        for i in s[1:]:
            common = common.intersect(ivs[i])
        assert common is not None


def test_uk_cameras_two_readings_of_5_9_million_outvote_over_6_million():
    more_than_5_9 = Interval(5.9e6, 6.0e6, low_open=True)  # seed-000 "more than 5.9 million"
    estimated_5_9 = Interval(5.85e6, 5.95e6)  # seed-001 "an estimated 5.9 million"
    over_6 = Interval(6e6, 7e6, low_open=True)  # seed-001 "over 6 million"
    consensus = find_consensus([more_than_5_9, estimated_5_9, over_6], [5.9e6, 5.9e6, 6e6])
    assert consensus.has_majority
    assert consensus.members == (0, 1)
    assert consensus.interval == Interval(5.9e6, 5.95e6, low_open=True)
    assert over_6.gap(consensus.interval) == 6e6 / 5.95e6 - 1


def test_two_disagreeing_claims_have_no_majority_and_the_disputed_range_is_the_hull():
    a, b = Interval(36.0, 38.0), Interval(186.5, 187.5)
    consensus = find_consensus([a, b], [37.0, 187.0])
    assert not consensus.has_majority
    assert consensus.rivals == ((0,), (1,))
    assert consensus.interval == Interval(36.0, 187.5)


def test_touching_closed_ends_agree_but_an_open_end_does_not():
    assert len(deepest_sets([Interval(1, 2), Interval(2, 3)])[0]) == 2
    assert len(deepest_sets([Interval(1, 2, high_open=True), Interval(2, 3)])[0]) == 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(intervals(), min_size=1, max_size=7),
    st.lists(st.floats(0.05, 6.0), min_size=7, max_size=7),
)
def test_weighted_consensus_is_a_consistent_set_heavier_than_any_rival(ivs, weights):
    weights = weights[: len(ivs)]
    points = [iv.midpoint for iv in ivs]
    consensus = find_consensus(ivs, points, weights, margin=0.5)
    assert consensus.interval.low <= consensus.point <= consensus.interval.high
    if consensus.has_majority:
        common = ivs[consensus.members[0]]
        for i in consensus.members[1:]:
            common = common.intersect(ivs[i])
        assert common is not None  # the winners can all be true together
        for s in deepest_sets(ivs, weights):  # no consistent set outweighs the winner by the margin
            assert sum(weights[i] for i in s) <= consensus.weight + 1e-9
        outside = [i for i in range(len(ivs)) if i not in consensus.members]
        assert all(consensus.weight - consensus.rival_weight >= 0.5 - 1e-9 for _ in outside)


@settings(max_examples=200, deadline=None)
@given(st.lists(intervals(), min_size=1, max_size=7))
def test_equal_weights_decide_as_a_plain_count(ivs):
    points = [iv.midpoint for iv in ivs]
    plain = find_consensus(ivs, points)
    weighted = find_consensus(ivs, points, [1.3] * len(ivs), margin=0.0)
    assert plain.members == weighted.members and plain.has_majority == weighted.has_majority
    assert not weighted.by_weight


def test_an_empty_interval_agrees_with_nothing_and_breaks_nothing():
    empty, other = Interval(5, 5, low_open=True), Interval(4, 7)
    assert empty.is_empty
    assert find_consensus([empty, other], [5, 6], [1, 1], margin=0.5).members == (1,)
    alone = find_consensus([empty, Interval(6, 6, high_open=True)], [5, 6])
    assert not alone.has_majority
