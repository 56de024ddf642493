"""The fast reading of the commonest value strings (values/_fast.py) gives what the general
reader gives: the same Value down to the sign of a zero end, or the same error, for strings in
and near its form ("about 667 cameras per square mile"), with its words, numbers and tails
varied; and it is taken for the forms a big repo is made of."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import reconcile.values as values
from reconcile.errors import UnitError, ValueParseError
from reconcile.model import Policy
from reconcile.units import get_units
from reconcile.values._fast import read_fast
from reconcile.values._vocabulary import _clean

UNITS = get_units(None)
POLICIES = [Policy(), Policy(about_min_relative=0.1), Policy(integer_trailing_zeros_significant=True)]


def general(text: str, policy: Policy) -> tuple[str, str]:
    """The general reader's outcome, as text: repr shows every field, and -0.0 apart from 0.0."""
    try:
        return "value", repr(values._read_value(_clean(text), text.strip(), UNITS, policy))
    except (ValueParseError, UnitError) as problem:
        return type(problem).__name__, str(problem)


def fast(text: str, policy: Policy) -> tuple[str, str] | None:
    try:
        value = read_fast(text, UNITS, policy)
    except (ValueParseError, UnitError) as problem:
        return type(problem).__name__, str(problem)
    return None if value is None else ("value", repr(value))


words = st.sampled_from(
    [
        "",
        "about ",
        "roughly ",
        "an estimated ",
        "over ",
        "nearly ",
        "at least ",
        "up to ",
        "at most ",
        "just over ",
        "a ",
        "the ",
        "a total of ",
        "some ",
        "a population of ",
        "an unemployment rate of ",
        "a GDP of about ",
        "grew ",
        "fell ",
        "rose by ",
        "between ",
        "from ",
        "half ",
        "a quarter ",
        "about nearly ",
        "over under ",
        "USD ",
        "Rs ",
        "record ",
        "a record ",
        "one ",
    ]
)
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**16).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**18).map(str),
    st.decimals(min_value="0", max_value="1e9", places=4, allow_nan=False, allow_infinity=False).map(
        lambda d: format(d, "f")
    ),
    st.sampled_from(["0", "1", "00", "007", "1.0", "0.0", "1,000", "12,34,567", "1234,567", "1,23", "9" * 40]),
    st.sampled_from(["1234567.1234567891", "123456789012345678", "0.000000000000000001", "5" * 101]),
)
tails = st.sampled_from(
    [
        "cameras",
        "people",
        "square miles",
        "million people",
        "thousand cameras",
        "bn people",
        "m people",
        "k people",
        "million billion people",
        "zillion people",
        "gazillion cameras",
        "billionaires",
        "cameras per 1,000 people",
        "cameras per 100,000 people",
        "cameras per 7 people",
        "camera for every 15 people",
        "camera per square mile",
        "cameras per km²",
        "road deaths",
        "road deaths a year",
        "deaths per 100,000 people per year",
        "percent",
        "percent of cameras",
        "percent of EU GDP",
        "percent rise",
        "percent drop",
        "percent unemployment rate",
        "percentage points",
        "per 1,000 people",
        "USD",
        "dollars",
        "US dollars GDP per capita",
        "tonnes",
        "to 30 million people",
        "and 30 people",
        "x 10^6 people",
        "x10 people",
        "e6 people",
        "707 cameras",
        "gizmos",
        "people.",
        "people,",
        "people'",
        "people  per",
        "people\u00a0per 1,000",
        "people \u2013 roughly",
        "people\u2019s",
        "cameras in use",
        "cameras in total",
        "people of",
        "",
    ]
)
value_text = st.builds(lambda w, n, t: f"{w}{n} {t}", words, numbers, tails)


@settings(max_examples=600, deadline=None)
@given(st.lists(value_text, min_size=1, max_size=8), st.sampled_from(POLICIES))
def test_the_fast_reading_is_the_general_reading(texts, policy):
    values.clear_caches()
    for text in texts:
        read = fast(text, policy)
        if read is not None:
            assert read == general(text, policy), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 ,.abcmoptx-\u2013", min_size=1, max_size=24), st.sampled_from(POLICIES))
def test_any_text_the_fast_reader_takes_reads_as_the_general_reader_reads_it(text, policy):
    read = fast(text, policy)
    if read is not None:
        assert read == general(text, policy), text


def test_the_commonest_forms_are_read_fast():
    values.clear_caches()
    for text in [
        "2,221,800 cameras",
        "33.1 million people",
        "67.1 cameras per 1,000 people",
        "3,329.3 square miles",
        "about 667 cameras per square mile",
        "an estimated 667 cameras per square mile",
        "42,514 road deaths",
        "over 6 million people",
        "5.2 percent",
        "25 percent of EU GDP",
        "4.08 trillion USD",
    ]:
        assert fast(text, Policy()) == general(text, Policy()), text
        assert fast(text, Policy())[0] == "value", text
    for text in ["one camera for every 15 people", "$25.4 trillion GDP", "20–30 million people", "627 707 cameras"]:
        assert read_fast(text, UNITS, Policy()) is None, text  # the general reader's
