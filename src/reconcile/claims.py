"""Claim files → Claims, each with the file and line it came from.

YAML is read with the safe loader (no object construction, no tags); CSV tables
through pandas. A problem in one claim or one file is collected as an
InputError and the rest is still read: the caller turns problems into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import yaml

from .config import Config, find_config, load_config
from .entities import EntityResolver
from .errors import ConfigError, InputError, LoadError
from .model import CLAIM_KINDS, Claim, Location, Period, Source, Value
from .units import Units, get_units
from .values import parse_value, value_from_fields

CLAIM_SUFFIXES = (".yaml", ".yml", ".csv")
MAX_FILE_BYTES = 32 * 1024 * 1024  # a claim file larger than this is almost surely a mistake
SOURCE_KINDS = ("article", "reference", "dataset")
CLAIM_FIELDS = {
    "id", "entity", "value", "number", "unit", "qualifier", "quote", "period", "kind", "scope",
    "computed_from", "of", "status", "span", "note", "tags",
}
SOURCE_FIELDS = {"id", "title", "publisher", "url", "published", "retrieved", "document", "kind", "note"}


class DuplicateIdError(InputError):
    rule = "duplicate-id"


class InvalidClaimError(InputError):
    rule = "invalid-claim"


class UnknownReferenceError(InputError):
    rule = "unknown-reference"


@dataclass
class LoadResult:
    claims: list[Claim] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[InputError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    config: Config = field(default_factory=Config)


# --------------------------------------------------------------------------- discovery


def discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Claim files under the given paths, sorted; a missing path is a problem, not a crash."""
    found: list[Path] = []
    problems: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix.lower() in CLAIM_SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            problems.append(LoadError("no such file or directory", file=str(path)))
    unique = list(dict.fromkeys(found))
    return unique, problems


# --------------------------------------------------------------------------- YAML with lines


class _Mapping(dict):
    """A dict that remembers the line of itself and of each key."""

    line: int = 1
    key_lines: dict[str, int]


# The base loader resolves no implicit types: every plain scalar stays the text it is
# ("2020", "5.9 million"), which is what claim fields are, and it skips PyYAML's per-scalar
# regex resolution (a tenth of the load time at 100k claims).
_Loader = yaml.CBaseLoader if hasattr(yaml, "CBaseLoader") else yaml.BaseLoader
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


class _Builder:
    """Composed YAML nodes → plain data with lines: strings, numbers, dates, lists, _Mappings.

    The C parser composes the node tree; building the data ourselves (instead of PyYAML's
    constructor) keeps the line of every mapping and key, is several times faster on big
    repos, and accepts only the plain YAML types: any other tag is refused, nothing is built
    from it. Shared (aliased) nodes are built once, so alias bombs cannot expand.
    """

    def __init__(self, file: str):
        self.file = file
        self.scalars = yaml.constructor.SafeConstructor()
        self.done: dict[int, Any] = {}

    def build(self, node: yaml.Node) -> Any:
        key = id(node)
        if key in self.done:
            if self.done[key] is _BUILDING:
                raise LoadError("a YAML alias refers to itself", file=self.file, line=node.start_mark.line + 1)
            return self.done[key]
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag not in _SCALARS:
                raise self._tag(node)
            return self.scalars.construct_object(node)
        self.done[key] = _BUILDING
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                raise self._tag(node)
            value: Any = [self.build(item) for item in node.value]
        else:
            if tag != _MAP:
                raise self._tag(node)
            value = _Mapping()
            value.line = node.start_mark.line + 1
            value.key_lines = {}
            for key_node, value_node in node.value:
                name = self.build(key_node)
                if not isinstance(name, (str, int, float, bool)) or name is None:
                    raise LoadError("a mapping key must be a plain word", file=self.file,
                                    line=key_node.start_mark.line + 1)
                value[name] = self.build(value_node)
                value.key_lines[name] = key_node.start_mark.line + 1
        self.done[key] = value
        return value

    def _tag(self, node: yaml.Node) -> LoadError:
        return LoadError(f"the YAML tag {node.tag!r} is not allowed in claim files (claims are plain data; "
                         "nothing is constructed or executed)", file=self.file, line=node.start_mark.line + 1)


_BUILDING = object()


def _read_yaml(text: str, file: str) -> Any:
    try:
        node = yaml.compose(text, Loader=_Loader)  # composes only: no object is constructed
        return None if node is None else _Builder(file).build(node)
    except yaml.MarkedYAMLError as exc:
        # the construct that is broken (an unclosed bracket) is more useful than where the parser gave up
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark:
            problem = f"{problem} ({exc.context} at line {exc.context_mark.line + 1}, noticed at line " \
                      f"{exc.problem_mark.line + 1})"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in (exc.problem or ""):
            problem = f"{problem.strip()}: YAML tags are not allowed in claim files (nothing is executed)"
        raise LoadError(f"not valid YAML: {problem}", file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"not valid YAML: {exc}", file=file) from None


# --------------------------------------------------------------------------- fields


_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:–|—|-|to|\.\.)\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _span(text: str) -> tuple[date, date]:
    if _YEAR.match(text):
        year = int(text)
        return date(year, 1, 1), date(year, 12, 31)
    m = _DATE.match(text)
    if not m:
        raise ValueError(text)
    year, month = int(m.group(1)), int(m.group(2))
    if m.group(3):
        day = date(year, month, int(m.group(3)))
        return day, day
    last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution) if month < 12 else date(year, 12, 31)
    return date(year, month, 1), last


def parse_period(raw: Any) -> Period:
    """2020, "2019-2021", "2021-08", "2021-08-15" → Period; anything else is a ValueError."""
    if isinstance(raw, date):
        return Period(raw, raw, raw.isoformat())
    text = str(raw).strip()
    try:
        if isinstance(raw, int) or _YEAR.match(text) or _DATE.match(text):
            start, end = _span(text)
            return Period(start, end, text)
        m = _RANGE.match(text)
        if m:
            start, _ = _span(m.group(1))
            _, end = _span(m.group(2))
            if start <= end:
                return Period(start, end, f"{m.group(1)}–{m.group(2)}")
    except ValueError:
        pass
    raise ValueError(f"period {raw!r} is not a year (2020), a range (2019–2021) or a date (2021-08-15)")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


# --------------------------------------------------------------------------- one file


class _FileReader:
    """Reads one claim file's records into Claims, collecting problems instead of stopping."""

    def __init__(self, file: str, config: Config, units: Units, resolver: EntityResolver):
        self.file = file
        self.config = config
        self.units = units
        self.resolver = resolver
        self.problems: list[InputError] = []

    def source(self, raw: Any, line: int) -> Source:
        fallback = Path(self.file).stem
        if not isinstance(raw, dict):
            self.problems.append(InvalidClaimError(
                f"no `source:` mapping; using {fallback!r} as the source id", file=self.file, line=line))
            return Source(id=fallback, location=Location(self.file, line))
        line = getattr(raw, "line", line)
        unknown = set(raw) - SOURCE_FIELDS
        if unknown:
            self.problems.append(InvalidClaimError(
                f"unknown source field(s) {sorted(unknown)}; known: {sorted(SOURCE_FIELDS)}", file=self.file, line=line))
        source_id = raw.get("id")
        if not isinstance(source_id, (str, int)) or not str(source_id).strip():
            self.problems.append(InvalidClaimError(
                f"source has no `id`; using {fallback!r}", file=self.file, line=line))
            source_id = fallback
        kind = str(raw.get("kind") or "article")
        if kind not in SOURCE_KINDS:
            self.problems.append(InvalidClaimError(
                f"source kind {kind!r} is not one of {SOURCE_KINDS}", file=self.file, line=line))
            kind = "article"
        return Source(
            id=str(source_id).strip(), title=_text(raw.get("title")), publisher=_text(raw.get("publisher")),
            url=_text(raw.get("url")), published=_text(raw.get("published")), retrieved=_text(raw.get("retrieved")),
            document=_text(raw.get("document")), kind=kind, location=Location(self.file, line),
        )

    def claims(self, records: Iterable[tuple[dict, int, dict[str, int]]], source: Source) -> list[Claim]:
        """records: (fields, line of the record, line of each field)."""
        out: list[Claim] = []
        seen: dict[str, int] = {}
        pending_refs: list[tuple[Claim, list[str], int]] = []
        for raw, line, key_lines in records:
            try:
                claim, refs = self._claim(raw, line, key_lines, source)
            except InputError as problem:
                self.problems.append(problem.at(self.file, line))
                continue
            local = claim.id.split("/", 1)[1]
            if local in seen:
                self.problems.append(DuplicateIdError(
                    f"claim id {local!r} is used twice in this file (first at line {seen[local]}); "
                    "this one is not checked", file=self.file, line=line))
                continue
            seen[local] = line
            out.append(claim)
            if refs:
                pending_refs.append((claim, refs, key_lines.get("computed_from", line)))
        known = {c.id for c in out}
        for claim, refs, line in pending_refs:
            missing = [r for r in refs if r not in seen and f"{source.id}/{r}" not in known]
            if missing:
                self.problems.append(UnknownReferenceError(
                    f"computed_from names {missing}, which are not claims of source {source.id!r}",
                    file=self.file, line=line))
        return out

    def _claim(self, raw: Any, line: int, key_lines: dict[str, int], source: Source) -> tuple[Claim, list[str]]:
        if not isinstance(raw, dict):
            raise InvalidClaimError("a claim must be a mapping with id, entity and value", file=self.file, line=line)
        raw = {k: v for k, v in raw.items() if v is not None and v != ""}
        unknown = set(raw) - CLAIM_FIELDS
        if unknown:
            self.problems.append(InvalidClaimError(
                f"unknown claim field(s) {sorted(unknown)}; known: {sorted(CLAIM_FIELDS)}", file=self.file, line=line))
        for required in ("id", "entity"):
            if required not in raw:
                raise InvalidClaimError(f"claim has no `{required}`", file=self.file, line=line)
        local_id = str(raw["id"]).strip()
        value_line = key_lines.get("value", key_lines.get("number", line))
        value = self._value(raw, value_line)
        kind = str(raw.get("kind") or ("reference" if source.kind == "reference" else "estimate"))
        if kind not in CLAIM_KINDS:
            raise InvalidClaimError(f"kind {kind!r} is not one of {CLAIM_KINDS}", file=self.file,
                                    line=key_lines.get("kind", line))
        period = None
        if "period" in raw:
            try:
                period = parse_period(raw["period"])
            except ValueError as exc:
                raise InvalidClaimError(str(exc), file=self.file, line=key_lines.get("period", line)) from None
        elif source.published:
            try:  # SPEC: an absent period is the source's date
                period = parse_period(str(source.published)[:4])
            except ValueError:
                period = None
        refs = raw.get("computed_from") or []
        if isinstance(refs, str):
            refs = [refs]
        if not isinstance(refs, list) or not all(isinstance(r, (str, int)) for r in refs):
            raise InvalidClaimError("computed_from must be a list of claim ids", file=self.file,
                                    line=key_lines.get("computed_from", line))
        refs = [str(r) for r in refs]
        entity_written = str(raw["entity"])
        of = raw.get("of")
        if value.share_of and not of:
            raise InvalidClaimError(
                f"{value.text!r} is a share: say what it is a share of with `of:` (an entity)",
                file=self.file, line=value_line)
        claim = Claim(
            id=f"{source.id}/{local_id}",
            source=source,
            entity=self.resolver.canonical(entity_written),
            entity_as_written=entity_written,
            value=value,
            location=Location(self.file, line),
            scope=str(raw["scope"]).strip().casefold() if "scope" in raw else None,
            kind=kind,
            period=period,
            quote=_text(raw.get("quote")),
            computed_from=tuple(r if "/" in r else f"{source.id}/{r}" for r in refs),
            of=self.resolver.canonical(str(of)) if of else None,
            note=_text(raw.get("note")),
        )
        return claim, refs

    def _value(self, raw: dict, line: int) -> Value:
        policy = self.config.policy
        try:
            if "value" in raw:
                if not isinstance(raw["value"], str):
                    raise InvalidClaimError(
                        f"value {raw['value']!r} needs its unit: write it as a string such as '5.9 million cameras', "
                        "or use number: and unit:", file=self.file, line=line)
                return parse_value(raw["value"], units=self.units, policy=policy)
            if "number" in raw and "unit" in raw:
                return value_from_fields(raw["number"], str(raw["unit"]), raw.get("qualifier"),
                                         units=self.units, policy=policy)
        except InputError as problem:
            raise problem.at(self.file, line) from None
        raise InvalidClaimError("claim has no `value` (or `number` and `unit`)", file=self.file, line=line)


def _yaml_records(doc: Any, file: str) -> tuple[Any, int, list[tuple[dict, int, dict[str, int]]]]:
    if not isinstance(doc, dict):
        kind = "empty" if doc is None else f"a {type(doc).__name__}"
        raise LoadError(f"a claim file is a mapping with `source:` and `claims:`, but this one is {kind}",
                        file=file, line=1)
    claims = doc.get("claims")
    claims_line = getattr(doc, "key_lines", {}).get("claims", 1)
    if not isinstance(claims, list):
        raise LoadError("no `claims:` list in this file", file=file, line=claims_line)
    records = [
        (c, getattr(c, "line", claims_line), getattr(c, "key_lines", {})) for c in claims
    ]
    return doc.get("source"), getattr(doc, "key_lines", {}).get("source", 1), records


def _csv_records(path: Path) -> tuple[dict, list[tuple[dict, int, dict[str, int]]]]:
    import pandas as pd

    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise LoadError(f"not a readable CSV table: {exc}", file=str(path), line=1) from None
    source_columns = {c: c.removeprefix("source_") for c in table.columns if c.startswith("source_")}
    first = table.iloc[0] if len(table) else None
    source = {"id": path.stem, "kind": "dataset"}
    if first is not None:
        source.update({field_: first[col] for col, field_ in source_columns.items() if first[col]})
    records = []
    for index, row in enumerate(table.to_dict("records")):
        fields = {k: v for k, v in row.items() if k not in source_columns}
        if isinstance(fields.get("computed_from"), str):
            fields["computed_from"] = [r.strip() for r in re.split(r"[;,]", fields["computed_from"]) if r.strip()]
        records.append((fields, index + 2, {}))  # header is line 1
    return source, records


def read_claim_file(path: Path, *, config: Config, units: Units, resolver: EntityResolver,
                    display: str | None = None) -> tuple[Source | None, list[Claim], list[InputError]]:
    """One file → its source, its claims and its problems. Never raises for bad content."""
    file = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(f"file is {size / 1e6:.0f} MB; claim files larger than "
                            f"{MAX_FILE_BYTES // 2**20} MiB are not read (split it)", file=file)
        reader = _FileReader(file, config, units, resolver)
        if path.suffix.lower() == ".csv":
            raw_source, records = _csv_records(path)
            source_line = 1
        else:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise LoadError(f"not UTF-8 text (byte {exc.start})", file=file) from None
            raw_source, source_line, records = _yaml_records(_read_yaml(text, file), file)
        source = reader.source(raw_source, source_line)
        claims = reader.claims(records, source)
        return source, claims, reader.problems
    except InputError as problem:
        return None, [], [problem.at(file, None)]
    except OSError as exc:
        return None, [], [LoadError(f"cannot read: {exc.strerror}", file=file)]


def load(paths: Sequence[str | Path], *, config_path: str | Path | None = None,
         progress: Callable[[int, int], None] | None = None) -> LoadResult:
    """Read every claim file under `paths`; a bad file or claim becomes a problem, never a crash.

    `progress(done, total)` is called after each file, for a caller that shows a bar.
    """
    path_list = [Path(p) for p in paths]
    result = LoadResult()
    try:
        result.config = load_config(Path(config_path) if config_path else find_config(path_list))
    except ConfigError as problem:
        result.problems.append(problem)
    except OSError as exc:
        result.problems.append(ConfigError(f"cannot read: {exc.strerror}", file=str(config_path)))
    units = get_units(result.config.nouns or None)
    resolver = EntityResolver(result.config.aliases)
    files, problems = discover(path_list)
    result.problems.extend(problems)
    source_files: dict[str, str] = {}
    for done, path in enumerate(files, 1):
        if progress:
            progress(done, len(files))
        file = str(path)
        result.files.append(file)
        source, claims, problems = read_claim_file(path, config=result.config, units=units, resolver=resolver)
        result.problems.extend(problems)
        if source is None:
            continue
        if source.id in source_files:
            result.problems.append(DuplicateIdError(
                f"source id {source.id!r} is already used by {source_files[source.id]}; "
                "this file's claims are not checked", file=file,
                line=source.location.line if source.location else None))
            continue
        source_files[source.id] = file
        result.sources[source.id] = source
        result.claims.extend(claims)
    return result
