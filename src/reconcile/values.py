"""'over 200 million cameras' → a Value: the number, its unit, its qualifier, and the
intervals of true figures it allows (SPEC "Meaning of a number").

Grammar: `[qualifier] amount [scale] unit-expression`, where amount is a number or a
range, and the unit expression may be a rate with a number of its own ("13.35 cameras
per 1,000 people", "one camera for every seven people"). Qualifier phrases, number
words, fractions and scale words are data (`data/qualifiers.toml`, `data/numbers.toml`).

A written number X with last-significant-digit unit u reads, in its own unit:

    bound  default (`interval`)     operand (own figures)   result (stated result)
    =      [X − u/2, X + u/2]       [X, X]                  [X − u/2, X + u)
    ~      that, ≥ ±about_min_rel.  ±about_min_relative     result "=", ≥ ±about_min_rel.
    >      (X, X + u]               same                    same
    <      [X − u, X)               same                    same
    <=     (0, X]                   same                    same
    >=     [X, ∞)                   same                    same
    range  [X, Y]                   same                    same

Rates of the "1 per N" kind are read on N (the number the author wrote) and then
inverted, so a qualifier's direction flips: "nearly one for every two" is N in (2, 3].
"A per B" with B a power of ten reads A and keeps B exact; any other "A per B" reads both.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .errors import ValueParseError
from .lexicon import number_words, qualifiers
from .lexicon.data import normal
from .model import Bound, Interval, Policy, Value
from .units import Units, get_units

if TYPE_CHECKING:
    from pint.facets.plain import PlainUnit as PintUnit

_SYMBOLS = {b.value for b in Bound if b is not Bound.RANGE}  # qualifier: may be written as a bound

__all__ = ["BOUNDS", "last_digit_unit", "parse_number", "parse_value", "value_from_fields"]

BOUNDS = tuple(b.value for b in Bound)
_MAX_TEXT = 300


# --------------------------------------------------------------------------- vocabulary (data)


@dataclass(frozen=True)
class _Patterns:
    """The lexicon's phrases compiled for reading one value string from its start."""

    qualifier_re: re.Pattern[str]
    fraction_re: re.Pattern[str]
    scale_re: re.Pattern[str]


def _alternation(phrases: Iterable[str]) -> str:
    """Phrases longest first, each ending on a word boundary when it ends in a letter."""
    parts = []
    for p in sorted(phrases, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        parts.append(body + (r"(?!\w)" if p[-1].isalnum() else ""))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = number_words()
    letters = "".join(words.scale_letters)
    return _Patterns(
        qualifier_re=re.compile(rf"\s*({_alternation(qualifiers())})\s*", re.I),
        fraction_re=re.compile(rf"\s*({_alternation(words.fractions)})", re.I),
        scale_re=re.compile(rf"(\s*-?\s*)({_alternation(words.scale_words)}|[{letters}](?![A-Za-z]))", re.I),
    )


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class _Number:
    value: float  # scale applied
    unit: float  # unit of the last significant digit, scale applied
    text: str  # as written
    is_one: bool = False  # "1", "one", "a": the numerator of a "1 per N" rate
    scale: float = 1.0  # product of its scale words ("million" → 1e6)
    fraction: bool = False  # "a quarter": dimensionless by nature


_TENS_UNIT = re.compile(r"[-\s]([A-Za-z]+)")
_DIGITS = re.compile(r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,]\d)|[+\-−]?\.\d+(?!\d)")
_WORD = re.compile(r"[A-Za-z]+")


def _digit_unit(text: str, policy: Policy) -> float:
    """The unit of the last significant digit of digits as written: '5.9' → 0.1, '7,800' → 100."""
    t = text.lstrip("+-−").replace(",", "")
    if "." in t:
        return float(Decimal(1).scaleb(-len(t.split(".", 1)[1])))
    if policy.integer_trailing_zeros_significant or not t.strip("0"):
        return 1.0
    return float(10 ** (len(t) - len(t.rstrip("0"))))


def _read_number(s: str, pos: int, policy: Policy) -> tuple[_Number, int] | None:
    """A number at `pos` (digits, number words or a fraction word, then scale words)."""
    words = number_words()
    m = _patterns().fraction_re.match(s, pos)
    if m:
        v = words.fractions[normal(m.group(1))]
        return _Number(v, words.fraction_unit, m.group(1), fraction=True), m.end()
    while pos < len(s) and s[pos].isspace():
        pos += 1
    m = _DIGITS.match(s, pos)
    if m:
        text = m.group()
        value = float(text.replace(",", "").replace("−", "-"))
        num = _Number(value, _digit_unit(text, policy), text, is_one=(text == "1"))
        end = m.end()
    else:
        read = _read_number_words(s, pos)
        if read is None:
            return None
        value, end = read
        text = s[pos:end]
        # A number word names one exact integer ("one for every ten people" is N = 10, not 5–15):
        # the trailing-zero rule is about digits as written.
        num = _Number(value, 1.0, text, is_one=(value == 1))
    return _apply_scales(s, pos, num, end)


def _read_number_words(s: str, pos: int) -> tuple[float, int] | None:
    """'seven', 'twenty-five', 'a' → value and end; tens may take a unit word after them."""
    words = number_words().words
    m = _WORD.match(s, pos)
    if not m or m.group().lower() not in words:
        return None
    value, end = words[m.group().lower()], m.end()
    if value >= 20 and value % 10 == 0:
        m2 = _TENS_UNIT.match(s, end)
        if m2 and 1 <= words.get(m2.group(1).lower(), 0) <= 9 and m2.group(1).lower() not in ("a", "an"):
            value, end = value + words[m2.group(1).lower()], m2.end()
    return value, end


def _apply_scales(s: str, start: int, num: _Number, end: int) -> tuple[_Number, int]:
    """'5.9' + ' million' → 5.9e6. A one-letter scale ('200M', '5k') must touch the number
    and be followed by more text, so '5 m' stays metres."""
    words = number_words()
    scale_re = _patterns().scale_re
    factor = 1.0
    while True:
        m = scale_re.match(s, end)
        if not m:
            break
        word = m.group(2)
        if len(word) == 1:
            touching = m.group(1) == ""
            followed = re.match(r"\s+\w", s[m.end() :]) is not None
            if word not in words.scale_letters or not touching or not followed or factor != 1.0:
                break
            factor *= words.scale_letters[word]
        else:
            factor *= words.scale_words[word.lower()]
        end = m.end()
    if factor == 1.0:
        return num, end
    return _Number(num.value * factor, num.unit * factor, s[start:end], scale=factor, fraction=num.fraction), end


def parse_number(text: str, policy: Policy = Policy()) -> tuple[float, float]:
    """A written number alone → (value, unit of its last significant digit).

    '2.58 million' → (2580000, 10000); 'seven' → (7, 1); '1,000' → (1000, 1000).
    """
    if not isinstance(text, str):
        raise ValueParseError(f"a number must be text, not {type(text).__name__}")
    s = _clean(text)
    read = _read_number(s, 0, policy)
    if read is None or s[read[1] :].strip():
        raise ValueParseError(f"{text!r} is not a number")
    num = read[0]
    _check_finite(num, text)
    return num.value, num.unit


def last_digit_unit(number_text: str, policy: Policy = Policy()) -> float:
    """The unit of the last significant digit of a written number: '5.9 million' → 100,000,
    '200 million' → 100 million (trailing zeros of an integer are not significant by default)."""
    return parse_number(number_text, policy)[1]


def _check_finite(num: _Number, text: str) -> None:
    if not (math.isfinite(num.value) and math.isfinite(num.unit)):
        raise ValueParseError(f"the number in {text!r} is too large")


# --------------------------------------------------------------------------- the value string


@dataclass(frozen=True)
class _Amount:
    low: _Number
    high: _Number | None = None  # a range

    @property
    def is_range(self) -> bool:
        return self.high is not None


_DASHES = str.maketrans(
    {"\u2013": "–", "\u2014": "–", "\u2212": "−", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "’": "'"}
)
_RANGE_START = re.compile(r"\s*(between|from)\s+", re.I)
_RANGE_SEP = re.compile(r"\s*(?:–|-|to(?!\w)|and(?!\w))\s*", re.I)
_CONNECTOR = re.compile(r"(?<!\S)(per|for\s+every|for\s+each|to\s+every|out\s+of|in)(?!\S)\s*", re.I)
_PERCENT = re.compile(r"\s*(%|percent|per\s*cent|pct)(?!\w)\s*", re.I)
_SHARE_OF = re.compile(r"of\s+(?P<whole>\S.*)$", re.I)


def _clean(text: str) -> str:
    s = " ".join(text.translate(_DASHES).split())
    return s.rstrip(".;,").strip().strip("\"'").strip()


def _read_qualifiers(s: str) -> tuple[str | None, Bound, int]:
    """Leading qualifier phrases → (literal phrase, bound, end). 'an estimated' is '='."""
    known = qualifiers()
    qualifier_re = _patterns().qualifier_re
    phrases: list[str] = []
    bounds: list[Bound] = []
    pos = 0
    while m := qualifier_re.match(s, pos):
        phrase = normal(m.group(1))
        phrases.append(phrase)
        bounds.append(known[phrase].bound)
        pos = m.end()
    strong = [b for b in bounds if b is not Bound.EXACT]
    if len(set(strong)) > 1:
        raise ValueParseError(f"{s!r}: qualifiers {' / '.join(phrases)!r} contradict each other")
    return (" ".join(phrases) or None), (strong[0] if strong else Bound.EXACT), pos


def _read_amount(s: str, pos: int, policy: Policy) -> tuple[_Amount, int]:
    """A number, or a range: 'between 20 and 30 million', '20–30 million', '20 to 30'."""
    m = _RANGE_START.match(s, pos)
    start = m.end() if m else pos
    first = _read_number(s, start, policy)
    if first is None:
        raise ValueParseError(f"{s!r}: no number found" + (f" after {s[:pos].strip()!r}" if pos else ""))
    low, end = first
    sep = _RANGE_SEP.match(s, end)
    second = _read_number(s, sep.end(), policy) if sep else None
    if second is None:
        if m:
            raise ValueParseError(f"{s!r}: '{m.group(1)}' needs two numbers ('between 20 and 30 million')")
        return _Amount(low), end
    high, end = second
    k = high.scale
    if k != 1 and low.scale == 1 and low.value * k <= high.value:  # "20–30 million": both in millions
        low = _Number(low.value * k, low.unit * k, low.text, scale=k)
    if low.value > high.value:
        raise ValueParseError(f"{s!r}: the range runs backwards ({low.text} > {high.text})")
    return _Amount(low, high), end


@dataclass(frozen=True)
class _Unit:
    """What follows the amount: a unit phrase, maybe a rate base, maybe a share's whole."""

    scale: float  # a number inside the unit phrase ("camera / (1000 * person)" → 0.001)
    unit: PintUnit
    base: _Number | None = None  # "per 1,000", "for every seven"
    share_of: str | None = None
    one_in_n: bool = False  # "for every N", "1 in N", "out of N": always a count of N, never a base


def _read_unit(rest: str, units: Units, policy: Policy, *, whole: str, fraction: bool = False) -> _Unit:
    """Read the unit part; `whole` is the full text, for messages."""
    if not rest:
        if fraction:
            return _Unit(1.0, units.registry.dimensionless)
        raise ValueParseError(f"{whole!r}: no unit; say what is counted (e.g. '1.4 billion people')")
    if fraction and (m := _SHARE_OF.match(rest)):
        return _Unit(1.0, units.registry.dimensionless, share_of=_count_noun(m.group("whole"), units, whole))
    pct = _PERCENT.match(rest)
    if pct and (m := _SHARE_OF.match(rest, pct.end())):
        return _Unit(1.0, units.registry.percent, share_of=_count_noun(m.group("whole"), units, whole))
    if (bare := _CONNECTOR.match(rest)) and not pct:
        raise ValueParseError(
            f"{whole!r}: what is counted? name it before {bare.group(1)!r} (e.g. '1 camera per 7 people')"
        )
    for m in _CONNECTOR.finditer(rest):
        read = _read_number(rest, m.end(), policy)
        if read is None:
            continue
        base, end = read
        _check_finite(base, whole)
        numerator, denominator = rest[: m.start()].strip(), rest[end:].strip()
        if not denominator:
            raise ValueParseError(
                f"{whole!r}: {m.group(1)} {base.text} what? name the unit after the number"
                " (e.g. 'per 1,000 people'); a date belongs under period:"
            )
        # "per 100,000 people per year" is death / person / year: divide left to right.
        scale, unit = units.parse_scaled(f"{numerator} per {denominator}")
        one_in_n = m.group(1).lower().split()[0] != "per"
        return _Unit(scale, unit, base=base, one_in_n=one_in_n)
    scale, unit = units.parse_scaled(rest)
    return _Unit(scale, unit)


def _count_noun(phrase: str, units: Units, whole: str) -> str:
    """The canonical unit a share is a share of ('of cameras' → 'camera')."""
    canonical = units.canonical_unit(units.parse_unit(phrase))
    if units.kind(canonical) != "count":
        raise ValueParseError(f"{whole!r}: a share must be of something counted, not {phrase!r}")
    return canonical


# --------------------------------------------------------------------------- intervals


def _default(x: float, u: float, bound: Bound, policy: Policy) -> Interval:
    if bound is Bound.EXACT:
        return Interval(x - u / 2, x + u / 2)
    if bound is Bound.ABOUT:
        half = max(u / 2, policy.about_min_relative * abs(x))
        return Interval(x - half, x + half)
    return _directional(x, u, bound)


def _operand(x: float, u: float, bound: Bound, policy: Policy) -> Interval:
    if bound is Bound.EXACT:
        return Interval.point(x)
    if bound is Bound.ABOUT:
        half = policy.about_min_relative * abs(x)
        return Interval(x - half, x + half)
    return _directional(x, u, bound)


def _result(x: float, u: float, bound: Bound, policy: Policy) -> Interval:
    if bound in (Bound.EXACT, Bound.ABOUT):
        low, high = x - u / 2, x + u
        if bound is Bound.ABOUT:
            half = policy.about_min_relative * abs(x)
            low = min(low, x - half)
            if x + half > high:
                return Interval(low, x + half)
        return Interval(low, high, high_open=True)
    return _directional(x, u, bound)


def _directional(x: float, u: float, bound: Bound) -> Interval:
    if bound is Bound.OVER:
        return Interval(x, x + u, low_open=True)
    if bound is Bound.UNDER:
        return Interval(x - u, x, high_open=True)
    if bound is Bound.AT_MOST:
        return Interval(0.0, x, low_open=True) if x > 0 else Interval(-math.inf, x)
    if bound is Bound.AT_LEAST:
        return Interval(x, math.inf)
    raise ValueError(f"unknown bound {bound!r}")


_READINGS = (_default, _operand, _result)


def _range_interval(low: float, high: float, bound: Bound, policy: Policy) -> Interval:
    """[X, Y]; 'about 20–30 million' widens each end by about_min_relative."""
    if bound is Bound.ABOUT:
        r = policy.about_min_relative
        return Interval(low - r * abs(low), high + r * abs(high))
    return Interval(low, high)


def _reciprocal(iv: Interval) -> Interval:
    """1/N for a count N > 0, keeping which ends are open (the flip of a qualifier)."""
    low_open = iv.low_open
    low = iv.low
    if low <= 0:
        low, low_open = 0.0, True
    new_low = 0.0 if math.isinf(iv.high) else 1 / iv.high
    new_high = math.inf if low == 0 else 1 / low
    return Interval(new_low, new_high, low_open=iv.high_open or math.isinf(iv.high), high_open=low_open)


def _nonnegative(iv: Interval) -> Interval:
    if iv.low >= 0:
        return iv
    if iv.high < 0:
        return Interval(0.0, 0.0)
    return Interval(0.0, iv.high, False, iv.high_open)


# --------------------------------------------------------------------------- building the Value


def _is_power_of_ten(x: float) -> bool:
    if x <= 0:
        return False
    e = math.log10(x)
    return abs(e - round(e)) < 1e-12


class _Reading(NamedTuple):
    """The three intervals of a number in its written unit, before conversion."""

    intervals: list[Interval]  # default, operand, result
    point: float  # the number as written (a range: its middle)
    written: float | tuple[float, float]  # `Value.value`
    per: float  # an exact base the written unit is divided by ("per 1,000" → 1000), else 1


def _build(
    text: str,
    qualifier: str | None,
    bound: Bound,
    amount: _Amount,
    part: _Unit,
    units: Units,
    policy: Policy,
) -> Value:
    canonical_factor, canonical_unit = units.canonical(part.scale, part.unit)
    dimensionless = canonical_unit == "dimensionless"
    _check_signs(text, amount, part, canonical_unit, dimensionless)
    reading = _read(amount, part, bound, policy)
    k = canonical_factor / reading.per
    intervals = [iv.scale(k) for iv in reading.intervals]
    if not dimensionless:
        intervals = [_nonnegative(iv) for iv in intervals]
    point = reading.point * k
    if not all(math.isfinite(v) for v in (point, *(iv.low for iv in intervals))):
        raise ValueParseError(f"{text!r}: the number is out of range")
    if any(iv.is_empty for iv in intervals):
        raise ValueParseError(f"{text!r}: no value can be that (a count cannot be below zero)")
    return Value(
        text=text,
        qualifier=qualifier,
        bound=Bound.RANGE if amount.is_range else bound,
        value=reading.written,
        unit=units.format_scaled(part.scale / reading.per, part.unit),
        canonical_unit=canonical_unit,
        point=point,
        interval=intervals[0],
        operand_interval=intervals[1],
        result_interval=intervals[2],
        share_of=part.share_of,
    )


def _check_signs(text: str, amount: _Amount, part: _Unit, canonical_unit: str, dimensionless: bool) -> None:
    for num in (amount.low, amount.high, part.base):
        if num is None:
            continue
        _check_finite(num, text)
        if num.value < 0 and not dimensionless:
            raise ValueParseError(f"{text!r}: a {canonical_unit} figure cannot be negative")
    if part.base is not None and part.base.value <= 0:
        raise ValueParseError(f"{text!r}: a rate's base must be positive, not {part.base.text}")


def _read(amount: _Amount, part: _Unit, bound: Bound, policy: Policy) -> _Reading:
    base = part.base
    if base is None:
        return _read_amount_alone(amount, bound, policy)
    if amount.low.is_one and not amount.is_range and (part.one_in_n or not _is_power_of_ten(base.value)):
        # "1 per 7", "one for every ten": the author wrote N; read N, then invert (flipping the
        # qualifier). Only "1 per 1,000" keeps a power of ten as an exact base.
        flipped = bound.flipped()
        intervals = [_reciprocal(r(base.value, base.unit, flipped, policy)) for r in _READINGS]
        return _Reading(intervals, 1 / base.value, 1 / base.value, 1.0)
    alone = _read_amount_alone(amount, bound, policy)
    if _is_power_of_ten(base.value):
        # "13.35 per 1,000": the base is exact, the count carries the rounding.
        return _Reading(alone.intervals, alone.point, alone.written, base.value)
    # "3 cameras for every 7 people": both figures were rounded.
    base_iv = [r(base.value, base.unit, Bound.EXACT, policy) for r in _READINGS]
    intervals = [_nonnegative(iv) / b for iv, b in zip(alone.intervals, base_iv, strict=True)]
    point = alone.point / base.value
    high = amount.high
    written = (amount.low.value / base.value, high.value / base.value) if high is not None else point
    return _Reading(intervals, point, written, 1.0)


def _read_amount_alone(amount: _Amount, bound: Bound, policy: Policy) -> _Reading:
    low, high = amount.low, amount.high
    if high is not None:
        intervals = [_range_interval(low.value, high.value, bound, policy)] * 3
        return _Reading(intervals, (low.value + high.value) / 2, (low.value, high.value), 1.0)
    intervals = [r(low.value, low.unit, bound, policy) for r in _READINGS]
    return _Reading(intervals, low.value, low.value, 1.0)


def parse_value(text: str, *, units: Units | None = None, policy: Policy = Policy()) -> Value:
    """A claim's `value` string → Value. Raises ValueParseError or UnitError, nothing else."""
    if not isinstance(text, str):
        raise ValueParseError(f"a value must be text, not {type(text).__name__}")
    s = _clean(text)
    if not s:
        raise ValueParseError("the value is empty")
    if len(s) > _MAX_TEXT:
        raise ValueParseError(f"the value is too long ({len(s)} characters) to be one number")
    return _parse_cached(s, text.strip(), units or get_units(), policy)


@lru_cache(maxsize=1 << 16)
def _parse_cached(s: str, text: str, units: Units, policy: Policy) -> Value:
    # Values repeat across a repo ("1.4 billion people", "one camera for every seven people");
    # a Value is immutable, so each distinct string is read once. Errors are not cached.
    qualifier, bound, pos = _read_qualifiers(s)
    amount, end = _read_amount(s, pos, policy)
    part = _read_unit(s[end:].strip(), units, policy, whole=s, fraction=amount.low.fraction)
    return _build(text, qualifier, bound, amount, part, units, policy)


def value_from_fields(
    number: float | int | str,
    unit: str | None,
    qualifier: str | None = None,
    *,
    units: Units | None = None,
    policy: Policy = Policy(),
) -> Value:
    """Explicit `number:` / `unit:` / `qualifier:` claim fields → Value.

    `number` may be a number or text ('2.58 million', 'between 20 and 30', '1 in 7'); the
    qualifier a phrase ('over') or a bound ('>'); `unit` any unit phrase, with a rate base
    in it or not ('cameras per 1,000 people', 'camera / (1000 * person)').
    """
    units = units or get_units()
    number_text = _number_text(number)
    if unit is not None and not isinstance(unit, str):
        raise ValueParseError(f"unit: must be text, not {type(unit).__name__}")
    qual_phrase, qual_bound = _field_qualifier(qualifier)
    s = _clean(number_text)
    if not s:
        raise ValueParseError("number: is empty")
    phrase, bound, pos = _read_qualifiers(s)
    strong = {b for b in (qual_bound, bound) if b is not Bound.EXACT}
    if len(strong) > 1:
        raise ValueParseError(f"qualifier: {qualifier!r} contradicts the number {number_text!r}")
    bound = strong.pop() if strong else Bound.EXACT
    phrase = " ".join(p for p in (qual_phrase, phrase) if p) or None
    amount, end = _read_amount(s, pos, policy)
    rest = s[end:].strip()
    unit_text = (unit or "").strip()
    if not unit_text:
        part = _read_unit(rest, units, policy, whole=s, fraction=amount.low.fraction)
    else:
        part = _fields_unit(rest, unit_text, units, policy, whole=s)
    shown = " ".join(p for p in (phrase, number_text.strip(), unit_text) if p)
    return _build(shown, phrase, bound, amount, part, units, policy)


def _fields_unit(rest: str, unit_text: str, units: Units, policy: Policy, *, whole: str) -> _Unit:
    """The unit field, and a rate base left in the number field ('1 in 7', 'per 1,000')."""
    base = None
    if rest:
        m = _CONNECTOR.match(rest)
        read = _read_number(rest, m.end(), policy) if m else None
        if read is None or rest[read[1] :].strip():
            raise ValueParseError(f"number: {whole!r} has more than a number in it; put the unit under unit:")
        base = read[0]
    part = _read_unit(unit_text, units, policy, whole=unit_text)
    if part.base is not None and base is not None:
        raise ValueParseError(f"number: {whole!r} and unit: {unit_text!r} both give a rate base")
    if base is None:
        return part
    return _Unit(part.scale, part.unit, base=base, share_of=part.share_of)


def _number_text(number: object) -> str:
    if isinstance(number, bool) or not isinstance(number, (int, float, str)):
        raise ValueParseError(f"number: must be a number or text, not {type(number).__name__}")
    if isinstance(number, str):
        return number
    if isinstance(number, float):
        if not math.isfinite(number):
            raise ValueParseError(f"number: {number} is not a finite number")
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return format(Decimal(repr(number)), "f")
    return str(number)


def _field_qualifier(qualifier: object) -> tuple[str | None, Bound]:
    if qualifier is None or (isinstance(qualifier, str) and not qualifier.strip()):
        return None, Bound.EXACT
    if not isinstance(qualifier, str):
        raise ValueParseError(f"qualifier: must be text, not {type(qualifier).__name__}")
    q = " ".join(qualifier.lower().split())
    known = qualifiers()
    if q in known:
        return q, known[q].bound
    if q in _SYMBOLS:
        return q, Bound(q)
    examples = ", ".join(sorted(known)[:8])
    raise ValueParseError(f"qualifier: {qualifier!r} is not known (for example: {examples}; or =, ~, >, <, <=, >=)")
