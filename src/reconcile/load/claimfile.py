"""One claim file (YAML or CSV) → its Source, its Claims with file:line, and its problems.

YAML is read by `yamlfile` (no object construction, no tags); CSV tables through
pandas. A problem in one claim is collected as an InputError and the rest of the
file is still read: the caller turns problems into findings.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from .. import formatting
from ..errors import (
    DuplicateIdError,
    InputError,
    InvalidClaimError,
    LoadError,
    UncountedRateError,
    UnitError,
    UnknownReferenceError,
)
from ..model import (
    CLAIM_KINDS,
    OWN_SHARE,
    Claim,
    ClaimKind,
    Location,
    PercentRole,
    Period,
    Source,
    SourceKind,
    Value,
    slot_maker,
)
from ..units import Units
from ..units.quotients import restates_unit
from ..values import parse_value, value_from_fields, values_read
from .comparison import comparison_value
from .config import Config
from .entities import EntityResolver
from .measures import MeasureNames, alone_reason, measure_words_of_whole
from .notices import Notice, one_edit_apart
from .periods import parse_period
from .yamlfile import Mapping, read_yaml

MAX_FILE_BYTES = 32 * 1024 * 1024  # a claim file larger than this is almost surely a mistake
MAX_MEASURE_NAME = 120  # "GDP", "road deaths per person": a name, not a sentence
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
    "measure",
    "role",
    "than",  # for `role: comparison`: the entity compared with
    "status",
    "confidence",  # written by `reconcile extract`: high | medium | low
    "doubt",  # why the confidence is below high
    "span",
    "note",
    "tags",
}
SOURCE_FIELDS = {"id", "title", "publisher", "url", "published", "retrieved", "document", "kind", "note"}

_ROLES = {r.value: r for r in PercentRole}
_CLAIM_KIND = {k.value: k for k in ClaimKind}  # a dict lookup: an Enum call costs ~1 µs a claim
Record = tuple[dict[str, Any], int, dict[str, int]]  # fields, line of the record, line of each field
_make_claim = slot_maker(Claim)  # Claim(…) by position, ~4× cheaper: one a claim


# Fields that hold one value; a list or mapping there is refused, never turned into text
# (str() of aliased YAML structure could expand an alias bomb).
LIST_FIELDS = {"computed_from", "span", "tags"}
SCALAR_CLAIM_FIELDS = CLAIM_FIELDS - LIST_FIELDS


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _kind_of(value: Any) -> str:
    return "a mapping" if isinstance(value, dict) else "a list"


def _wrong_shapes(raw: dict[str, Any], scalar_fields: set[str]) -> list[str]:
    """The one-value fields that hold a list or mapping."""
    return [k for k, v in raw.items() if isinstance(v, (list, dict)) and k in scalar_fields]


def _written_fields(raw: dict[str, Any]) -> dict[str, Any] | str:
    """A claim's fields without the empty ones (None, blank text); or, when a one-value field
    holds a list or mapping, the first such field's name. One pass: it runs once a claim."""
    kept: dict[str, Any] = {}
    for k, v in raw.items():
        if type(v) is str:  # most fields: text
            if v.strip():
                kept[k] = v
        elif v is None:
            continue
        elif isinstance(v, (list, dict)):
            if k in SCALAR_CLAIM_FIELDS:
                return str(k)
            kept[k] = v
        elif not isinstance(v, str) or v.strip():
            kept[k] = v
    return kept


def _repeated_key(raw: Any, what: str) -> tuple[str, int] | None:
    """(message, line) for the first key written twice in a YAML mapping, if any."""
    duplicates = getattr(raw, "duplicates", None)
    if not duplicates:
        return None
    key, (line, first) = min(duplicates.items(), key=lambda item: item[1][0])
    return f"`{key}` is written twice in {what} (first at line {first}); which one is meant?", line


class _FileReader:
    """Reads one claim file's records into Claims, collecting problems instead of stopping."""

    def __init__(
        self, file: str, config: Config, units: Units, resolver: EntityResolver, measures: MeasureNames | None = None
    ):
        self.file = file
        self.config = config
        self.units = units
        self.resolver = resolver
        self.measures = measures or MeasureNames(config.measures)
        self.problems: list[InputError] = []
        self.notices: list[Notice] = []
        self._reported_fields: set[str] = set()  # a CSV column is reported once, not on every row
        self.table = False
        self._values_read = values_read(units, config.policy)  # parse_value's own memo, asked directly
        self._entities: dict[str, tuple[str, str]] = {}  # entity as written → (interned, canonical)
        self._templates: dict[str, _Template] = {}  # set by `claims` for its source

    def _unknown_fields(
        self, kind: str, unknown: set[str], known: set[str], line: int, key_lines: dict[str, int]
    ) -> None:
        if self.table:
            unknown -= self._reported_fields
            self._reported_fields |= unknown
        for name in sorted(unknown):
            near = [k for k in sorted(known) if one_edit_apart(str(name).casefold(), k)]
            hint = f"did you mean `{near[0]}`? " if near else ""
            self.notices.append(
                Notice(
                    "unknown-field",
                    f"unknown {kind} field {name!r} is ignored; {hint}known: {', '.join(sorted(known))}",
                    self.file,
                    1 if self.table else key_lines.get(name, line),
                )
            )

    def _stem(self) -> str:
        """The source id a file without one is given: its name (made only then: a path is slow)."""
        return Path(self.file).stem

    def source(self, raw: Any, line: int) -> Source:
        if not isinstance(raw, dict):
            self.problems.append(
                InvalidClaimError(
                    f"no `source:` mapping; using {self._stem()!r} as the source id", file=self.file, line=line
                )
            )
            return Source(id=self._stem(), location=Location(self.file, line))
        line = getattr(raw, "line", line)
        key_lines: dict[str, int] = getattr(raw, "key_lines", {})
        repeated = _repeated_key(raw, "`source:`")
        if repeated:
            raise LoadError(f"{repeated[0]} This file's claims are not checked.", file=self.file, line=repeated[1])
        wrong = _wrong_shapes(raw, SOURCE_FIELDS)
        for name in wrong:
            self.problems.append(
                InvalidClaimError(
                    f"source `{name}` must be one value, not {_kind_of(raw[name])}; "
                    + (f"using {self._stem()!r}" if name == "id" else "it is ignored"),
                    file=self.file,
                    line=key_lines.get(name, line),
                )
            )
            raw = {k: v for k, v in raw.items() if k != name}
        self._unknown_fields("source", set(raw) - SOURCE_FIELDS, SOURCE_FIELDS, line, key_lines)
        source_id = raw.get("id")
        if (not isinstance(source_id, (str, int)) or not str(source_id).strip()) and "id" not in wrong:
            self.problems.append(
                InvalidClaimError(f"source has no `id`; using {self._stem()!r}", file=self.file, line=line)
            )
        if not isinstance(source_id, (str, int)) or not str(source_id).strip():
            source_id = self._stem()
        if "/" in str(source_id):
            raise InvalidClaimError(
                f"source id {str(source_id)!r} contains '/', which separates a source from a claim in claim ids "
                "(source a/b claim x and source a claim b/x would both be a/b/x); this file's claims are not checked",
                file=self.file,
                line=key_lines.get("id", line),
            )
        published = _text(raw.get("published"))
        if published is not None:
            try:
                parse_period(published)
            except ValueError:
                self.problems.append(
                    InvalidClaimError(
                        f"published {published[:40]!r} is not a date (2021-08-15, 2021-08 or 2021); it is ignored",
                        file=self.file,
                        line=key_lines.get("published", line),
                    )
                )
                published = None
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
            published=published,
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
        self._templates = _templates_for(self, source) if self.quick else {}
        for raw, line, key_lines in records:
            try:
                quick = self._quick_claim(raw, line, key_lines, source) if type(raw) is Mapping else None
                if quick is not None:
                    claim, refs, local = quick
                elif (
                    isinstance(raw, dict) and "status" in raw and _needs_review(raw)
                ):  # a person must complete it first: listed, never compared
                    held.append(f"{raw.get('id')} (line {line})")
                    continue
                else:
                    claim, refs, local = self._claim(raw, line, key_lines, source)
                    if self.quick and _quick_shape(raw) and claim.role is None:
                        self._keep_template(raw["value"], claim)
            except InputError as problem:
                self.problems.append(problem.at(self.file, line))
                continue
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
            self._hold(held, source, out, pending_refs)
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

    quick = True  # claims of the commonest shape made from a template (tests compare with False)

    def _quick_claim(
        self, raw: Mapping, line: int, key_lines: dict[str, int], source: Source
    ) -> tuple[Claim, list[str], str] | None:
        """`_claim` of a record of the commonest shape — `id`, `entity`, a `value` string read
        before, maybe a `computed_from` list — whose value names no role or share: then
        everything but its id, line and references is what an earlier claim with the same value
        string got (`_keep_template`), whatever its entity. None for any other record."""
        size = len(raw)
        if (size != 3 and size != 4) or raw.duplicates:
            return None
        local, written, text = raw.get("id"), raw.get("entity"), raw.get("value")
        if type(text) is not str or type(written) is not str or type(local) is not str:
            return None
        written_refs = raw.get("computed_from") if size == 4 else None
        if size == 4 and not isinstance(written_refs, list):
            return None
        template = self._templates.get(text)
        local = local.strip()
        if template is None or not local or "/" in local:
            return None
        value, kind, period, what, alone = template
        named = self._entities.get(written)
        if named is None:
            if not written.strip():  # no entity: `_claim` says so
                return None
            named = self._entities[written] = (sys.intern(written), self.resolver.canonical(written))
        refs = self._refs(written_refs, key_lines.get("computed_from", line)) if written_refs is not None else []
        source_id = source.id
        claim = _make_claim(  # by position, as in `_claim`
            f"{source_id}/{local}",
            source,
            named[1],
            named[0],
            value,
            Location(self.file, line),
            None,
            kind,
            period,
            None,
            tuple(r if "/" in r else f"{source_id}/{r}" for r in refs) if refs else (),
            None,
            None,
            what,
            None,
            alone,
            None,
        )
        return claim, refs, local

    def _keep_template(self, text: str, claim: Claim) -> None:
        """What `_quick_claim` takes from a claim of the commonest shape whose value names no role:
        none of it depends on the claim's entity, id or references (no role: no `of`, no `than`)."""
        if len(self._templates) >= _MAX_TEMPLATES:
            self._templates.clear()
        self._templates[text] = (claim.value, claim.kind, claim.period, claim.what, claim.alone)

    def _hold(
        self, held: list[str], source: Source, out: list[Claim], pending_refs: list[tuple[Claim, list[str], int]]
    ) -> None:
        """List the claims waiting for review (one notice per file); a claim computed from one of
        them cannot be checked against it yet, so its computed_from is set aside."""
        self.notices.append(
            Notice(
                "needs-review",
                f"{len(held)} claim(s) marked `status: needs-review` are not compared until a person completes "
                f"them: {', '.join(held[:10])}{' …' if len(held) > 10 else ''}",
                self.file,
            )
        )
        waiting = {f"{source.id}/{h.split(' ', 1)[0]}" for h in held}
        for i, c in enumerate(out):
            if waiting.intersection(c.computed_from):
                out[i] = replace(c, computed_from=())
        pending_refs[:] = [
            (c, [r for r in refs if f"{source.id}/{r}" not in waiting], ln) for c, refs, ln in pending_refs
        ]

    def _claim(self, raw: Any, line: int, key_lines: dict[str, int], source: Source) -> tuple[Claim, list[str], str]:
        """One record → its Claim, the local ids it is computed from, and its own local id."""
        if not isinstance(raw, dict):
            raise InvalidClaimError("a claim must be a mapping with id, entity and value", file=self.file, line=line)
        repeated = _repeated_key(raw, "this claim") if getattr(raw, "duplicates", None) else None
        if repeated:
            raise InvalidClaimError(f"{repeated[0]} This claim is not checked.", file=self.file, line=repeated[1])
        written = _written_fields(raw)
        if type(written) is str:
            raise InvalidClaimError(
                f"`{written}` must be one value, not {_kind_of(raw[written])}; this claim is not checked",
                file=self.file,
                line=key_lines.get(written, line),
            )
        raw = written
        if not CLAIM_FIELDS.issuperset(raw):
            self._unknown_fields("claim", raw.keys() - CLAIM_FIELDS, CLAIM_FIELDS, line, key_lines)
        if "id" not in raw or "entity" not in raw:
            raise InvalidClaimError(
                f"claim has no `{'id' if 'id' not in raw else 'entity'}`", file=self.file, line=line
            )
        local_id = str(raw["id"]).strip()
        if "/" in local_id:
            raise InvalidClaimError(
                f"claim id {local_id[:60]!r} contains '/', which separates the source from the claim in ids",
                file=self.file,
                line=key_lines.get("id", line),
            )
        value_line = key_lines.get("value", key_lines.get("number", line))
        compares = "role" in raw and _compares(raw)
        seen = self._values_read.get(raw["value"]) if not compares and type(raw.get("value")) is str else None
        if seen is not None:  # a value string read before (most are): no call
            value = seen
        elif compares:
            value = self._comparison(raw, value_line)
        else:
            value = self._value(raw, value_line)
        kind = str(raw.get("kind") or ("reference" if source.kind == "reference" else "estimate"))
        if kind not in CLAIM_KINDS:
            raise InvalidClaimError(
                f"kind {kind!r} is not one of {CLAIM_KINDS}", file=self.file, line=key_lines.get("kind", line)
            )
        period = (
            self._period(raw, key_lines.get("period", line), source) if "period" in raw or source.published else None
        )
        written_refs = raw.get("computed_from")
        refs = self._refs(written_refs, key_lines.get("computed_from", line)) if written_refs is not None else []
        named = self._entities.get(raw["entity"]) if type(raw["entity"]) is str else None
        if named is None:  # one string per name, not one per claim; the resolver asked once a file
            written_name = sys.intern(str(raw["entity"]))
            named = (written_name, self.resolver.canonical(written_name))
            if type(raw["entity"]) is str:
                self._entities[raw["entity"]] = named
        entity_written, entity = named
        if "role" in raw:
            role = self._role(raw, value, key_lines.get("role", line))
        else:  # what the value string says (`_role`, without the call: it runs once a claim)
            role = value.percent_role or (PercentRole.SHARE if value.share_of else None)
        of = raw.get("of") or (self._whole_entity(value.whole_words) if role is PercentRole.SHARE else None)
        alone = None
        if role is PercentRole.SHARE and (not of or self.resolver.canonical(str(of)) == entity):
            # "17.6 percent of GDP" of the claim's own entity: a part of its own whole
            own = self._own_share(raw, value, of, entity)
            if own is None and not of:
                raise InvalidClaimError(
                    f"{value.text!r} is a share: say what it is a share of with `of:` (an entity), or, of "
                    f"{entity}'s own whole, what the part is with `measure:` (e.g. measure: health spending)",
                    file=self.file,
                    line=value_line,
                )
            if own is None:
                alone = (
                    f"a share of {entity}'s own whole says nothing without its part: name it with `measure:`"
                    " (e.g. measure: health spending)"
                )
            else:
                raw = {**raw, "measure": own}
                role, of = PercentRole.RATE, None
        if value.share_of and not of and role is not PercentRole.RATE:
            raise InvalidClaimError(
                f"{value.text!r} is a share: say what it is a share of with `of:` (an entity)",
                file=self.file,
                line=value_line,
            )
        of_canonical = self.resolver.canonical(str(of)) if of else None
        names = "measure" in raw or value.measure_words or (value.whole_words and of is not None)
        what = self._what(raw, value, of, of_canonical) if names else None  # nothing names one: None
        than = (
            self._than(raw, role, entity_written, key_lines.get("than", key_lines.get("role", line)))
            if "than" in raw or role is PercentRole.COMPARISON
            else None
        )
        claim = _make_claim(  # by position, in the order of Claim's fields (`slot_maker`)
            f"{source.id}/{local_id}",  # id
            source,
            entity,
            entity_written,  # entity_as_written
            value,
            Location(self.file, line),
            str(raw["scope"]).strip().casefold() if "scope" in raw else None,  # scope
            _CLAIM_KIND[kind],
            period,
            _text(raw["quote"]) if "quote" in raw else None,  # quote
            tuple(r if "/" in r else f"{source.id}/{r}" for r in refs) if refs else (),  # computed_from
            of_canonical,  # of
            _text(raw["note"]) if "note" in raw else None,  # note
            what,
            role,
            alone or alone_reason(value, what, role, self.units),  # alone
            than,
        )
        return claim, refs, local_id

    def _comparison(self, raw: dict[str, Any], line: int) -> Value:
        """`role: comparison`: "24 percent more", "3 times as many" → A ÷ B − 1 (load/comparison.py)."""
        text = raw.get("value")
        if text is None and "number" in raw and "unit" in raw:
            text = " ".join(str(raw[k]) for k in ("qualifier", "number", "unit") if k in raw)
        if not isinstance(text, str):
            raise InvalidClaimError(
                "a comparison needs its `value` as text, e.g. '24 percent more'", file=self.file, line=line
            )
        try:
            return comparison_value(text, units=self.units, policy=self.config.policy)
        except InputError as problem:
            raise problem.at(self.file, line) from None

    def _than(self, raw: dict[str, Any], role: PercentRole | None, entity: str, line: int) -> str | None:
        """The entity a comparison is made with: required by one, meaningless without one."""
        than = raw.get("than")
        if role is not PercentRole.COMPARISON:
            if than is not None:
                raise InvalidClaimError(
                    "`than:` is for a comparison; add `role: comparison`", file=self.file, line=line
                )
            return None
        if than is None:
            raise InvalidClaimError(
                f"{raw.get('value')!r} is a comparison: say what it is compared with in `than:` (an entity)",
                file=self.file,
                line=line,
            )
        canonical = self.resolver.canonical(str(than))
        if canonical == self.resolver.canonical(entity):
            raise InvalidClaimError(f"a comparison of {entity!r} with itself", file=self.file, line=line)
        return canonical

    def _own_share(self, raw: dict[str, Any], value: Value, of: Any, entity: str) -> str | None:
        """The measure of a share of the claim's own whole, "<part> as a share of <whole>", when
        `measure:` names a part other than the whole ("health spending" of "GDP"); else None.
        consistency/ratios.py divides such a measure's part by its whole, as a declared ratio."""
        part = raw.get("measure")
        whole_words = value.whole_words or value.share_of
        if part is None or not whole_words:
            return None
        lead = self._whole_entity(whole_words)
        named = lead if lead is not None and self.resolver.canonical(lead) == entity else of
        whole = measure_words_of_whole(whole_words, str(named) if named else None, entity)
        if not whole:
            return None
        part_name, whole_name = self.measures.canonical(str(part)), self.measures.canonical(whole)
        if part_name.casefold() == whole_name.casefold() or len(part_name) + len(whole_name) > MAX_MEASURE_NAME:
            return None
        return f"{part_name} {OWN_SHARE} {whole_name}"

    def _whole_entity(self, whole_words: str | None) -> str | None:
        """The entity a share's whole names first ("EU" in "EU GDP", "the world's" in "the world's
        road deaths"), when it is a known name; else None (then `of:` is required)."""
        if not whole_words:
            return None
        words = whole_words.split()
        for n in range(len(words) - 1, 0, -1):
            lead = " ".join(words[:n])
            for candidate in (lead, lead.removesuffix("'s").removesuffix("’s").removesuffix("'").removesuffix("’")):
                if self.resolver.knows(candidate):
                    return candidate
        return None

    def _role(self, raw: dict[str, Any], value: Value, line: int) -> PercentRole | None:
        """role: share | change | rate, else what the value string says; only a percentage has one."""
        if "role" not in raw:
            return value.percent_role or (PercentRole.SHARE if value.share_of else None)
        role = _ROLES.get(str(raw["role"]).strip().casefold())
        if role is None:
            raise InvalidClaimError(f"role {raw['role']!r} is not one of {tuple(_ROLES)}", file=self.file, line=line)
        if value.canonical_unit != "dimensionless":
            raise InvalidClaimError(
                f"role: {role} is for a percentage, but {value.text!r} is in {value.canonical_unit}",
                file=self.file,
                line=line,
            )
        return role

    def _what(self, raw: dict[str, Any], value: Value, of: Any, of_canonical: str | None) -> str | None:
        """The measure's name: `measure:`, else the value's own words ("road deaths"); a name that is
        just a spelling of the unit ("population" of people) is the unit itself."""
        written = raw.get("measure")
        if written is not None:
            written = str(written)
            if len(written) > MAX_MEASURE_NAME:
                raise InvalidClaimError(
                    f"measure {written[:40]!r}… is {len(written)} characters; "
                    "a measure's name is a few words (GDP, road deaths)",
                    file=self.file,
                )
        elif value.measure_words:
            written = value.measure_words
        elif value.whole_words and of is not None:
            lead = self._whole_entity(value.whole_words)  # "US electricity" with `of: United States`
            same = lead is not None and self.resolver.canonical(lead) == of_canonical
            written = measure_words_of_whole(value.whole_words, lead if same else str(of), of_canonical)
        if written is None or not written.strip():
            return None
        if restates_unit(written, value.share_of or value.canonical_unit, self.units):
            return None
        name = self.measures.canonical(written)
        unit = value.canonical_unit
        if restates_unit(name, value.share_of or unit, self.units):  # an alias may name the unit itself
            return None
        denominator = unit.split(" / ", 1)[1] if " / " in unit else ""
        # a base-unit denominator (power = kg·km²/year³, €/MWh = EUR·year²/kg/km²) is no "per" a person reads
        if (
            denominator
            and "kilogram" not in denominator
            and "year **" not in denominator
            and " per " not in f" {name.casefold()} "
        ):
            # "12.9 road deaths per 100,000 people" measures road deaths per person, not road deaths
            name = self.measures.canonical(f"{name} per {formatting.unit(unit.split(' / ', 1)[1])}")
        return name

    def _period(self, raw: dict[str, Any], line: int, source: Source) -> Period | None:
        if "period" in raw:
            try:
                return _period_of(raw["period"])
            except ValueError as exc:
                raise InvalidClaimError(str(exc), file=self.file, line=line) from None
        if source.published:
            try:  # SPEC: an absent period is the source's date
                return _period_of(str(source.published)[:4])
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
                        f"value {str(raw['value'])[:40]!r} needs its unit: write it as a string such as "
                        "'5.9 million cameras', or use number: and unit:",
                        file=self.file,
                        line=line,
                    )
                seen = self._values_read.get(raw["value"])  # a value string read before: no call
                if seen is not None:
                    return seen
                try:
                    return parse_value(raw["value"], units=self.units, policy=policy)
                except UncountedRateError:
                    counted = self._counted_by_measure(raw.get("measure"))
                    if counted is None:
                        raise
                    named = parse_value(_naming_counted(raw["value"], counted), units=self.units, policy=policy)
                    return replace(named, text=raw["value"].strip())  # quoted as written
            if "number" in raw and "unit" in raw:
                return value_from_fields(
                    raw["number"], str(raw["unit"]), raw.get("qualifier"), units=self.units, policy=policy
                )
        except InputError as problem:
            raise problem.at(self.file, line) from None
        raise InvalidClaimError("claim has no `value` (or `number` and `unit`)", file=self.file, line=line)

    def _counted_by_measure(self, measure: Any) -> str | None:
        """What a rate written without its counted noun counts, from `measure:`: "homicides" or
        "homicides per person" name it; "homicide rate" does not, and the value stays an error."""
        if not isinstance(measure, str) or len(measure) > 80:
            return None
        counted = re.split(r"\s+per\s+", measure.strip(), maxsplit=1, flags=re.I)[0]
        try:
            unit = self.units.parse_unit(counted)
        except (InputError, UnitError):
            return None
        return counted if self.units.kind(self.units.canonical_unit(unit)) == "count" else None


def _naming_counted(value: str, counted: str) -> str:
    """'25.6 per 100,000 residents' → '25.6 homicides per 100,000 residents'."""
    return re.sub(
        r"(?<!\S)(per|for\s+every|for\s+each|to\s+every|out\s+of|in)(?!\S)",
        rf"{counted} \1",
        value,
        count=1,
        flags=re.I,
    )


def _compares(raw: dict[str, Any]) -> bool:
    role = raw.get("role")
    return isinstance(role, str) and role.strip().casefold() == PercentRole.COMPARISON


_PERIODS: dict[tuple[type, Any], Period] = {}


def _period_of(raw: Any) -> Period:
    """`parse_period`, one Period per distinct year or span written (claims share them)."""
    if type(raw) is not str and type(raw) is not int:
        return parse_period(raw)
    key = (type(raw), raw)
    period = _PERIODS.get(key)
    if period is None:
        period = parse_period(raw)  # a ValueError is not kept
        if len(_PERIODS) >= 4096:
            _PERIODS.clear()
        _PERIODS[key] = period
    return period


_Template = tuple[Value, ClaimKind, Period | None, str | None, str | None]  # value, kind, period, what, alone
_TEMPLATES: dict[tuple[object, ...], dict[str, _Template]] = {}
_MAX_TEMPLATES = 1 << 19


def _templates_for(reader: _FileReader, source: Source) -> dict[str, _Template]:
    """The templates of claims read with this reader's registry, policy and names, of a source of
    this kind and year (a claim's default kind and period are its source's)."""
    year = str(source.published)[:4] if source.published else None
    key = (reader.units, reader.config.policy, reader.resolver, reader.measures, source.kind, year)
    templates = _TEMPLATES.get(key)
    if templates is None:
        if len(_TEMPLATES) >= 64:
            _TEMPLATES.clear()
        templates = _TEMPLATES[key] = {}
    return templates


_QUICK_FIELDS = ({"id", "entity", "value"}, {"id", "entity", "value", "computed_from"})


def _quick_shape(raw: Any) -> bool:
    """A record `_quick_claim` may read: a mapping of `id`, `entity` and `value` as text, maybe
    `computed_from` as a list, no key written twice."""
    return (
        type(raw) is Mapping
        and not raw.duplicates
        and raw.keys() in _QUICK_FIELDS
        and type(raw["id"]) is str
        and type(raw["entity"]) is str
        and type(raw["value"]) is str
        and (len(raw) == 3 or isinstance(raw["computed_from"], list))
    )


def _needs_review(raw: Any) -> bool:
    if not isinstance(raw, dict):
        return False
    status = raw.get("status")
    return bool(status) and str(status).strip().casefold() == "needs-review"


_NO_LINES: dict[str, int] = {}  # a record with no key lines (a claim that is no mapping): read, never written


def _yaml_records(doc: Any, file: str) -> tuple[Any, int, list[tuple[dict, int, dict[str, int]]]]:
    if not isinstance(doc, dict):
        kind = "empty" if doc is None else "a list" if isinstance(doc, list) else f"the one value {_text(doc)!r:.40}"
        raise LoadError(
            f"a claim file is a mapping with `source:` and `claims:`, but this one is {kind}", file=file, line=1
        )
    repeated = _repeated_key(doc, "this file")
    if repeated:
        raise LoadError(f"{repeated[0]} This file's claims are not checked.", file=file, line=repeated[1])
    claims = doc.get("claims")
    claims_line = getattr(doc, "key_lines", {}).get("claims", 1)
    if not isinstance(claims, list):
        raise LoadError("no `claims:` list in this file", file=file, line=claims_line)
    item_lines = getattr(claims, "item_lines", None) or [claims_line] * len(claims)
    records = [
        (c, getattr(c, "line", at), getattr(c, "key_lines", _NO_LINES))
        for c, at in zip(claims, item_lines, strict=True)
    ]
    return doc.get("source"), getattr(doc, "key_lines", {}).get("source", 1), records


def _csv_records(path: Path) -> tuple[dict, list[tuple[dict, int, dict[str, int]]]]:
    """A CSV table: a header row, then one claim a row (blank lines skipped), each with the line it
    starts on. Read with the standard csv module: a table of a few rows costs microseconds, not the
    milliseconds a DataFrame does (a bulk repo has thousands of small files)."""
    file = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, skipinitialspace=True, strict=True)
            rows: list[tuple[list[str], int]] = []
            line = 1
            for row in reader:
                if any(cell.strip() for cell in row):
                    rows.append((row, line))
                line = reader.line_num + 1
    except UnicodeDecodeError as exc:
        raise LoadError(f"not a readable CSV table: not UTF-8 text (byte {exc.start})", file=file, line=1) from None
    except csv.Error as exc:
        raise LoadError(
            f"not a readable CSV table: {exc} (in the row from line {line})", file=file, line=line
        ) from None
    if not rows:
        raise LoadError("not a readable CSV table: no header row", file=file, line=1)
    (header, _), body = rows[0], rows[1:]
    header = [h.strip() for h in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise LoadError(f"not a readable CSV table: column {repeated[0]!r} appears twice", file=file, line=1)
    source_columns = {c: c.removeprefix("source_") for c in header if c.startswith("source_")}
    records: list[Record] = []
    for row, row_line in body:
        if len(row) > len(header):
            raise LoadError(
                f"not a readable CSV table: {len(row)} fields in a row under a header of {len(header)}",
                file=file,
                line=row_line,
            )
        cells = dict(zip(header, [*row, *([""] * (len(header) - len(row)))], strict=True))
        fields: dict[str, Any] = {k: v for k, v in cells.items() if k not in source_columns}
        if isinstance(fields.get("computed_from"), str):
            fields["computed_from"] = [r.strip() for r in re.split(r"[;,]", fields["computed_from"]) if r.strip()]
        records.append((fields, row_line, {}))
    source = {"id": path.stem, "kind": "dataset"}
    if body:
        first = dict(zip(header, body[0][0], strict=False))
        source.update({field_: first[col] for col, field_ in source_columns.items() if first.get(col)})
    return source, records


def read_claim_file(
    path: Path,
    *,
    config: Config,
    units: Units,
    resolver: EntityResolver,
    display: str | None = None,
    measures: MeasureNames | None = None,
    notices: list[Notice] | None = None,
) -> tuple[Source | None, list[Claim], list[InputError]]:
    """One file → its source, its claims and its problems (warnings go to `notices`). Never raises
    for bad content."""
    file = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"file is {size / 1e6:.0f} MB; claim files larger than "
                f"{MAX_FILE_BYTES // 2**20} MiB are not read (split it)",
                file=file,
            )
        reader = _FileReader(file, config, units, resolver, measures)
        reader.table = path.suffix.lower() == ".csv"
        if notices is not None:
            reader.notices = notices
        if reader.table:
            raw_source, records = _csv_records(path)
            source_line = 1
        else:
            data = path.read_bytes()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise LoadError(f"not UTF-8 text (byte {exc.start})", file=file, line=line) from None
            raw_source, source_line, records = _yaml_records(read_yaml(text, file), file)
        source = reader.source(raw_source, source_line)
        claims = reader.claims(records, source)
        return source, claims, reader.problems
    except InputError as problem:
        return None, [], [problem.at(file, None)]
    except OSError as exc:
        return None, [], [LoadError(f"cannot read: {exc.strerror}", file=file)]


def read_claim_text(
    text: str,
    *,
    file: str,
    config: Config,
    units: Units,
    resolver: EntityResolver,
    measures: MeasureNames | None = None,
    notices: list[Notice] | None = None,
) -> tuple[Source | None, list[Claim], list[InputError]]:
    """A YAML claim file's text → its source, claims and problems, as `read_claim_file` reads
    a file (no I/O: what the fuzzing benchmark feeds). Never raises for bad content."""
    reader = _FileReader(file, config, units, resolver, measures)
    if notices is not None:
        reader.notices = notices
    try:
        raw_source, source_line, records = _yaml_records(read_yaml(text, file), file)
        source = reader.source(raw_source, source_line)
        return source, reader.claims(records, source), reader.problems
    except InputError as problem:
        return None, [], [problem.at(file, None)]
