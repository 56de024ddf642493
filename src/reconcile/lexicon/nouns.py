"""Count nouns and their spellings; the one place that inflects English nouns.

A count noun ("camera", "person") is a thing people count; `data/nouns.toml` lists
its spellings and a claims repo adds more under `[nouns]` in reconcile.toml. Both the
unit registry and the text scanner index spellings through `noun_lexicon`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from ..errors import ConfigError
from .data import normal, read_toml

_IRREGULAR_PLURALS = {"person": "people"}


def plural_forms(word: str) -> set[str]:
    """The word and its regular plurals (-s, -es, -ies), inflecting the last word of a phrase."""
    head, sep, last = word.rpartition(" ")
    forms = {last, last + "s", last + "es"}
    if len(last) > 1 and last.endswith("y"):
        forms.add(last[:-1] + "ies")
    return {head + sep + f for f in forms}


def singular(word: str) -> str:
    """A guessed singular for a noun the vocabulary does not know ("tourists" → "tourist")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")) or (w.endswith("uses") and not w.endswith("ouses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def plural(noun: str, count: float | None = None) -> str:
    """How a value string writes a canonical noun: 'camera' → 'cameras', 'person' → 'people'."""
    if count == 1:
        return noun.replace("_", " ")
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if " " in noun or "*" in noun:
        return noun
    noun = noun.replace("_", " ")
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


@dataclass(frozen=True)
class NounLexicon:
    keys: frozenset[str]  # canonical noun names: "camera", "person", a repo's "hospital_bed"
    spellings: Mapping[str, str]  # every spelling and its plurals (lower case) → key
    words: Mapping[str, tuple[str, ...]]  # key → its listed spellings, as written


@cache
def _build(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> NounLexicon:
    nouns: dict[str, list[str]] = {k: list(v.get("words", [])) for k, v in read_toml("nouns.toml").items()}
    spellings: dict[str, str] = {}
    for key, words in nouns.items():
        for form in _forms(key, words):
            spellings[form] = key
    # A repo's nouns come last and win over the shipped ones (the repo knows its subject);
    # two of the repo's own nouns claiming one spelling is a mistake worth saying.
    declared: dict[str, str] = {}
    for key, extra_words in extra:
        nouns.setdefault(key, []).extend(extra_words)
        for form in _forms(key, extra_words):
            if declared.get(form, key) != key:
                raise ConfigError(f"[nouns]: {form!r} is a spelling of both {declared[form]!r} and {key!r}")
            declared[form] = spellings[form] = key
    return NounLexicon(frozenset(nouns), spellings, {k: tuple(v) for k, v in nouns.items()})


def _forms(key: str, words: Iterable[str]) -> set[str]:
    return {form for spelling in (key, key.replace("_", " "), *words) for form in plural_forms(normal(spelling))}


def noun_lexicon(extra: Mapping[str, Iterable[str]] | None = None) -> NounLexicon:
    """The shipped nouns plus a repo's extra ones (names and spellings already validated)."""
    key = tuple((k, tuple(v)) for k, v in (extra or {}).items())
    return _build(key)
