"""Entity names: one canonical spelling per place, so "UK", "Britain" and "United Kingdom" meet.

Countries come from pycountry (ISO 3166 names, official names and codes); the
everyday names it lacks and nicer canonical spellings are data
(data/aliases.toml); a claims repo adds its own aliases in reconcile.toml.
Anything else (cities, studies) is kept as written, whitespace-normalised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ..lexicon import read_toml
from ..lexicon.data import read_text
from .notices import one_edit_apart

_SPACE = re.compile(r"\s+")


def _normal(name: str) -> str:
    return _SPACE.sub(" ", name.strip())


@lru_cache(maxsize=1)
def _shipped() -> tuple[dict[str, str], dict[str, str]]:
    data = read_toml("aliases.toml")
    aliases = {k.casefold(): v for k, v in data.get("aliases", {}).items()}
    return aliases, dict(data.get("canonical", {}))


class EntityResolver:
    """Maps a name as written to its canonical name; cached, since repos repeat names."""

    def __init__(self, aliases: Mapping[str, str] | None = None):
        shipped, self._iso_names = _shipped()
        self._aliases = dict(shipped)
        self._aliases.update({k.casefold(): v for k, v in (aliases or {}).items()})
        self._cache: dict[str, str] = {}  # by whitespace-normalised name
        self._written: dict[str, str] = {}  # by name as written
        self._repo_names = {_normal(n) for pair in (aliases or {}).items() for n in pair}
        self._index: dict[str, set[str]] | None = None

    def canonical(self, name: str) -> str:
        hit = self._written.get(name)  # as written: a repo repeats its names letter for letter
        if hit is None:
            key = _normal(name)
            hit = self._cache.get(key)
            if hit is None:
                hit = self._cache[key] = self._resolve(key)
            self._written[name] = hit
        return hit

    def _resolve(self, name: str) -> str:
        seen = set()
        while name.casefold() in self._aliases and name.casefold() not in seen:
            seen.add(name.casefold())  # aliases may chain; a loop stops at the last new name
            name = _normal(self._aliases[name.casefold()])
        return self._country(name) or name

    def _country(self, name: str) -> str | None:
        if len(name) < 2 or not any(c.isalpha() for c in name):
            return None
        if name.lower() not in _country_words():
            return None  # no country has it as any name or code: pycountry would scan them all to say so
        import pycountry

        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            return None
        iso_name = country.name
        return self._iso_names.get(iso_name) or getattr(country, "common_name", None) or iso_name

    # -- misspellings

    def suggestion(self, written: str) -> str | None:
        """A known name one edit away from a name nothing knows ("Frnace" → "France"), else None.

        Known names are countries, shipped aliases and the repo's aliases; names with digits or
        shorter than four letters are never guessed at ("Area 1" and "Area 2" are both fine)."""
        name = _normal(written)
        if len(name) < 4 or any(c.isdigit() for c in name) or self.canonical(name) != name:
            return None
        key = name.casefold()
        index = self._spelling_index()
        if any(known.casefold() == key for known in index.get(key, ())):
            return None  # a known name itself
        near = set().union(*(index.get(v, set()) for v in _deletions(key)))
        for candidate in sorted(near):
            if one_edit_apart(key, candidate.casefold()):
                return None if key in _places() else self.canonical(candidate)  # "Yalta" is no "Malta"
        return None

    def knows(self, written: str) -> bool:
        """Whether a name is a country, an alias or an alias's target (not merely kept as written);
        a name of three letters or fewer only as an alias (ISO codes make "IT" Italy)."""
        name = _normal(written)
        if len(name) <= 3:  # "IT spending" is not Italy's: a short name counts only as an alias
            return name.casefold() in self._aliases
        if self.canonical(name) != name:
            return True
        return any(known.casefold() == name.casefold() for known in self._spelling_index().get(name.casefold(), ()))

    def _spelling_index(self) -> dict[str, set[str]]:
        """Every known name and each of its one-letter deletions → the names (symmetric deletion)."""
        if self._index is None:
            import pycountry

            names = set(self._repo_names) | set(self._iso_names.values())
            names.update(_normal(n) for pair in _shipped()[0].items() for n in pair)
            for country in pycountry.countries:
                names.update(
                    getattr(country, a) for a in ("name", "common_name", "official_name") if hasattr(country, a)
                )
            index: dict[str, set[str]] = {}
            for known in names:
                if len(known) >= 3:
                    for variant in _deletions(known.casefold()):
                        index.setdefault(variant, set()).add(known)
            self._index = index
        return self._index


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Every name and code of every country, lower-cased as pycountry compares them: a name not
    among them is no country, and most names in a big repo (cities, studies) are not."""
    import pycountry  # imported on first use: most runs resolve few distinct names

    return frozenset(
        value.lower()
        for country in pycountry.countries
        for attribute in dir(country)
        if not attribute.startswith("_") and isinstance(value := getattr(country, attribute, None), str)
    )


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """The shipped gazetteer's place names (cities, regions), case-folded: real places, never typos."""
    return frozenset(
        line.split("\t", 1)[0].casefold() for line in read_text("places.tsv").splitlines() if line and line[0] != "#"
    )


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
