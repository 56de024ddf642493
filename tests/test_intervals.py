"""Properties of model.Interval: sound arithmetic, set operations that agree with `contains`."""

import itertools
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reconcile.model import Interval

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
fraction = st.floats(min_value=0, max_value=1)


@st.composite
def intervals(draw, positive=False):
    a, b = draw(finite), draw(finite)
    if positive:
        a, b = abs(a) + 1e-3, abs(b) + 1e-3
    low, high = min(a, b), max(a, b)
    return Interval(low, high, draw(st.booleans()), draw(st.booleans()))


def member(iv: Interval, t: float) -> float:
    """A point of the closed interval, chosen by t in [0, 1]."""
    return min(max(iv.low + t * (iv.high - iv.low), iv.low), iv.high)


def probes(*ivs: Interval) -> list[float]:
    """Points that decide any question about these intervals: ends, their neighbours, midpoints."""
    ends = sorted({x for iv in ivs for x in (iv.low, iv.high)})
    pts = set(ends)
    for x in ends:
        pts.add(math.nextafter(x, math.inf))
        pts.add(math.nextafter(x, -math.inf))
    for x, y in itertools.pairwise(ends):
        pts.add((x + y) / 2)
    return sorted(pts)


# --------------------------------------------------------------------------- arithmetic is sound


@given(intervals(), intervals(), fraction, fraction)
def test_add_is_sound(a, b, s, t):
    x, y = member(a, s), member(b, t)
    assert (a + b).contains(x + y)


@given(intervals(), intervals(), fraction, fraction)
def test_sub_is_sound(a, b, s, t):
    x, y = member(a, s), member(b, t)
    assert (a - b).contains(x - y)


@given(intervals(), intervals(), fraction, fraction)
def test_mul_is_sound(a, b, s, t):
    x, y = member(a, s), member(b, t)
    assert (a * b).contains(x * y)


@given(intervals(), intervals(), fraction, fraction)
def test_div_is_sound(a, b, s, t):
    assume(not b.closed().contains(0.0))
    x, y = member(a, s), member(b, t)
    assert (a / b).contains(x / y)


@given(intervals(positive=True), fraction)
def test_reciprocal_is_sound(a, t):
    x = member(a, t)
    assert a.reciprocal().contains(1 / x)


def test_reciprocal_reaching_zero_is_unbounded():
    assert Interval(0, 2).reciprocal() == Interval(0.5, math.inf)
    assert Interval(-1, 1).reciprocal() == Interval(-math.inf, math.inf)


def test_division_by_an_interval_reaching_zero_is_unbounded_not_an_error():
    assert math.isinf((Interval(1, 2) / Interval(0, 1)).high)


def test_mixing_floats():
    assert Interval(1, 2) * 3 == Interval(3, 6)
    assert 3 * Interval(1, 2) == Interval(3, 6)
    assert Interval(1, 2) + 1 == Interval(2, 3)
    assert 1 / Interval(2, 4) == Interval(0.25, 0.5)


def test_unbounded_arithmetic_stays_defined():
    top = Interval(0, math.inf)
    assert (top - top) == Interval(-math.inf, math.inf)
    assert (top * Interval(0, 0)) == Interval(0, 0)


@given(intervals(positive=True), st.floats(min_value=1e-3, max_value=1e3), fraction)
def test_scale_keeps_membership_and_openness(a, k, t):
    scaled = a.scale(k)
    assert (scaled.low_open, scaled.high_open) == (a.low_open, a.high_open)
    x = member(a, t)
    if a.contains(x):
        assert scaled.closed().contains(x * k)


def test_scale_rejects_non_positive_factors():
    with pytest.raises(ValueError):
        Interval(1, 2).scale(0)


# --------------------------------------------------------------------------- set operations


@given(intervals(), intervals())
def test_intersect_agrees_with_contains(a, b):
    common = a.intersect(b)
    for x in probes(a, b):
        both = a.contains(x) and b.contains(x)
        if common is None:
            assert not both
        else:
            assert common.contains(x) == both


@given(intervals(), intervals())
def test_overlaps_is_symmetric_and_means_a_common_point(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(b) == any(a.contains(x) and b.contains(x) for x in probes(a, b))


@given(intervals(), intervals())
def test_hull_contains_both(a, b):
    h = a.hull(b)
    for x in probes(a, b):
        if a.contains(x) or b.contains(x):
            assert h.contains(x)
    assert h.low == min(a.low, b.low) and h.high == max(a.high, b.high)


@given(intervals(), intervals())
def test_gap_is_non_negative_and_zero_iff_overlapping(a, b):
    g = a.gap(b)
    assert g >= 0
    assert (g == 0) == a.overlaps(b)
    assert g == b.gap(a)


def test_openness_is_respected():
    over_six = Interval(6, 7, low_open=True)
    at_most_six = Interval(5.9, 6)
    assert not over_six.overlaps(at_most_six)
    assert over_six.intersect(at_most_six) is None
    assert 0 < over_six.gap(at_most_six) < 1e-9
    assert Interval(6, 7).overlaps(at_most_six)
    assert not over_six.contains(6) and over_six.contains(7)


def test_gap_is_relative_distance_between_nearest_ends():
    assert Interval(1, 2).gap(Interval(3, 4)) == pytest.approx(0.5)
    assert Interval(3, 4).gap(Interval(1, 2)) == pytest.approx(0.5)


def test_midpoint_of_half_lines_is_the_finite_end():
    assert Interval(5, math.inf).midpoint == 5
    assert Interval(-math.inf, 5).midpoint == 5
    assert Interval(2, 4).midpoint == 3


def test_bad_intervals_are_refused():
    with pytest.raises(ValueError):
        Interval(2, 1)
    with pytest.raises(ValueError):
        Interval(math.nan, 1)
