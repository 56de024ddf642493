"""The one pint registry, and `Units`: which spellings mean which unit, and unit algebra.

Every count noun in `data/nouns.toml` (and a claims repo's `[nouns]`) becomes a base
dimension of its own (`camera = [camera]`), so that pint's dimensional analysis knows
camera / person is a per-capita rate and camera / km² a density. Spellings, plurals and
synonyms are data (`lexicon.nouns`); nothing here names a noun.

pint is imported and its registry built once per process, lazily (start-up time
matters), and shared by every `Units`: a `Units` is a lexicon (which spellings mean
which unit) over that registry. A noun one repo declares is defined in the shared
registry but is invisible to a `Units` that did not declare it.

Every currency in `data/currencies.toml` is likewise a base unit of a dimension of its
own (`USD = [USD]`): dollars and euros never compare, and GDP ÷ population is USD/person.

Canonical units: base units with length in km (area in km²) and time in years (data,
`units.toml` [canonical]), counts as themselves, percent as "dimensionless". Interval
arithmetic in the checker happens there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, UnitError
from ..lexicon import currencies, noun_lexicon, singular
from ..lexicon.data import normal
from .phrases import MAX_EXPR, parse_phrase, spellings

if TYPE_CHECKING:  # pint costs ~0.2 s to import; only the first parse pays it
    import pint
    from pint.facets.plain import PlainUnit as PintUnit

__all__ = ["Units", "get_units"]

_NAME_PUNCTUATION = frozenset(" _0123456789")
_POWER_SUFFIX = re.compile(r"^(.*[^\d\W])([23])$")  # km2, mi2
_MAX_CACHED = 1 << 16  # entries per lookup cache
MAX_EXPONENT = 3  # km³ is the most a claim needs; "sq sq sq … miles" would make pint work for minutes

_registry_singleton: pint.UnitRegistry | None = None
_defined_nouns: set[str] = set()  # nouns defined in the shared registry, by any Units
_defined_currencies: set[str] = set()  # ISO codes defined in the shared registry


def _registry() -> pint.UnitRegistry:
    """Build pint's registry once per process (no disk cache: a check writes nothing it was not asked to;
    pint's units load in two parts, see `definitions`)."""
    global _registry_singleton
    if _registry_singleton is None:
        from .definitions import build_registry  # imports pint, without numpy and dask: start-up time

        registry: pint.UnitRegistry = build_registry()
        # A difference of two percentages ("3 percentage points"): a dimension of its own, so that
        # it is never compared with a relative change ("fell 10 percent") of the same measure.
        registry.define("percentage_point = [percentage_point]")
        registry.define("basis_point = 0.01 * percentage_point")
        _registry_singleton = registry
    return _registry_singleton


def _pint_errors() -> tuple[type[Exception], ...]:
    """What pint raises for a name or unit it cannot use (its own errors, and plain ValueError/TypeError
    from its tokenizer and arithmetic); anything else is a bug and must surface."""
    import pint

    # pint's expression evaluator checks some malformed token streams with `assert`.
    return (pint.errors.PintError, ValueError, TypeError, AssertionError)


# --------------------------------------------------------------------------- Units


_PHYSICAL_DIMENSIONS = frozenset(
    {"[mass]", "[length]", "[time]", "[temperature]", "[current]", "[substance]", "[luminosity]"}
)


class Units:
    """A lexicon of unit spellings over the shared pint registry, and unit algebra in
    canonical units. Build through `get_units()`, which caches."""

    def __init__(self, extra_nouns: Mapping[str, Iterable[str]] | None = None):
        self.registry = _registry()
        nouns = noun_lexicon(_check_extra(extra_nouns))
        self.nouns: frozenset[str] = nouns.keys
        money = currencies()
        # shipped nouns first, then the repo's; the shipped ones are no pint units (tests/test_units.py)
        _define_dimensions(self.registry, nouns.words, sorted(money.codes), noun_lexicon().keys)
        self._lexicon: dict[str, str] = dict(nouns.spellings)
        for spelling, code in money.spellings.items():  # a repo's noun of the same spelling wins
            self._lexicon.setdefault(spelling, code)
        self.currencies: frozenset[str] = money.codes
        for spelling, target in spellings()["aliases"].items():
            self._lexicon.setdefault(normal(spelling), target)
        self._not_modifiers = {w.lower() for w in spellings()["phrases"]["not_modifiers"]}
        self._not_units = self._not_modifiers | {w.lower() for w in spellings()["phrases"]["not_units"]}
        self._prefix_powers = {k.lower(): int(v) for k, v in spellings()["prefix_powers"].items()}
        self._ambiguous: dict[str, str] = dict(spellings().get("ambiguous", {}))
        self._parsed: dict[str, tuple[float, PintUnit]] = {}
        self._canon: dict[Any, tuple[float, str]] = {}
        self._combined: dict[tuple[str, str, str], str] = {}
        self._cannot_combine: dict[tuple[str, str, str], str] = {}
        self._formatted: dict[tuple[float, Any], str] = {}
        self._spelled: dict[str, bool] = {}
        self._unit_words: dict[str, bool] = {}
        self._kinds: dict[str, str] = {}  # asked of every claim of a big repo (values/wholes.py)

    # -- reading unit phrases

    def _pint_parse(self, text: str) -> PintUnit:
        try:
            unit: PintUnit = self.registry.parse_units(text)
        except ZeroDivisionError:  # "came1 per 0ras": pint divides by the 0 (found by benchmarks/fuzz.py)
            raise UnitError(f"cannot read the unit {text[:60]!r}: it divides by zero") from None
        return unit

    def parse_scaled(self, expr: str) -> tuple[float, PintUnit]:
        """A unit phrase with a number in it ("cameras per 1,000 people" → 0.001, camera/person)."""
        if not isinstance(expr, str):
            raise UnitError(f"a unit must be text, not {type(expr).__name__}")
        key = expr.strip()
        hit = self._parsed.get(key)
        if hit is None:
            if len(key) > MAX_EXPR:
                raise UnitError(f"unit phrase too long ({len(key)} characters)")
            try:
                hit = parse_phrase(self, key)
            except UnitError:
                raise
            except _pint_errors() as exc:  # pint is strict about odd input; report, never crash
                raise UnitError(f"cannot read the unit {expr!r}: {exc}") from None
            self._check_amount_unit(hit[1], expr)
            self._parsed[key] = hit
        return hit

    def _check_amount_unit(self, unit: PintUnit, expr: str) -> None:
        """Refuse what no interval of amounts can mean: a temperature scale with an offset
        (10 °C is not twice 5 °C; an interval in kelvin would be wrong), or a power beyond km³."""
        for name, exponent in unit._units.items():
            if not self.registry._is_multiplicative(name):
                raise UnitError(
                    f"cannot use {expr!r}: {name} is a scale with an offset, not an amount; "
                    "write a difference in kelvin (or delta_degC) instead"
                )
            if abs(_real(exponent)) > MAX_EXPONENT:
                raise UnitError(f"cannot use {expr!r}: a power above {MAX_EXPONENT} is not a unit a claim needs")

    def currency(self, unit: PintUnit | str) -> str | None:
        """The ISO code when `unit` is a currency alone ('USD'), else None."""
        name = str(unit)
        return name if name in self.currencies else None

    def spells_unit(self, phrase: str) -> bool:
        """Whether the words spell one unit as a whole (a listed spelling, "square miles",
        "km2" or a pint name), with no word dropped: "road deaths" does not, "deaths" does."""
        hit = self._spelled.get(phrase)
        if hit is None:
            if len(self._spelled) > _MAX_CACHED:  # fuzzed or hostile input must not grow memory without end
                self._spelled.clear()
            hit = self._spelled[phrase] = self._spells_unit(phrase)
        return hit

    def _spells_unit(self, phrase: str) -> bool:
        words = phrase.split()
        if not words:
            return False
        if normal(phrase) in self._lexicon:
            return True
        if len(words) > 1 and words[0].lower() in self._prefix_powers:
            words = words[1:]
        if len(words) > 1:  # pint would read "cameras in" as camera × inch
            return normal(" ".join(words)) in self._lexicon
        try:
            return self._lookup(words[0]) is not None or self.parse_scaled(words[0])[0] == 1  # "km²"
        except UnitError:
            return False
        except _pint_errors():
            return False

    def is_unit_word(self, word: str) -> bool:
        """Whether one word is a unit's own name: a listed spelling or a pint unit name or plural
        without a prefix ("people", "dollars", "miles", "km²"), not pint's prefix + unit
        guesses ("care" is centi-are to pint, but a measure word here)."""
        hit = self._unit_words.get(word)
        if hit is None:
            if len(self._unit_words) > _MAX_CACHED:
                self._unit_words.clear()
            hit = self._unit_words[word] = self._is_unit_word(word)
        return hit

    def _is_unit_word(self, word: str) -> bool:
        if normal(word) in self._lexicon:
            return True
        if word.isalpha():
            try:
                return any(not prefix for prefix, _, _ in self.registry.parse_unit_name(word))
            except _pint_errors():
                return False
        return self.spells_unit(word)

    def is_modifier(self, word: str) -> bool:
        """Whether a word may stand before a counted noun without changing what is counted: any
        word outside this lexicon (pint's "bus" or "care" too: "bus passengers", "care homes"),
        or a counted noun in the singular ("car crashes"); "cameras people" is two units."""
        if normal(word) not in self._lexicon:
            return True
        return self.count_noun(word) is not None and singular(word) == word.lower()

    def count_noun(self, word: str) -> str | None:
        """The canonical count noun a word spells ('deaths' → 'death'), else None."""
        target = self._lexicon.get(normal(word))
        return target if target in self.nouns else None

    def parse_unit(self, expr: str) -> PintUnit:
        """A unit phrase without numbers ("cameras per square mile", "km²", "CCTV") → pint unit."""
        factor, unit = self.parse_scaled(expr)
        if factor != 1:
            raise UnitError(f"the unit {expr!r} has a number in it; write the number with the value")
        return unit

    def resolve_phrase(self, words: list[str], expr: str = "") -> PintUnit:
        """Words in a row → one unit: a known spelling, "square X", a pint name, or a phrase
        whose last word is known ("surveillance cameras" → camera)."""
        lowered = [w.lower() for w in words]
        if len(words) > 1 and lowered[0] in self._prefix_powers:
            if lowered[1] in self._prefix_powers:
                raise UnitError(f"cannot read {' '.join(words)!r}: one power word ('square', 'cubic') at a time")
            return self.resolve_phrase(words[1:], expr) ** self._prefix_powers[lowered[0]]
        unit = self._lookup(" ".join(words))
        if unit is None and len(words) > 1 and not set(lowered[:-1]) & self._not_modifiers:
            # Only a counted noun keeps its meaning under a modifier ("surveillance cameras"): "metric
            # tons" is not tons, "cameras an hour" not hours. A currency never does ("Zimbabwe dollars").
            head_unit = self._lookup(words[-1])
            unit = head_unit if head_unit is not None and str(head_unit) in self.nouns else None
            if unit is not None and not all(self.is_modifier(w) for w in words[:-1]):
                raise UnitError(f"cannot read {' '.join(words)!r}: two units in a row; write one")
            if head_unit is not None and str(head_unit) in self.currencies:
                raise UnitError(
                    f"unknown currency {' '.join(words)!r}: write its ISO code (for example"
                    f" '5 billion {head_unit!s}' if {words[-1]!r} is meant; see data/currencies.toml)"
                )
        if unit is None:
            head = words[-1]
            phrase = " ".join(words)
            if len(words) > 1 and self._lookup(head) is not None:
                named = "_".join(w.lower() for w in words).removesuffix("s")
                if (
                    self._pint_unit(named) is not None
                ):  # "nautical miles" are not miles: never suggest dropping the word
                    raise UnitError(f"cannot read {phrase!r} as a unit; write pint's name for it ({named!r})")
                raise UnitError(f"cannot read {phrase!r} as a unit; write the unit alone (for example {head!r})")
            lowered = phrase.lower().split()
            if "of" in lowered[1:-1] or (len(lowered) > 2 and lowered[-2] == "of"):
                unit_words, _, what = phrase.partition(" of ")
                raise UnitError(
                    f"cannot read {phrase!r}: if {what!r} says what is measured, write the unit alone"
                    f" and name it under measure: (value: … {unit_words}, measure: {what})"
                )
            raise UnitError(
                f"unknown unit {head!r}"
                + (f" in {phrase!r}" if phrase != head else "")
                + f": if it is a thing people count, declare it under [nouns] in reconcile.toml"
                f' (for example {head.lower().rstrip("s").replace("-", "_") or head!s} = ["{head}"])'
            )
        return unit

    def names_unit(self, phrase: str, canonical_unit: str) -> bool:
        """Whether a phrase is an exact spelling of a canonical unit ("population" of person): a
        measure named so is the unit itself. No last-word guess: "road deaths" is not "death"."""
        try:
            unit = self._lookup(phrase)
            return unit is not None and self.canonical_unit(unit) == canonical_unit
        except UnitError:
            return False
        except _pint_errors():
            return False

    def _lookup(self, phrase: str) -> PintUnit | None:
        hint = self._ambiguous.get(phrase.strip())
        if hint is not None:
            raise UnitError(f"{phrase.strip()!r} is not read as a unit: {hint}")
        key = normal(phrase)
        target = self._lexicon.get(key)
        if target is not None:
            return self._pint_parse(target)
        m = _POWER_SUFFIX.match(key)
        if m and " " not in key:
            base = self._lookup(m.group(1))
            if base is not None and "[length]" in base.dimensionality:
                return base ** int(m.group(2))
        hyphened = key.replace("-", "_")  # "kilowatt-hours" is pint's kilowatt_hours
        for candidate in dict.fromkeys((phrase, key, hyphened)):
            unit = self._pint_unit(candidate)
            if unit is not None:
                return unit
        return None

    def _pint_unit(self, name: str) -> PintUnit | None:
        """pint's own name for a unit, unless it is a noun this lexicon did not declare."""
        if not (name[:1].isalpha() and all(c.isalpha() or c in _NAME_PUNCTUATION for c in name)):
            return None  # pint names are words ("square_mile", "hectare"); anything else is not for pint
        if " " in name or name.lower() in self._not_units:
            return None  # pint reads "people in" as person × inch and "deaths a" as death × annum
        if not self._written_as_unit(name):
            return None
        try:
            unit = self._pint_parse(name)
        except _pint_errors():
            return None
        dims = {d.strip("[]") for d in unit.dimensionality}
        if dims & (_defined_nouns - self.nouns):
            return None
        return unit

    def _written_as_unit(self, name: str) -> bool:
        """False for pint's guess of a prefix glued to a unit written the other way: "flux" is
        f(emto) + lux and "care" c(enti) + are to pint, but a prefix symbol goes with a unit symbol
        ("TWh", "Mt") and a prefix name with a unit name ("kilotonnes", "megawatts")."""
        try:
            readings = self.registry.parse_unit_name(name)
        except _pint_errors():
            return True  # pint's parser will say what it says
        if not readings or any(not prefix for prefix, _, _ in readings):
            return True
        for prefix, unit_name, _ in readings:
            definition = self.registry._prefixes.get(prefix)
            if definition is None:
                return True
            if name.startswith(prefix):
                return True  # "kilo" + a unit's name or alias
            rest = name[len(definition.symbol) :] if name.startswith(definition.symbol) else None
            unit = self.registry._units.get(unit_name)
            symbols = {self.registry.get_symbol(unit_name), *(unit.aliases if unit is not None else ())}
            if rest is not None and rest in symbols:
                return True  # "T" + "Wh"
        return False

    # -- canonical units

    def _canonical_unit(self, unit: PintUnit) -> tuple[float, PintUnit]:
        """pint's base units, with the replacements of units.toml [canonical] (m → km)."""
        reg = self.registry
        raw_factor, base = reg.get_base_units(unit)
        factor = _real(raw_factor)
        powers = {name: _real(n) for name, n in base._units.items()}
        for name, target in spellings()["canonical"].items():
            n = powers.get(name, 0)
            if n:
                ratio = float(reg.Quantity(1.0, name).to(target).magnitude)
                base = base * (reg.Unit(target) / reg.Unit(name)) ** n
                factor *= ratio**n
        return factor, base

    def canonical(self, magnitude: float, unit: str | PintUnit) -> tuple[float, str]:
        """A magnitude in `unit` → (magnitude in canonical units, canonical unit string)."""
        hit = self._canon.get(unit)
        if hit is None:
            if isinstance(unit, str):
                scale, parsed = self.parse_scaled(unit)
            else:
                scale, parsed = 1.0, unit
            try:
                factor, base = self._canonical_unit(parsed)
            except _pint_errors() as exc:
                raise UnitError(f"cannot convert {unit!s} to base units: {exc}") from None
            factor *= scale
            if not (math.isfinite(factor) and factor > 0):
                raise UnitError(f"the unit {unit!s} is out of range")
            hit = (factor, str(base))
            self._canon[unit] = hit
        return magnitude * hit[0], hit[1]

    def factor(self, unit: str | PintUnit) -> float:
        """What one `unit` is in canonical units (sq mi → 2.589988, per 1,000 people → 0.001)."""
        return self.canonical(1.0, unit)[0]

    def canonical_unit(self, unit: str | PintUnit) -> str:
        return self.canonical(1.0, unit)[1]

    def combine(self, measure_a: str, op: str, measure_b: str) -> str:
        """Canonical measure of a × b or a ÷ b, for canonical unit strings (cached)."""
        key = (measure_a, op, measure_b)
        hit = self._combined.get(key)
        if hit is None:
            if key in self._cannot_combine:  # callers try many pairings per group: fail fast too
                raise UnitError(self._cannot_combine[key])
            try:
                hit = self._combined[key] = self._combine(measure_a, op, measure_b)
            except UnitError as exc:
                self._cannot_combine[key] = exc.message
                raise
        return hit

    def _combine(self, measure_a: str, op: str, measure_b: str) -> str:
        a, b = self._measure(measure_a), self._measure(measure_b)
        if op in ("*", "×", "·"):
            return self.canonical_unit(a * b)
        if op in ("/", "÷"):
            return self.canonical_unit(a / b)
        raise ValueError(f"unknown operation {op!r}")

    def _measure(self, text: str) -> PintUnit:
        try:
            return self._pint_parse(text)
        except _pint_errors():
            return self.parse_unit(text)

    def kind(self, canonical_unit: str) -> str:
        """What a measure is, in words: count, money (one currency), rate (count per count),
        density (count per area), area, length, dimensionless, or other."""
        kind = self._kinds.get(canonical_unit)
        if kind is None:
            kind = self._kinds[canonical_unit] = self._kind(canonical_unit)
        return kind

    def _kind(self, canonical_unit: str) -> str:
        dims = {d: _real(e) for d, e in self._measure(canonical_unit).dimensionality.items()}
        counts = {d: e for d, e in dims.items() if d.strip("[]") in _defined_nouns}
        rest = {d: e for d, e in dims.items() if d not in counts}
        if not dims:
            return "dimensionless"
        if list(dims.values()) == [1] and next(iter(dims)).strip("[]") in _defined_currencies:
            return "money"
        if list(counts.values()) == [1] and not rest:
            return "count"
        if sorted(counts.values()) == [-1, 1] and not rest:
            return "rate"
        if list(counts.values()) == [1] and rest == {"[length]": -2}:
            return "density"
        if not counts and rest == {"[length]": 2}:
            return "area"
        if not counts and rest == {"[length]": 1}:
            return "length"
        return "other"

    def is_physical(self, canonical_unit: str) -> bool:
        """Whether what a unit measures is physical (mass, length, time, temperature…: energy, power,
        tonnes, km, tonnes per person), which says how much but not of what; a count per area is not."""
        above = [d for d, e in self._measure(canonical_unit).dimensionality.items() if _real(e) > 0]
        return bool(above) and all(d in _PHYSICAL_DIMENSIONS for d in above)

    def format_scaled(self, scale: float, unit: PintUnit) -> str:
        """The unit as written, normalised: 'camera / (1000 * person)' for per-1,000 forms."""
        key = (scale, unit)
        hit = self._formatted.get(key)
        if hit is None:  # pint's formatter is slow and a repo repeats a handful of units
            hit = self._formatted[key] = self._format_scaled(scale, unit)
        return hit

    def _format_scaled(self, scale: float, unit: PintUnit) -> str:
        per = _per(scale)
        if scale == 1:
            return str(unit)
        if per is None:
            return f"{scale:g} * {unit}"
        num, den = self._split(unit)
        dimensionless = self.registry.dimensionless
        n = "1" if num == dimensionless else str(num)
        return f"{n} / {per}" if den == dimensionless else f"{n} / ({per} * {den})"

    def _split(self, unit: PintUnit) -> tuple[PintUnit, PintUnit]:
        """camera / person → (camera, person)."""
        num = den = self.registry.dimensionless
        for name, raw in unit._units.items():
            exp = _real(raw)
            if exp > 0:
                num = num * self.registry.Unit(name) ** exp
            else:
                den = den * self.registry.Unit(name) ** -exp
        return num, den


def _real(x: object) -> float:
    """pint types factors and exponents as any number; ours are always real."""
    if isinstance(x, (int, float)):
        return float(x)
    raise UnitError(f"unit arithmetic produced {x!r}, which is not a real number")


def _per(scale: float) -> int | None:
    """1/scale when it is a whole number ('per 1,000' → 1000), else None."""
    if not (0 < scale <= 1):
        return None
    per = 1 / scale
    return round(per) if abs(per - round(per)) < 1e-9 * per else None


def _check_extra(extra: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    """Validate a reconcile.toml [nouns] table: name → list of spellings."""
    if not extra:
        return {}
    if not isinstance(extra, Mapping):
        raise ConfigError("[nouns] must be a table of noun = [spellings]")
    out: dict[str, list[str]] = {}
    for key, words in extra.items():
        if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise ConfigError(f"[nouns]: {key!r} is not a valid noun name (letters, digits, _)")
        if isinstance(words, str):
            words = [words]
        if isinstance(words, Mapping):
            words = words.get("words", [])
        words = list(words)
        if not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(f"[nouns] {key}: spellings must be non-empty strings")
        out[key] = words
    return out


def _define_dimensions(
    registry: pint.UnitRegistry, nouns: Iterable[str], codes: Iterable[str], shipped: frozenset[str] = frozenset()
) -> None:
    """Make each count noun and currency not yet defined a base dimension of its own in the shared
    registry (`camera = [camera]`, `USD = [USD]`). A repo's noun that is already a pint unit is
    refused. The `shipped` nouns and the currency codes (all shipped) are known to be none of
    pint's units, nor each other (tests/test_units.py asks pint's whole file): asking pint here
    parsed each as a unit expression, a fifth of defining them. A code can still meet a repo's
    noun of its name, refused below before anything is defined."""
    from .definitions import define_base_units, has_dimension  # pint is imported: the registry exists

    new_nouns: dict[str, None] = {}
    new_codes: dict[str, None] = {}
    for key in nouns:
        if key in _defined_nouns or key in new_nouns:
            continue
        if key not in shipped and key in registry:
            raise ConfigError(
                f"noun {key!r} is already a pint unit ({registry.Unit(key).dimensionality}); "
                "give the count noun another name and list the word among its spellings"
            )
        if has_dimension(registry, f"[{key}]"):  # "time = [time]" would count seconds, "area" be km²
            raise ConfigError(
                f"noun {key!r} is the name of one of pint's dimensions ([{key}]); "
                "give the count noun another name and list the word among its spellings"
            )
        new_nouns[key] = None
    for code in codes:
        if code in _defined_currencies or code in new_codes:
            continue
        if code in new_nouns:
            raise ConfigError(f"currency {code!r} is already a pint unit; currencies.toml must not redefine it")
        new_codes[code] = None
    if new_nouns or new_codes:
        define_base_units(registry, [*new_nouns, *new_codes])
        _defined_nouns.update(new_nouns)
        _defined_currencies.update(new_codes)


_units_cache: dict[Any, Units] = {}


def get_units(extra_nouns: Mapping[str, Iterable[str]] | None = None) -> Units:
    """The `Units` for the default nouns plus a repo's extra nouns, built once per set."""
    checked = _check_extra(extra_nouns)
    key = tuple(sorted((k, tuple(v)) for k, v in checked.items()))
    units = _units_cache.get(key)
    if units is None:
        units = _units_cache[key] = Units(checked)
    return units
