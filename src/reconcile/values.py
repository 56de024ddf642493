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
Interval ends are computed in decimal arithmetic from the digits as written and rounded
outwards to floats, so "1234567.1234567891 people" keeps its last digit's width.

Number forms: digits grouped by commas (627,707), by spaces in threes (627 707; thin and
no-break spaces too), the Indian way (4,65,255); scientific notation (2.5e6, 2.5×10^6,
2.5 x 10⁶); at most 100 significant digits and a power of ten within ±300, else a parse
error. A number right after the number ("627 70 cameras") is refused, never multiplied.

Money: a currency symbol or code before the number ("$", "US$", "€", "USD", "Rs"), or a
code or word after it ("4.08 trillion USD", "1.92 trn dollars"), both from
`data/currencies.toml`; "$" alone is US dollars. Each currency is a unit of its own
dimension. After a currency symbol a one-letter scale may end the value ("$5m"); a word
like "gazillion" or a glued "$4.08tr" is an unknown scale, a parse error naming it.

Measure words (`Value.measure_words`) name what is measured beyond the unit:
- words after a currency, a percentage or any unit: "$25.4 trillion GDP" → "GDP",
  "5.2 percent unemployment rate" → "unemployment rate";
- words before a counted noun that are not one of its spellings: "42,514 road deaths" →
  "road deaths" (the whole noun phrase; "627,707 cameras" has none);
- words before "of" that open the value: "an unemployment rate of 5.2 percent",
  "a GDP of $25.4 trillion";
- a rate's "per …" phrase as written is kept with them: "US$ 76,000 GDP per capita" →
  "GDP per capita" (unit USD / person).
They are at most six words of letters (digits, - ' & . inside a word), never a unit and
never a preposition other than "of"/"and" inside; anything else stays a unit error.

Percentages carry a role (`Value.percent_role`, words in `data/percentages.toml`):
share ("25 percent of EU GDP": `whole_words` "EU GDP", and `share_of` the counted noun
when the whole is one, "54 percent of cameras" → camera), change ("grew 3.4 percent",
"+8.5%", "a 9 percent rise", "3 percent GDP growth"; a fall, "fell 2 percent", "down 3%",
"a 3 percent drop", is a negative change: its intervals are mirrored below zero), rate
("5.2 percent unemployment rate": its own measure). Percentage points and basis points
("3 percentage points", unit `percentage_point`) are always a change of a rate. A bare
"7 percent" has no role. A change verb before an amount that is not a percentage
("fell 2 million people") is refused: state both periods' figures instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Context, Decimal, localcontext
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import UnitError, ValueParseError
from .lexicon import currencies, number_words, percent_words, qualifiers
from .lexicon.data import normal
from .model import Bound, Interval, PercentRole, Policy, Value
from .units import Units, get_units
from .units.phrases import spellings

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
    currency_re: re.Pattern[str]  # a symbol or code before a number: "US$", "€", "USD "
    change_verb_re: re.Pattern[str]  # "grew", "fell by", "down"
    points_re: re.Pattern[str]  # "percentage points", "bps"
    lead_re: re.Pattern[str]  # "an unemployment rate of ", "a GDP of "


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
    pct = percent_words()
    letters = "".join(words.scale_letters)
    return _Patterns(
        qualifier_re=re.compile(rf"\s*({_alternation(qualifiers())})\s*", re.I),
        fraction_re=re.compile(rf"\s*({_alternation(words.fractions)})", re.I),
        scale_re=re.compile(rf"(\s*-?\s*)({_alternation(words.scale_words)}|[{letters}](?![A-Za-z]))", re.I),
        currency_re=re.compile(rf"({_symbols(currencies().symbols)})\s?(?=[\d+\-−.])"),
        change_verb_re=re.compile(rf"\s*({_alternation(pct.change_verbs)})(?:\s+by)?(?!\s+to\b)\s+", re.I),
        points_re=re.compile(rf"\s*({_alternation(pct.points)})(?!\w)\s*", re.I),
        lead_re=re.compile(
            rf"(?:(?:{_alternation(pct.lead_articles)})\s+)?(?P<words>[A-Za-z][\w'&.\-]*(?:\s+[A-Za-z][\w'&.\-]*){{0,5}}?)"
            rf"\s+(?:{_alternation(pct.lead_links)})\s+(?=\S)",
            re.I,
        ),
    )


def _symbols(symbols: Iterable[str]) -> str:
    """Currency symbols longest first; one ending in a letter must not run into a word."""
    parts = []
    for sym in sorted(symbols, key=len, reverse=True):
        parts.append(re.escape(sym) + (r"(?![A-Za-z])" if sym[-1].isalpha() else ""))
    return "|".join(parts)


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class _Number:
    value: float  # scale applied
    unit: float  # unit of the last significant digit, scale applied
    text: str  # as written
    is_one: bool = False  # "1", "one", "a": the numerator of a "1 per N" rate
    scale: float = 1.0  # product of its scale words ("million" → 1e6)
    fraction: bool = False  # "a quarter": dimensionless by nature
    exact: Decimal | None = None  # the value from its digits, when a float would lose some
    exact_unit: Decimal | None = None

    @property
    def x(self) -> Decimal:
        """The value, exactly as written (scale applied)."""
        return self.exact if self.exact is not None else Decimal(self.value)

    @property
    def u(self) -> Decimal:
        return self.exact_unit if self.exact_unit is not None else Decimal(self.unit)


_TENS_UNIT = re.compile(r"[-\s]([A-Za-z]+)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_DIGITS = re.compile(
    r"""(?P<sign>[+\-−]?)
    (?P<int>\d{1,3}(?:,\d{3})+            # 627,707
      |\d{1,3}(?:\ \d{3})+(?!\d)         # 627 707 (thin and no-break spaces are spaces by now)
      |\d{1,2}(?:,\d{2})+,\d{3}           # 4,65,255: lakh and crore grouping
      |\d+)
    (?P<frac>\.\d+)?
    (?:[eE](?P<e>[+\-−]?\d+)                                  # 2.5e6
      |\s?[x×*·]\s?10(?:(?:\^|\*\*)(?P<p>[+\-−]?\d+)|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))?  # 2.5×10^6, 2.5 x 10⁶
    (?![\d,]\d)
    |(?P<sign2>[+\-−]?)(?P<frac2>\.\d+)(?!\d)""",
    re.X,
)
_WORD = re.compile(r"[A-Za-z]+")
MAX_DIGITS = 100  # significant digits in one number; more is not a figure anyone measured
MAX_POWER_OF_TEN = 300  # floats end near 1e308
_DECIMALS = Context(prec=2 * MAX_DIGITS + 20, Emax=999_999, Emin=-999_999)


def _digits_number(m: re.Match[str], policy: Policy, whole: str) -> _Number:
    """Digits as matched by `_DIGITS` → the number, exactly, and its last digit's unit."""
    text = m.group()
    if m.group("frac2") is not None:
        sign, integer, frac, power = m.group("sign2"), "0", m.group("frac2"), "0"
    else:
        sign, integer, frac = m.group("sign"), m.group("int"), m.group("frac") or ""
        power = m.group("e") or m.group("p") or (m.group("sup") or "").translate(_SUPERSCRIPTS) or "0"
    integer = integer.replace(",", "").replace(" ", "")
    significant = len((integer + frac[1:]).lstrip("0"))
    if significant > MAX_DIGITS:
        raise ValueParseError(
            f"{_short(whole)}: the number has too many digits ({significant}; at most {MAX_DIGITS} are read)"
        )
    exponent = int(power.replace("−", "-"))
    if abs(exponent) > MAX_POWER_OF_TEN:
        raise ValueParseError(f"{_short(whole)}: the number {_short(text)} is too large or too small to read")
    mantissa = Decimal((sign.replace("−", "-") or "+") + integer + frac)
    if frac:
        digit = Decimal(1).scaleb(-(len(frac) - 1))
    elif policy.integer_trailing_zeros_significant or not integer.strip("0"):
        digit = Decimal(1)
    else:
        digit = Decimal(1).scaleb(len(integer) - len(integer.rstrip("0")))
    exact = mantissa.scaleb(exponent, _DECIMALS)
    unit = digit.scaleb(exponent, _DECIMALS)
    value = float(exact)
    if not math.isfinite(value) or (value == 0 and exact != 0):
        raise ValueParseError(f"{_short(whole)}: the number {_short(text)} is too large or too small to read")
    return _Number(value, float(unit), text, is_one=(text == "1"), exact=exact, exact_unit=unit)


def _short(text: str) -> str:
    """Text for a message: quoted, and cut when long (a 400-digit number is not worth repeating)."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _digit_unit(text: str, policy: Policy) -> float:
    """The unit of the last significant digit of digits as written: '5.9' → 0.1, '7,800' → 100."""
    m = _DIGITS.fullmatch(text)
    if m is None:
        raise ValueParseError(f"{_short(text)} is not a number")
    return _digits_number(m, policy, text).unit


def _read_number(s: str, pos: int, policy: Policy, *, money: bool = False) -> tuple[_Number, int] | None:
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
        num = _digits_number(m, policy, s)
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
    return _apply_scales(s, pos, num, end, money=money)


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


_UNKNOWN_SCALE = re.compile(r"\s*-?\s*([A-Za-z]*illions?)(?!\w)", re.I)
_GLUED = re.compile(r"[A-Za-z]+")


def _apply_scales(s: str, start: int, num: _Number, end: int, *, money: bool = False) -> tuple[_Number, int]:
    """'5.9' + ' million' → 5.9e6. A one-letter scale ('200M', '5k') must touch the number
    and be followed by more text, so '5 m' stays metres; after a currency symbol it may
    end the value ('$5m'). A word like 'gazillion', or letters glued to an amount of money
    that are no scale ('$4.08tr'), is an unknown scale: a parse error, never dropped."""
    words = number_words()
    scale_re = _patterns().scale_re
    factor = Decimal(1)
    while True:
        m = scale_re.match(s, end)
        if not m:
            break
        word = m.group(2)
        if len(word) == 1:
            touching = m.group(1) == ""
            followed = money or re.match(r"\s+\w", s[m.end() :]) is not None
            if word not in words.scale_letters or not touching or not followed or factor != 1:
                break
            factor *= Decimal(words.scale_letters[word])
        else:
            factor *= Decimal(words.scale_words[word.lower()])
        end = m.end()
    unknown = _UNKNOWN_SCALE.match(s, end)
    if unknown and unknown.group(1).lower() not in words.scale_words:
        raise ValueParseError(f"unknown scale {unknown.group(1)!r} in {_short(s)}")
    if money and (glued := _GLUED.match(s, end)):
        raise ValueParseError(f"unknown scale {glued.group()!r} in {_short(s)}")
    if factor == 1:
        return num, end
    exact, unit = num.x * factor, num.u * factor
    return (
        _Number(
            float(exact),
            float(unit),
            s[start:end],
            scale=float(factor),
            fraction=num.fraction,
            exact=exact,
            exact_unit=unit,
        ),
        end,
    )


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
    currency: str | None = None  # ISO code of a symbol or code written before the number

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
_ARTICLE_BEFORE_NUMBER = re.compile(r"(?:an?|the)\s+(?=[\d+\-−.]|[^\w\s])", re.I)


def _clean(text: str) -> str:
    s = " ".join(text.translate(_DASHES).split())
    return s.rstrip(".;,").strip().strip("\"'").strip()


def _read_qualifiers(s: str, pos: int = 0) -> tuple[str | None, Bound, int]:
    """Qualifier phrases at `pos` → (literal phrase, bound, end). 'an estimated' is '='."""
    known = qualifiers()
    qualifier_re = _patterns().qualifier_re
    phrases: list[str] = []
    bounds: list[Bound] = []
    while m := qualifier_re.match(s, pos):
        phrase = normal(m.group(1))
        phrases.append(phrase)
        bounds.append(known[phrase].bound)
        pos = m.end()
    strong = [b for b in bounds if b is not Bound.EXACT]
    if len(set(strong)) > 1:
        raise ValueParseError(f"{s!r}: qualifiers {' / '.join(phrases)!r} contradict each other")
    return (" ".join(phrases) or None), (strong[0] if strong else Bound.EXACT), pos


def _merge_qualifiers(
    s: str, first: tuple[str | None, Bound], second: tuple[str | None, Bound]
) -> tuple[str | None, Bound]:
    """Qualifiers read in two places ('about' in 'grew about 3 percent' after none before)."""
    strong = {b for _, b in (first, second) if b is not Bound.EXACT}
    if len(strong) > 1:
        raise ValueParseError(f"{s!r}: qualifiers {first[0]!r} and {second[0]!r} contradict each other")
    phrase = " ".join(p for p, _ in (first, second) if p) or None
    return phrase, (strong.pop() if strong else Bound.EXACT)


def _read_currency_symbol(s: str, pos: int) -> tuple[str | None, int]:
    """A currency symbol or code before a number ('US$', '€', 'USD ') → (ISO code, end)."""
    m = _patterns().currency_re.match(s, pos)
    if not m:
        return None, pos
    return currencies().symbols[m.group(1)], m.end()


def _read_amount(s: str, pos: int, policy: Policy) -> tuple[_Amount, int]:
    """A number, or a range: 'between 20 and 30 million', '20–30 million', '20 to 30',
    each number maybe after a currency symbol ('$20–30 billion', 'between $20bn and $30bn')."""
    m = _RANGE_START.match(s, pos)
    start = m.end() if m else pos
    currency, start = _read_currency_symbol(s, start)
    first = _read_number(s, start, policy, money=currency is not None)
    if first is None:
        raise ValueParseError(f"{s!r}: no number found" + (f" after {s[:start].strip()!r}" if start else ""))
    low, end = first
    sep = _RANGE_SEP.match(s, end)
    second = None
    if sep:
        again, after = _read_currency_symbol(s, sep.end())
        if again is not None and again != currency:
            raise ValueParseError(f"{s!r}: a range in two currencies ({currency or 'none'} and {again})")
        second = _read_number(s, after, policy, money=currency is not None)
    if second is None:
        if m:
            raise ValueParseError(f"{s!r}: '{m.group(1)}' needs two numbers ('between 20 and 30 million')")
        return _Amount(low, currency=currency), end
    high, end = second
    k = high.scale
    if k != 1 and low.scale == 1 and low.value * k <= high.value:  # "20–30 million": both in millions
        exact, unit = low.x * Decimal(k), low.u * Decimal(k)
        low = _Number(float(exact), float(unit), low.text, scale=k, exact=exact, exact_unit=unit)
    if low.value > high.value:
        raise ValueParseError(f"{s!r}: the range runs backwards ({low.text} > {high.text})")
    return _Amount(low, high, currency), end


@dataclass(frozen=True)
class _Unit:
    """What follows the amount: a unit phrase, maybe a rate base, maybe a share's whole."""

    scale: float  # a number inside the unit phrase ("camera / (1000 * person)" → 0.001)
    unit: PintUnit
    base: _Number | None = None  # "per 1,000", "for every seven"
    share_of: str | None = None
    one_in_n: bool = False  # "for every N", "1 in N", "out of N": always a count of N, never a base
    measure_words: str | None = None
    role: PercentRole | None = None
    whole_words: str | None = None
    sign: int = 1  # −1 for a fall ("fell 2 percent", "a 3 percent drop")

    def with_words(self, **changes: Any) -> _Unit:
        return replace(self, **changes)


def _read_unit(rest: str, units: Units, policy: Policy, *, whole: str, fraction: bool = False) -> _Unit:
    """Read the unit part; `whole` is the full text, for messages."""
    if not rest:
        if fraction:
            return _Unit(1.0, units.registry.dimensionless)
        raise ValueParseError(f"{whole!r}: no unit; say what is counted (e.g. '1.4 billion people')")
    if rest[0].isdigit():
        raise ValueParseError(
            f"{_short(whole)}: a number right after the number; group digits in threes ('627 707' or"
            " '627,707') and write the unit after them"
        )
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


def _down(d: Decimal) -> float:
    """The largest float not above d (an end that must not move inwards)."""
    f = float(d)
    return math.nextafter(f, -math.inf) if math.isfinite(f) and Decimal(f) > d else f


def _up(d: Decimal) -> float:
    f = float(d)
    return math.nextafter(f, math.inf) if math.isfinite(f) and Decimal(f) < d else f


def _iv(low: Decimal, high: Decimal, low_open: bool = False, high_open: bool = False) -> Interval:
    """Ends computed exactly, then the nearest floats; when a float cannot tell the two ends
    apart ("1234567.1234567891": u is below a float's step there), they move outwards one step."""
    lo, hi = float(low), float(high)
    if lo == hi and low != high:
        lo, hi = _down(low), _up(high)
        if lo == hi:
            lo, hi = math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)
    return Interval(lo, hi, low_open, high_open)


def _relative(policy: Policy) -> Decimal:
    return Decimal(repr(policy.about_min_relative))


def _default(x: Decimal, u: Decimal, bound: Bound, policy: Policy) -> Interval:
    if bound is Bound.EXACT:
        return _iv(x - u / 2, x + u / 2)
    if bound is Bound.ABOUT:
        half = max(u / 2, _relative(policy) * abs(x))
        return _iv(x - half, x + half)
    return _directional(x, u, bound)


def _operand(x: Decimal, u: Decimal, bound: Bound, policy: Policy) -> Interval:
    if bound is Bound.EXACT:
        return _iv(x, x)
    if bound is Bound.ABOUT:
        half = _relative(policy) * abs(x)
        return _iv(x - half, x + half)
    return _directional(x, u, bound)


def _result(x: Decimal, u: Decimal, bound: Bound, policy: Policy) -> Interval:
    if bound in (Bound.EXACT, Bound.ABOUT):
        low, high = x - u / 2, x + u
        if bound is Bound.ABOUT:
            half = _relative(policy) * abs(x)
            low = min(low, x - half)
            if x + half > high:
                return _iv(low, x + half)
        return _iv(low, high, high_open=True)
    return _directional(x, u, bound)


def _directional(x: Decimal, u: Decimal, bound: Bound) -> Interval:
    if bound is Bound.OVER:
        return _iv(x, x + u, low_open=True)
    if bound is Bound.UNDER:
        return _iv(x - u, x, high_open=True)
    if bound is Bound.AT_MOST:
        return Interval(0.0, _up(x), low_open=True) if x > 0 else Interval(-math.inf, _up(x))
    if bound is Bound.AT_LEAST:
        return Interval(_down(x), math.inf)
    raise ValueError(f"unknown bound {bound!r}")


_READINGS = (_default, _operand, _result)


def _range_interval(low: Decimal, high: Decimal, bound: Bound, policy: Policy) -> Interval:
    """[X, Y]; 'about 20–30 million' widens each end by about_min_relative."""
    if bound is Bound.ABOUT:
        r = _relative(policy)
        return _iv(low - r * abs(low), high + r * abs(high))
    return _iv(low, high)


def _mirrored(iv: Interval) -> Interval:
    """−iv: a fall of 2–3 percent is a change in [−3, −2] percent."""
    return Interval(-iv.high, -iv.low, iv.high_open, iv.low_open)


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
    if bound is Bound.AT_MOST and not dimensionless and amount.low.value <= 0:
        raise ValueParseError(f"{_short(text)}: no value can be that (nothing above zero is up to {amount.low.text})")
    with localcontext(_DECIMALS):
        reading = _read(amount, part, bound, policy)
    k = canonical_factor / reading.per
    intervals = [iv.scale(k) for iv in reading.intervals]
    if not dimensionless:
        intervals = [_nonnegative(iv) for iv in intervals]
    point = reading.point * k
    written = reading.written
    if part.sign < 0:
        intervals = [_mirrored(iv) for iv in intervals]
        point = -point
        written = (-written[1], -written[0]) if isinstance(written, tuple) else -written
    if not all(math.isfinite(v) for v in (point, *(iv.low for iv in intervals))):
        raise ValueParseError(f"{_short(text)}: the number is out of range")
    if any(iv.is_empty for iv in intervals):
        raise ValueParseError(f"{_short(text)}: no value can be that (a count cannot be below zero)")
    return Value(
        text=text,
        qualifier=qualifier,
        bound=Bound.RANGE if amount.is_range else bound,
        value=written,
        unit=units.format_scaled(part.scale / reading.per, part.unit),
        canonical_unit=canonical_unit,
        point=point,
        interval=intervals[0],
        operand_interval=intervals[1],
        result_interval=intervals[2],
        share_of=part.share_of,
        measure_words=part.measure_words,
        percent_role=part.role,
        whole_words=part.whole_words,
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
        intervals = [_reciprocal(r(base.x, base.u, flipped, policy)) for r in _READINGS]
        return _Reading(intervals, 1 / base.value, 1 / base.value, 1.0)
    alone = _read_amount_alone(amount, bound, policy)
    if _is_power_of_ten(base.value):
        # "13.35 per 1,000": the base is exact, the count carries the rounding.
        return _Reading(alone.intervals, alone.point, alone.written, base.value)
    # "3 cameras for every 7 people": both figures were rounded.
    base_iv = [r(base.x, base.u, Bound.EXACT, policy) for r in _READINGS]
    intervals = [_nonnegative(iv) / b for iv, b in zip(alone.intervals, base_iv, strict=True)]
    point = alone.point / base.value
    high = amount.high
    written = (amount.low.value / base.value, high.value / base.value) if high is not None else point
    return _Reading(intervals, point, written, 1.0)


def _read_amount_alone(amount: _Amount, bound: Bound, policy: Policy) -> _Reading:
    low, high = amount.low, amount.high
    if high is not None:
        intervals = [_range_interval(low.x, high.x, bound, policy)] * 3
        return _Reading(intervals, (low.value + high.value) / 2, (low.value, high.value), 1.0)
    intervals = [r(low.x, low.u, bound, policy) for r in _READINGS]
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
    head = _read_head(s)
    amount, end = _read_amount(s, head.end, policy)
    part = _read_tail(s[end:].strip(), units, policy, whole=s, amount=amount, head=head)
    return _build(text, head.qualifier, head.bound, amount, part, units, policy)


class _Head(NamedTuple):
    """What comes before the number: qualifiers, measure words that open the value, a change verb."""

    qualifier: str | None
    bound: Bound
    lead_words: str | None  # "unemployment rate" in "an unemployment rate of 5.2 percent"
    change: int  # +1 "grew", −1 "fell", 0 none
    end: int


def _read_head(s: str) -> _Head:
    """'an unemployment rate of about', 'fell by nearly', 'a' (before '9 percent rise')."""
    patterns = _patterns()
    qualifier, bound, pos = _read_qualifiers(s)
    lead = None
    if pos == 0 and s[:1].isalpha() and not patterns.fraction_re.match(s) and (m := patterns.lead_re.match(s)):
        words = m.group("words")
        if _valid_measure_words(words) and normal(words).split()[0] not in number_words().words:
            lead, pos = words, m.end()
            qualifier, bound, pos = _read_qualifiers(s, pos)
    change = 0
    if m := patterns.change_verb_re.match(s, pos):
        change = percent_words().change_verbs[normal(m.group(1))]
        again = _read_qualifiers(s, m.end())
        qualifier, bound = _merge_qualifiers(s, (qualifier, bound), again[:2])
        pos = again[2]
    if m := _ARTICLE_BEFORE_NUMBER.match(s, pos):  # "a 9 percent rise", "a $5 billion deficit"
        pos = m.end()
    return _Head(qualifier, bound, lead, change, pos)


_MEASURE_WORD = re.compile(r"[A-Za-z][\w'&.\-]*")
_UNIT_WORD = re.compile(r"[^\s/*·×⋅÷()^]+")
_MAX_MEASURE_WORDS = 6
_INNER_LINKS = frozenset({"of", "and"})
_RATE_WORD = re.compile(r"(?<!\S)(?:a|an|each|every)\s+(year|month|week|day|quarter)$", re.I)


def _valid_measure_words(words: str) -> bool:
    """At most six words of letters; a preposition only as "of"/"and" inside ("cost of living")."""
    split = words.split()
    if not split or len(split) > _MAX_MEASURE_WORDS or not all(_MEASURE_WORD.fullmatch(w) for w in split):
        return False
    not_modifiers = {w.lower() for w in spellings()["phrases"]["not_modifiers"]}
    lowered = [w.lower() for w in split]
    if lowered[0] in not_modifiers or lowered[-1] in not_modifiers:
        return False
    return all(w not in not_modifiers or w in _INNER_LINKS for w in lowered)


def _split_rate(rest: str) -> tuple[str, str]:
    """'GDP per capita' → ('GDP', 'per capita'); 'cameras in use' → ('cameras in use', '').
    'in' starts a rate only before a number ("1 in 7"); "a year" is "per year"."""
    rest = _RATE_WORD.sub(r"per \1", rest)
    for m in _CONNECTOR.finditer(rest):
        if m.group(1).lower() == "in" and not _read_number_words_or_digits(rest, m.end()):
            continue
        return rest[: m.start()].strip(), rest[m.start() :].strip()
    return rest, ""


def _read_number_words_or_digits(s: str, pos: int) -> bool:
    return bool(_DIGITS.match(s, pos)) or _read_number_words(s, pos) is not None


def _read_tail(rest: str, units: Units, policy: Policy, *, whole: str, amount: _Amount, head: _Head) -> _Unit:
    """The words after the amount: unit, rate, percentage role and measure words."""
    fraction = amount.low.fraction
    points = _patterns().points_re.match(rest)
    pct = points or _PERCENT.match(rest)
    if amount.currency is not None:
        if pct:
            raise ValueParseError(f"{_short(whole)}: a currency and a percentage in one value")
        part = _money_tail(rest, amount.currency, units, policy, whole=whole)
    elif pct:
        return _percent_tail(rest, pct, points is not None, units, policy, whole=whole, head=head)
    elif fraction or not rest:
        if not rest and head.lead_words and units.spells_unit(head.lead_words):  # "a population of 9.1 million"
            return _read_unit(head.lead_words, units, policy, whole=whole)
        part = _read_unit(rest, units, policy, whole=whole, fraction=fraction)
    else:
        part = _unit_tail(rest, units, policy, whole=whole)
    if head.change:
        raise ValueParseError(
            f"{_short(whole)}: a change of an amount is not read; write a percentage ('grew 3 percent')"
            " or each period's figure as its own claim"
        )
    if head.lead_words:
        if part.measure_words:
            raise ValueParseError(f"{_short(whole)}: measure words both before and after the number")
        part = part.with_words(measure_words=head.lead_words)
    return part


def _money_tail(rest: str, currency: str, units: Units, policy: Policy, *, whole: str) -> _Unit:
    """After '$25.4 trillion': measure words and a rate ('GDP per capita', 'a year')."""
    words, rate = _split_rate(rest)
    if words:
        first = words.split()[0]
        if units.currency(_first_unit(first, units)) is not None:
            raise ValueParseError(f"{_short(whole)}: the currency is written twice ({first!r})")
        if not _valid_measure_words(words) or _spells_any(words, units):
            raise ValueParseError(f"{_short(whole)}: cannot read {words!r} after the amount; {_measure_hint()}")
    part = _read_unit(f"{currency} {rate}".strip(), units, policy, whole=whole)
    return part.with_words(measure_words=_join(words, rate))


def _unit_tail(rest: str, units: Units, policy: Policy, *, whole: str) -> _Unit:
    """A unit, maybe with measure words before a counted noun or after the unit."""
    words, rate = _split_rate(rest)
    if not words or not all(_UNIT_WORD.fullmatch(w) for w in words.split()) or units.spells_unit(words):
        return _read_unit(rest, units, policy, whole=whole)
    split = words.split()
    for k in range(len(split) - 1, 0, -1):  # "km² land area", "dollars GDP": the unit, then words
        unit_words, after = " ".join(split[:k]), " ".join(split[k:])
        if units.spells_unit(unit_words):
            if _valid_measure_words(after) and not _spells_any(after, units):
                part = _read_unit(f"{unit_words} {rate}".strip(), units, policy, whole=whole)
                return part.with_words(measure_words=_join(after, rate))
            break
    noun = units.count_noun(split[-1])
    if noun is not None and _valid_measure_words(words) and not _spells_any(" ".join(split[:-1]), units, prefix=True):
        # "road deaths": the noun phrase names the measure, its head the unit
        part = _read_unit(f"{split[-1]} {rate}".strip(), units, policy, whole=whole)
        return part.with_words(measure_words=_join(words, rate))
    return _read_unit(rest, units, policy, whole=whole)  # the reader's own message for what is wrong


def _percent_tail(
    rest: str, pct: re.Match[str], points: bool, units: Units, policy: Policy, *, whole: str, head: _Head
) -> _Unit:
    """'percent of EU GDP' (share), 'percent rise' (change), 'percent unemployment rate' (rate)."""
    after = rest[pct.end() :].strip()
    if points:
        unit = units.registry.Unit(percent_words().points[normal(pct.group(1))])
        base = _Unit(1.0, unit, role=PercentRole.CHANGE)
    else:
        base = _Unit(1.0, units.registry.percent)
    sign = head.change or 1
    if m := _SHARE_OF.match(after):
        if points or head.change:
            raise ValueParseError(f"{_short(whole)}: a change is not a share of something")
        whole_words = re.sub(r"^the\s+", "", m.group("whole"), flags=re.I)
        return base.with_words(
            share_of=_counted_whole(m.group("whole"), units), role=PercentRole.SHARE, whole_words=whole_words
        )
    if not after:
        role = PercentRole.CHANGE if head.change or points or _signed(whole, head) else None
        if head.lead_words:  # "an unemployment rate of 5.2 percent"
            return base.with_words(role=role or PercentRole.RATE, sign=sign, measure_words=head.lead_words)
        return base.with_words(role=role, sign=sign)
    if head.lead_words:
        raise ValueParseError(f"{_short(whole)}: measure words both before and after the number")
    if not _valid_measure_words(after) or _spells_any(after, units):
        raise ValueParseError(f"{_short(whole)}: cannot read {after!r} after the percentage; {_measure_hint()}")
    split = after.split()
    noun_sign = percent_words().change_nouns.get(split[-1].lower())
    if noun_sign is not None:  # "a 9 percent rise", "3 percent GDP growth"
        if head.change and head.change != noun_sign:
            raise ValueParseError(f"{_short(whole)}: the words say both a rise and a fall")
        return base.with_words(role=PercentRole.CHANGE, sign=noun_sign, measure_words=" ".join(split[:-1]) or None)
    if points or head.change:  # "rose 2 percentage points unemployment"? the words are the measure
        return base.with_words(role=PercentRole.CHANGE, sign=sign, measure_words=after)
    return base.with_words(role=PercentRole.RATE, measure_words=after)


def _signed(whole: str, head: _Head) -> bool:
    """'+8.5%', '-3 percent': a sign written before the number says it is a change."""
    return whole[head.end : head.end + 1] in ("+", "-", "−")


def _counted_whole(phrase: str, units: Units) -> str | None:
    """The counted noun a share is of ('of cameras' → 'camera'), None when the whole is not
    a count ('of EU GDP': the whole's words say what it is)."""
    try:
        canonical = units.canonical_unit(units.parse_unit(phrase))
    except (UnitError, ValueParseError):
        return None
    return canonical if units.kind(canonical) == "count" else None


def _first_unit(word: str, units: Units) -> str:
    try:
        return str(units.parse_unit(word))
    except (UnitError, ValueParseError):
        return ""


def _spells_any(words: str, units: Units, *, prefix: bool = False) -> bool:
    """Whether a word among `words` is itself a unit ("cameras people" is two units, not a measure);
    with `prefix`, the words before a counted noun, where "square" is a power, not a modifier."""
    return any(units.spells_unit(w) for w in words.split())


def _join(words: str, rate: str) -> str | None:
    """Measure words with the rate they are given in, when it has no number of its own:
    "GDP per capita", "road deaths per year"; "per 100,000 people" is the unit's business."""
    if not words:
        return None
    if not rate or any(c.isdigit() for c in rate) or _read_base_word(rate):
        return words
    return f"{words} {rate}"


def _read_base_word(rate: str) -> bool:
    """'for every seven people', 'per thousand': a rate whose base is a number word."""
    m = _CONNECTOR.match(rate)
    return m is not None and _read_number(rate, m.end(), Policy()) is not None


def _measure_hint() -> str:
    return (
        f"measure words are up to {_MAX_MEASURE_WORDS} words naming what is measured"
        " ('$25.4 trillion GDP', '42,514 road deaths'), or put them under measure:"
    )


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
