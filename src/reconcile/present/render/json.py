"""`--format json`: the stable contract of SPEC "JSON". Infinite or NaN numbers (an open bound,
at least X) are null: `Infinity` and `NaN` are not JSON, and json.dumps refuses them here."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from json import JSONEncoder
from json.encoder import encode_basestring
from typing import Any, BinaryIO, TextIO

from ...model import Claim, Derived, Estimate, Finding, Interval, Measure, Report, SourceRecord, Value
from .streaming import (
    Encoded,
    PartlyEncoded,
    RecordList,
    Records,
    dumps,
    encode_each,
    write_array,
    write_json,
    write_json_with,
)

VERSION = 1
_READINGS = 1 << 16  # distinct Values whose reading is kept at a time
_VALUE_FIELDS = JSONEncoder(ensure_ascii=False, allow_nan=False)  # as streaming's compact encoder


def _bound(x: float) -> float | None:
    """A number JSON can hold: an infinite or undefined one (at least X; 1 per 0) is null."""
    return x if math.isfinite(x) else None


def _value(value: object) -> object:
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if isinstance(value, float):
        return _bound(value)
    return value


def _interval(iv: Interval) -> dict[str, float | None]:
    return {"low": _bound(iv.low), "high": _bound(iv.high)}


def claim_record(c: Claim, reading: dict[str, Any] | None = None) -> dict[str, Any]:
    """`reading`: `value_reading(c.value)`, when the caller keeps one per Value (claims share them)."""
    return {
        "id": c.id,
        "source": c.source.id,
        "file": c.location.file,
        "line": c.location.line,
        "entity": c.entity,
        "scope": c.scope,
        "measure": c.measure.name,
        "kind": c.kind,
        "period": c.period.label if c.period else None,
        **(reading or value_reading(c.value)),
        "quote": c.quote,
    }


def value_reading(value: Value) -> dict[str, Any]:
    """A claim record's fields that come from its value alone."""
    return {
        "qualifier": value.qualifier,
        "value": _value(value.value),
        "unit": value.unit,
        **_interval(value.interval),
        "canonical_unit": value.canonical_unit,
    }


def _claim_records(claims: Iterable[Claim]) -> Iterator[dict[str, Any]]:
    """Every claim's record, each distinct Value's fields worked out once."""
    # By id(), each Value held beside its reading so that no other takes its id while it is
    # here (claims read back a chunk at a time are freed as they go); cleared now and then.
    readings: dict[int, tuple[Value, dict[str, Any]]] = {}
    for claim in claims:
        held = readings.get(id(claim.value))
        if held is None:
            if len(readings) >= _READINGS:
                readings.clear()
            held = readings[id(claim.value)] = (claim.value, value_reading(claim.value))
        yield claim_record(claim, held[1])


def _claim_texts(claims: Iterable[Claim]) -> Encoded:
    """`_claim_records` as compact JSON text, the same bytes json's encoder writes for them, in
    about 60 % of its time (repo-100k: 0.39 against 0.63 CPU-s): each distinct Value's fields
    encoded once by json's encoder, the rest of a record put together around them with json's
    own string encoder."""
    return Encoded(_texts_of_claims(claims))


def _texts_of_claims(claims: Iterable[Claim]) -> Iterator[str]:
    text = encode_basestring  # json's (C) string encoder for ensure_ascii=False, as streaming's encoder uses
    encode = _VALUE_FIELDS.encode
    readings: dict[int, tuple[Value, str]] = {}  # as in _claim_records
    for claim in claims:
        value = claim.value
        held = readings.get(id(value))
        if held is None:
            if len(readings) >= _READINGS:
                readings.clear()
            held = readings[id(value)] = (value, encode(value_reading(value))[1:-1])
        location = claim.location
        line = location.line
        scope = claim.scope
        period = claim.period
        quote = claim.quote
        yield (
            f'{{"id": {text(claim.id)}, "source": {text(claim.source.id)}, "file": {text(location.file)}, '
            f'"line": {"null" if line is None else int.__repr__(line)}, "entity": {text(claim.entity)}, '
            f'"scope": {"null" if scope is None else text(scope)}, "measure": {text(claim.measure.name)}, '
            f'"kind": {text(claim.kind)}, "period": {"null" if period is None else text(period.label)}, '
            f'{held[1]}, "quote": {"null" if quote is None else text(quote)}}}'
        )


def derived_record(d: Derived) -> dict[str, Any]:
    return {
        "id": d.id,
        "entity": d.entity,
        "measure": str(d.measure),
        **_interval(d.interval),
        "canonical_unit": d.canonical_unit,
        "from": list(d.claims),
        "explanation": d.explanation,
    }


def _derived_texts(derived: Iterable[Derived]) -> Encoded:
    """`derived_record`s as compact JSON text, the same bytes json's encoder writes for them."""
    return Encoded(_texts_of_derived(derived))


def _texts_of_derived(derived: Iterable[Derived]) -> Iterator[str]:
    text = encode_basestring
    measures: dict[Measure, str] = {}
    for d in derived:
        measure = measures.get(d.measure)
        if measure is None:
            measure = measures[d.measure] = text(str(d.measure))
        interval = d.interval
        yield (
            f'{{"id": {text(d.id)}, "entity": {text(d.entity)}, "measure": {measure}, '
            f'"low": {_number(interval.low)}, "high": {_number(interval.high)}, '
            f'"canonical_unit": {text(d.canonical_unit)}, "from": [{", ".join(map(text, d.claims))}], '
            f'"explanation": {text(d.explanation)}}}'
        )


def finding_record(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "rule": f.rule,
        "severity": f.severity,
        "entity": f.entity,
        "measure": str(f.measure) if f.measure else None,
        "claims": list(f.claims),
        "gap": None if f.gap is None or not math.isfinite(f.gap) else round(f.gap, 6),
        "culprit": f.culprit,
        "rivals": list(f.rivals),
        "message": f.message,
        "file": f.location.file if f.location else None,
        "line": f.location.line if f.location else None,
    }


def estimate_record(e: Estimate) -> dict[str, Any]:
    return {
        "entity": e.entity,
        "measure": str(e.measure),
        "scope": e.scope,
        "period": e.period,
        "kind": "projection" if e.projection else "estimate",
        "value": _bound(e.value),
        **_interval(e.interval),
        "unit": e.unit,
        "claims": list(e.claims),
        "sources": e.sources,
        "disputed": e.disputed,
        "decided": e.decided,
    }


def _estimate_texts(estimates: Iterable[Estimate]) -> Encoded:
    """`estimate_record`s as compact JSON text, the same bytes json's encoder writes for them
    (repo-100k: 0.23 against 0.44 CPU-s): a group's estimate is one of the long lists."""
    return Encoded(_texts_of_estimates(estimates))


def _texts_of_estimates(estimates: Iterable[Estimate]) -> Iterator[str]:
    text = encode_basestring
    measures: dict[Measure, str] = {}  # a repo has a few hundred measures: each spelt once
    for e in estimates:
        measure = measures.get(e.measure)
        if measure is None:
            measure = measures[e.measure] = text(str(e.measure))
        interval = e.interval
        scope = e.scope
        period = e.period
        yield (
            f'{{"entity": {text(e.entity)}, "measure": {measure}, '
            f'"scope": {"null" if scope is None else text(scope)}, "period": {"null" if period is None else text(period)}, '
            f'"kind": {_PROJECTION if e.projection else _ESTIMATE}, "value": {_number(e.value)}, '
            f'"low": {_number(interval.low)}, "high": {_number(interval.high)}, "unit": {text(e.unit)}, '
            f'"claims": [{", ".join(map(text, e.claims))}], "sources": {_plain(e.sources)}, '
            f'"disputed": {_plain(e.disputed)}, "decided": {_plain(e.decided)}}}'
        )


_PROJECTION, _ESTIMATE = '"projection"', '"estimate"'


def _number(x: float) -> str:
    """`_bound(x)` as json's encoder writes it."""
    return float.__repr__(x) if type(x) is float and math.isfinite(x) else _VALUE_FIELDS.encode(_bound(x))


def _plain(x: object) -> str:
    """A field json's encoder writes as it is (an int, a bool)."""
    if type(x) is int:
        return int.__repr__(x)
    return "true" if x is True else "false" if x is False else _VALUE_FIELDS.encode(x)


def source_record(r: SourceRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": r.kind,
        "claims": r.claims,
        "inside": r.inside,
        "outside": r.outside,
        "reliability": round(r.reliability, 4),
        "reliability_low": round(r.low, 4),
        "reliability_high": round(r.high, 4),
        "weight": round(r.weight, 4),
    }


def document(report: Report, *, compact: bool = False) -> dict[str, Any]:
    """The JSON document, its long lists as iterators (written one record at a time); `compact`:
    for compact output only (the claims given as their text)."""
    return {
        "version": VERSION,
        "claims": RecordList(report.claims, _claim_texts if compact else _claim_records),
        "derived": _records(report.derived, derived_record, _derived_texts if compact else None),
        "findings": Records(map(finding_record, report.findings)),
        "estimates": _records(report.estimates, estimate_record, _estimate_texts if compact else None),
        "sources": Records(map(source_record, sorted(report.reliability.values(), key=lambda r: r.id))),
        "summary": {"claims": len(report.claims), "findings": report.counts()},
    }


def _records(
    items: Sequence[Any], record: Callable[[Any], dict[str, Any]], compact: Callable[[Any], Encoded] | None = None
) -> Records:
    """A section's records, with the texts a forked check encoded while it waited (engines/forked.py);
    `compact`: the records as their compact text (compact output only), when none were."""
    texts = getattr(items, "texts", None)
    if texts is not None:
        return PartlyEncoded(items, record, texts)
    return Records(map(record, items)) if compact is None else Records(compact(items))


def encoded_records(items: Sequence[Derived | Estimate]) -> list[str]:
    """Each derived value's or estimate's compact text, as `write` writes it (its `PartlyEncoded` texts)."""
    return encode_each(derived_record(i) if type(i) is Derived else estimate_record(i) for i in items)  # type: ignore[arg-type]


def render(report: Report, *, pretty: bool = True) -> str:
    """`pretty` indents for people; machines get compact JSON (json's C encoder only runs without indent)."""
    return dumps(document(report, compact=not pretty), indent=2 if pretty else None)


def write(report: Report, out: TextIO, *, pretty: bool = True, jobs: int | None = 1) -> None:
    """`render`, written to `out` as it is encoded: a big repo's JSON is never whole in memory.
    Claims a forked check has encoded meanwhile (`check(..., claims_json=True)`: engines/forked.py's
    EncodedClaims) are copied, not encoded again. Otherwise, with `jobs` other than 1 (None: as
    `check` decides for this many claims), a forked process encodes the last claims and everything
    after them while this one encodes the first claims (streaming.write_json's `split`), at the
    claim that gives both about the same work."""
    encoded = getattr(report.claims, "json", None)
    if encoded is not None and not pretty:
        write_json_with(document(report, compact=True), out, "claims", encoded.file, ready=encoded.ready)
        return
    split = None
    if jobs != 1 and not pretty:
        from ...engines.cores import processes

        if processes(jobs, len(report.claims)) > 1:
            split = ("claims", _halfway(report))
    write_json(document(report, compact=not pretty), out, indent=2 if pretty else None, split=split)


def write_claims(claims: Sequence[Claim], out: BinaryIO) -> None:
    """The claims' member of the compact document (a JSON array), in UTF-8: what a forked check
    writes for `write` while the rest of the report is gathered."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    write_array(_claim_texts(claims), text)
    text.flush()
    text.detach()  # the file is its owner's to close


# What a record costs to encode, against a claim's (repo-100k: a claim 6.0 µs, a derived value
# 4.9, a finding 7.2, an estimate 5.0); the child that encodes the second part also pays for
# the file it writes, which this process copies out.
_RECORD_COST = 0.85
_CHILD_OVERHEAD = 1.05


def _halfway(report: Report) -> int:
    """The claim from which the second process takes over, so that both have about as much to do."""
    rest = _RECORD_COST * (len(report.derived) + len(report.findings) + len(report.estimates))
    claims = len(report.claims)
    here = _CHILD_OVERHEAD * (claims + rest) / (1 + _CHILD_OVERHEAD)  # = the child's (claims − here + rest)
    return max(1, min(claims - 1, round(here)))
