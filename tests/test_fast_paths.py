"""Fast paths give exactly what the plain computation gives: the value reader's caches, the
Value (or the error) of a reading from scratch; the consensus sweep's one-pass rival search and
bit-set subset tests, the per-interval maxima and set comparisons they replace.

A big repo's values repeat their tails ("million people", "cameras per square mile") with
different numbers, so the reader keeps each tail's reading and each value string's Value.
These properties read sequences of values that share tails — the numbers, qualifiers and
scales varying — through the caches, and compare every result with a reading that uses none.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reconcile.values as values
from reconcile.consistency import consensus
from reconcile.errors import UnitError, ValueParseError
from reconcile.model import Interval, Policy, Value
from reconcile.units import get_units
from reconcile.values._amount import _read_amount, _read_head
from reconcile.values._readings import _build
from reconcile.values._tail import _read_tail
from reconcile.values._vocabulary import _clean

UNITS = get_units(None)


def from_scratch(text: str, policy: Policy) -> Value:
    """`parse_value` with no cache anywhere: every step of the reader, once."""
    s = _clean(text)
    if not s:
        raise ValueParseError("the value is empty")
    head = _read_head(s)
    amount, end = _read_amount(s, head.end, policy)
    part = _read_tail(s[end:].strip(), UNITS, policy, whole=s, amount=amount, head=head)
    return _build(text.strip(), head.qualifier, head.bound, amount, part, UNITS, policy)


def outcome(read, text: str, policy: Policy) -> tuple[str, object]:
    try:
        return "value", read(text, policy)
    except (ValueParseError, UnitError) as problem:
        return type(problem).__name__, str(problem)


def cached(text: str, policy: Policy) -> Value:
    return values.parse_value(text, units=UNITS, policy=policy)


def clear_caches() -> None:
    values.clear_caches()


numbers = st.one_of(
    st.integers(min_value=0, max_value=10**13).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**9).map(str),
    st.decimals(min_value="0", max_value="1e7", places=3, allow_nan=False, allow_infinity=False).map(
        lambda d: format(d, "f")
    ),
    st.sampled_from(["one", "seven", "a quarter", "1.2e6", "-3", "+8.5", "2.5×10^6", "1234567.1234567891"]),
)
qualifiers = st.sampled_from(["", "about ", "over ", "nearly ", "an estimated ", "up to ", "roughly ", "fell "])
scales = st.sampled_from(["", " million", " billion", " thousand", "m", " bn"])
tails = st.sampled_from(
    [
        " people",
        " cameras",
        " square miles",
        " road deaths",
        " cameras per 1,000 people",
        " cameras per square mile",
        " camera for every 482 people",
        " per 1,000 people",
        " percent",
        "%",
        " percent of cameras",
        " percent rise",
        " percentage points",
        " GDP",
        " USD",
        " dollars a year",
        "",
        " gizmos",
    ]
)
money = st.sampled_from(["", "", "", "$", "€", "USD "])
value_text = st.builds(lambda q, c, n, s, t: f"{q}{c}{n}{s}{t}", qualifiers, money, numbers, scales, tails)


@settings(max_examples=300, deadline=None)
@given(st.lists(value_text, min_size=1, max_size=12), st.sampled_from([Policy(), Policy(about_min_relative=0.1)]))
def test_cached_reading_is_the_reading_from_scratch(texts, policy):
    clear_caches()
    # read in order through the caches (the later ones meet tails the earlier ones left), then again
    first = [outcome(cached, t, policy) for t in texts]
    again = [outcome(cached, t, policy) for t in texts]
    assert first == again
    assert first == [outcome(from_scratch, t, policy) for t in texts]


def test_a_tail_read_for_one_number_serves_another_exactly():
    clear_caches()
    a = cached("8.76 million people", Policy())
    b = cached("about 13.1 million people", Policy())
    assert (a, b) == (
        from_scratch("8.76 million people", Policy()),
        from_scratch("about 13.1 million people", Policy()),
    )
    assert len(values._TAILS) == 1  # one tail, "people", read once


def test_an_error_is_never_kept():
    clear_caches()
    for _ in range(2):
        with pytest.raises(ValueParseError, match="627 70 cameras"):
            cached("627 70 cameras", Policy())
    assert not any(values._SEEN.values())
    with contextlib.suppress(ValueParseError, UnitError):
        cached("5 flurbs", Policy())
    assert not any(values._SEEN.values())


# --------------------------------------------------------------------------- consensus


intervals = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40), st.booleans(), st.booleans()).map(
        lambda t: Interval(min(t[0], t[1]), max(t[0], t[1]) + 1, t[2], t[3])
    ),
    min_size=1,
    max_size=40,
)


@given(intervals, st.data())
def test_the_strongest_rival_region_in_one_pass_is_the_max_over_each_interval(ivs, data):
    weights = data.draw(st.lists(st.floats(0.05, 9.0), min_size=len(ivs), max_size=len(ivs)))
    sweep = consensus._sweep(ivs, weights)
    chosen = data.draw(st.lists(st.integers(0, len(ivs) - 1), min_size=1, max_size=len(ivs), unique=True))
    assert sweep.best_within_any(chosen) == max(sweep.best_within(i) for i in chosen)


@given(st.lists(st.frozensets(st.integers(0, 99), min_size=1), min_size=1, max_size=12, unique=True))
def test_tied_sets_as_bits_are_subsets_exactly_when_as_sets(sets):
    tuples = [tuple(sorted(s)) for s in sets]
    masks = [consensus._bits(t, 100) for t in tuples]
    for s, m in zip(sets, masks, strict=True):
        for t, n in zip(sets, masks, strict=True):
            assert (m & n == m and m != n) == (s < t)
