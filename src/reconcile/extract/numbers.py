"""The numbers written in a line: digits, number words, "a million", with currency and scale."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .vocabulary import Lexicon

__all__ = ["Number", "find_numbers"]

_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_GLUED = re.compile(r"[A-Za-z²/]+")  # the letters glued to a number: "155mph", "256GB", "24pc"
_GLUED_PERCENT = frozenset({"pc", "pct"})
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
    r"|september|october|november|december)\.?\s+$",
    re.I,
)
_MONTH_AFTER = re.compile(
    r"\s+(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
    r"|september|october|november|december)\b",
    re.I,
)
_CLOCK_AFTER = re.compile(r"(?::\d\d\b|\s?(?:a\.m\.|p\.m\.|am\b|pm\b))", re.I)
_NAME_BEFORE = re.compile(
    r"(?<![\w.])(?P<w>[A-Za-z][\w&]*[A-Z&][\w&]*|[A-Z][a-z]+)\s$"
)  # "iPhone 11", "S&P 500", "Game 2"
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
_SEPARATORS = re.compile(r"[,\s\u2009\u202f\u00a0]")  # of thousands groups: "1,000", "1 000"
_LOOK = 24  # characters looked at before a number
_MAX_EXPONENT = 100


@dataclass(slots=True)
class Number:
    start: int
    end: int
    value: float
    text: str  # as written, scale included
    scale: float  # 1 when none
    is_word: bool
    currency: str | None
    plain: bool  # digits without separators, decimals or scale (a year candidate)

    @property
    def is_year(self) -> bool:
        return self.plain and 1000 <= self.value <= 2100 and self.value.is_integer() and len(self.text) == 4


def find_numbers(lex: Lexicon, line: str, names_ok: frozenset[str] = frozenset()) -> list[Number]:
    """Every number in the line, in order; left out: ordinals ("10th"), identifiers ("3D", "1990s"),
    days of a month ("September 8", "21 November"), clock times ("10:30", "5 pm"), ranks ("No 1"),
    and model or product numbers ("iPhone 11", "S&P 500", "Game 2"). `names_ok`: capitalised
    words a number may follow (sentence openers, qualifiers: "Over 500 people")."""
    out: list[Number] = []
    for m in lex.number_re.finditer(line):
        n = _number(lex, line, m)
        if n is not None and not _not_a_quantity(line, n, m, names_ok):
            out.append(n)
    return out


def _not_a_quantity(line: str, n: Number, m: re.Match[str], names_ok: frozenset[str]) -> bool:
    if not m.group("digits") or n.currency or n.value < 0:
        return False
    before = line[max(0, n.start - _LOOK) : n.start]
    if not before.strip(" \t(") or before.rstrip()[-1:].isdigit():
        return False  # nothing written right before it but other figures ("1-2 1-2 …"): nothing to look for
    small_int = n.value.is_integer() and 0 < n.value <= 31 and n.scale == 1
    if small_int and (_month_before(before) or _MONTH_AFTER.match(line, n.end)):
        return True  # a day of a month
    if n.scale == 1 and n.value < 25 and _CLOCK_AFTER.match(line, m.end("digits")):
        return True  # a time of day
    if _rank_before(before):
        return True
    # a name has a capital (or "&"): a window without one is not searched at each of its positions
    name = _NAME_BEFORE.search(before) if n.plain and (not before.islower() or "&" in before) else None
    word = name.group("w") if name else ""
    # a model or product number
    return bool(name and n.plain and word not in names_ok and not (word.isalpha() and word.isupper()))


_MONTHS = (  # the words of _MONTH_BEFORE
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def _month_before(before: str) -> bool:
    """`_MONTH_BEFORE.search(before)`, not tried at every position of an ASCII window that does
    not end with a month's name."""
    if before.isascii() and not before.rstrip().removesuffix(".").lower().endswith(_MONTHS):
        return False
    return _MONTH_BEFORE.search(before) is not None


_RANKS = ("No.", "No", "no.", "Number")


def _rank_before(before: str) -> bool:
    r"""What `re.search(r"(?:\bNo\.?|\bno\.|\bNumber|#)\s*$", before)` says ("No. 1", "#3"), read
    from the end instead of tried at every position."""
    text = before.rstrip()
    if text.endswith("#"):
        return True
    for rank in _RANKS:
        if text.endswith(rank):
            k = len(text) - len(rank)
            if k == 0 or not (text[k - 1].isalnum() or text[k - 1] == "_"):  # \b: no word character before
                return True
    return False


def _glued_unit(lex: Lexicon, after: str) -> bool:
    """ "155mph", "256GB", "10kW", "24pc", "5km": letters glued to a number that are a unit."""
    g = _GLUED.match(after)
    if g is None:
        return False
    word = g.group(0)
    return word in lex.units or word.lower() in lex.units or word.lower() in _GLUED_PERCENT


def _words_value(lex: Lexicon, words: str) -> float | None:
    """ "twenty-eight thousand six hundred forty-two" → 28642: each scale word closes a group."""
    total = current = 0.0
    seen = False
    for w in re.split(r"[\s\-]+", words.lower()):
        if not w or w == "and":
            continue
        if w in lex.scale_words and w not in ("hundred", "dozen"):
            total += (current or 1) * lex.scale_words[w]
            current = 0.0
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in lex.words:
            current += lex.words[w]
        else:
            return None
        seen = True
    return total + current if seen else None


def _number(lex: Lexicon, line: str, m: re.Match[str]) -> Number | None:
    cur, scale_word, letter, digits, words = m.group("cur", "scale", "letter", "digits", "words")
    scale = 1.0
    if scale_word:
        scale = lex.scale_words[scale_word.lower()]
    elif letter:
        scale = lex.scale_letters.get(letter) or 1.0
    value: float | None
    decimal_comma = False
    if digits:
        exp, exp2, exp3 = m.group("exp", "exp2", "exp3")
        exp_end = (
            max(m.end("digits"), m.end("exp"), m.end("exp2"), m.end("exp3")) if exp or exp2 or exp3 else m.end("digits")
        )
        after = line[exp_end : exp_end + 64]  # a window, not the rest of the line: linear in the line
        if after[:1].isalpha():  # what both tests below need first
            if _ORDINAL_AFTER.match(after):
                return None  # 10th, 58th
            if not letter and not scale_word and not _glued_unit(lex, after):
                return None  # an identifier: 3D, 1990s
        decimal_comma = "," in digits and _DECIMAL_COMMA.fullmatch(digits) is not None  # "€15,3": after a euro
        if decimal_comma:
            value = float(digits.replace(",", "."))
        else:  # digits alone (most numbers) have no separator to take out
            value = float(digits if digits.isdigit() else _SEPARATORS.sub("", digits))
        exponent = exp or exp2 or (exp3 or "").translate(_SUPERSCRIPT)
        if exponent:  # 1.5e6, 2.5 × 10^6, 3×10⁹; "1e400" is no number a claim can hold
            if abs(int(exponent)) > _MAX_EXPONENT:
                return None
            value *= 10.0 ** int(exponent)
        if not math.isfinite(value):
            return None
        plain = digits.isdigit() and not scale_word and not letter and not cur
        is_word, start = False, m.start("digits")
    elif words:
        value = _words_value(lex, words)
        if value is None:
            return None
        plain, is_word, start = False, True, m.start("words")
    else:  # "a million"
        value, plain, is_word, start = 1.0, False, True, m.start("article")
    if cur:
        start = m.start("cur")
    if words and not digits and value is not None and value != int(value):
        return None
    if m.group("sign"):  # "-0.1%", "−0.2 %", "minus-260": the sign is part of the number
        start, value, plain = m.start("sign"), -value, False
    end = m.end()
    text = line[start:end].strip()
    if decimal_comma:  # the value a claim file can read: "15.3 trillion", not "15,3"
        text = text.replace(digits, digits.replace(",", "."), 1)
    return Number(start, end, value * scale, text, scale, is_word, cur, plain)
