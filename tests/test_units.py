"""The one pint registry: count nouns, spellings, canonical units, conversions, display."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile import formatting
from reconcile.consistency.derive import explain_result
from reconcile.errors import ConfigError, UnitError
from reconcile.model import Interval
from reconcile.units import Units, get_units
from reconcile.values import parse_value

MI2_IN_KM2 = 2.589988110336


@pytest.fixture(scope="module")
def units() -> Units:
    return get_units()


@pytest.mark.parametrize(
    "word", ["person", "people", "persons", "residents", "Inhabitants", "citizens", "population", "capita"]
)
def test_people_synonyms_are_person(units, word):
    assert units.canonical_unit(word) == "person"


@pytest.mark.parametrize(
    "phrase", ["camera", "cameras", "CCTV", "CCTVs", "cctv", "CCTV cameras", "surveillance cameras", "security camera"]
)
def test_camera_spellings_are_camera(units, phrase):
    assert units.canonical_unit(phrase) == "camera"


def test_compound_phrase_falls_back_to_its_head_noun(units):
    assert units.canonical_unit("public street cameras") == "camera"
    assert units.canonical_unit("cities") == "city"


@pytest.mark.parametrize(
    "phrase, factor, canonical",
    [
        ("square miles", MI2_IN_KM2, "kilometer ** 2"),
        ("square mile", MI2_IN_KM2, "kilometer ** 2"),
        ("sq mi", MI2_IN_KM2, "kilometer ** 2"),
        ("mi²", MI2_IN_KM2, "kilometer ** 2"),
        ("km²", 1.0, "kilometer ** 2"),
        ("km2", 1.0, "kilometer ** 2"),
        ("square kilometres", 1.0, "kilometer ** 2"),
        ("square kilometers", 1.0, "kilometer ** 2"),
        ("hectares", 0.01, "kilometer ** 2"),
        ("miles", 1.609344, "kilometer"),
        ("percent", 0.01, "dimensionless"),
        ("%", 0.01, "dimensionless"),
        ("per cent", 0.01, "dimensionless"),
        ("cameras per 1,000 people", 0.001, "camera / person"),
        ("camera / (1000 * person)", 0.001, "camera / person"),
        ("cameras per square mile", 1 / MI2_IN_KM2, "camera / kilometer ** 2"),
        ("cameras/km²", 1.0, "camera / kilometer ** 2"),
        ("cameras per capita", 1.0, "camera / person"),
    ],
)
def test_factor_and_canonical_unit(units, phrase, factor, canonical):
    assert units.factor(phrase) == pytest.approx(factor, rel=1e-9)
    assert units.canonical_unit(phrase) == canonical


def test_measures_know_what_they_are(units):
    assert units.kind(units.combine("camera", "/", "person")) == "rate"
    assert units.kind(units.combine("camera", "/", "kilometer ** 2")) == "density"
    assert units.kind("camera") == "count"
    assert units.kind("kilometer ** 2") == "area"
    assert units.kind("dimensionless") == "dimensionless"


def test_combine(units):
    assert units.combine("camera", "/", "person") == "camera / person"
    assert units.combine("camera / person", "*", "person") == "camera"
    assert units.combine("person", "*", "camera / person") == "camera"
    assert units.combine("camera", "/", "kilometer ** 2") == "camera / kilometer ** 2"
    assert units.combine("camera / kilometer ** 2", "×", "kilometer ** 2") == "camera"
    assert units.combine("dimensionless", "*", "camera") == "camera"
    assert units.combine("camera", "÷", "camera") == "dimensionless"


def test_density_converts_between_square_miles_and_square_kilometres(units):
    per_km2, unit = units.canonical(6220, "cameras per square mile")
    assert unit == "camera / kilometer ** 2"
    assert per_km2 == pytest.approx(2401.555, rel=1e-6)
    shown = explain_result(per_km2, Interval.point(per_km2), unit, "camera / mile ** 2", units)
    assert shown == "2,402 camera/km² = 6,220 camera/mi²"


@given(st.floats(min_value=1e-6, max_value=1e12))
def test_area_round_trip(x):
    km2, _ = Units.canonical(get_units(), x, "mi²")
    back = km2 / get_units().factor("mi²")
    assert back == pytest.approx(x, rel=1e-12)
    in_mi2 = x / get_units().factor("square miles")
    assert get_units().canonical(in_mi2, "sq mi")[0] == pytest.approx(x, rel=1e-12)


@pytest.mark.parametrize(
    "value, canonical, written, text",
    [
        (0.142857, "camera / person", None, "0.143 camera/person = 1 per 7.0"),
        (36.6 * 1 / MI2_IN_KM2, "camera / kilometer ** 2", "camera / mile ** 2", "14.1 camera/km² = 36.6 camera/mi²"),
        (627707, "camera", None, "627,707 camera"),
        (9.1e6, "person", None, "9.10 M person"),
        (0.069, "camera / person", "camera / (1000 * person)", "0.0690 camera/person = 69.0 per 1,000"),
    ],
)
def test_messages_show_canonical_and_written_forms(units, value, canonical, written, text):
    assert explain_result(value, Interval.point(value), canonical, written, units) == text


@pytest.mark.parametrize(
    "x, text",
    [
        (0, "0"),
        (7, "7.00"),
        (13.35, "13.3"),
        (627707, "627,707"),
        (2.5e8, "250 M"),
        (1.4e9, "1.40 B"),
        (-4e6, "-4.00 M"),
    ],
)
def test_numbers_in_messages(x, text):
    assert formatting.number(x) == text


# --------------------------------------------------------------------------- unknown words, extra nouns


def test_unknown_noun_is_named_with_a_hint(units):
    with pytest.raises(UnitError) as err:
        units.parse_unit("flurbs")
    assert "'flurbs'" in str(err.value) and "[nouns]" in str(err.value) and "reconcile.toml" in str(err.value)


@pytest.mark.parametrize("bad", ["", "per person", "((cameras", "cameras )", "camera ** x", "**", "/", "x" * 500])
def test_malformed_unit_phrases_are_unit_errors(units, bad):
    with pytest.raises(UnitError):
        units.parse_unit(bad)


def test_a_number_in_a_plain_unit_is_refused(units):
    with pytest.raises(UnitError):
        units.parse_unit("cameras per 1,000 people")
    assert units.parse_scaled("cameras per 1,000 people")[0] == pytest.approx(0.001)


def test_extra_nouns_from_a_claims_repo():
    extra = get_units({"flurb": ["flurbling", "glorp"], "camera": ["ANPR unit"]})
    assert extra.canonical_unit("Glorps") == "flurb"
    assert extra.canonical_unit("flurblings") == "flurb"
    assert extra.canonical_unit("ANPR units") == "camera"
    assert extra.combine("flurb", "/", "person") == "flurb / person"
    assert get_units({"flurb": ["glorp", "flurbling"]}) is not extra  # a different spelling set
    assert get_units({"camera": ["ANPR unit"], "flurb": ["flurbling", "glorp"]}) is extra
    # a noun one repo declares stays unknown to another
    with pytest.raises(UnitError):
        get_units().parse_unit("flurbs")


def test_default_units_are_built_once():
    assert get_units() is get_units(None) is get_units({})


def test_a_noun_cannot_shadow_a_pint_unit():
    with pytest.raises(ConfigError):
        get_units({"meter": ["metre stick"]})


@pytest.mark.parametrize("bad", [{"bad name": ["x"]}, {"ok": [3]}, {"ok": [""]}])
def test_bad_noun_tables_are_config_errors(bad):
    with pytest.raises(ConfigError):
        get_units(bad)


@given(st.text(max_size=40))
def test_parse_unit_never_crashes(text):
    with contextlib.suppress(UnitError):
        get_units().parse_scaled(text)


# --------------------------------------------------------------------------- money and limits


def test_currencies_are_dimensions_of_their_own(units):
    assert units.canonical_unit("dollars per capita") == "USD / person"
    assert units.canonical_unit("euros") == "EUR"
    assert units.kind("USD") == "money" and units.kind("USD / person") == "other"
    assert units.combine("USD", "/", "person") == "USD / person"


def test_a_word_before_a_currency_is_not_dropped(units):
    with pytest.raises(UnitError, match="unknown currency"):
        units.parse_unit("Zimbabwe dollars per person")
    assert units.canonical_unit("Hong Kong dollars") == "HKD"  # a listed spelling


@pytest.mark.parametrize("bad", ["degC", "degree_Fahrenheit", "celsius per year"])
def test_offset_units_are_refused(units, bad):
    with pytest.raises(UnitError, match="offset"):
        units.parse_unit(bad)


@pytest.mark.parametrize(
    "bad", ["sq " * 30 + "miles", "square square miles", "km^4", "(km^3)^2", "((((km^2)^2)^2)^2)^2", "(1000 km)^3^3"]
)
def test_powers_are_limited_before_pint_works_on_them(units, bad):
    with pytest.raises(UnitError):
        units.parse_unit(bad)


def test_unit_words_for_measure_words(units):
    assert units.spells_unit("square miles") and units.spells_unit("surveillance cameras")
    assert not units.spells_unit("road deaths") and not units.spells_unit("cameras in")
    assert units.is_unit_word("people") and units.is_unit_word("dollars") and units.is_unit_word("km²")
    assert not units.is_unit_word("care")  # centi-are to pint, a word to a reader
    assert units.count_noun("deaths") == "death" and units.count_noun("dollars") is None


@pytest.mark.parametrize(
    "text, hint",
    [
        ("5 mt", "'Mt'"),  # pint: millitonnes; a journalist: million or metric tonnes
        ("2 GT", "'Gt'"),  # pint: gigatesla
        ("40 kt", "kilotonnes"),  # pint: knots
        ("3 mtoe", "'Mtoe'"),
        ("1.5 degrees", "delta_degC"),  # pint: an angle
    ],
)
def test_prefix_guesses_are_refused_with_the_spelling_meant(text, hint):
    with pytest.raises(UnitError, match="not read as a unit") as err:
        parse_value(text)
    assert hint in str(err.value)


def test_the_unambiguous_spellings_still_read():
    assert parse_value("5 Mt").point == pytest.approx(5e9)  # kilograms
    assert parse_value("2 Gt").point == pytest.approx(2e12)
    assert parse_value("673 million tonnes").point == pytest.approx(6.73e11)


@pytest.mark.parametrize("text", ["5 flux capacitors", "3 fmeters"])
def test_a_prefix_glued_to_a_unit_written_the_other_way_is_no_unit(text):
    """pint reads "flux" as femto-lux; a prefix symbol goes with a symbol, a name with a name."""
    with pytest.raises(UnitError):
        parse_value(text)


@pytest.mark.parametrize("text", ["5 TWh", "5 kilotonnes", "5 kWh", "5 Mt", "5 megawatts", "5 km", "5 kilometres"])
def test_prefixed_units_written_one_way_read(text):
    assert parse_value(text).point > 0


def test_a_unit_of_what_points_at_measure():
    with pytest.raises(UnitError, match=r"measure: electricity"):
        parse_value("514 TWh of electricity")


def test_no_shipped_noun_or_currency_is_a_pint_unit_or_dimension():
    """`Units` does not ask pint whether a shipped noun or currency code is one of its units (a
    repo's nouns it does ask): none is, in pint's whole file, nor names one of its dimensions."""
    from reconcile.imports import pint_module
    from reconcile.lexicon import currencies, noun_lexicon

    whole = pint_module().UnitRegistry()
    shipped = sorted(noun_lexicon().keys | currencies().codes)
    assert len(shipped) > 50
    assert [name for name in shipped if name in whole or f"[{name}]" in whole._dimensions] == []
    assert noun_lexicon().keys.isdisjoint(currencies().codes)


def test_a_repo_noun_named_like_a_shipped_currency_is_refused():
    get_units(None)  # the currencies are defined: the noun is a pint unit now
    with pytest.raises(ConfigError, match="noun 'EUR' is already a pint unit"):
        get_units({"EUR": ["euro thing"]})
