"""The value reader's caches give exactly the Value (or the error) a reading from scratch gives.

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
from reconcile.errors import UnitError, ValueParseError
from reconcile.model import Policy, Value
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
