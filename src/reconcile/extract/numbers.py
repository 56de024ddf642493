"""The numbers written in a line: digits, number words, "a million", with currency and scale."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import Lexicon

__all__ = ["Number", "find_numbers"]

_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_GLUED_UNITS = ("km", "kg", "m²", "mi")  # "5km": a number and its unit, not an identifier


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


def find_numbers(lex: Lexicon, line: str) -> list[Number]:
    """Every number in the line, in order; ordinals ("10th") and identifiers ("3D", "1990s") left out."""
    out: list[Number] = []
    for m in lex.number_re.finditer(line):
        n = _number(lex, line, m)
        if n is not None:
            out.append(n)
    return out


def _number(lex: Lexicon, line: str, m: re.Match[str]) -> Number | None:
    cur, scale_word, letter = m.group("cur"), m.group("scale"), m.group("letter")
    scale = 1.0
    if scale_word:
        scale = lex.scale_words[scale_word.lower()]
    elif letter:
        scale = lex.scale_letters.get(letter) or 1.0
    value: float | None
    if m.group("digits"):
        digits = m.group("digits")
        after = line[m.end("digits") :]
        if _ORDINAL_AFTER.match(after):
            return None  # 10th, 58th
        if after[:1].isalpha() and not letter and not scale_word and not after.startswith(_GLUED_UNITS):
            return None  # an identifier: 3D, 1990s
        value = float(re.sub(r"[,\s\u2009\u202f\u00a0]", "", digits))
        plain = digits.isdigit() and not scale_word and not letter and not cur
        is_word, start = False, m.start("digits")
    elif m.group("words"):
        value = lex.numbers.compound(m.group("words"))
        if value is None:
            return None
        plain, is_word, start = False, True, m.start("words")
    else:  # "a million"
        value, plain, is_word, start = 1.0, False, True, m.start("article")
    if cur:
        start = m.start("cur")
    if m.group("sign"):  # "-0.1%", "−0.2 %", "minus-260": the sign is part of the number
        start, value, plain = m.start("sign"), -value, False
    end = m.end()
    return Number(start, end, value * scale, line[start:end].strip(), scale, is_word, cur, plain)
