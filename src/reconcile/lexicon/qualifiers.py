"""Qualifier phrases ("over", "nearly", "roughly") and the bound each one means."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..model import Bound
from .data import normal, read_toml


@dataclass(frozen=True, slots=True)
class Qualifier:
    name: str  # the table in qualifiers.toml: over, nearly, about, …
    bound: Bound


@cache
def qualifiers() -> dict[str, Qualifier]:
    """Phrase (lower case, single spaces) → its reading. A phrase listed with two different
    bounds is a data error: both readers of numbers would otherwise disagree on it."""
    out: dict[str, Qualifier] = {}
    for name, table in read_toml("qualifiers.toml").items():
        bound = Bound(table["bound"])
        for phrase in table["phrases"]:
            key = normal(phrase)
            if key in out and out[key].bound is not bound:
                raise ValueError(f"qualifiers.toml: {phrase!r} has two readings ({out[key].bound} and {bound})")
            out.setdefault(key, Qualifier(name, bound))
    return out
