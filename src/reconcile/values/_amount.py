"""What comes before the unit: qualifiers, words that open the value, a change verb, a currency
symbol and the number or range."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ..errors import ValueParseError
from ..lexicon import currencies, number_words, percent_words, qualifiers
from ..lexicon.data import normal
from ..model import Bound, Policy, quick_init

if TYPE_CHECKING:
    pass

from ._numbers import _Number, _read_number
from ._vocabulary import _patterns, _valid_measure_words

# --------------------------------------------------------------------------- the value string


@quick_init
@dataclass(frozen=True, slots=True)
class _Amount:
    low: _Number
    high: _Number | None = None  # a range
    currency: str | None = None  # ISO code of a symbol or code written before the number

    @property
    def is_range(self) -> bool:
        return self.high is not None


_RANGE_START = re.compile(r"\s*(between|from)\s+", re.I)
_RANGE_SEP = re.compile(r"\s*(?:–|-|to(?!\w)|and(?!\w))\s*", re.I)
_CONNECTOR = re.compile(r"(?<!\S)(per|for\s+every|for\s+each|to\s+every|out\s+of|in)(?!\S)\s*", re.I)
_PERCENT = re.compile(r"\s*(%|percent|per\s*cent|pct)(?!\w)\s*", re.I)
_SHARE_OF = re.compile(r"of\s+(?P<whole>\S.*)$", re.I)
_ARTICLE_BEFORE_NUMBER = re.compile(r"(?:an?|the)\s+(?=[\d+\-−.]|[^\w\s])", re.I)


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
    m = None if s[pos : pos + 1].isdigit() else _patterns().currency_re.match(s, pos)
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
        if second is not None and second[0].text.lower() in ("a", "an"):  # "$3.5 billion-a-year"
            second = None
    if second is None:
        if m:
            raise ValueParseError(f"{s!r}: '{m.group(1)}' needs two numbers ('between 20 and 30 million')")
        return _Amount(low, currency=currency), end
    high, end = second
    k = high.scale
    if k != 1 and low.scale == 1 and low.value * k <= high.value:  # "20–30 million": both in millions
        if low.exact is None:
            low = _Number(low.value * k, low.unit * k, low.text, scale=k)
        else:
            exact, unit = low.exact * Decimal(k), low.u * Decimal(k)
            low = _Number(float(exact), float(unit), low.text, scale=k, exact=exact, exact_unit=unit)
    if low.value > high.value:
        raise ValueParseError(f"{s!r}: the range runs backwards ({low.text} > {high.text})")
    return _Amount(low, high, currency), end


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
        first = normal(words).split()[0]
        if (
            _valid_measure_words(words)
            and first not in number_words().words
            and first not in percent_words().change_verbs
        ):
            lead, pos = words, m.end()
            qualifier, bound, pos = _read_qualifiers(s, pos)
    change = 0
    if s[pos : pos + 1].isalpha() and (m := patterns.change_verb_re.match(s, pos)):
        change = percent_words().change_verbs[normal(m.group(1))]
        again = _read_qualifiers(s, m.end())
        qualifier, bound = _merge_qualifiers(s, (qualifier, bound), again[:2])
        pos = again[2]
    if s[pos : pos + 1] in ("a", "A", "t", "T") and (
        m := _ARTICLE_BEFORE_NUMBER.match(s, pos)
    ):  # "a 9 percent rise", "a $5 billion deficit"
        pos = m.end()
    return _Head(qualifier, bound, lead, change, pos)
