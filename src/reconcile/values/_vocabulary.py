"""The lexicon's words compiled for reading a value string, and what measure words may be."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import currencies, number_words, percent_words, qualifiers
from ..units.phrases import spellings

if TYPE_CHECKING:
    pass


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
    tail_re: re.Pattern[str]  # "a year", "-a-year", "annually", "in total" ending a value
    tail_words: frozenset[str]  # the last words of those phrases, lower case


def _alternation(phrases: Iterable[str], *, hyphens: bool = False) -> str:
    """Phrases longest first, each ending on a word boundary when it ends in a letter; with
    `hyphens`, words may be joined by hyphens too ("billion-a-year")."""
    parts = []
    gap = r"[\s-]+" if hyphens else r"\s+"
    for p in sorted(phrases, key=len, reverse=True):
        body = gap.join(re.escape(w) for w in p.split())
        parts.append(body + (r"(?!\w)" if p[-1].isalnum() else ""))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = number_words()
    pct = percent_words()
    tail = spellings()["tail"]
    letters = "".join(words.scale_letters)
    return _Patterns(
        qualifier_re=re.compile(rf"\s*({_alternation(qualifiers())})\s*", re.I),
        fraction_re=re.compile(rf"\s*({_alternation(words.fractions)})", re.I),
        scale_re=re.compile(rf"(\s*-?\s*)({_alternation(words.scale_words)}|[{letters}](?![A-Za-z]))", re.I),
        currency_re=re.compile(rf"({_symbols(currencies().symbols)})\s?(?=[\d+\-−.])"),
        change_verb_re=re.compile(rf"\s*({_alternation(pct.change_verbs)})(?:\s+by)?(?!\s+to\b)\s+", re.I),
        points_re=re.compile(rf"\s*({_alternation(pct.points)})(?!\w)\s*", re.I),
        tail_words=frozenset(p.split()[-1].lower() for p in [*tail["per_period"], *tail["fillers"]]),
        tail_re=re.compile(
            rf"(?:(?<=\s)|(?<=[^\W\d])-|^-?)(?:(?P<period>{_alternation(tail['per_period'], hyphens=True)})"
            rf"|{_alternation(tail['fillers'])})$",
            re.I,
        ),
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


_MEASURE_WORD = re.compile(r"[A-Za-z][\w'&.\-]*")
_UNIT_WORD = re.compile(r"[^\s/*·×⋅÷()^]+")
_MAX_MEASURE_WORDS = 6
_INNER_LINKS = frozenset({"of", "and"})


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


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _measure_hint(words: str = "") -> str:
    if _YEAR.search(words):
        return "a date belongs under period:, not in the value"
    return (
        f"measure words are up to {_MAX_MEASURE_WORDS} words naming what is measured"
        " ('$25.4 trillion GDP', '42,514 road deaths'), or put them under measure:"
    )


_DASHES = str.maketrans(
    {"\u2013": "–", "\u2014": "–", "\u2212": "−", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "’": "'"}
)


def _clean(text: str) -> str:
    s = " ".join(text.translate(_DASHES).split())
    return s.rstrip(".;,").strip().strip("\"'").strip()
