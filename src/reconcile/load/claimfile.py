"""One claim file (YAML or CSV) → its Source, its Claims with file:line, and its problems.

YAML is read by `yamlfile` (no object construction, no tags); CSV tables through
pandas. A problem in one claim is collected as an InputError and the rest of the
file is still read: the caller turns problems into findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DuplicateIdError, InputError, InvalidClaimError, LoadError, NeedsReview, UnknownReferenceError
from ..model import CLAIM_KINDS, Claim, ClaimKind, Location, Period, Source, SourceKind, Value
from ..units import Units
from ..values import parse_value, value_from_fields
from .config import Config
from .entities import EntityResolver
from .periods import parse_period
from .yamlfile import read_yaml

MAX_FILE_BYTES = 32 * 1024 * 1024  # a claim file larger than this is almost surely a mistake
SOURCE_KINDS = tuple(k.value for k in SourceKind)
CLAIM_FIELDS = {
    "id",
    "entity",
    "value",
    "number",
    "unit",
    "qualifier",
    "quote",
    "period",
    "kind",
    "scope",
    "computed_from",
    "of",
    "status",
    "span",
    "note",
    "tags",
    "confidence",  # written by `reconcile extract`: high | medium | low
    "doubt",  # why the confidence is below high
    "measure",
}
SOURCE_FIELDS = {"id", "title", "publisher", "url", "published", "retrieved", "document", "kind", "note"}

_CLAIM_KIND = {k.value: k for k in ClaimKind}  # a dict lookup: an Enum call costs ~1 µs a claim
Record = tuple[dict[str, Any], int, dict[str, int]]  # fields, line of the record, line of each field


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


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
            self.problems.append(
                InvalidClaimError(
                    f"no `source:` mapping; using {fallback!r} as the source id", file=self.file, line=line
                )
            )
            return Source(id=fallback, location=Location(self.file, line))
        line = getattr(raw, "line", line)
        unknown = set(raw) - SOURCE_FIELDS
        if unknown:
            self.problems.append(
                InvalidClaimError(
                    f"unknown source field(s) {sorted(unknown)}; known: {sorted(SOURCE_FIELDS)}",
                    file=self.file,
                    line=line,
                )
            )
        source_id = raw.get("id")
        if not isinstance(source_id, (str, int)) or not str(source_id).strip():
            self.problems.append(
                InvalidClaimError(f"source has no `id`; using {fallback!r}", file=self.file, line=line)
            )
            source_id = fallback
        kind = str(raw.get("kind") or "article")
        if kind not in SOURCE_KINDS:
            self.problems.append(
                InvalidClaimError(f"source kind {kind!r} is not one of {SOURCE_KINDS}", file=self.file, line=line)
            )
            kind = "article"
        return Source(
            id=str(source_id).strip(),
            title=_text(raw.get("title")),
            publisher=_text(raw.get("publisher")),
            url=_text(raw.get("url")),
            published=_text(raw.get("published")),
            retrieved=_text(raw.get("retrieved")),
            document=_text(raw.get("document")),
            kind=SourceKind(kind),
            location=Location(self.file, line),
        )

    def claims(self, records: Iterable[Record], source: Source) -> list[Claim]:
        """records: (fields, line of the record, line of each field)."""
        out: list[Claim] = []
        seen: dict[str, int] = {}
        pending_refs: list[tuple[Claim, list[str], int]] = []
        held: list[str] = []
        for raw, line, key_lines in records:
            if _needs_review(raw):  # a person must complete it first: listed, never compared
                held.append(f"{raw.get('id')} (line {line})")
                continue
            try:
                claim, refs = self._claim(raw, line, key_lines, source)
            except InputError as problem:
                self.problems.append(problem.at(self.file, line))
                continue
            local = claim.id.split("/", 1)[1]
            if local in seen:
                self.problems.append(
                    DuplicateIdError(
                        f"claim id {local!r} is used twice in this file (first at line {seen[local]}); "
                        "this one is not checked",
                        file=self.file,
                        line=line,
                    )
                )
                continue
            seen[local] = line
            out.append(claim)
            if refs:
                pending_refs.append((claim, refs, key_lines.get("computed_from", line)))
        if held:
            self.problems.append(
                NeedsReview(
                    f"{len(held)} claim(s) marked `status: needs-review` are not compared until a person completes "
                    f"them: {', '.join(held[:10])}{' …' if len(held) > 10 else ''}",
                    file=self.file,
                )
            )
        if held:  # a claim computed from one that waits for review cannot be checked against it yet
            waiting = {f"{source.id}/{h.split(' ', 1)[0]}" for h in held}
            out = [replace(c, computed_from=()) if waiting.intersection(c.computed_from) else c for c in out]
            pending_refs = [
                (c, [r for r in refs if f"{source.id}/{r}" not in waiting], ln) for c, refs, ln in pending_refs
            ]
        known = {c.id for c in out}
        for _claim, refs, line in pending_refs:
            missing = [r for r in refs if r not in seen and f"{source.id}/{r}" not in known]
            if missing:
                self.problems.append(
                    UnknownReferenceError(
                        f"computed_from names {missing}, which are not claims of source {source.id!r}",
                        file=self.file,
                        line=line,
                    )
                )
        return out

    def _claim(self, raw: Any, line: int, key_lines: dict[str, int], source: Source) -> tuple[Claim, list[str]]:
        if not isinstance(raw, dict):
            raise InvalidClaimError("a claim must be a mapping with id, entity and value", file=self.file, line=line)
        raw = {k: v for k, v in raw.items() if v is not None and v != ""}
        unknown = set(raw) - CLAIM_FIELDS
        if unknown:
            self.problems.append(
                InvalidClaimError(
                    f"unknown claim field(s) {sorted(unknown)}; known: {sorted(CLAIM_FIELDS)}",
                    file=self.file,
                    line=line,
                )
            )
        for required in ("id", "entity"):
            if required not in raw:
                raise InvalidClaimError(f"claim has no `{required}`", file=self.file, line=line)
        local_id = str(raw["id"]).strip()
        value_line = key_lines.get("value", key_lines.get("number", line))
        value = self._value(raw, value_line)
        kind = str(raw.get("kind") or ("reference" if source.kind == "reference" else "estimate"))
        if kind not in CLAIM_KINDS:
            raise InvalidClaimError(
                f"kind {kind!r} is not one of {CLAIM_KINDS}", file=self.file, line=key_lines.get("kind", line)
            )
        period = self._period(raw, key_lines.get("period", line), source)
        refs = self._refs(raw.get("computed_from"), key_lines.get("computed_from", line))
        entity_written = str(raw["entity"])
        of = raw.get("of")
        if value.share_of and not of:
            raise InvalidClaimError(
                f"{value.text!r} is a share: say what it is a share of with `of:` (an entity)",
                file=self.file,
                line=value_line,
            )
        claim = Claim(
            id=f"{source.id}/{local_id}",
            source=source,
            entity=self.resolver.canonical(entity_written),
            entity_as_written=entity_written,
            value=value,
            location=Location(self.file, line),
            scope=_scope(raw),
            kind=_CLAIM_KIND[kind],
            period=period,
            quote=_text(raw.get("quote")),
            computed_from=tuple(r if "/" in r else f"{source.id}/{r}" for r in refs),
            of=self.resolver.canonical(str(of)) if of else None,
            note=_text(raw.get("note")),
        )
        return claim, refs

    def _period(self, raw: dict[str, Any], line: int, source: Source) -> Period | None:
        if "period" in raw:
            try:
                return parse_period(raw["period"])
            except ValueError as exc:
                raise InvalidClaimError(str(exc), file=self.file, line=line) from None
        if source.published:
            try:  # SPEC: an absent period is the source's date
                return parse_period(str(source.published)[:4])
            except ValueError:
                return None
        return None

    def _refs(self, raw: Any, line: int) -> list[str]:
        """computed_from: a claim id or a list of them."""
        refs = [raw] if isinstance(raw, str) else (raw or [])
        if not isinstance(refs, list) or not all(isinstance(r, (str, int)) for r in refs):
            raise InvalidClaimError("computed_from must be a list of claim ids", file=self.file, line=line)
        return [str(r) for r in refs]

    def _value(self, raw: dict[str, Any], line: int) -> Value:
        policy = self.config.policy
        try:
            if "value" in raw:
                if not isinstance(raw["value"], str):
                    raise InvalidClaimError(
                        f"value {raw['value']!r} needs its unit: write it as a string such as '5.9 million cameras', "
                        "or use number: and unit:",
                        file=self.file,
                        line=line,
                    )
                return parse_value(raw["value"], units=self.units, policy=policy)
            if "number" in raw and "unit" in raw:
                return value_from_fields(
                    raw["number"], str(raw["unit"]), raw.get("qualifier"), units=self.units, policy=policy
                )
        except InputError as problem:
            raise problem.at(self.file, line) from None
        raise InvalidClaimError("claim has no `value` (or `number` and `unit`)", file=self.file, line=line)


def _scope(raw: dict[str, Any]) -> str | None:
    """The claim's scope; until claims are grouped by `measure:` (issue 8), a measure keeps
    claims apart the way a scope does, so that GDP and debt never meet."""
    parts = [str(raw[k]).strip().casefold() for k in ("scope", "measure") if k in raw]
    return " · ".join(parts) if parts else None


def _needs_review(raw: Any) -> bool:
    return isinstance(raw, dict) and str(raw.get("status") or "").strip().casefold() == "needs-review"


def _yaml_records(doc: Any, file: str) -> tuple[Any, int, list[tuple[dict, int, dict[str, int]]]]:
    if not isinstance(doc, dict):
        kind = "empty" if doc is None else f"a {type(doc).__name__}"
        raise LoadError(
            f"a claim file is a mapping with `source:` and `claims:`, but this one is {kind}", file=file, line=1
        )
    claims = doc.get("claims")
    claims_line = getattr(doc, "key_lines", {}).get("claims", 1)
    if not isinstance(claims, list):
        raise LoadError("no `claims:` list in this file", file=file, line=claims_line)
    records = [(c, getattr(c, "line", claims_line), getattr(c, "key_lines", {})) for c in claims]
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
    records: list[Record] = []
    for index, row in enumerate(table.to_dict("records")):
        fields = {k: v for k, v in row.items() if k not in source_columns}
        if isinstance(fields.get("computed_from"), str):
            fields["computed_from"] = [r.strip() for r in re.split(r"[;,]", fields["computed_from"]) if r.strip()]
        records.append((fields, index + 2, {}))  # header is line 1
    return source, records


def read_claim_file(
    path: Path, *, config: Config, units: Units, resolver: EntityResolver, display: str | None = None
) -> tuple[Source | None, list[Claim], list[InputError]]:
    """One file → its source, its claims and its problems. Never raises for bad content."""
    file = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"file is {size / 1e6:.0f} MB; claim files larger than "
                f"{MAX_FILE_BYTES // 2**20} MiB are not read (split it)",
                file=file,
            )
        reader = _FileReader(file, config, units, resolver)
        if path.suffix.lower() == ".csv":
            raw_source, records = _csv_records(path)
            source_line = 1
        else:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise LoadError(f"not UTF-8 text (byte {exc.start})", file=file) from None
            raw_source, source_line, records = _yaml_records(read_yaml(text, file), file)
        source = reader.source(raw_source, source_line)
        claims = reader.claims(records, source)
        return source, claims, reader.problems
    except InputError as problem:
        return None, [], [problem.at(file, None)]
    except OSError as exc:
        return None, [], [LoadError(f"cannot read: {exc.strerror}", file=file)]
