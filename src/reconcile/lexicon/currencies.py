"""Currencies as people write them: symbols before the number, codes and words after it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .data import normal, read_toml
from .nouns import plural_forms


@dataclass(frozen=True)
class Currencies:
    codes: frozenset[str]  # ISO 4217 codes, each a pint unit of its own dimension: "USD"
    symbols: Mapping[str, str]  # written before the number, as written: "US$" → "USD"
    spellings: Mapping[str, str]  # after the number: codes, words (with plurals), signs: "dollars" → "USD"

    def code(self, word: str) -> str | None:
        """The currency a unit word means ('dollars' → 'USD', 'EUR' → 'EUR'), else None."""
        return self.spellings.get(normal(word))


@cache
def currencies() -> Currencies:
    """data/currencies.toml, indexed. A spelling listed under two currencies is a data error."""
    symbols: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for code, table in read_toml("currencies.toml").items():
        for symbol in [*table.get("symbols", []), *table.get("codes", [])]:
            _claim(symbols, symbol, code)
            if not any(c.isalpha() for c in symbol):  # "5 €", "1,2 Mrd €": a sign may follow the number
                _claim(spellings, symbol, code)
        for word in table.get("codes", []):
            _claim(spellings, normal(word), code)
        for word in table.get("words", []):
            for form in plural_forms(normal(word)):
                _claim(spellings, form, code)
    return Currencies(frozenset(read_toml("currencies.toml")), symbols, spellings)


def _claim(table: dict[str, str], key: str, code: str) -> None:
    if table.get(key, code) != code:
        raise ValueError(f"currencies.toml: {key!r} is listed under both {table[key]} and {code}")
    table[key] = code
