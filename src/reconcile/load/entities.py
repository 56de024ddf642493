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
        self._cache: dict[str, str] = {}

    def canonical(self, name: str) -> str:
        key = _normal(name)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._resolve(key)
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
        import pycountry  # imported on first use: most runs resolve few distinct names

        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            return None
        iso_name = country.name
        return self._iso_names.get(iso_name) or getattr(country, "common_name", None) or iso_name
