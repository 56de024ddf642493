"""The graph's and grading's shortcuts for small groups give exactly what the general routines give.

Most groups of a big repo hold one or two members, so the consensus of two intervals, the weighted
median of two points (and what grading builds from them) take shortcuts around the general sweep
and its lists. These properties draw small groups — touching and open ends, empty intervals,
equal points, equal, zero and nearly equal weights — and compare each shortcut with the general
routine it stands for, field by field (repr: −0.0 apart from 0.0).
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile import formatting
from reconcile.consistency import consensus, estimates, findings, groups, outliers, reliability
from reconcile.consistency.findings import Grading, Member
from reconcile.consistency.graph import ClaimGraph
from reconcile.consistency.groups import Group, GroupKey, group_claims
from reconcile.model import Claim, Interval, Location, Measure, Period, Policy, Source, SourceKind, Value
from reconcile.units import get_units
from reconcile.values import parse_value

ends = st.one_of(
    st.integers(-3, 12).map(float),
    st.sampled_from([0.5, 1e-9, 6.0000000001, 1e15, -0.0]),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = sorted((draw(ends), draw(ends)))
    if draw(st.booleans()):  # a point, or an empty interval when an end is open
        b = a
    if draw(st.integers(0, 9)) == 0:
        b = math.inf
    return Interval(a, b, draw(st.booleans()), draw(st.booleans()) and math.isfinite(b))


points = st.one_of(st.sampled_from([0.0, -0.0, 1.0, 2.0, 5.5, math.inf, -math.inf]), ends)
weights = st.one_of(  # equal, nearly equal (within the median's 1e-9), nothing, and any
    st.sampled_from([0.0, 0.05, 0.5, 1.0, 2.0, 9.0, 1.0 + 1e-10, 1.0 - 1e-10, 1.0 + 1e-8]),
    st.floats(0.0, 9.0, allow_nan=False),
)


@settings(max_examples=800, deadline=None)
@given(st.tuples(points, points), st.tuples(weights, weights))
def test_the_weighted_median_of_two_is_the_general_ones(two, their_weights):
    fast = consensus.weighted_median(list(two), list(their_weights))
    assert repr(fast) == repr(consensus._weighted_median(list(two), list(their_weights)))


@settings(max_examples=800, deadline=None)
@given(
    st.lists(intervals(), min_size=2, max_size=2),
    st.lists(points, min_size=2, max_size=2),
    st.one_of(st.none(), st.lists(weights, min_size=2, max_size=2)),
    st.sampled_from([0.0, math.log(1.8)]),
    st.one_of(st.none(), st.sampled_from([[1.0, 1.0], [0.5, 0.5]])),
)
def test_the_consensus_of_two_is_the_general_ones(two, their_points, their_weights, margin, votes):
    fast = consensus.find_consensus(two, their_points, their_weights, margin, votes)
    general = consensus._find_consensus(two, their_points, their_weights, margin, votes)
    assert repr(fast) == repr(general)
    assert [type(x) for x in fast] == [type(x) for x in general]


# --------------------------------------------------------------------------- reliability

_SOURCES = [Source("census", kind=SourceKind.REFERENCE), *(Source(f"paper-{i}") for i in range(6))]
_FIGURES = [
    "8.8 million people",
    "about 8.8 million people",
    "8.80 million people",
    "over 9 million people",
    "nearly 8.9 million people",
    "13.2 million people",
    "about 13 million people",
    "roughly 5 million people",
]
_UNITS = get_units(None)
_YEAR = Period(date(2020, 1, 1), date(2020, 12, 31), "2020")
_MONTH = Period(date(2020, 3, 1), date(2020, 3, 31), "March 2020")


def _counted_claim_by_claim(judge: reliability.Judge, weights, priors) -> dict[str, list[int]]:
    """`Judge.counts` as it was: every claim of the group looked at for every judged source."""
    status = dict(judge.agreed)
    for group in judge.contested:
        for source, members in reliability._judged(group, weights, priors):
            for i, claim in enumerate(group.claims):
                if claim.source.id == source and (claim.id not in status or i not in members):
                    status[claim.id] = (source, i in members)
    counts: dict[str, list[int]] = {}
    for sid, inside in status.values():
        counts.setdefault(sid, [0, 0])[0 if inside else 1] += 1
    return counts


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Lagos", "Accra"]),
            st.integers(0, len(_SOURCES) - 1),
            st.sampled_from(_FIGURES),
            st.sampled_from([None, None, _YEAR, _MONTH]),  # an undated claim joins its year's group
        ),
        min_size=2,
        max_size=30,
    ),
    st.lists(st.floats(0.05, 9.0), min_size=len(_SOURCES), max_size=len(_SOURCES)),
)
def test_each_sources_claims_are_judged_as_when_every_claim_was_looked_at(drawn, drawn_weights):
    claims = [
        Claim(f"{_SOURCES[s].id}/c{n}", _SOURCES[s], city, city, _value(text), Location("x.yaml", n), period=when)
        for n, (city, s, text, when) in enumerate(drawn)
    ]
    judge = reliability.Judge(group_claims(claims).values())
    weights = {src.id: w for src, w in zip(_SOURCES, drawn_weights, strict=True)}
    priors = {src.id: reliability.weight_of(2 / 3) for src in _SOURCES}
    for day in (weights, priors):
        assert judge.counts(day, priors) == _counted_claim_by_claim(judge, day, priors)


def _value(text: str) -> Value:
    return parse_value(text, units=_UNITS, policy=Policy())


# --------------------------------------------------------------------------- grading a group of two

_PEOPLE, _CAMERAS = Measure("person"), Measure("camera")
_RECORDS = {
    s.id: reliability.posterior(s, 6, inside, 6 - inside)
    for s, inside in zip(_SOURCES, [0, 1, 3, 5, 6, 2, 4], strict=True)
}  # paper-5 has none: a source with no record weighs as an unknown article


def _grading() -> Grading:
    graph = ClaimGraph({}, (), (), (), {}, _UNITS, Policy(), reliability=_RECORDS)
    return Grading(graph)


@st.composite
def members(draw: st.DrawFn, n: int) -> Member:
    sources = [*_RECORDS, "paper-9"]
    interval = draw(intervals())
    point = draw(points)
    if draw(st.booleans()):  # a derived value: its operands' sources and measures
        operands = tuple(
            (draw(st.sampled_from(sources)), draw(st.sampled_from([_PEOPLE, _CAMERAS])))
            for _ in range(draw(st.integers(1, 3)))
        )
        leaves = tuple(f"{s}/c{k}" for k, (s, _) in enumerate(operands))
        return Member(f"d{n}", interval, point, leaves, frozenset(s for s, _ in operands), None, True, operands, point)
    source = draw(st.sampled_from(sources))
    cid = f"{source}/c{n}"
    return Member(cid, interval, point, (cid,), frozenset((source,)), None, False, (), point)


def _weighed_one_by_one(grading: Grading, two: list[Member]) -> tuple[list[float], list[float]]:
    """`Grading.weigh` as it was: voices counted, each member's trust worked out."""
    voices = [m.sources if m.derived else next(iter(m.sources)) for m in two]
    votes = [1.0 / voices.count(v) for v in voices]
    return [reliability.weight_of(grading.trust(m)) * v for m, v in zip(two, votes, strict=True)], votes


def _votes_sorted(two: list[Member], chosen: tuple[int, ...], weights: list[float]):
    ranked = sorted(range(len(two)), key=lambda i: (-weights[i], two[i].id))
    return tuple((two[i].id, weights[i], i in chosen) for i in ranked)


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_a_group_of_two_is_weighed_and_estimated_as_any_group(data):
    two = [data.draw(members(0)), data.draw(members(1))]
    grading = _grading()
    for _ in range(2):  # the second time, from the weights kept
        weights, votes = grading.weigh(two)
        assert repr((weights, votes)) == repr(_weighed_one_by_one(grading, two))
    chosen = data.draw(st.sampled_from([(0,), (1,), (0, 1)]))
    assert estimates._votes(two, _Chosen(chosen), weights) == _votes_sorted(two, chosen, weights)
    group = _group_of(two)
    found = consensus.find_consensus([m.interval for m in two], [m.centre for m in two], weights)
    made = estimates.estimate(group, two, found, weights)
    inside = [two[i] for i in found.members]
    assert made.claims == tuple(dict.fromkeys(c for m in inside for c in m.leaves))
    assert made.sources == len({s for m in inside for s in m.sources})


@settings(max_examples=600, deadline=None)
@given(st.data(), st.sampled_from([0.0, 0.01, 0.25, 1.0]))
def test_two_points_far_apart_are_a_spread_as_in_any_group(data, warning):
    two = [data.draw(members(0)), data.draw(members(1))]
    shortcut, general = _grading(), _grading()
    shortcut.policy = general.policy = Policy(spread_warning=warning)
    group, centre = _group_of(two), data.draw(st.floats(-10.0, 1e7))  # a consensus point
    assert _outcome(outliers._spread, shortcut, group, two, centre) == _outcome(
        outliers._spread_of, general, group, two, centre
    )
    assert list(shortcut.findings.values()) == list(general.findings.values())


def _outcome(spread, *args) -> str:
    """Nothing, or the error raised (a point so small its ratio to the centre is 0 has no log)."""
    try:
        spread(*args)
    except (ArithmeticError, ValueError) as error:
        return repr(error)
    return ""


class _Chosen(NamedTuple):
    members: tuple[int, ...]


def _group_of(two: list[Member]) -> Group:
    key = GroupKey("Lagos", None, _PEOPLE, False, None)
    return Group(key, (), consensus.consensus_of_one(Interval(1.0, 2.0), 1.5), None, "person", None)


# --------------------------------------------------------------------------- interval division


def _divided_as_before(a: Interval, b: Interval) -> Interval:
    """`Interval.__truediv__` as it was written: a generator and a comprehension."""
    if all(math.isfinite(x) for x in (a.low, a.high, b.low, b.high)) and (b.low > 0 or b.high < 0):
        quotients = [x / y for x in (a.low, a.high) for y in (b.low, b.high)]
        return Interval(min(quotients), max(quotients))
    return a * b.reciprocal()


@settings(max_examples=800, deadline=None)
@given(intervals(), intervals())
def test_interval_division_is_as_it_was(a, b):
    assert repr(a / b) == repr(_divided_as_before(a, b))


# --------------------------------------------------------------------------- numbers in messages


def _sig_as_before(x: float, digits: int) -> str:
    """`formatting._sig` as it was: the format spec made per number, always grouping thousands."""
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    return f"{x:,.{decimals}f}"


@settings(max_examples=3000, deadline=None)
@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.floats(-2000, 2000),
        st.sampled_from([998.9999, 999.0, 999.4999, 999.5, 999.95, 999.9996, -999.5, 9999.5, 1e-40, 5e-324, 0.0]),
        st.integers(-(10**7), 10**7).map(lambda n: n / 100),
    ),
    st.integers(3, 6),
)
def test_significant_figures_are_written_as_before(x, digits):
    assert formatting._sig(x, digits) == _sig_as_before(x, digits)


@settings(max_examples=800, deadline=None)
@given(intervals(), intervals())
def test_intervals_overlap_when_they_have_a_common_part(a, b):
    assert a.overlaps(b) == (a.intersect(b) is not None) == b.overlaps(a)


def _sweep_as_before(ivs: list[Interval], their_weights: list[float]) -> consensus._Sweep:
    """`consensus._sweep` as it was: its events sorted by a key of coordinate and kind."""
    events = []
    for i, iv in enumerate(ivs):
        events.append((iv.low, consensus._OPEN_START if iv.low_open else consensus._CLOSED_START, i, True))
        events.append((iv.high, consensus._OPEN_END if iv.high_open else consensus._CLOSED_END, i, False))
    events.sort(key=lambda e: (e[0], e[1]))
    depth, start_pos, end_pos, tops = [], [0] * len(ivs), [0] * len(ivs), []
    running, previous_start = 0.0, False
    for pos, (_, _, i, is_start) in enumerate(events):
        if is_start:
            running += their_weights[i]
            start_pos[i] = pos
        else:
            running -= their_weights[i]
            end_pos[i] = pos
            if previous_start:
                tops.append(pos - 1)
        previous_start = is_start
        depth.append(running)
    return consensus._Sweep(depth, start_pos, end_pos, tops)


@settings(max_examples=500, deadline=None)
@given(st.lists(intervals(), min_size=1, max_size=12), st.data())
def test_the_sweeps_events_sort_as_they_did_by_coordinate_and_kind(ivs, data):
    their_weights = data.draw(st.lists(weights, min_size=len(ivs), max_size=len(ivs)))
    assert repr(consensus._sweep(ivs, their_weights)) == repr(_sweep_as_before(ivs, their_weights))


# --------------------------------------------------------------------------- groups and estimates of one or two claims


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [*_FIGURES, "over 5 million people", "167.1 square miles", "432.8 square kilometers", "about 430 km²"]
            ),
            st.sampled_from([None, "", "World", "Africa"]),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_a_group_of_one_or_two_claims_is_made_as_any_group(drawn):
    claims = tuple(
        Claim(f"paper-{n}/c", _SOURCES[n], "Lagos", "Lagos", _value(text), Location("x.yaml", n), of=of)
        for n, (text, of) in enumerate(drawn)
    )
    key = GroupKey("Lagos", None, _PEOPLE, False, None)
    group = groups._group(key, claims, None)
    general = consensus._find_consensus([c.interval for c in claims], [c.point for c in claims], None, 0.0, None)
    assert repr(group.consensus) == repr(general)
    assert group.display_unit == Counter(c.value.unit for c in claims).most_common(1)[0][0]
    assert group.of == next((c.of for c in claims if c.of), None)
    if len(claims) == 1 and not claims[0].interval.is_empty:
        one = consensus.consensus_of_one(claims[0].interval, findings.centre_of(claims[0].value))
        made = estimates.estimate_of_claim(group, claims[0])
        assert (repr(made.value), made.interval) == (repr(one.point), one.interval)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, len(_SOURCES) - 1), min_size=1, max_size=4),
    st.lists(st.floats(0.05, 9.0), min_size=len(_SOURCES), max_size=len(_SOURCES)),
)
def test_claims_are_weighed_by_source_as_by_a_count_of_sources(drawn, drawn_weights):
    claims = [
        Claim(f"{_SOURCES[s].id}/c{n}", _SOURCES[s], "Lagos", "Lagos", _value("8.8 million people"), Location("x", n))
        for n, s in enumerate(drawn)
    ]
    weights = {src.id: w for src, w in zip(_SOURCES[:-1], drawn_weights, strict=False)}  # the last has none
    per_source = Counter(c.source.id for c in claims)
    votes = [1.0 / per_source[c.source.id] for c in claims]
    expected = [weights.get(c.source.id, 1.0) * v for c, v in zip(claims, votes, strict=True)], votes
    assert repr(reliability.claim_weights(claims, weights)) == repr(expected)
