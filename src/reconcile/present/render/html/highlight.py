"""Quote highlighting: mark, in a claim's quote, the number its value was read from.

The words come from the one vocabulary, `reconcile.lexicon.number_words()` — number
words, fractions, scale words and one-letter scales — so the page marks exactly the
words the value parser reads. The only markup built outside the templates: the quote is
escaped first and only our own ``<mark>`` tags are added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from ....lexicon import number_words
from ..controls import reveal

# A number as people write it: digits with separators or a decimal part. Number words
# are matched separately and only as whole words.
_DIGITS = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_PERCENT = r"(?:\s*(?:%|percent|per\s*cent))?"
_BEFORE = r"(?<![\w.,])"  # a whole number: not the tail of a longer one
_AFTER = r"(?![\w]|[.,]\d)"


@dataclass(frozen=True)
class _Patterns:
    scale: str  # optional scale after a number: "m" against it, or scale words ("hundred million")
    number: re.Pattern[str]  # digits, scale, percent
    words: re.Pattern[str]  # number words and fractions, then scale words


def _alternation(phrases: Iterable[str]) -> str:
    """Phrases longest first (so "one third" wins over "one"), any run of spaces inside."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def _patterns() -> _Patterns:
    lex = number_words()
    words = {w: v for w, v in lex.words.items() if w not in ("a", "an")}  # "a"/"an" only before a scale word
    tens = [w for w, v in words.items() if v >= 20 and v % 10 == 0]
    units = [w for w, v in words.items() if 1 <= v <= 9]
    scale_words = _alternation(lex.scale_words)
    # A one-letter scale counts only against the number ("5.9m", not "5 m"), as in the value parser.
    letters = "".join(re.escape(k) for k in sorted(lex.scale_letters))
    scale = rf"(?:[{letters}]\b|(?:\s*-?\s*(?:{scale_words})\b)+)?"
    word = (
        rf"{_alternation(lex.fractions)}"
        rf"|(?:{_alternation(tens)})[-\s](?:{_alternation(units)})"  # twenty-five
        rf"|{_alternation(words)}"
        rf"|an?(?=\s+(?:{scale_words})\b)"  # a hundred, a million
    )
    return _Patterns(
        scale=scale,
        number=re.compile(rf"(?:{_DIGITS}){scale}{_PERCENT}"),
        words=re.compile(rf"\b(?:{word})\b{scale}", re.IGNORECASE),
    )


def _number_runs(text: str) -> list[str]:
    """Number-like runs in a value string, in order, digits before words."""
    p = _patterns()
    runs = [m.group(0).strip() for m in p.number.finditer(text)]
    runs += [m.group(0).strip() for m in p.words.finditer(text)]
    return [r for r in dict.fromkeys(runs) if r]


def _search(pattern: str, haystack: str) -> tuple[int, int] | None:
    m = re.search(_BEFORE + pattern + _AFTER, haystack, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def highlight_spans(quote: str, value_text: str) -> list[tuple[int, int]]:
    """Spans of `quote` to highlight: the value's numbers as written, else the first number.

    Each number of the value is looked for as written ("200 million"), then as its digits
    with any scale word ("5.9 million" finds "5.9m").
    """
    p = _patterns()
    spans: list[tuple[int, int]] = []
    for run in _number_runs(value_text):
        exact = re.escape(run).replace(r"\ ", r"\s+")
        digits = re.match(_DIGITS, run)
        patterns = [exact] + ([re.escape(digits.group(0)) + p.scale] if digits else [])
        for pattern in patterns:
            span = _search(pattern, quote)
            if span and not _overlaps(span, spans):
                spans.append(span)
                break
    if not spans:
        m = p.number.search(quote) or p.words.search(quote)
        if m:
            spans.append((m.start(), m.start() + len(m.group(0).rstrip())))
    return sorted(spans)


def highlight(quote: str, value_text: str) -> Markup:
    """The quote, escaped and its controls revealed, with the value's number wrapped in <mark>."""
    quote = reveal(quote)
    out = Markup("")
    pos = 0
    for start, end in highlight_spans(quote, value_text):
        out += escape(quote[pos:start]) + Markup("<mark>") + escape(quote[start:end]) + Markup("</mark>")
        pos = end
    return out + escape(quote[pos:])
