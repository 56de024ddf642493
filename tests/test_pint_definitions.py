"""pint's units in two parts (units/definitions.py) read every name as pint's whole file does.

The registry starts from data/pint_core.txt and loads data/pint_rest.txt when a name needs it.
These tests compare it with `pint.UnitRegistry()` — pint's own default file — name by name:
every name the core reads (every prefix × every core name, symbol and alias × every suffix), every
name only the rest reads, every unit's base units and factor, and the product's own unit phrases.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from reconcile.imports import pint_module
from reconcile.lexicon.data import read_text
from reconcile.units.definitions import build_registry, has_dimension

pint = pint_module()


@pytest.fixture(scope="module")
def whole():
    return pint.UnitRegistry()


def _definition_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _keys(registry, names) -> set[str]:
    keys: set[str] = set()
    for name in names:
        d = registry._units[name]
        keys.update([d.name, *d.aliases] + ([d.symbol] if d.has_symbol else []))
    return keys


def test_the_two_files_are_pints_file_line_for_line() -> None:
    """Nothing added, dropped or edited: core + rest hold exactly pint's definitions (constants_en.txt
    where default_en.txt imports it), whatever pint version is installed."""
    folder = Path(pint.__file__).parent
    theirs: list[str] = []
    for line in _definition_lines((folder / "default_en.txt").read_text(encoding="utf-8")):
        if line.startswith("@import"):
            theirs += _definition_lines((folder / line.split()[1]).read_text(encoding="utf-8"))
        else:
            theirs.append(line)
    ours = _definition_lines(read_text("pint_core.txt")) + _definition_lines(read_text("pint_rest.txt"))
    assert sorted(ours) == sorted(theirs)
    assert len(ours) == len(theirs)


def test_the_rest_names_are_every_name_the_rest_defines() -> None:
    """Its units' names, symbols and aliases, and the `delta_` units pint makes of offset units."""
    core = pint.UnitRegistry(read_text("pint_core.txt").splitlines())  # plain pint: never loads more
    whole = pint.UnitRegistry()
    listed = {n for n in read_text("pint_rest_names.txt").splitlines() if n and not n.startswith("#")}
    assert listed == {name for name in whole._units if not core.parse_unit_name(name)} | (
        set(whole._dimensions) - set(core._dimensions)
    )
    assert {"delta_degree_Reaumur", "light_year", "ly", "lightyear", "[area]", "[gaussian_charge]"} <= listed


def test_every_name_the_core_reads_reads_as_in_pints_whole_file(whole) -> None:
    """Any prefix + any core name, symbol or alias + any suffix: the same (prefix, unit, suffix)
    readings in the same order, without loading the rest (it is not needed, and it is not loaded)."""
    registry = build_registry()
    keys = {key for key, d in registry._units.items() if key in _keys(registry, [d.name])}
    names = [p + k + s for p, k, s in itertools.product(registry._prefixes, keys, registry._suffixes)]
    assert len(names) > 50_000
    differ = [n for n in names if registry.parse_unit_name(n) != whole.parse_unit_name(n)]
    assert differ == []
    assert not registry._complete


def test_every_name_only_the_rest_reads_loads_it_and_reads_as_in_pints_whole_file(whole) -> None:
    core = build_registry()
    rest = [n for n in read_text("pint_rest_names.txt").splitlines() if n and not n.startswith("#")]
    names = [p + k + s for p, k, s in itertools.product(core._prefixes, rest, core._suffixes)]
    unread = [n for n in names if whole.parse_unit_name(n) and not core._rest_could_read(n, None)]
    unread = [n for n in unread if core.parse_unit_name(n) != whole.parse_unit_name(n)]
    assert unread == []
    assert not core._complete  # the names above the core reads as the whole file does
    for name in ("furlongs", "light_year", "kilobarn", "Gal", "smoot"):
        registry = build_registry()
        assert registry.parse_unit_name(name) == whole.parse_unit_name(name), name
        assert (name in registry) == (name in whole)


@pytest.mark.parametrize("name", ["light_year", "kilobarn", "statcoulomb", "imperial_gallon", "UK_ton"])
def test_a_rest_unit_loads_the_rest_once_and_converts_as_pint_does(whole, name) -> None:
    registry = build_registry()
    assert not registry._complete
    factor, base = registry.get_base_units(name)
    assert registry._complete
    expected_factor, expected_base = whole.get_base_units(name)
    assert str(base) == str(expected_base)
    assert math.isclose(factor, expected_factor, rel_tol=1e-15)


def test_every_unit_has_pints_base_units_and_factor(whole) -> None:
    registry = build_registry()
    registry.load_rest()
    for name, definition in whole._units.items():
        if name != definition.name or not whole._is_multiplicative(name):
            continue
        factor, base = registry.get_base_units(name)
        expected_factor, expected_base = whole.get_base_units(name)
        assert str(base) == str(expected_base), name
        assert factor == expected_factor, name
        assert registry.get_dimensionality(name) == whole.get_dimensionality(name), name


def test_every_dimension_reads_as_in_pints_whole_file(whole) -> None:
    """Base dimensions come with the core's units; derived ones ([area] = [length] ** 2) load the rest."""
    for name in ("[area]", "[speed]", "[gaussian_charge]", "[printing_unit]", "[time]"):
        registry = build_registry()  # each a fresh registry: the first derived one loads the rest
        assert has_dimension(registry, name)
        assert registry.get_dimensionality(name) == whole.get_dimensionality(name), name
    registry = build_registry()
    for name in sorted(whole._dimensions):
        assert registry.get_dimensionality(name) == whole.get_dimensionality(name), name
    registry = build_registry()
    assert registry.get_dimensionality("[length]") == whole.get_dimensionality("[length]")
    assert not registry._complete
    assert registry.get_dimensionality("[area]") == whole.get_dimensionality("[area]")
    assert registry._complete
    assert not has_dimension(build_registry(), "[camera]")
    with pytest.raises(ValueError, match="not defined as dimension"):
        build_registry().get_dimensionality("[no_such_dimension]")


def test_words_that_are_no_unit_do_not_load_the_rest() -> None:
    """A count noun checked against pint before it is defined, or a measure word, costs no parse of
    the rest: start-up on a repo of cameras, people and dollars needs the core only."""
    registry = build_registry()
    for word in ("camera", "person", "USD", "EUR", "GDP", "road", "deaths", "federal", "output", "rise"):
        assert word not in registry
    assert not registry._complete


_WORDS = st.sampled_from(sorted(set(read_text("pint_rest_names.txt").split()) | {"meter", "mile", "watt", "hour"}))


@settings(max_examples=15)  # a fresh registry each (the rest loads at most once per registry)
@given(
    prefix=st.sampled_from(["", "k", "kilo", "M", "mega", "m", "milli", "G", "u", "mu", "da", "Ki"]),
    word=_WORDS,
    suffix=st.sampled_from(["", "s"]),
    other=_WORDS,
    op=st.sampled_from([" / ", " * ", " ** 2 / "]),
)
@example(prefix="", word="AU", suffix="", other="Np", op=" / ")  # pint itself cannot convert it: nor can the split
@example(prefix="k", word="light_year", suffix="s", other="hour", op=" / ")
@example(prefix="k", word="centipoise", suffix="", other="AU", op=" / ")  # two prefixes: skipped, see below
def test_unit_expressions_read_as_in_pints_whole_file(prefix, word, suffix, other, op) -> None:
    whole = _whole()
    # Two prefixes ("kcentipoise", "kcentimeter"): pint's whole file reads them only when its
    # up-front pass happened to define the once-prefixed unit (centipoise appears in darcy's
    # definition), which the split skips; nobody writes them, and refusing them is no loss.
    assume(not (prefix and _prefixed(word)))
    expression = f"{prefix}{word}{suffix}{op}{other}"
    registry = build_registry()

    def base(r):
        factor, unit = r.get_base_units(r.parse_units(expression))
        return factor, str(unit)

    for ask in (lambda r: str(r.parse_units(expression)), base):
        try:
            expected = ask(whole)
        except Exception as exc:  # noqa: BLE001 - whatever pint says ("delta_neper" is undefined), the split says too
            with pytest.raises(type(exc)):
                ask(registry)
            return
        assert ask(registry) == expected


_WHOLE: list = []


def _prefixed(word: str) -> bool:
    """Whether a name is a prefix and a unit ("centipoise" = centi + poise), not a unit of its own."""
    whole = _whole()

    def known(name: str) -> bool:
        try:
            return bool(whole.parse_unit_name(name))
        except Exception:  # noqa: BLE001 - pint refuses some names ("_K") with its own errors
            return False

    return any(word.startswith(p) and known(word[len(p) :]) for p in whole._prefixes if p and len(word) > len(p))


def _whole():
    if not _WHOLE:
        _WHOLE.append(pint.UnitRegistry())
    return _WHOLE[0]


@pytest.mark.parametrize("noun", ["meter", "furlong", "light_year", "statcoulomb"])
def test_a_repo_noun_named_like_any_pint_unit_is_refused_core_or_rest(noun) -> None:
    """[nouns] in reconcile.toml: a name pint's whole file defines is refused whichever part holds it."""
    from reconcile.errors import ConfigError
    from reconcile.units import get_units

    with pytest.raises(ConfigError, match="already a pint unit"):
        get_units({noun: [f"{noun}s"]})


def test_threads_sharing_a_registry_all_read_the_rest_as_pint_does(whole) -> None:
    """A Dask worker's threads share the registry: while one loads the rest, the others wait for it
    whole instead of reading a half-loaded registry (or loading it twice: pint would refuse)."""
    from concurrent.futures import ThreadPoolExecutor

    registry = build_registry()
    names = ["light_year", "kilobarn", "statcoulomb", "imperial_gallon", "UK_ton", "smoot", "meter", "furlongs"] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        read = list(pool.map(registry.parse_unit_name, names))
    assert read == [whole.parse_unit_name(name) for name in names]
    assert registry._complete


def test_a_count_noun_is_the_unit_pints_parser_makes_of_its_definition_line() -> None:
    """`define_base_units` builds what `camera = [camera]` parses to, without the parser."""
    from reconcile.units.definitions import define_base_units

    parsed, built = build_registry(), build_registry()
    parsed.define("camera = [camera]")
    define_base_units(built, ["camera"])
    a, b = parsed._units["camera"], built._units["camera"]
    assert (a.name, a.symbol, a.aliases, a.converter, a.reference, a.is_base) == (
        b.name,
        b.symbol,
        b.aliases,
        b.converter,
        b.reference,
        b.is_base,
    )
    assert type(parsed._dimensions["[camera]"]) is type(built._dimensions["[camera]"])
    assert str(built.get_base_units("camera / mile ** 2")[1]) == "camera / meter ** 2"
    assert built.get_base_units("camera / mile ** 2")[0] == parsed.get_base_units("camera / mile ** 2")[0]


@pytest.mark.parametrize("noun", ["time", "length", "area", "energy", "volume"])
def test_a_repo_noun_named_like_a_pint_dimension_is_refused(noun) -> None:
    """`time = [time]` would make a count of "times" a duration convertible to seconds, and `area`
    an area: a counted thing must be a dimension of its own."""
    from reconcile.errors import ConfigError
    from reconcile.units import get_units

    with pytest.raises(ConfigError, match="one of pint's dimensions"):
        get_units({noun: [f"{noun}s"]})


def test_the_units_claims_commonly_name_are_in_the_core() -> None:
    """What tools/split_pint_definitions.py starts the core from (its SEED and units.toml's units)
    reads without the rest: the start-up a check of such claims pays is the core's only."""
    import sys

    tools = str(Path(__file__).resolve().parents[1] / "tools")
    sys.path.insert(0, tools)
    try:
        import split_pint_definitions
    finally:
        sys.path.remove(tools)
    wanted = split_pint_definitions.wanted_units(pint.UnitRegistry())
    assert {"kilometer", "square_mile", "hectare", "metric_ton", "watt_hour", "percent", "year"} <= wanted
    core = pint.UnitRegistry(read_text("pint_core.txt").splitlines())  # plain pint: never loads more
    assert [w for w in sorted(wanted) if not core.parse_unit_name(w)] == []


def _split_tool():
    import sys

    tools = str(Path(__file__).resolve().parents[1] / "tools")
    sys.path.insert(0, tools)
    try:
        import split_pint_definitions
    finally:
        sys.path.remove(tools)
    return split_pint_definitions


def _state(registry) -> dict:
    """Everything a registry knows of its definitions, by value."""

    def by_value(table) -> dict:
        return {key: (type(d).__name__, vars(d)) for key, d in table.items()}

    return {
        "units": by_value(registry._units),
        "prefixes": by_value(registry._prefixes),
        "dimensions": by_value(registry._dimensions),
        "groups": {name: sorted(group.members) for name, group in registry._groups.items()},
        "systems": {name: (sorted(s.members), dict(s.base_units)) for name, s in registry._systems.items()},
        "base_units": list(registry._base_units),
        "defaults": dict(registry._defaults),
    }


def test_the_preparsed_core_is_what_pints_parser_makes_of_the_core_text() -> None:
    """data/pint_core.pickle: every definition of the same class with the same attributes (its
    line and position too) as pint's parse of pint_core.txt, for the installed pint."""
    import pickle

    from reconcile.lexicon.data import read_bytes
    from reconcile.units.definitions import PREPARSED, core_text, preparsed_core

    tool = _split_tool()
    fresh = tool.parsed_core(read_text("pint_core.txt"))
    assert tool._same(pickle.loads(read_bytes(PREPARSED)), fresh)
    assert preparsed_core(core_text()) is not None  # used: same pint, same text
    assert len(fresh["definitions"]) > 100


def test_a_registry_from_the_preparsed_core_is_the_one_the_parsed_text_gives(monkeypatch) -> None:
    from reconcile.units import definitions

    preparsed = build_registry()
    assert isinstance(preparsed._filename, definitions._Parsed)
    monkeypatch.setattr(definitions, "preparsed_core", lambda text: None)
    parsed = build_registry()
    assert parsed._filename == [definitions.core_text()]
    assert _state(preparsed) == _state(parsed)
    for expr in ("kilometer ** 2", "square_mile", "metric_ton / hour", "percent", "degree_Celsius"):
        (a, unit_a), (b, unit_b) = preparsed.get_base_units(expr), parsed.get_base_units(expr)
        assert (a, str(unit_a)) == (b, str(unit_b))


@pytest.mark.parametrize(
    "damage",
    ["missing", "garbage", "truncated", "another pint", "another text", "no definitions"],
)
def test_a_missing_corrupt_or_foreign_preparsed_core_is_parsed_instead(monkeypatch, damage) -> None:
    """Whatever is wrong with data/pint_core.pickle, the registry is the one the text gives."""
    import pickle

    from reconcile.units import definitions

    good = pickle.loads(definitions.read_bytes(definitions.PREPARSED))
    expected = _state(build_registry())

    def read_bytes(name: str) -> bytes:
        if damage == "missing":
            raise FileNotFoundError(name)
        if damage == "garbage":
            return b"not a pickle"
        if damage == "truncated":
            return pickle.dumps(good)[:5000]
        if damage == "another pint":
            return pickle.dumps({**good, "pint": "0.24.4"})
        if damage == "another text":
            return pickle.dumps({**good, "crc32": good["crc32"] ^ 1})
        return pickle.dumps({"pint": good["pint"], "crc32": good["crc32"]})

    monkeypatch.setattr(definitions, "read_bytes", read_bytes)
    assert definitions.preparsed_core(definitions.core_text()) is None
    registry = build_registry()
    assert not isinstance(registry._filename, definitions._Parsed)
    assert _state(registry) == expected


def _pints_rest_could_read(registry, unit_name: str) -> bool:
    """The walk `_rest_could_read` did over every prefix × suffix (before `_prefixes_of`)."""
    for suffix, prefix in itertools.product(registry._suffixes, registry._prefixes):
        if unit_name.startswith(prefix) and unit_name.endswith(suffix):
            name = unit_name[len(prefix) :]
            if suffix:
                name = name[: -len(suffix)]
                if len(name) == 1:
                    continue
            if name in registry._rest_names:
                return True
    return False


_NAMES = st.one_of(
    st.text(max_size=12),
    st.builds(
        lambda p, k, s: p + k + s,
        st.sampled_from(["", "k", "kilo", "m", "mu", "µ", "da", "deka", "Ki", "sq", "K", "M"]),
        st.sampled_from(["", "m", "meter", "s", "mile", "gram", "g", "a", "ly", "barn", "Gal", "inch", "ton"]),
        st.sampled_from(["", "s", "es", "S"]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(name=_NAMES, rest_loaded=st.booleans())
@example(name="kilogram", rest_loaded=False)  # ("", "kilogram", "") and ("kilo", "gram", "")
@example(name="kilograms", rest_loaded=True)
@example(name="Pa", rest_loaded=False)
@example(name="dat", rest_loaded=True)
def test_the_prefix_walk_yields_pints_triplets_in_pints_order(name, rest_loaded) -> None:
    """`_yield_unit_triplets` tries only the prefixes a name starts with: the same triplets, in the
    same order, as pint's walk over every prefix × suffix, case-sensitive or not; `_rest_could_read`
    answers as the full walk does."""
    from pint.facets.plain import PlainRegistry

    registry = _RESTLESS if not rest_loaded else _LOADED
    for case_sensitive in (True, False):
        ours = list(registry._yield_unit_triplets(name, case_sensitive))
        assert ours == list(PlainRegistry._yield_unit_triplets(registry, name, case_sensitive))
    if not rest_loaded:
        assert registry._rest_could_read(name, None) == _pints_rest_could_read(registry, name)


_RESTLESS = build_registry()
_LOADED = build_registry()
_LOADED.load_rest()


def test_the_prefix_walk_follows_prefixes_defined_later() -> None:
    registry = build_registry()
    assert registry.parse_unit_name("zzmeter") == ()
    registry.define("zzpre- = 1e7 = zz-")
    assert registry.parse_unit_name("zzmeter") == (("zzpre", "meter", ""),)
