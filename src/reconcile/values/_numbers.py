"""One written number: digits in every grouping, scientific notation, number words, fractions
and scale words → its value, exactly, and the unit of its last significant digit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import TYPE_CHECKING

from ..errors import ValueParseError
from ..lexicon import number_words
from ..lexicon.data import normal
from ..model import Policy, quick_init

if TYPE_CHECKING:
    pass

from ._vocabulary import _clean, _patterns

# --------------------------------------------------------------------------- numbers


@quick_init
@dataclass(frozen=True, slots=True)
class _Number:
    value: float  # scale applied
    unit: float  # unit of the last significant digit, scale applied
    text: str  # as written
    is_one: bool = False  # "1", "one", "a": the numerator of a "1 per N" rate
    scale: float = 1.0  # product of its scale words ("million" → 1e6)
    fraction: bool = False  # "a quarter": dimensionless by nature
    exact: Decimal | None = None  # the value from its digits, only when a float would lose some
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
_FLOAT_DIGITS = 15  # a float keeps 15 significant digits; longer numbers are read in decimal
_DECIMALS = Context(prec=2 * MAX_DIGITS + 20, Emax=999_999, Emin=-999_999)


def _digits_number(m: re.Match[str], policy: Policy, whole: str) -> _Number:
    """Digits as matched by `_DIGITS` → the number, exactly, and its last digit's unit."""
    text = m.group()
    sign, integer, frac, e, p, sup, sign2, frac2 = m.group("sign", "int", "frac", "e", "p", "sup", "sign2", "frac2")
    if frac2 is not None:
        sign, integer, frac, power = sign2, "0", frac2, "0"
    else:
        frac = frac or ""
        power = e or p or (sup or "").translate(_SUPERSCRIPTS) or "0"
    integer = integer.replace(",", "").replace(" ", "")
    significant = len((integer + frac[1:]).lstrip("0"))
    if significant > MAX_DIGITS:
        raise ValueParseError(
            f"{_short(whole)}: the number has too many digits ({significant}; at most {MAX_DIGITS} are read)"
        )
    exponent = int(power.replace("−", "-"))
    if abs(exponent) > MAX_POWER_OF_TEN:
        raise ValueParseError(f"{_short(whole)}: the number {_short(text)} is too large or too small to read")
    sign = sign.replace("−", "-")
    if exponent == 0 and significant <= _FLOAT_DIGITS:  # the common case: a float holds it exactly enough
        return _float_number(text, sign, integer, frac, policy)
    mantissa = Decimal((sign or "+") + integer + frac)
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
    if significant <= _FLOAT_DIGITS:  # 2.5e6: scientific notation, but a float holds it
        return _Number(value, float(unit), text, is_one=(text == "1"))
    return _Number(value, float(unit), text, is_one=(text == "1"), exact=exact, exact_unit=unit)


def _float_number(text: str, sign: str, integer: str, frac: str, policy: Policy) -> _Number:
    """Digits as written (`text`; `integer` without its commas) that a float holds: no power of
    ten, at most `_FLOAT_DIGITS` significant digits."""
    return _Number(float(sign + integer + frac), _float_digit_unit(integer, frac, policy), text, text == "1")  # is_one


def _float_digit_unit(integer: str, frac: str, policy: Policy) -> float:
    """The last significant digit's unit of plain digits: '5.9' → 0.1, '7,800' → 100."""
    if frac:
        unit = _FRACTION_UNITS.get(len(frac))
        if unit is None:
            unit = _FRACTION_UNITS[len(frac)] = float(Decimal(1).scaleb(-(len(frac) - 1)))
        return unit
    if policy.integer_trailing_zeros_significant or not integer.strip("0"):
        return 1.0
    return float(10 ** (len(integer) - len(integer.rstrip("0"))))


_FRACTION_UNITS: dict[int, float] = {}  # decimals written → the last one's unit: 2 → 0.1 (".5" has 2)


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
    if m.group().lower() in ("a", "an"):
        _refuse_words_before_digits(s, pos, end)
    if value >= 20 and value % 10 == 0:
        m2 = _TENS_UNIT.match(s, end)
        if m2 and 1 <= words.get(m2.group(1).lower(), 0) <= 9 and m2.group(1).lower() not in ("a", "an"):
            value, end = value + words[m2.group(1).lower()], m2.end()
    return value, end


_DIGIT_AFTER_WORDS = re.compile(r"\s+([A-Za-z][\w'\-]*(?:\s+[A-Za-z][\w'\-]*)*)\s+(?=[\d$€£¥])")


def _refuse_words_before_digits(s: str, pos: int, end: int) -> None:
    """'a record 67.11 per cent', 'a whopping 5 million': the "a" is an article, not the number 1,
    and the words before the number are no qualifier; say so rather than read 'record' as a unit."""
    m = _DIGIT_AFTER_WORDS.match(s, end)
    if m is None:
        return
    lead = s[pos : m.end(1)]
    first = m.group(1).split()[0].lower()
    if first in number_words().words or first in number_words().scale_words:
        return  # "a hundred", "a million": a number after all
    raise ValueParseError(
        f"{_short(s)}: {lead!r} before the number is no qualifier reconcile reads; write the number"
        " first (a qualifier such as over, nearly or about may stand before it)"
    )


_ONE = Decimal(1)
_UNKNOWN_SCALE = re.compile(r"\s*-?\s*([A-Za-z]*illions?)(?!\w)", re.I)
_GLUED = re.compile(r"[A-Za-z]+")


def _apply_scales(s: str, start: int, num: _Number, end: int, *, money: bool = False) -> tuple[_Number, int]:
    """'5.9' + ' million' → 5.9e6. A one-letter scale ('200M', '5k') must touch the number
    and be followed by more text, so '5 m' stays metres; after a currency symbol it may
    end the value ('$5m'). A word like 'gazillion', or letters glued to an amount of money
    that are no scale ('$4.08tr'), is an unknown scale: a parse error, never dropped."""
    words = number_words()
    scale_re = _patterns().scale_re
    factor = _ONE
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
    unknown = _UNKNOWN_SCALE.match(s, end) if "illion" in s else None
    if unknown and unknown.group(1).lower() not in words.scale_words:
        raise ValueParseError(f"unknown scale {unknown.group(1)!r} in {_short(s)}")
    if money and (glued := _GLUED.match(s, end)):
        raise ValueParseError(f"unknown scale {glued.group()!r} in {_short(s)}")
    if factor == 1:
        return num, end
    if num.exact is None:  # floats, as always: 5.9 × 1e6
        k = float(factor)
        return _Number(num.value * k, num.unit * k, s[start:end], scale=k, fraction=num.fraction), end
    exact, unit = num.exact * factor, num.u * factor
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
