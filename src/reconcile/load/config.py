"""A claims repo's `reconcile.toml`: policy figures, entity aliases, measure aliases, extra count nouns,
ratios (a named measure that is one measure divided by another) and sums (one that is others added
and subtracted)."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..errors import ConfigError
from ..model import Policy, Ratio, Sum
from .measures import MeasureNames

CONFIG_NAME = "reconcile.toml"
_SECTIONS = {"policy", "aliases", "measures", "nouns", "ratios", "sums"}


@dataclass(frozen=True)
class Config:
    policy: Policy = field(default_factory=Policy)
    aliases: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)  # measure aliases: "GDP per capita" = "GDP per person"
    ratios: tuple[Ratio, ...] = ()  # "debt-to-GDP ratio" = "federal debt / GDP"
    sums: tuple[Sum, ...] = ()  # "deficit" = "outlays - receipts"
    file: str | None = None


def parse_config(text: str, *, file: str) -> Config:
    """Parse reconcile.toml text; unknown sections or options are errors (typos must not pass silently)."""
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ConfigError("not valid TOML: arrays or tables nested too deeply", file=file) from None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"\(at line (\d+)", str(exc))  # tomllib puts the line only in its message
        line = int(at.group(1)) if at else None
        raise ConfigError(f"not valid TOML: {exc}", file=file, line=line) from None
    except ValueError:  # not a TOMLDecodeError: an integer of thousands of digits
        raise ConfigError("not valid TOML: a number thousands of digits long", file=file) from None
    unknown = set(data) - _SECTIONS
    if unknown:
        raise ConfigError(f"unknown section(s) {sorted(unknown)}; expected {sorted(_SECTIONS)}", file=file)

    policy = Policy()
    known = {f.name: f.type for f in fields(Policy)}
    for key, value in _table(data, "policy", file).items():
        line = line_of(text, "policy", key)
        if key not in known:
            raise ConfigError(f"unknown policy option {key!r}; known: {sorted(known)}", file=file, line=line)
        default = getattr(policy, key)
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(
                f"policy option {key!r} must be a {type(default).__name__}, got {_short(value)}", file=file, line=line
            )
        if not isinstance(value, bool) and not (_finite(value) and value >= 0):
            raise ConfigError(
                f"policy option {key!r} must be a finite number of at least 0, got {_short(value)}",
                file=file,
                line=line,
            )
        if key in _FRACTIONS and value >= 1:
            raise ConfigError(
                f"policy option {key!r} is a fraction below 1 (0.05 means ±5 %), got {_short(value)}",
                file=file,
                line=line,
            )
        policy = replace(policy, **{key: type(default)(value)})

    aliases = _table(data, "aliases", file)
    for name, canonical in aliases.items():
        if not isinstance(canonical, str) or not canonical.strip() or not name.strip():
            raise ConfigError(
                '[aliases] maps names to canonical names: "NYC" = "New York City"',
                file=file,
                line=line_of(text, "aliases", name),
            )
    loop = _alias_loop(aliases)
    if loop:
        raise ConfigError(
            f"[aliases] go round in a circle: {' → '.join(loop)}; each name must lead to one canonical name",
            file=file,
            line=line_of(text, "aliases", loop[0]),
        )

    measures = _table(data, "measures", file)
    for name, canonical in measures.items():
        if not isinstance(canonical, str) or not canonical.strip():
            raise ConfigError(
                '[measures] maps measure names to one name: "GDP per capita" = "GDP per person"',
                file=file,
                line=line_of(text, "measures", name),
            )

    nouns: dict[str, tuple[str, ...]] = {}
    for noun, words in _table(data, "nouns", file).items():
        if not _NOUN_NAME.fullmatch(noun):
            raise ConfigError(
                f"[nouns]: {noun!r} is not a valid noun name (a letter, then letters, digits or _)",
                file=file,
                line=line_of(text, "nouns", noun),
            )
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ConfigError(
                f"[nouns] {noun} must be a list of spellings", file=file, line=line_of(text, "nouns", noun)
            )
        nouns[noun] = tuple(words)
    measure_aliases = {k: str(v) for k, v in measures.items()}
    return Config(
        policy=policy,
        aliases={k: str(v) for k, v in aliases.items()},
        nouns=nouns,
        measures=measure_aliases,
        ratios=_ratios(_table(data, "ratios", file), MeasureNames(measure_aliases), text, file),
        sums=_sums(_table(data, "sums", file), MeasureNames(measure_aliases), text, file),
        file=file,
    )


_RATIO_EXAMPLE = '"debt-to-GDP ratio" = "federal debt / GDP"'


def _ratios(table: dict[str, object], names: MeasureNames, text: str, file: str) -> tuple[Ratio, ...]:
    """`[ratios]`, each name and side the repo's one spelling of its measure; a malformed entry is
    an error naming its line (a ratio silently dropped would leave its claims unchecked)."""
    ratios: list[Ratio] = []
    declared: dict[str, str] = {}
    for written, formula in table.items():
        line = line_of(text, "ratios", written)
        why = _malformed(written, formula)
        if why is None:
            name, numerator, denominator = (names.canonical(n.strip()) for n in (written, *str(formula).split("/")))
            ratio = Ratio(name, numerator, denominator, line)
            why = _senseless(ratio, str(formula), declared)
        if why is not None:
            raise ConfigError(f"[ratios] {written!r}: {why}; e.g. {_RATIO_EXAMPLE}", file=file, line=line)
        declared[ratio.name.casefold()] = written
        ratios.append(ratio)
    return tuple(ratios)


def _malformed(written: str, formula: object) -> str | None:
    """What is wrong with the shape of a `[ratios]` entry, or None."""
    if not written.strip():
        return "a ratio needs a measure name"
    if not isinstance(formula, str):
        return f"must be a string 'numerator / denominator', got {_short(formula)}"
    sides = [side.strip() for side in formula.split("/")]
    if len(sides) != 2 or not all(sides):
        return f"{formula!r} is not one measure divided by another ('numerator / denominator')"
    return None


def _senseless(ratio: Ratio, formula: str, declared: dict[str, str]) -> str | None:
    """Why a well-formed ratio still means nothing (names compared as the measures they are), or None."""
    name, numerator, denominator = (n.casefold() for n in (ratio.name, ratio.numerator, ratio.denominator))
    if numerator == denominator:
        return f"{formula!r} divides a measure by itself"
    if name in (numerator, denominator):
        return f"{formula!r} divides by or into the ratio itself"
    if name in declared:
        return f"the same measure as {declared[name]!r} (through [measures]); declare it once"
    return None


_SUM_EXAMPLE = '"deficit" = "outlays - receipts"'
# an operator between two terms stands apart ("debt-to-GDP ratio" keeps its hyphens); "−" is a minus
_OPERATOR = re.compile(r"\s+([+\-−])\s+")
_NOT_ADDITION = re.compile(r"[*/×÷]")
_DANGLING = re.compile(r"^[+\-−](\s|$)|\s[+\-−]$")


def _sums(table: dict[str, object], names: MeasureNames, text: str, file: str) -> tuple[Sum, ...]:
    """`[sums]`, each name and term the repo's one spelling of its measure; a measure may be
    declared by several identities (a list: urban + rural, men + women). A malformed entry is an
    error naming its line (a sum silently dropped would leave its claims unchecked)."""
    sums: list[Sum] = []
    identities: dict[frozenset[str], str] = {}
    for written, value in table.items():
        line = line_of(text, "sums", written)
        formulas = value if isinstance(value, list) else [value]
        for formula in formulas:
            why = _not_a_sum(written, formula)
            if why is None:
                parts = _OPERATOR.split(str(formula).strip())
                signs = [1] + [1 if op == "+" else -1 for op in parts[1::2]]
                terms = tuple((sign, names.canonical(n.strip())) for sign, n in zip(signs, parts[::2], strict=True))
                total = Sum(names.canonical(written.strip()), terms, line)
                why = _senseless_sum(total, str(formula))
                measures = frozenset(n.casefold() for n in (total.name, *(name for _, name in total.terms)))
                if why is None and measures in identities:
                    why = f"the same measures as {identities[measures]!r}, one identity rewritten; declare it once"
                identities.setdefault(measures, f"{written} = {formula}")
            if why is not None:
                raise ConfigError(f"[sums] {written!r}: {why}; e.g. {_SUM_EXAMPLE}", file=file, line=line)
            sums.append(total)
    return tuple(sums)


def _not_a_sum(written: str, formula: object) -> str | None:
    """What is wrong with the shape of a `[sums]` formula, or None."""
    if not written.strip():
        return "a sum needs a measure name"
    if not isinstance(formula, str):
        return f"must be a string 'a + b' or 'a - b' (or a list of them), got {_short(formula)}"
    if _NOT_ADDITION.search(formula):
        return f"{formula!r} is not an addition or a subtraction (a quotient is declared in [ratios])"
    parts = _OPERATOR.split(formula.strip())
    if len(parts) < 3:
        return f"{formula!r} has one side: terms are joined by ' + ' or ' - ', with spaces around"
    if not all(p.strip() and not _DANGLING.search(p.strip()) for p in parts[::2]):
        return f"{formula!r} has an operator with no term beside it"
    return None


def _senseless_sum(total: Sum, formula: str) -> str | None:
    """Why a well-formed sum still means nothing (names compared as the measures they are), or None."""
    names = [name.casefold() for _, name in total.terms]
    if total.name.casefold() in names:
        return f"{formula!r} uses {total.name!r} on both sides"
    repeated = next((n for n in names if names.count(n) > 1), None)
    if repeated is not None:
        return f"{formula!r} uses {repeated!r} twice"
    return None


_NOUN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # a pint unit name; pint keeps "_…" for itself

# Policy figures that are relative widths or gaps: 1 or more would make every interval or
# every difference meaningless.
_FRACTIONS = {"about_min_relative"}


def _table(data: dict[str, object], name: str, file: str) -> dict[str, object]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"`{name}` must be a table: [{name}]", file=file)
    return table


def _finite(value: float) -> bool:
    """Whether a TOML number is one a float holds (TOML integers have no size limit)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _alias_loop(aliases: dict[str, object]) -> list[str] | None:
    """The first chain of aliases that comes back to a name it passed (a name mapped to itself is
    harmless and not a loop), as written; None when every chain ends."""
    key = {name.strip().casefold(): name for name in aliases}
    for start in aliases:
        seen: list[str] = [start]
        name = start
        while True:
            target = str(aliases[name]).strip()
            if target.casefold() == name.strip().casefold():
                break
            written = key.get(target.casefold())
            if written is None:
                break
            if written in seen:
                return [*seen[seen.index(written) :], written]
            seen.append(written)
            name = written
    return None


_KEY = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def line_of(text: str, section: str, key: str) -> int | None:
    """The line of `key = …` in `[section]` (TOML parsers keep no lines); None when not found."""
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.split("#")[0].strip().strip("[]").strip() == section
            continue
        m = _KEY.match(line) if inside else None
        if m:
            name = m.group(1)
            if name[0] == '"':
                try:
                    name = tomllib.loads(f"k = {name}")["k"]
                except tomllib.TOMLDecodeError:
                    continue
            elif name[0] == "'":
                name = name[1:-1]
            if name == key:
                return number
    return None


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
    if path.exists() and not path.is_file():  # a FIFO would block, a directory cannot be read
        raise ConfigError("is not a regular file", file=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", file=str(path)) from None
    return parse_config(text, file=str(path))
