"""A claims repo's `reconcile.toml`: policy figures, entity aliases, measure aliases, extra count nouns."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..errors import ConfigError
from ..model import Policy

CONFIG_NAME = "reconcile.toml"
_SECTIONS = {"policy", "aliases", "measures", "nouns"}


@dataclass(frozen=True)
class Config:
    policy: Policy = field(default_factory=Policy)
    aliases: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)  # measure aliases: "GDP per capita" = "GDP per person"
    file: str | None = None


def parse_config(text: str, *, file: str) -> Config:
    """Parse reconcile.toml text; unknown sections or options are errors (typos must not pass silently)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"not valid TOML: {exc}", file=file, line=line) from None
    unknown = set(data) - _SECTIONS
    if unknown:
        raise ConfigError(f"unknown section(s) {sorted(unknown)}; expected {sorted(_SECTIONS)}", file=file)

    policy = Policy()
    known = {f.name: f.type for f in fields(Policy)}
    for key, value in data.get("policy", {}).items():
        if key not in known:
            raise ConfigError(f"unknown policy option {key!r}; known: {sorted(known)}", file=file)
        default = getattr(policy, key)
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"policy option {key!r} must be a {type(default).__name__}, got {value!r}", file=file)
        policy = replace(policy, **{key: type(default)(value)})

    aliases = data.get("aliases", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
        raise ConfigError('[aliases] maps names to canonical names: "NYC" = "New York City"', file=file)

    measures = data.get("measures", {})
    if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in measures.items()):
        raise ConfigError('[measures] maps measure names to one name: "GDP per capita" = "GDP per person"', file=file)

    nouns: dict[str, tuple[str, ...]] = {}
    for noun, words in data.get("nouns", {}).items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ConfigError(f"[nouns] {noun} must be a list of spellings", file=file)
        nouns[noun] = tuple(words)
    return Config(policy=policy, aliases=dict(aliases), nouns=nouns, measures=dict(measures), file=file)


def find_config(paths: list[Path]) -> Path | None:
    """The first reconcile.toml at the root of a checked directory, or beside a checked file."""
    for path in paths:
        folder = path if path.is_dir() else path.parent
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    return parse_config(path.read_text(encoding="utf-8"), file=str(path))
