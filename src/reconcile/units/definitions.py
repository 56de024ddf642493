"""pint's registry, started from the units a check needs and completed when a name needs more.

Parsing pint's whole definitions file was ~40 % of `reconcile check` on a small repo. Its
units are split in two files, both pint's own text (`tools/split_pint_definitions.py` writes
them from the installed pint): `data/pint_core.txt`, loaded at start-up, and `data/pint_rest.txt`,
loaded the first time a name is one that only the rest can read. Every name reads as it does
with pint's whole file, and no cache is written anywhere:

- the core is closed (its units' definitions name only core units), and no name the core can
  read — any prefix + a core name, symbol or alias + any suffix — is read differently by the
  whole file (the split script grows the core until that holds; `tests/test_pint_definitions.py`
  checks it name by name);
- a name the core cannot read is looked up in `data/pint_rest_names.txt` the way pint looks up
  names (every prefix and suffix taken off in turn): when the rest could read it, the rest is
  loaded and pint asked again; when not, no file of pint's can, and pint's answer stands;
- the derived dimensions (`[area] = [length] ** 2`) are all in the rest, listed in the same file:
  the rest is loaded when one is asked for.

The core is not parsed at start-up either (parsing its 244 lines was ~0.2 G instructions, a tenth
of a check of the shipped claims): `data/pint_core.pickle` holds the definitions pint's own parser
makes of `pint_core.txt`, written by the same script, and they are added as pint adds what it
parses. It is used only for the pint version that wrote it and for the text it was parsed from
(a checksum); otherwise, or when it cannot be read, the text is parsed: the same definitions.

What differs from `pint.UnitRegistry()` is only what reconcile never asks: `get_compatible_units`
lists the units pint has seen used (its up-front pass over every unit is skipped, below).

Import this module only when a registry is needed: it imports pint.
"""

from __future__ import annotations

import pickle
import threading
import zlib
from collections.abc import Iterator
from typing import Any

from ..imports import pint_module
from ..lexicon.data import read_bytes, read_text

__all__ = ["PREPARSED", "build_registry", "define_base_units", "has_dimension", "preparsed_core"]

PREPARSED = "pint_core.pickle"  # data/: pint_core.txt's definitions as pint's parser makes them

pint = pint_module()  # without numpy and dask: start-up time
from pint.facets.plain import ScaleConverter, UnitDefinition  # noqa: E402 - after pint_module()
from pint.facets.plain.registry import RegistryCache as _RegistryCache  # noqa: E402
from pint.util import UnitsContainer  # noqa: E402


class _Registry(pint.UnitRegistry):  # type: ignore[name-defined]  # pint is a module object here
    """A `pint.UnitRegistry` over the core units that loads the rest when a name needs it. Every
    name pint resolves goes through `parse_unit_name` (units, `in`, attributes, expressions)."""

    _rest_names: frozenset[str] = frozenset()
    _complete = False  # the rest is loaded
    _loading = False  # the rest is being loaded (by the thread that holds the lock)
    _lock = threading.RLock()  # a worker's threads share the registry: the rest loads once, whole
    _by_first: dict[str, tuple[str, ...]] | None = None  # prefixes by first letter (`_prefixes_of`)
    _by_first_count = 0  # how many prefixes there were when _by_first was made

    def parse_unit_name(self, unit_name: str, case_sensitive: bool | None = None) -> Any:
        found = super().parse_unit_name(unit_name, case_sensitive)
        if not found and not self._complete and self._rest_could_read(unit_name, case_sensitive):
            self.load_rest()
            found = super().parse_unit_name(unit_name, case_sensitive)
        return found

    def _get_dimensionality_recurse(self, ref: Any, exp: Any, accumulator: Any) -> None:
        """pint's walk from units to base dimensions, where a derived dimension ([area]) may be
        named: they are all in the rest (no core unit is defined with one)."""
        if not self._complete and any(key in self._rest_names and key not in self._dimensions for key in ref):
            self.load_rest()
        super()._get_dimensionality_recurse(ref, exp, accumulator)

    def _rest_could_read(self, unit_name: str, case_sensitive: bool | None) -> bool:
        """Whether some prefix + a rest name + some suffix spells `unit_name`: pint's own walk
        over prefixes and suffixes (`_yield_unit_triplets`), against the rest's names."""
        if case_sensitive is False or (case_sensitive is None and not self.case_sensitive):
            return True  # never asked for by reconcile; the whole file answers it
        return any(name in self._rest_names for _, name, _ in self._splits(unit_name))

    def _splits(self, unit_name: str) -> Iterator[tuple[str, str, str]]:
        """(prefix, name, suffix) that spell `unit_name`, in pint's order (every suffix × every
        prefix), over only the prefixes the name starts with."""
        starts = self._prefixes_of(unit_name)
        for suffix in self._suffixes:
            if not unit_name.endswith(suffix):
                continue
            for prefix in starts:
                name = unit_name[len(prefix) :]
                if suffix:
                    name = name[: -len(suffix)]
                    if len(name) == 1:
                        continue
                yield prefix, name, suffix

    def _prefixes_of(self, unit_name: str) -> tuple[str, ...]:
        """The prefixes `unit_name` starts with, in the registry's order: pint's walk tries all of
        them (~70) on every name it reads; only these can match."""
        if self._by_first is None or self._by_first_count != len(self._prefixes):
            self._by_first, self._by_first_count = {}, len(self._prefixes)
        first = unit_name[:1]
        candidates = self._by_first.get(first)
        if candidates is None:
            candidates = self._by_first[first] = tuple(p for p in self._prefixes if not p or p[0] == first)
        return tuple(p for p in candidates if unit_name.startswith(p))

    def _yield_unit_triplets(self, unit_name: str, case_sensitive: bool) -> Iterator[tuple[str, str, str]]:
        """pint's own (`PlainRegistry._yield_unit_triplets`: every suffix × every prefix, the
        same triplets in the same order) over only the prefixes the name starts with."""
        for prefix, name, suffix in self._splits(unit_name):
            if case_sensitive:
                if name in self._units:
                    yield (self._prefixes[prefix].name, self._units[name].name, self._suffixes[suffix])
            else:
                for real_name in self._units_casei.get(name.lower(), ()):
                    yield (self._prefixes[prefix].name, self._units[real_name].name, self._suffixes[suffix])

    def _build_cache(self, loaded_files: Any = None) -> None:
        """pint works out every unit's root units and dimensionality when the registry is built (a
        quarter of building the core); its lookups work out and keep the same on first use, so
        here each is left until a unit is used. (Only `get_compatible_units`, which reconcile
        does not use, reads the up-front pass.) The context facet keeps the default cache too."""
        self._cache = _RegistryCache()
        self._caches[()] = self._cache

    def load_definitions(self, file: Any, is_resource: bool = False) -> Any:
        """pint's, and the core's definitions already parsed (`preparsed_core`) added as pint adds
        what it parses, in the same order."""
        if isinstance(file, _Parsed):
            for definition in file:
                self._helper_dispatch_adder(definition)
            return None
        return super().load_definitions(file, is_resource)

    def load_rest(self) -> None:
        """Load the rest of pint's units, once: another thread asking meanwhile waits until it is
        loaded whole; pint's own lookups while loading it (same thread) do not start it again."""
        with self._lock:
            if self._complete or self._loading:
                return
            self._loading = True
            try:
                self.load_definitions(read_text("pint_rest.txt").splitlines())
                self._complete = True
            finally:
                self._loading = False


class _Parsed(tuple[Any, ...]):
    """Definitions pint's parser made (not lines of text to parse)."""


def core_text() -> str:
    """`pint_core.txt` as pint's registry parses a list of lines: joined by line breaks."""
    return "\n".join(read_text("pint_core.txt").splitlines())


def preparsed_core(text: str) -> tuple[Any, ...] | None:
    """The definitions pint's parser makes of `text` (the core), as `tools/split_pint_definitions.py`
    stored them, or None when they were stored by another pint version, from another text, or
    cannot be read: then the text is parsed, which gives the same definitions."""
    try:
        stored = pickle.loads(read_bytes(PREPARSED))  # the package's own file, like its code
        if stored["pint"] != pint.__version__ or stored["crc32"] != zlib.crc32(text.encode("utf-8")):
            return None
        return tuple(stored["definitions"])
    except Exception:  # noqa: BLE001  # missing, truncated, another pint's classes: parse the text
        return None


def build_registry() -> Any:
    """A registry that reads every name as `pint.UnitRegistry()` does (see the module's docstring)."""
    names = read_text("pint_rest_names.txt").splitlines()
    text = core_text()
    parsed = preparsed_core(text)
    registry = _Registry(_Parsed(parsed) if parsed is not None else [text], on_redefinition="raise")
    registry._rest_names = frozenset(n for n in names if n and not n.startswith("#"))
    return registry


def define_base_units(registry: Any, names: list[str]) -> None:
    """Each name a unit of a base dimension of its own (`camera = [camera]`): the definition pint's
    parser makes of that line, built directly (a tenth of the time; ~60 at every start-up)."""
    for name in names:
        registry.define(UnitDefinition(name, None, (), ScaleConverter(1), UnitsContainer({f"[{name}]": 1})))


def has_dimension(registry: Any, name: str) -> bool:
    """Whether the registry, with pint's whole file, has the dimension `name` ("[time]", "[area]")."""
    return bool(name in registry._dimensions or (not registry._complete and name in registry._rest_names))
