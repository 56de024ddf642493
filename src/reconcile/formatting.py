"""Numbers and units as a person reads them in messages: "9.1 M person", "1 per 6.6", "69.0 per 1,000"."""

from __future__ import annotations

import math
import re
from functools import lru_cache

_UNIT_WORDS = [
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
    for threshold, suffix in ((1e12, " T"), (1e9, " B"), (1e6, " M")):
        if magnitude >= threshold:
            return _sig(x / threshold, digits) + suffix
    if magnitude >= 10 ** digits:
        return f"{round(x):,}"
    return _sig(x, digits)


def _sig(x: float, digits: int) -> str:
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:,.{decimals}f}"
    return text


@lru_cache(maxsize=4096)
def unit(text: str) -> str:
    """pint's canonical spelling → short human spelling ("camera / kilometer ** 2" → "camera/km²")."""
    for pattern, short in _UNIT_WORDS:
        text = pattern.sub(short, text)
    match = _PER_BASE.match(text)
    if match:
        base = float(match["base"])
        return f"{match['num']} per {base:,.0f} {match['den']}"
    return text.replace(" / ", "/").strip()


def percent(fraction: float | None) -> str:
    if fraction is None:
        return "?"
    if math.isinf(fraction):
        return "∞"
    return f"{fraction * 100:.1f}%" if fraction < 10 else f"{fraction:.0f}×"


def rate_forms(value: float, canonical_unit: str, written_unit: str | None, factor: float | None) -> str:
    """Extra readings of a count-per-count rate: "1 per 6.6" and, if written per 1,000, "69.0 per 1,000"."""
    parts = []
    match = _PER_BASE.match(written_unit or "")
    if match and factor:
        parts.append(f"{_sig(value / factor, 3)} per {float(match['base']):,.0f}")
    elif 0 < value < 1 and " / " in canonical_unit and "**" not in canonical_unit:
        parts.append(f"1 per {1 / value:.1f}" if 1 / value < 100 else f"1 per {number(1 / value)}")
    return " = ".join(parts)
