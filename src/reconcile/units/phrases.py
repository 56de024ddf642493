"""Unit phrases as people write them → a scale and a pint unit.

"cameras per 1,000 people" → (0.001, camera / person); "sq mi" → (1, mile ** 2).
A small recursive-descent parser: juxtaposition binds tighter than `*` and `/`, so
"cameras per 1,000 people" is camera / (1000 person); words in a row form one phrase,
which the `Units` lexicon resolves ("surveillance cameras" → camera).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from ..errors import UnitError
from ..lexicon import read_toml

if TYPE_CHECKING:
    from pint.facets.plain import PlainUnit as PintUnit

    from .registry import Units

__all__ = ["MAX_EXPR", "parse_phrase", "spellings"]

MAX_EXPR = 200  # characters; a unit phrase longer than this is not a unit phrase
_MAX_DEPTH = 8  # nested parentheses
_MAX_POWER = 3  # km³; see registry.MAX_EXPONENT


def spellings() -> dict[str, Any]:
    """data/units.toml: unit aliases, power words, canonical replacements."""
    return read_toml("units.toml")


def parse_phrase(units: Units, expr: str) -> tuple[float, PintUnit]:
    return _Parser(units, expr).parse()


_TOKEN = re.compile(
    r"""\s+
    | (?P<num>\d[\d,]*(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)
    | (?P<op>\*\*|\^|[/*·×⋅÷()²³%])
    | (?P<word>[^\s/*·×⋅÷()^²³%]+)""",
    re.X,
)
_PER_CENT = re.compile(r"\bper\s+cent\b", re.I)
_DIV = {"/", "÷", "per"}
_MUL = {"*", "·", "×", "⋅"}


class _Parser:
    """Recursive descent over a unit phrase. Juxtaposition binds tighter than `*` and `/`,
    so "cameras per 1,000 people" is camera / (1000 person); words in a row form one
    phrase, resolved by the lexicon ("surveillance cameras")."""

    def __init__(self, units: Units, expr: str):
        self.units = units
        self.expr = expr
        self.tokens: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(_PER_CENT.sub("percent", expr)):
            kind = m.lastgroup
            if kind is None:
                continue
            text = m.group(kind)
            if kind == "word" and text.lower() == "per":
                kind, text = "op", "per"
            self.tokens.append((kind, text))
        self.pos = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def fail(self, why: str) -> UnitError:
        return UnitError(f"cannot read the unit {self.expr!r}: {why}")

    def parse(self) -> tuple[float, PintUnit]:
        if not self.tokens:
            raise self.fail("it is empty")
        result = self.expr_()
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return result

    def expr_(self) -> tuple[float, PintUnit]:
        factor, unit = self.term()
        while (tok := self.peek()) is not None and tok[0] == "op" and (tok[1] in _DIV or tok[1] in _MUL):
            self.take()
            f2, u2 = self.term()
            if tok[1] in _DIV:
                if f2 == 0:
                    raise self.fail("division by zero")
                factor, unit = factor / f2, unit / u2
            else:
                factor, unit = factor * f2, unit * u2
        return factor, unit

    def starts_atom(self, tok: tuple[str, str] | None) -> bool:
        return tok is not None and (tok[0] in ("num", "word") or tok[1] in ("(", "%"))

    def term(self) -> tuple[float, PintUnit]:
        if not self.starts_atom(self.peek()):
            tok = self.peek()
            raise self.fail(f"expected a unit before {tok[1]!r}" if tok else "it ends too early")
        factor, unit = self.power()
        while self.starts_atom(self.peek()):
            f2, u2 = self.power()
            factor, unit = factor * f2, unit * u2
        return factor, unit

    def power(self) -> tuple[float, PintUnit]:
        factor, unit = self.atom()
        while (tok := self.peek()) is not None:
            if tok[1] in ("**", "^"):
                self.take()
                exp = self.exponent()
            elif tok[1] in ("²", "³"):
                self.take()
                exp = 2 if tok[1] == "²" else 3
            elif tok[0] == "word" and tok[1].lower() in spellings()["suffix_powers"]:
                self.take()
                exp = int(spellings()["suffix_powers"][tok[1].lower()])
            else:
                break
            unit = unit**exp
            if any(isinstance(e, (int, float)) and abs(e) > _MAX_POWER for e in unit._units.values()):
                raise self.fail(f"a power above {_MAX_POWER} is not a unit a claim needs")
            try:
                factor = math.pow(factor, exp)
            except OverflowError:
                raise self.fail("the number in it is out of range") from None
        return factor, unit

    def exponent(self) -> int:
        sign = 1
        tok = self.peek()
        if tok is not None and tok[0] == "word" and tok[1] in ("-", "+"):
            sign = -1 if tok[1] == "-" else 1
            self.take()
            tok = self.peek()
        if tok is None or tok[0] != "num":
            raise self.fail("a power needs a whole number")
        self.take()
        try:
            value = float(tok[1].replace(",", ""))
        except ValueError:
            raise self.fail(f"bad power {tok[1]!r}") from None
        if value != int(value) or abs(value) > _MAX_POWER:
            raise self.fail(f"unsupported power {tok[1]!r}")
        return sign * int(value)

    def atom(self) -> tuple[float, PintUnit]:
        kind, text = self.take()
        dimensionless = self.units.registry.dimensionless
        if kind == "num":
            try:
                value = float(text.replace(",", ""))
            except ValueError:
                raise self.fail(f"bad number {text!r}") from None
            if not math.isfinite(value) or value <= 0:
                raise self.fail(f"bad number {text!r}")
            return value, dimensionless
        if text == "(":
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise self.fail("too many parentheses")
            inner = self.expr_()
            if self.peek() != ("op", ")"):
                raise self.fail("missing ')'")
            self.take()
            self.depth -= 1
            return inner
        if text == "%":
            return 1.0, self.units.registry.percent
        if kind == "op":
            raise self.fail(f"unexpected {text!r}")
        words = [text]
        suffixes = spellings()["suffix_powers"]
        while (tok := self.peek()) is not None and tok[0] == "word" and tok[1].lower() not in suffixes:
            words.append(self.take()[1])
        return 1.0, self.units.resolve_phrase(words, self.expr)
