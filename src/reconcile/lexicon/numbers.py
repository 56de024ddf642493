"""Number words ("seven", "twenty-five"), fractions ("a quarter") and scale words ("million", "bn", "M")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .data import normal, read_toml

_SPLIT = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class NumberWords:
    words: dict[str, float]  # "seven" → 7 (lower case)
    fractions: dict[str, float]  # "a quarter" → 0.25 (lower case, single spaces)
    fraction_unit: float  # the precision a fraction word is read to
    scale_words: dict[str, float]  # multi-letter scale words, lower case: "million" → 1e6
    scale_letters: dict[str, float]  # one-letter scales, case as written: "M" → 1e6

    def compound(self, text: str) -> float | None:
        """The value of number words in a row: 'twenty-five' → 25, 'two hundred' → 200,
        'three dozen' → 36; None when a word is not a number word."""
        current = 0.0
        seen = False
        for w in _SPLIT.split(text.lower()):
            if w == "and" or not w:
                continue
            v = self.words.get(w)
            if v is None:
                return None
            if w == "hundred":
                current = (current or 1) * 100
            elif w == "dozen":
                current = (current or 1) * 12
            else:
                current += v
            seen = True
        return current if seen else None


@cache
def number_words() -> NumberWords:
    data = read_toml("numbers.toml")
    scales = {k: float(v) for k, v in data["scales"].items()}
    return NumberWords(
        words={k.lower(): float(v) for k, v in data["words"].items()},
        fractions={normal(k): float(v) for k, v in data["fractions"].items()},
        fraction_unit=float(data.get("precision", {}).get("fraction", 0.01)),
        scale_words={k.lower(): v for k, v in scales.items() if len(k) > 1},
        scale_letters={k: v for k, v in scales.items() if len(k) == 1},
    )
