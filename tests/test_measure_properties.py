"""Properties: a derived value's point lies in its interval whatever its operands' points; the
misspelling check is exactly "one edit" (insert, delete, replace, swap neighbours)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.consistency.graph import build_graph
from reconcile.load.notices import one_edit_apart
from reconcile.model import Claim, Location, Policy, Source
from reconcile.units import get_units
from reconcile.values import parse_value

_SOURCE = Source("s")


def _claim(n: int, text: str) -> Claim:
    return Claim(f"s/c{n}", _SOURCE, "Atlantis", "Atlantis", parse_value(text), Location("s.yaml", n))


@settings(max_examples=60, deadline=None)
@given(
    cameras=st.lists(st.integers(1_000, 5_000_000), min_size=1, max_size=5),
    people=st.lists(st.integers(100_000, 50_000_000), min_size=1, max_size=5),
    about=st.booleans(),
)
def test_a_derived_point_lies_in_its_interval(cameras, people, about):
    qualifier = "about " if about else ""
    claims = [_claim(i, f"{qualifier}{c:,} cameras") for i, c in enumerate(cameras)]
    claims += [_claim(100 + i, f"{p:,} people") for i, p in enumerate(people)]
    claims.append(_claim(999, "3 cameras per 1,000 people"))
    graph = build_graph(claims, units=get_units(), policy=Policy())
    derived = [d for d in graph.derived if d.measure.unit == "camera / person"]
    assert derived or not graph.groups  # the rate always meets cameras ÷ people
    for d in derived:
        assert d.interval.low <= d.point <= d.interval.high


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, written out: the reference for one_edit_apart."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(st.text("abcn", max_size=7), st.text("abcn", max_size=7))
def test_one_edit_apart_is_distance_one(a, b):
    assert one_edit_apart(a, b) == (_osa(a, b) == 1)


def test_one_edit_apart_on_names():
    assert one_edit_apart("frnace", "france") and one_edit_apart("germny", "germany")
    assert not one_edit_apart("france", "france") and not one_edit_apart("spain", "japan")
