"""The quantity layer: text → quantities. Own sentences, real-world figures, every pattern."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.extract import quantity_to_json, scan_file_lines, scan_line


def one(text: str):
    qs = scan_line(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


# --------------------------------------------------------------------------- numbers as written


@pytest.mark.parametrize(
    "text, value",
    [
        ("Lagos has 15,388,000 residents.", 15_388_000),
        ("The city recorded 1,234.5 tonnes of waste.", 1234.5),
        ("Japan's population fell to about 124.5 million in 2023.", 124_500_000),
        ("India's GDP passed $3.7 trillion last year.", 3.7e12),
        ("The fund holds £2.5bn in bonds.", 2.5e9),
        ("About 2.3M people visited.", 2.3e6),
        ("Seven hospitals closed.", 7),
        ("Twenty-five stations were built.", 25),
    ],
)
def test_numbers_with_separators_decimals_scales_and_words(text, value):
    q = scan_line(text)[0]
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["In 2023 Spain spent EUR 5 billion on defence.", "In 2022 the Treasury raised USD 4.9 trillion."],
)
def test_a_year_is_never_an_amount_of_the_currency_a_few_words_on(text):
    """Words after a number may be adjectives of a counted noun ("3,046 road deaths"), never of a unit."""
    (amount,) = [q for q in scan_line(text) if q.canonical_unit in {"EUR", "USD"}]
    assert amount.value in (5e9, 4.9e12)
    assert not any(q.value in (2022, 2023) and q.canonical_unit for q in scan_line(text))


def test_scale_word_applies_to_both_ends_of_a_range():
    q = one("Spain expects between 20 and 30 million tourists this summer.")
    assert q.form == "range"
    assert q.value == (20e6, 30e6)
    assert (q.low, q.high) == (20e6, 30e6)
    assert q.unit == "tourists"
    assert q.canonical_unit == "tourist"


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Flooding displaced 3–4 million people.", 3e6, 4e6),
        ("Estimates range from 12 to 15 billion dollars", None, None),  # "from A to B" is a change, not a range
        ("The survey reached 40 to 50 thousand households.", 40e3, 50e3),
    ],
)
def test_ranges(text, low, high):
    q = scan_line(text)[0]
    if low is None:
        assert q.form != "range"
    else:
        assert (q.low, q.high) == (low, high)


def test_percent():
    q = one("Nearly 40 percent of adults in Mexico are overweight.")
    assert q.form == "percent"
    assert q.value == 40
    assert q.qualifier == "Nearly" and q.bound == "<"
    assert q.canonical_unit == "percent"
    q = one("Turnout reached 66.2% in Germany.")
    assert q.value == 66.2 and q.unit == "%"


# --------------------------------------------------------------------------- rates


def test_rate_per_thousand_keeps_the_number_as_written():
    q = one("Niger's birth rate is 45.3 births per 1,000 people.")
    assert q.is_rate
    assert q.value == 45.3
    assert q.numerator.value == 45.3 and q.numerator.unit == "births"
    assert q.denominator.value == 1000 and q.denominator.canonical_unit == "person"


def test_rate_for_every_is_the_ratio():
    q = one("Nigeria has roughly one doctor for every 2,500 people.")
    assert q.is_rate and q.form == "ratio"
    assert q.value == pytest.approx(1 / 2500)
    assert q.numerator.canonical_unit == "doctor"
    assert q.denominator.canonical_unit == "person"
    assert q.qualifier == "roughly" and q.bound == "~"
    assert q.canonical_unit == "doctor / person"


def test_rate_one_in_seven():
    q = one("1 in 7 adults in the US has diabetes.")
    assert q.is_rate
    assert q.value == pytest.approx(1 / 7)
    assert q.denominator.unit == "adults"


def test_rate_per_area_without_a_denominator_number():
    q = one("Manila packs 46,000 people per square kilometre.")
    assert q.value == 46_000
    assert q.numerator.canonical_unit == "person"
    assert q.denominator.canonical_unit == "kilometer ** 2"
    q = one("Monaco has 6,220 residents per square mile.")
    assert q.canonical_unit == "person / mile ** 2"


def test_rate_with_the_counted_noun_left_out():
    q = one("Paris has 15.5 per 1,000")
    assert q.value == 15.5
    assert q.numerator.unit is None and q.denominator.unit is None  # the extractor fills these from context


def test_rate_with_a_word_between_noun_and_for_every():
    q = one("Kenya will have nearly one nurse soon for every 600 people.")
    assert q.value == pytest.approx(1 / 600)
    assert q.qualifier == "nearly"


def test_x_nouns_for_y_nouns_is_two_linked_quantities():
    a, b = scan_line("Oslo runs 1,200 buses for 700,000 residents.")
    assert a.group == b.group is not None
    assert (a.value, a.canonical_unit) == (1200, "bus")
    assert (b.value, b.canonical_unit) == (700_000, "person")
    a, b = scan_line("with 30 million vehicles registered for a population of 83 million")
    assert b.canonical_unit == "person" and a.group == b.group


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    "phrase, bound",
    [
        ("over", ">"),
        ("more than", ">"),
        ("nearly", "<"),
        ("almost", "<"),
        ("about", "~"),
        ("approximately", "~"),
        ("roughly", "~"),
        ("an estimated", "="),
        ("up to", "<="),
        ("at least", ">="),
        ("under", "<"),
        ("less than", "<"),
        ("some", "~"),
    ],
)
def test_qualifiers_keep_the_word_and_its_bound(phrase, bound):
    q = one(f"Brazil recorded {phrase} 700,000 deaths.")
    assert q.qualifier == phrase
    assert q.bound == bound
    assert q.text == f"{phrase} 700,000 deaths"


# --------------------------------------------------------------------------- not quantities


@pytest.mark.parametrize(
    "text",
    [
        "Norway finished in 10th spot.",
        "Kenya ranked 58th.",
        "Output grew from 2007 to 2012.",
        "The law passed in 2019.",
        "COVID-19 spread quickly.",
        "the 1990s were calm",
        "one person, one vote",
        "Eight are in Europe.",
    ],
)
def test_not_quantities(text):
    assert [q.text for q in scan_line(text) if q.unit] == []


def test_list_numbers_are_page_furniture():
    assert scan_line("2. The United States: Balancing Security") == []


def test_acronyms_are_not_bogus_units():
    q = one("Brazil has over 1 million CCTV cameras.")
    assert q.canonical_unit == "camera"  # not cubic centimetre × teravolt
    q = one("The agency flew 12 UAV missions.")
    assert q.canonical_unit != "camera"


def test_attributive_measure():
    q = one("They launched a 12-megapixel camera.")
    assert q.attributive and q.unit == "megapixel"
    q = one("Engineers built a 500 million-pixel camera system.")
    assert q.attributive and q.value == 500e6 and q.canonical_unit == "pixel"


def test_demonym_counted_as_people_with_a_hint():
    q = one("an estimated one car for every two Germans")
    assert q.denominator.canonical_unit == "person"
    assert q.entity_hint == "Germany"


# --------------------------------------------------------------------------- JSON lines


def test_json_object_shape_and_span():
    line = "According to estimates, China currently has over 200 million CCTV cameras installed."
    (q,) = scan_line(line)
    j = quantity_to_json(q)
    assert j["text"] == "over 200 million CCTV cameras"
    assert line[j["span"][0] : j["span"][1]] == j["text"]
    assert j["value"] == 200_000_000 and j["low"] == j["high"] == 200_000_000
    assert (j["unit"], j["canonical_unit"], j["qualifier"], j["bound"]) == ("CCTV cameras", "camera", "over", ">")
    json.dumps(j)


def test_range_value_is_low_high():
    (q,) = scan_line("between 20 and 30 million tourists")
    assert quantity_to_json(q)["value"] == [20_000_000, 30_000_000]


def test_scan_file_lines_one_object_per_line():
    rows = list(scan_file_lines("Peru has 34 million people.\n\nNo figures here.\n"))
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert rows[0]["quantities"][0]["value"] == 34_000_000
    assert rows[1]["quantities"] == [] and rows[2]["quantities"] == []


# --------------------------------------------------------------------------- properties


@given(st.integers(min_value=1, max_value=10**9))
@settings(max_examples=150, deadline=None)
def test_formatted_integers_read_back(n):
    (q,) = [q for q in scan_line(f"The region has {n:,} households.") if q.unit]
    assert q.value == n
    assert q.canonical_unit == "household"


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_never_crashes_and_spans_are_inside(text):
    for q in scan_line(text):
        assert 0 <= q.span[0] < q.span[1] <= len(text)
        assert text[q.span[0] : q.span[1]] == q.text


# --------------------------------------------------------------------------- real sentences (benchmarks/corpus)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # glued scale letters and units (023, 045, 046 and the examples)
        ("Thanks to the sale of more than 10m electric cars in 2022", 10e6, "vehicle"),
        ("global emissions have been reduced by 80m tonnes of CO2", 80e6, "metric_ton"),
        ("the top speed is 155mph", 155, "mile / hour"),
        ("a 256GB phone", 256, "gigabyte"),
        ("a 10kW charger", 10, "kilowatt"),
        ("with 640bhp", 640, "horsepower"),
        ("sales were up 24pc", 24, "percent"),
        # currency prefixes (018, the issue)
        ("GDP (Nominal) | US$18.495 trillion (2014)", 18.495e12, "USD"),
        ("debt of $US113 trillion", 113e12, "USD"),
        ("£2.7m", 2.7e6, "GBP"),
        ("petrol at RM23.50", 23.5, "MYR"),
        ("a fine of S$1mil", 1e6, "SGD"),
        # space-grouped digits (016, 001): one number, not "13" and "900 billion"
        ("the GDP of the European Union stood at around €13 900 billion", 13.9e12, "EUR"),
        ("627 707 cameras", 627_707, "camera"),
        # number words with a scale inside them
        ("twenty-eight thousand six hundred forty-two people", 28_642, "person"),
        # scientific notation
        ("2.5e6 people", 2.5e6, "person"),
        ("3×10⁹ people", 3e9, "person"),
        # negatives (009, 026)
        ("Annual GDP Growth Rate: -0.1%", -0.1, "percent"),
        ("at minus-260 degrees", -260, "degree"),
    ],
)
def test_corpus_quantities(text, value, unit):
    found = [(q.value, q.canonical_unit) for q in scan_line(text)]
    assert any(v == pytest.approx(value) and u == unit for v, u in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Sept. 27 (UPI) -- After the first death",  # day of a month (006)
        "according to Commission figures published on Tuesday 21 February",  # 044
        "ended with the final round of voting on May 19",  # 040
        "at 10:30 a.m. on Monday",
        "the polls close at 5 pm",
        "The No 1 city for surveillance",
        "the iPhone 11 and the Big 12 and the S&P 500 and Game 2",
    ],
)
def test_corpus_not_quantities(text):
    assert scan_line(text) == [], [q.text for q in scan_line(text)]


def test_slash_rates_per_a_power_of_ten():
    """031: "2010 = 2.1/100k; 2013 = 1.9/100k" are two rates per 100,000, the number as written;
    a slash before anything but a base of 1,000 or more is no rate ("24/7", "9/29", "7/100")."""
    rates = scan_line("2010 = 2.1/100k; 2013 = 1.9/100k")
    assert [(q.text, q.value, q.form, q.denominator.value if q.denominator else None) for q in rates] == [
        ("2.1/100k", 2.1, "rate", 100_000),
        ("1.9/100k", 1.9, "rate", 100_000),
    ]
    (q,) = scan_line("a homicide rate of 0.92/100,000 people")
    assert (q.value, q.canonical_unit, q.denominator.value) == (0.92, "? / person", 100_000)
    for text in ("open 24/7", "on 9/29", "scored 7/100", "4.5/100kg"):
        assert all(q.form != "rate" for q in scan_line(text)), text


def test_decimal_comma_only_after_a_euro_and_only_with_one_or_two_digits():
    """017: "€15,3 trillion" is 15.3 trillion euros, its number written back with a point so that
    the claim file reads; a comma with 3 digits after it is a thousands group, and without a euro
    before it a comma is never read as a decimal point."""
    (eu,) = scan_line("On the EU28 level, GDP for 2017 reached €15,3 trillion at current prices.")
    assert (eu.value, eu.canonical_unit, eu.number_text) == (pytest.approx(15.3e12), "EUR", "€15.3 trillion")
    assert [(q.value, q.canonical_unit) for q in scan_line("a ticket at €2,50, a grant of EUR 1,75 billion")] == [
        (pytest.approx(2.5), "EUR"),
        (pytest.approx(1.75e9), "EUR"),
    ]
    assert [q.value for q in scan_line("Germany, with a GDP of nearly €3,300 billion")] == [pytest.approx(3.3e12)]
    assert [q.value for q in scan_line("It cost $15,3 and 15,3 euros")] == []


def test_fractions_with_hyphens_and_fourths():
    assert one("two-thirds of voters").value == pytest.approx(2 / 3)
    assert one("one fourth of cars").value == pytest.approx(0.25)


def test_from_x_to_y_is_two_figures_sharing_the_scale_and_unit():
    low, high = scan_line("The population rose from 40 to 47 million people.")
    assert (low.value, low.canonical_unit, low.number_text) == (40e6, "person", "40 million")
    assert (high.value, high.canonical_unit) == (47e6, "person")
    assert scan_line("from 2019 to 2021") == []


def test_the_base_of_a_rate_is_not_a_population():
    """'between 3 and 8 beds per 1,000 people' must not leave '1,000 people' behind (001)."""
    assert all(q.value != 1000 for q in scan_line("between 3 and 8 hospital beds per 1 000 population"))


def test_ranking_rows_each_their_own_city():
    rows = (
        "The cities\n"
        "Taiyuan, China – 465,255 cameras – 3,891,127 people – 119.57 per 1,000\n"
        "Wuxi, China – 1,553,294 cameras – 6,372,624 people – 243.75 per 1,000\n"
    )
    from reconcile.extract import extract_document

    cs = {c.id: c for c in extract_document(rows, document="r.txt", source_id="r").claims}
    assert cs["wuxi-rate"].value == "243.75 cameras per 1,000 people"
    assert cs["wuxi-rate"].computed_from == ["wuxi-cameras", "wuxi-population"]
    assert cs["taiyuan-population"].entity == "Taiyuan"


def test_hostile_lines_do_not_crash_or_give_infinity():
    """Issue 12: a number, a hyphen and a non-ASCII letter; a rate per zero."""
    assert [q.text for q in scan_line("Paris has 3-étage buildings and 1,000 cameras.")][-1] == "1,000 cameras"
    row = next(scan_file_lines("1 camera per 0 people"))
    assert "Infinity" not in json.dumps(row, allow_nan=False)


def test_long_lines_are_read_in_passes_with_spans_in_the_line():
    line = "1-2 " * 3000 + "Peru has 33 million people."
    last = scan_line(line)[-1]
    assert line[last.span[0] : last.span[1]] == "33 million people"


def test_absurd_exponents_are_no_numbers():
    """benchmarks/fuzz.py found '1e400' (OverflowError); a 400-digit number is no float either."""
    assert scan_line("1e400 cameras") == []
    assert scan_line("9" * 400 + " cameras") == []
    assert one("2.5e6 people").value == 2.5e6
