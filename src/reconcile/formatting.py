"""Every number, interval and unit as a person reads it: the one place numbers become text.

Two registers, one section each:

- for messages (finding messages, ``explain``, the terminal): compact and fixed-width —
  ``number`` "9.10 M", ``unit`` "camera/km²", ``percent`` "25.0%", ``rate_forms`` "1 per 6.6";
- for the page (the HTML report): words and as many digits as the reader needs —
  ``fmt_number`` "9.1 million", ``fmt_tick`` "200M", ``fmt_interval`` "[627,706.5, 627,707.5]",
  ``fmt_point`` "0.01335 (1 per 74.91)", ``fmt_gap`` "gap 447 %".

Pure functions of their arguments: the exact strings are part of the product (tests pin them).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Interval

# --------------------------------------------------------------------------- for messages

_UNIT_WORDS = [
    # canonical units nobody writes: name the quantity (the numbers beside them are in the claim's own unit)
    (re.compile(r"\b(\w+) \* year \*\* 2 / kilogram / kilometer \*\* 2\b"), r"\1 per energy"),
    (re.compile(r"\bkilogram \* kilometer \*\* 2 / year \*\* 3\b"), "power"),
    (re.compile(r"\bkilogram \* kilometer \*\* 2 / year \*\* 2\b"), "energy"),
    (re.compile(r"\bkilometer \*\* 2\b"), "km²"),
    (re.compile(r"\bsquare_kilometer\b"), "km²"),
    (re.compile(r"\bsquare_mile\b"), "mi²"),
    (re.compile(r"\bmile \*\* 2\b"), "mi²"),
    (re.compile(r"\bmeter \*\* 2\b"), "m²"),
    (re.compile(r"\bkilometer\b"), "km"),
    (re.compile(r"\bdimensionless\b"), ""),
]
_PER_BASE = re.compile(r"^(?P<num>[\w ]+?) / \((?P<base>\d+(?:\.\d+)?) \* (?P<den>[^)]+)\)$")


def number(x: float, digits: int = 3) -> str:
    """3 significant figures, thousands separators, M/B for millions and billions."""
    if x is None or math.isnan(x):
        return "?"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    magnitude = abs(x)
    if magnitude >= 1e6:
        if magnitude >= 1e12:
            return _sig(x / 1e12, digits) + " T"
        if magnitude >= 1e9:
            return _sig(x / 1e9, digits) + " B"
        return _sig(x / 1e6, digits) + " M"
    if magnitude >= 10**digits:
        return f"{round(x):,}"
    return _sig(x, digits)


def _sig(x: float, digits: int) -> str:
    """`digits` significant figures, trailing zeros kept: 9.10, 0.0690."""
    if x == 0:
        return "0"
    magnitude = abs(x)
    decimals = digits - 1 - math.floor(math.log10(magnitude))
    if decimals < len(_PLAIN):  # the format spec made once, not per number (every derived value has a few)
        # below 999 no rounding reaches 1,000: no thousands to separate, and grouping costs
        return format(x, (_PLAIN if magnitude < 999 else _GROUPED)[max(0, decimals)])
    return f"{x:,.{decimals}f}"


_GROUPED = tuple(f",.{decimals}f" for decimals in range(32))  # ",.0f" … ",.31f"
_PLAIN = tuple(f".{decimals}f" for decimals in range(32))


@lru_cache(maxsize=4096)
def unread(canonical_unit: str) -> bool:
    """A canonical unit nobody writes a number in (power is kg·km²/year³): show the claim's own unit."""
    return "kilogram * kilometer ** 2" in canonical_unit or "/ kilogram / kilometer ** 2" in canonical_unit


@lru_cache(maxsize=4096)  # a repo has a few dozen units, spelt out for every finding and derived value
def unit(text: str) -> str:
    """pint's canonical spelling → short human spelling ("camera / kilometer ** 2" → "camera/km²")."""
    for pattern, short in _UNIT_WORDS:
        text = pattern.sub(short, text)
    match = _PER_BASE.match(text)
    if match:
        base = float(match["base"])
        return f"{match['num']} per {base:,.0f} {match['den']}"
    return text.replace(" / ", "/").strip()


def interval(iv: Interval, unit_text: str, factor: float = 1.0) -> str:
    """ "[5.85 M, 5.95 M] person", "(6 M, 7 M] person": an interval in a unit (`factor` of it per
    canonical unit), with ( ) for open ends."""
    low = "(" if iv.low_open else "["
    high = ")" if iv.high_open else "]"
    ends = _ends(iv.low / factor, iv.high / factor)
    return f"{low}{ends[0]}, {ends[1]}{high} {unit(unit_text)}"


@lru_cache(maxsize=4096)  # a big group's consensus is shown beside each of its outliers, and figures repeat
def _ends(low: float, high: float) -> tuple[str, str]:
    """Both ends with as few significant figures (3 to 6) as show each one as it is, so that
    [12.55, 12.65] is never printed as the shifted [12.6, 12.7]. (0.0 and −0.0, one key in the
    cache, are both written "0".)"""
    for digits in (3, 4, 5):
        low_text = number(low, digits)
        if _shown_exactly(low, low_text):  # the high end is written only when the low one is exact
            high_text = number(high, digits)
            if _shown_exactly(high, high_text):
                return low_text, high_text
    return number(low, 6), number(high, 6)


def _shown_exactly(x: float, text: str) -> bool:
    if not math.isfinite(x) or x == 0:
        return True
    for suffix, scale in ((" T", 1e12), (" B", 1e9), (" M", 1e6)):
        if text.endswith(suffix):
            return math.isclose(float(text[: -len(suffix)].replace(",", "")) * scale, x, rel_tol=1e-9)
    return math.isclose(float(text.replace(",", "")), x, rel_tol=1e-9)


def percent(fraction: float | None) -> str:
    if fraction is None:
        return "?"
    if math.isinf(fraction):
        return "∞"
    return f"{fraction * 100:.1f}%" if fraction < 10 else f"{fraction:.0f}×"


def rate_forms(value: float, canonical_unit: str, written_unit: str | None, factor: float | None) -> str:
    """Extra readings of a count-per-count rate: "1 per 6.6" and, if written per 1,000, "69.0 per 1,000"."""
    base = _per_base(written_unit or "")
    if base is not None and factor:
        return f"{_sig(value / factor, 3)} per {base}"
    if 0 < value < 1 and _count_per_count(canonical_unit):
        return f"1 per {1 / value:.1f}" if 1 / value < 100 else f"1 per {number(1 / value)}"
    return ""


@lru_cache(maxsize=4096)  # read for every derived value: a repo has a few dozen units
def _per_base(written_unit: str) -> str | None:
    """The base of a unit written per so many ("camera / (1000 * person)" → "1,000"), else None."""
    match = _PER_BASE.match(written_unit)
    return f"{float(match['base']):,.0f}" if match else None


@lru_cache(maxsize=4096)
def _count_per_count(canonical_unit: str) -> bool:
    return " / " in canonical_unit and "**" not in canonical_unit


# --------------------------------------------------------------------------- for the page

_PAGE_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_TICK_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"))
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt_number(x: float, sig: int = 4) -> str:
    """A readable number: 150 million, 627,707, 0.01335, 1.2×10⁻⁶, ∞."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    a = abs(x)
    for limit, word in _PAGE_SCALES:
        if a >= limit:
            return f"{_plain(x / limit, sig)} {word}"
    if a < 1e-4:
        mantissa, exponent = f"{x:.{sig - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}×10{_superscript(int(exponent))}"
    return _plain(x, sig)


def fmt_tick(x: float) -> str:
    """Axis labels, short: 200M, 1.5B, 7,500, 0.07."""
    for limit, suffix in _TICK_SCALES:
        if abs(x) >= limit:
            return _plain(x / limit, 3) + suffix
    return fmt_number(x, 3)


def fmt_interval(iv: Interval) -> str:
    """[low, high] with ( ) for open ends; exact ends up to 7 digits, else 4, more if the ends look equal."""
    sig = max(_exact_digits(iv.low), _exact_digits(iv.high))
    low, high = fmt_number(iv.low, sig), fmt_number(iv.high, sig)
    while low == high and iv.low != iv.high and sig < 12:
        sig += 1
        low, high = fmt_number(iv.low, sig), fmt_number(iv.high, sig)
    opening = "(" if iv.low_open or math.isinf(iv.low) else "["
    closing = ")" if iv.high_open or math.isinf(iv.high) else "]"
    return f"{opening}{low}, {high}{closing}"


def fmt_gap(gap: float | None) -> str | None:
    """A finding's relative gap for its heading ("gap 447 %"); None when there is none to show."""
    if gap is None or gap == 0:
        return None
    if math.isinf(gap):
        return "gap ∞"
    if gap >= 10:  # as the message says it ("gap 997×"), never "gap 9.97e+04 %"
        return f"gap {gap:,.0f}×"
    return f"gap {gap * 100:.3g} %"


def fmt_point(point: float, unit: str) -> str:
    """The canonical value (unit shown apart), with '1 per N' for small ratios of units."""
    text = fmt_number(point, 6)
    if "/" in unit and 0 < point < 1:
        text += f" (1 per {fmt_number(1 / point, 4)})"
    return text


def _plain(x: float, sig: int) -> str:
    """`sig` significant figures, thousands separators, trailing zeros dropped: 627,707, 0.01335."""
    digits = sig - 1 - math.floor(math.log10(abs(x)))
    rounded = round(x, digits)
    if digits <= 0:
        return f"{int(rounded):,}"
    text = f"{rounded:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _superscript(n: int) -> str:
    return str(n).translate(_SUPERSCRIPTS)


def _exact_digits(x: float, most: int = 7, fallback: int = 4) -> int:
    """The fewest significant digits (≤ most) that write x exactly, else `fallback`."""
    if x == 0 or math.isinf(x):
        return 1
    for sig in range(1, most + 1):
        if math.isclose(float(f"{x:.{sig - 1}e}"), x, rel_tol=1e-12):
            return sig
    return fallback
