"""'over 200 million cameras' → Value: the SPEC table, the seed articles' forms, errors."""

import contextlib
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reconcile.errors import UnitError, ValueParseError
from reconcile.model import Interval, Policy
from reconcile.values import last_digit_unit, parse_number, parse_value, value_from_fields

M, B = 1e6, 1e9


def ends(iv: Interval) -> tuple:
    return (iv.low, iv.high, iv.low_open, iv.high_open)


def approx_iv(iv: Interval, low, high, low_open=False, high_open=False, rel=1e-9):
    assert iv.low == pytest.approx(low, rel=rel)
    assert iv.high == pytest.approx(high, rel=rel) if math.isfinite(high) else iv.high == high
    assert (iv.low_open, iv.high_open) == (low_open, high_open)


# --------------------------------------------------------------------------- the SPEC table


@pytest.mark.parametrize(
    "text, low, high, low_open, high_open, bound",
    [
        ("5.9 million cameras", 5.85 * M, 5.95 * M, False, False, "="),
        ("200 million cameras", 150 * M, 250 * M, False, False, "="),
        ("7,800 cameras", 7750, 7850, False, False, "="),
        ("627,707 cameras", 627706.5, 627707.5, False, False, "="),
        ("1 camera per 7 people", 1 / 7.5, 1 / 6.5, False, False, "="),
        ("about 200 million cameras", 150 * M, 250 * M, False, False, "~"),  # rounding is wider than 5 %
        ("about 627,707 cameras", 627707 * 0.95, 627707 * 1.05, False, False, "~"),
        ("approximately 1.4 billion people", 1.33 * B, 1.47 * B, False, False, "~"),
        ("roughly 5.9 million cameras", 5.605 * M, 6.195 * M, False, False, "~"),
        ("around 5.9 million cameras", 5.605 * M, 6.195 * M, False, False, "~"),
        ("an estimated 5.9 million cameras", 5.85 * M, 5.95 * M, False, False, "="),
        ("over 6 million cameras", 6 * M, 7 * M, True, False, ">"),
        ("more than 5.9 million cameras", 5.9 * M, 6.0 * M, True, False, ">"),
        ("above 200 million cameras", 200 * M, 300 * M, True, False, ">"),
        ("nearly 74 cameras per 1,000 people", 0.073, 0.074, False, True, "<"),
        ("almost 7,800 cameras", 7700, 7800, False, True, "<"),
        ("just under 5.9 million cameras", 5.8 * M, 5.9 * M, False, True, "<"),
        ("under 6 million cameras", 5 * M, 6 * M, False, True, "<"),
        ("less than 6 cameras per square mile", 5 / 2.589988110336, 6 / 2.589988110336, False, True, "<"),
        ("fewer than 5.9 million cameras", 5.8 * M, 5.9 * M, False, True, "<"),
        ("up to 626 million cameras", 0, 626 * M, True, False, "<="),
        ("as many as 626 million cameras", 0, 626 * M, True, False, "<="),
        ("at most 626 million cameras", 0, 626 * M, True, False, "<="),
        ("at least 5 million cameras", 5 * M, math.inf, False, False, ">="),
        ("between 20 and 30 million cameras", 20 * M, 30 * M, False, False, "range"),
        ("20–30 million cameras", 20 * M, 30 * M, False, False, "range"),
        ("20-30 million cameras", 20 * M, 30 * M, False, False, "range"),
        ("between 500,000 and 1 million cameras", 500_000, 1 * M, False, False, "range"),
    ],
)
def test_spec_table(text, low, high, low_open, high_open, bound):
    v = parse_value(text)
    approx_iv(v.interval, low, high, low_open, high_open)
    assert v.bound == bound


def test_trailing_zeros_of_integers_are_not_significant():
    assert ends(parse_value("50 million cameras").interval) == (45 * M, 55 * M, False, False)
    assert ends(parse_value("1 billion people").interval) == (0.5 * B, 1.5 * B, False, False)
    strict = Policy(integer_trailing_zeros_significant=True)
    assert ends(parse_value("200 million cameras", policy=strict).interval) == (199.5 * M, 200.5 * M, False, False)


def test_about_min_relative_comes_from_policy():
    v = parse_value("about 168 cameras per 1,000 people", policy=Policy(about_min_relative=0.10))
    approx_iv(v.interval, 0.1512, 0.1848)


# --------------------------------------------------------------------------- the seed articles' forms


@pytest.mark.parametrize(
    "text, value, unit, canonical, point",
    [
        ("627,707 cameras", 627707, "camera", "camera", 627707),
        ("5.9 million cameras", 5.9 * M, "camera", "camera", 5.9 * M),
        ("over 6 million cameras", 6 * M, "camera", "camera", 6 * M),
        ("2.58 million surveillance cameras", 2.58 * M, "camera", "camera", 2.58 * M),
        ("a total of 2.58 million surveillance cameras", 2.58 * M, "camera", "camera", 2.58 * M),
        ("1.4 billion people", 1.4 * B, "person", "person", 1.4 * B),
        ("1.4bn people", 1.4 * B, "person", "person", 1.4 * B),
        ("200M cameras", 200 * M, "camera", "camera", 200 * M),
        ("an estimate of 200 million cameras", 200 * M, "camera", "camera", 200 * M),
        ("300.46 square miles", 300.46, "mile ** 2", "kilometer ** 2", 300.46 * 2.589988110336),
        ("331,449,281 people", 331_449_281, "person", "person", 331_449_281),
        ("15.3 million people", 15.3 * M, "person", "person", 15.3 * M),
        ("713,000 residents", 713_000, "person", "person", 713_000),
        ("seven cameras", 7, "camera", "camera", 7),
        ("twenty-five cameras", 25, "camera", "camera", 25),
        ("54 percent", 54, "percent", "dimensionless", 0.54),
        ("13.35 cameras per 1,000 people", 13.35, "camera / (1000 * person)", "camera / person", 0.01335),
        ("13.35 CCTV per 1,000 people", 13.35, "camera / (1000 * person)", "camera / person", 0.01335),
        ("nearly 74 cameras per 1,000 people", 74, "camera / (1000 * person)", "camera / person", 0.074),
        ("372.8 cameras for every 1,000 people", 372.8, "camera / (1000 * person)", "camera / person", 0.3728),
        ("6,220 cameras per square mile", 6220, "camera / mile ** 2", "camera / kilometer ** 2", 2401.555),
        (
            "an estimated average of 6,220 CCTV cameras per square mile",
            6220,
            "camera / mile ** 2",
            "camera / kilometer ** 2",
            2401.555,
        ),
        ("187 cameras per km²", 187, "camera / kilometer ** 2", "camera / kilometer ** 2", 187),
        ("5 deaths per 100,000 people", 5, "death / (100000 * person)", "death / person", 5e-5),
        ("0.14 cameras per person", 0.14, "camera / person", "camera / person", 0.14),
        ("0.14 cameras per capita", 0.14, "camera / person", "camera / person", 0.14),
        ("1 camera per 7 people", 1 / 7, "camera / person", "camera / person", 1 / 7),
        ("one camera for every seven people", 1 / 7, "camera / person", "camera / person", 1 / 7),
        ("1 camera for every 7 people", 1 / 7, "camera / person", "camera / person", 1 / 7),
        ("1 camera in 7 people", 1 / 7, "camera / person", "camera / person", 1 / 7),
        ("one CCTV camera for every 14 people", 1 / 14, "camera / person", "camera / person", 1 / 14),
        ("a camera for every two people", 1 / 2, "camera / person", "camera / person", 1 / 2),
    ],
)
def test_seed_forms(text, value, unit, canonical, point):
    v = parse_value(text)
    assert v.value == pytest.approx(value)
    assert v.unit == unit
    assert v.canonical_unit == canonical
    assert v.point == pytest.approx(point, rel=1e-6)
    assert v.text == text


def test_qualifier_is_the_literal_phrase_lower_cased():
    assert parse_value("Over 6 million cameras").qualifier == "over"
    assert parse_value("an estimated average of 6,220 cameras per square mile").qualifier == "an estimated average of"
    assert parse_value("627,707 cameras").qualifier is None


def test_seed_rate_intervals():
    approx_iv(parse_value("13.35 cameras per 1,000 people").interval, 0.013345, 0.013355)
    approx_iv(parse_value("about 168 cameras per 1,000 people").interval, 0.1596, 0.1764)
    approx_iv(parse_value("nearly 74 cameras per 1,000 people").interval, 0.073, 0.074, high_open=True)
    density = parse_value("6,220 cameras per square mile")
    assert density.interval.midpoint == pytest.approx(2401.6, rel=1e-4)
    approx_iv(density.interval, 6215 / 2.589988110336, 6225 / 2.589988110336)  # "6,220": the 0 is not significant


def test_one_per_n_rounds_and_qualifies_n():
    # "over one per 7": the rate exceeds 1/7, so N lies in [6, 7)
    approx_iv(parse_value("over one camera per 7 people").interval, 1 / 7, 1 / 6, low_open=True)
    # "nearly one for every two": the rate is under 1/2, so N lies in (2, 3]
    approx_iv(parse_value("nearly one camera for every two people").interval, 1 / 3, 1 / 2, high_open=True)
    approx_iv(parse_value("up to one camera per 7 people").interval, 0, 1 / 7, low_open=True)
    at_least = parse_value("at least one camera per 7 people").interval
    assert at_least.low == pytest.approx(1 / 7) and math.isinf(at_least.high)
    approx_iv(parse_value("approximately 1 camera for every 7 people").interval, 1 / 7.5, 1 / 6.5)


def test_a_rate_with_two_rounded_figures_reads_both():
    v = parse_value("3 cameras for every 7 people")
    approx_iv(v.interval, 2.5 / 7.5, 3.5 / 6.5)
    assert v.point == pytest.approx(3 / 7)


def test_percent_of_a_noun_is_a_share():
    for text in ("54 percent of cameras", "54% of cameras", "54 per cent of the world's cameras"):
        v = parse_value(text)
        assert v.share_of == "camera"
        assert v.canonical_unit == "dimensionless"
        assert v.measure.name == "share of camera"
        assert v.point == pytest.approx(0.54)
        approx_iv(v.interval, 0.535, 0.545)
    plain = parse_value("54 percent")
    assert plain.share_of is None and plain.measure.name == "dimensionless"
    quarter = parse_value("a quarter of cameras")
    assert quarter.share_of == "camera" and quarter.point == 0.25


def test_range_value_and_point():
    v = parse_value("between 20 and 30 million cameras")
    assert v.value == (20 * M, 30 * M)
    assert v.point == 25 * M
    assert v.bound == "range"
    assert ends(v.operand_interval) == ends(v.result_interval) == (20 * M, 30 * M, False, False)


# --------------------------------------------------------------------------- tight readings


def test_operand_interval_has_no_rounding():
    assert ends(parse_value("627,707 cameras").operand_interval) == (627707, 627707, False, False)
    approx_iv(parse_value("about 9.1 million people").operand_interval, 9.1 * M * 0.95, 9.1 * M * 1.05)
    approx_iv(parse_value("over 6 million cameras").operand_interval, 6 * M, 7 * M, low_open=True)
    approx_iv(parse_value("nearly 6 million cameras").operand_interval, 5 * M, 6 * M, high_open=True)
    approx_iv(parse_value("up to 6 million cameras").operand_interval, 0, 6 * M, low_open=True)
    assert parse_value("at least 6 million cameras").operand_interval.high == math.inf
    assert ends(parse_value("1 camera per 7 people").operand_interval)[:2] == (1 / 7, 1 / 7)


def test_result_interval_accepts_rounded_or_truncated():
    atlanta = 7800 / 501_178  # 15.56 per 1,000: truncates to 15.5
    stated = parse_value("15.5 cameras per 1,000 people")
    assert stated.result_interval.contains(atlanta)
    assert not stated.interval.contains(atlanta)
    assert stated.result_interval.contains(0.01545)  # rounds to 15.5
    assert not stated.result_interval.contains(0.0156)


def test_result_interval_refuses_the_london_figure():
    london = 627_707 / 9.1e6  # 0.06898: 69 per 1,000, not "nearly 74"
    stated = parse_value("nearly 74 cameras per 1,000 people")
    assert not stated.result_interval.contains(london)
    assert not stated.interval.contains(london)


def test_result_interval_of_about_is_at_least_the_relative_width():
    v = parse_value("about 168 cameras per 1,000 people")
    approx_iv(v.result_interval, 0.1596, 0.1764)


def test_result_interval_applies_to_n_in_one_per_n():
    v = parse_value("1 camera per 7 people")
    assert v.result_interval.contains(1 / 7.9)  # 7.9 truncates to 7
    assert not v.result_interval.contains(1 / 8.0)


# --------------------------------------------------------------------------- explicit fields


def test_value_from_fields():
    v = value_from_fields("2.58 million", "surveillance cameras")
    assert (v.value, v.unit, v.point) == (2.58 * M, "camera", 2.58 * M)
    approx_iv(v.interval, 2.575 * M, 2.585 * M)
    v = value_from_fields(74, "cameras per 1,000 people", "nearly")
    assert v.unit == "camera / (1000 * person)" and v.qualifier == "nearly"
    approx_iv(v.interval, 0.073, 0.074, high_open=True)
    v = value_from_fields(74, "camera / (1000 * person)", ">")
    approx_iv(v.interval, 0.074, 0.075, low_open=True)
    v = value_from_fields("1 in 7", "camera / person")
    approx_iv(v.interval, 1 / 7.5, 1 / 6.5)
    v = value_from_fields(5.9, "cameras")
    approx_iv(v.interval, 5.85, 5.95)
    v = value_from_fields(200_000_000, "cameras", "over")
    approx_iv(v.interval, 200 * M, 300 * M, low_open=True)
    v = value_from_fields(54, "percent of cameras")
    assert v.share_of == "camera" and v.point == pytest.approx(0.54)
    v = value_from_fields("between 20 and 30 million", "cameras")
    assert v.bound == "range"


@pytest.mark.parametrize(
    "number, unit, qualifier",
    [
        (True, "cameras", None),
        (None, "cameras", None),
        ("lots", "cameras", None),
        (5, None, None),
        (5, "cameras", "somewhat"),
        (float("inf"), "cameras", None),
        ("5 cameras", "cameras", None),
    ],
)
def test_bad_fields(number, unit, qualifier):
    with pytest.raises(ValueParseError):
        value_from_fields(number, unit, qualifier)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("2.58 million", 2.58 * M, 10_000),
        ("seven", 7, 1),
        ("1,000", 1000, 1000),
        ("627,707", 627707, 1),
        ("13.35", 13.35, 0.01),
        ("200 million", 200 * M, 100 * M),
        ("5.9 million", 5.9 * M, 100_000),
        ("1.4bn", 1.4 * B, 100 * M),
        ("twenty", 20, 1),  # a number word is one exact integer
        ("a quarter", 0.25, 0.01),
        ("half", 0.5, 0.01),
        ("two hundred million", 200 * M, 100 * M),
        ("0", 0, 1),
    ],
)
def test_parse_number(text, value, unit):
    got_value, got_unit = parse_number(text)
    assert got_value == pytest.approx(value)
    assert got_unit == pytest.approx(unit)


def test_last_digit_unit():
    assert last_digit_unit("7,800") == 100
    assert last_digit_unit("7,800", Policy(integer_trailing_zeros_significant=True)) == 1
    assert last_digit_unit("2.50") == pytest.approx(0.01)
    with pytest.raises(ValueParseError):
        last_digit_unit("many")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text, error, words",
    [
        ("", ValueParseError, ["empty"]),
        ("   ", ValueParseError, ["empty"]),
        ("lots of cameras", ValueParseError, ["no number"]),
        ("cameras", ValueParseError, ["no number"]),
        ("627,707", ValueParseError, ["no unit"]),
        ("1 per 7 people", ValueParseError, ["what is counted", "camera per 7 people"]),
        ("1 in 7 people", ValueParseError, ["what is counted"]),
        ("1 per 7", ValueParseError, ["what is counted"]),
        ("13.35 cameras per 1,000", ValueParseError, ["per 1,000 what"]),
        ("7 flurbs", UnitError, ["'flurbs'", "[nouns]", "reconcile.toml"]),
        ("over 6 million cameras in use", UnitError, ["'use'"]),
        ("-5 cameras", ValueParseError, ["negative"]),
        ("between 30 and 20 cameras", ValueParseError, ["backwards"]),
        ("over nearly 6 million cameras", ValueParseError, ["contradict"]),
        ("1 camera per 0 people", ValueParseError, ["positive"]),
        ("9" * 400 + " cameras", ValueParseError, ["too"]),
    ],
)
def test_errors_are_the_projects_and_helpful(text, error, words):
    with pytest.raises(error) as err:
        parse_value(text)
    message = str(err.value)
    for word in words:
        assert word in message


def test_errors_carry_the_parse_error_rule():
    with pytest.raises(ValueParseError) as err:
        parse_value("garbage")
    assert err.value.rule == "parse-error"
    assert isinstance(err.value, ValueError)


def test_negative_percentages_are_allowed():
    assert parse_value("-5 percent").point == pytest.approx(-0.05)


# --------------------------------------------------------------------------- properties


@given(st.text(max_size=60))
def test_parser_never_crashes(text):
    with contextlib.suppress(ValueParseError, UnitError):
        parse_value(text)


words = st.sampled_from(
    [
        "over",
        "about",
        "nearly",
        "up to",
        "at least",
        "an estimated",
        "between",
        "1",
        "one",
        "per",
        "for every",
        "in",
        "7",
        "1,000",
        "13.35",
        "million",
        "bn",
        "M",
        "cameras",
        "people",
        "square",
        "mile",
        "km²",
        "%",
        "percent",
        "of",
        "–",
        "and",
        "to",
        "a",
        "quarter",
        "twenty-five",
        "(",
        ")",
        "/",
        "0",
        "-",
    ]
)


@given(st.lists(words, max_size=8).map(" ".join))
def test_parser_never_crashes_on_near_misses(text):
    with contextlib.suppress(ValueParseError, UnitError):
        parse_value(text)


def _numbers():
    integers = st.integers(min_value=1, max_value=10**12).map(lambda n: f"{n:,}")
    decimals = st.decimals(min_value="0.001", max_value="1e9", places=3, allow_nan=False, allow_infinity=False).map(
        lambda d: format(d.normalize(), "f")
    )
    return st.one_of(integers, decimals).filter(lambda s: float(s.replace(",", "")) > 0)


qualifiers = st.sampled_from(["", "about ", "an estimated ", "up to ", "at least ", "some ", "a total of "])
scales = st.sampled_from(["", " million", " billion", " thousand"])
tails = st.sampled_from(
    [
        " cameras",
        " people",
        " square miles",
        " cameras per 1,000 people",
        " cameras per square mile",
        " cameras per km²",
        " percent",
        " percent of cameras",
        " camera for every 7 people",
    ]
)


@given(qualifiers, _numbers(), scales, tails)
def test_point_lies_inside_every_non_strict_reading(qualifier, number, scale, tail):
    v = parse_value(f"{qualifier}{number}{scale}{tail}")
    for iv in (v.interval, v.operand_interval, v.result_interval):
        assert iv.contains(v.point)


@given(_numbers(), scales, st.sampled_from([" cameras", " cameras per 1,000 people"]))
def test_interval_contains_the_operand_reading(number, scale, tail):
    v = parse_value(f"{number}{scale}{tail}")
    assert v.interval.contains(v.operand_interval.low)
    assert v.result_interval.contains(v.interval.low)


@given(st.integers(min_value=2, max_value=10_000))
def test_one_per_n_point_inside(n):
    assume(n not in (10, 100, 1000, 10_000))
    v = parse_value(f"one camera for every {n:,} people")
    assert v.interval.contains(v.point) and v.interval.contains(1 / n)
    assert v.point == pytest.approx(1 / n)


def test_phrases_that_are_not_units_say_so():
    with pytest.raises(UnitError, match="write the unit alone"):
        parse_value("a lot of cameras")


def test_time_is_canonical_in_years():
    v = parse_value("5 deaths per 100,000 people per year")
    assert v.unit == "death / (100000 * person * year)"
    assert v.canonical_unit == "death / person / year"
    assert v.point == pytest.approx(5e-5)


def test_importing_values_does_not_import_pint():
    # start-up time matters (`reconcile check` on ~100 claims under 1 s): pint loads on first parse
    import subprocess
    import sys

    code = "import sys, reconcile.values; assert 'pint' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_one_for_every_ten_reads_ten_not_a_per_ten_base():
    """'one camera for every ten people' is N = 10 people per camera; only 'per 1,000' is a base."""
    value = parse_value("roughly one camera for every ten people")
    assert value.unit == "camera / person"
    assert value.point == pytest.approx(0.1)
    assert value.interval.low == pytest.approx(1 / 10.5) and value.interval.high == pytest.approx(1 / 9.5)
    per_base = parse_value("1 death per 100,000 people")
    assert per_base.point == pytest.approx(1e-5)
    assert per_base.interval.low == pytest.approx(0.5e-5)  # the 1 carries the rounding


def test_a_qualifier_that_leaves_no_possible_value_is_a_parse_error():
    with pytest.raises(ValueParseError, match="no value"):
        parse_value("nearly 0 cameras")


@pytest.mark.parametrize(
    ("text", "unit", "canonical"),
    [
        # pint reads a bare "a" as annum: "deaths a year" was death × year², a misread in silence
        ("42,000 deaths a year", "death / year", "death / year"),
        ("3,500 kWh a year", "kilowatt_hour / year", "kilogram * kilometer ** 2 / year ** 3"),
        ("12 tonnes a year", "metric_ton / year", "kilogram / year"),
        ("2 cameras every day", "camera / day", "camera / year"),
    ],
)
def test_a_year_after_a_unit_is_per_year(text, unit, canonical):
    value = parse_value(text)
    assert str(value.unit) == unit and value.canonical_unit == canonical
    assert str(value_from_fields(text.split(" ", 1)[0], text.split(" ", 1)[1]).unit) == unit


def test_hyphenated_unit_names_are_pints_own():
    twh = parse_value("514 terawatt-hours")
    kwh = parse_value("514 billion kilowatt-hours")
    assert str(twh.unit) == "terawatt_hour" and twh.canonical_unit == kwh.canonical_unit
    assert twh.interval.low == pytest.approx(kwh.interval.low) and twh.interval.high == pytest.approx(kwh.interval.high)
    with pytest.raises(UnitError, match=r"x_ray = \[\"x-rays\"\]"):  # a noun name [nouns] accepts
        parse_value("3 x-rays")


@pytest.mark.parametrize(
    ("text", "unit"),
    [  # pint's two-word names: the first word changes the unit, it is no modifier to drop
        ("4,807 million metric tons", "metric_ton"),  # was read as short tons (907 kg): a false 8.9 % gap
        ("5 metric tonnes", "metric_ton"),
    ],
)
def test_two_word_unit_names_are_not_their_last_word(text, unit):
    assert str(parse_value(text).unit) == unit


def test_percent_lower_and_higher_are_changes_not_a_rate_named_lower():
    lower, higher = parse_value("10.1% lower"), parse_value("10.1 percent higher")
    assert str(lower.percent_role) == str(higher.percent_role) == "change"
    assert lower.measure_words is None and higher.measure_words is None
    approx_iv(lower.interval, -0.1015, -0.1005)
    approx_iv(higher.interval, 0.1005, 0.1015)


def test_a_refused_two_word_unit_is_never_told_to_drop_its_modifier():
    """'nautical miles' are not miles: the hint names pint's unit, not the last word."""
    with pytest.raises(UnitError, match="'long_ton'") as caught:
        parse_value("5 long tons")
    assert "'tons'" not in str(caught.value)
    assert str(parse_value("5 nautical_mile").unit) == "nautical_mile"


@pytest.mark.parametrize("text", ["a record 67.11 per cent", "a whopping 5 million people"])
def test_words_before_the_number_are_refused_by_name_not_read_as_a_unit(text):
    """The 'a' is an article, not the number 1 with 'record' as its unit."""
    with pytest.raises(ValueParseError, match="before the number is no qualifier"):
        parse_value(text)
