"""The words that give a percentage its role (share, change, rate): data/percentages.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data import normal, read_toml


@dataclass(frozen=True)
class PercentWords:
    change_verbs: dict[str, int]  # "grew" → +1, "fell" → −1 (written before the number)
    change_nouns: dict[str, int]  # "rise" → +1, "drop" → −1 (written after the percentage)
    before_measure: frozenset[str]  # change nouns also written before what changed: "10.1% lower emissions"
    points: dict[str, str]  # "percentage points" → "percentage_point", "bps" → "basis_point"
    lead_articles: tuple[str, ...]  # "an" in "an unemployment rate of 5.2 percent"
    lead_links: tuple[str, ...]  # "of" in the same


@cache
def percent_words() -> PercentWords:
    data = read_toml("percentages.toml")
    change = data["change"]
    verbs = {normal(w): 1 for w in change["rise_verbs"]} | {normal(w): -1 for w in change["fall_verbs"]}
    nouns = {normal(w): 1 for w in change["rise_nouns"]} | {normal(w): -1 for w in change["fall_nouns"]}
    return PercentWords(
        change_verbs=verbs,
        change_nouns=nouns,
        before_measure=frozenset(normal(w) for w in change.get("before_measure", [])) & nouns.keys(),
        points={normal(k): str(v) for k, v in data["points"].items()},
        lead_articles=tuple(normal(w) for w in data["lead"]["articles"]),
        lead_links=tuple(normal(w) for w in data["lead"]["links"]),
    )
