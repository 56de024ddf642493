"""Baselines: accept today's findings, fail only on new ones.

A baseline entry is keyed on what a finding is *about* — rule, entity, measure and its
culprit (the claim most likely wrong), or, for a finding with no culprit, the sorted ids
of the claims it rests on — never on line numbers or values, so it survives reformatting
the YAML, moving claims within a file, inserting lines, and another source agreeing with
the consensus. Files written before culprits (entries without one) still match by claims.
Input problems (parse errors, unknown units, …) are never baselined away: they are
left out of the file and always count as new.

    dump(report) ──▶ .reconcile-baseline.json ──load()──▶ Baseline
    apply(report, baseline) ──▶ BaselineResult(new, known, stale)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..errors import BaselineError
from ..model import SEVERITY_RANK, Finding, FindingKey, Report, finding_key
from ..rules import INPUT_RULES

VERSION = 1


def entry_key(key: FindingKey) -> str:
    """A finding's key (rule, entity, measure, sorted claim ids) as one unambiguous string: a JSON array."""
    rule, entity, measure, claims = key
    return json.dumps([rule, entity, measure, list(claims)], ensure_ascii=False, separators=(",", ":"))


def culprit_key(rule: str, entity: str, measure: str, culprit: str) -> str:
    """A finding with a culprit: rule, entity, measure and the culprit, as a JSON array."""
    return json.dumps([rule, entity, measure, {"culprit": culprit}], ensure_ascii=False, separators=(",", ":"))


def baseline_key(f: Finding) -> str:
    """The string a baseline file matches this finding by: its culprit when it has one."""
    if f.culprit:
        return culprit_key(f.rule, f.entity or "", str(f.measure) if f.measure else "", f.culprit)
    return entry_key(f.key)


def _keys(f: Finding) -> tuple[str, ...]:
    """Every key an entry may match this finding by (a baseline from before culprits: its claims)."""
    return (baseline_key(f), entry_key(f.key)) if f.culprit else (entry_key(f.key),)


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    key: str
    rule: str
    entity: str
    measure: str
    claims: tuple[str, ...]
    severity: str
    message: str
    culprit: str | None = None

    def __str__(self) -> str:
        about = " · ".join(x for x in (self.entity, self.measure) if x)
        return f"{self.rule}: {about} ({', '.join(self.claims)})"


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]
    file: str | None = None

    def keys(self) -> frozenset[str]:
        return frozenset(e.key for e in self.entries)


@dataclass(frozen=True, slots=True)
class BaselineResult:
    new: list[Finding]  # not in the baseline (input problems always): these gate the check
    known: list[Finding]  # in the baseline: reported as accepted, never fail
    stale: list[BaselineEntry]  # baseline entries no finding matches any more: fixed, or claims changed


def entry(f: Finding) -> BaselineEntry:
    return BaselineEntry(
        key=baseline_key(f),
        rule=f.rule,
        entity=f.entity or "",
        measure=str(f.measure) if f.measure else "",
        claims=tuple(sorted(f.claims)),
        severity=f.severity,
        message=f.message,
        culprit=f.culprit,
    )


def dump(report: Report) -> str:
    """Today's findings as a baseline file (deterministic: sorted, no timestamps)."""
    entries = {e.key: e for e in (entry(f) for f in report.findings if f.rule not in INPUT_RULES)}
    ordered = sorted(entries.values(), key=lambda e: (SEVERITY_RANK.get(e.severity, 9), e.key))
    doc = {
        "version": VERSION,
        "tool": "reconcile",
        "note": "Accepted findings. Keys are rule + entity + measure + culprit (sorted claim ids when a finding "
        "has no culprit); regenerate with `reconcile baseline`.",
        "entries": [_entry_json(e) for e in ordered],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _entry_json(e: BaselineEntry) -> dict:
    out = asdict(e)
    out["claims"] = list(e.claims)
    return out


def load(text: str, *, file: str) -> Baseline:
    """Parse a baseline file; BaselineError naming the file (and line, for bad JSON) when malformed."""
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise BaselineError(f"baseline is not valid JSON: {e.msg}", file=file, line=e.lineno) from None
    except RecursionError:
        raise BaselineError("baseline is nested too deeply to be a baseline (it is 3 levels deep)", file=file) from None
    except ValueError as e:  # a number of thousands of digits, NaN or Infinity
        why = "a number thousands of digits long" if "digits" in str(e) else str(e)
        raise BaselineError(f"baseline is not a baseline: it holds {why}", file=file) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise BaselineError("baseline must be a JSON object with an 'entries' list", file=file)
    if doc.get("version") != VERSION:
        raise BaselineError(f"unsupported baseline version {doc.get('version')!r} (expected {VERSION})", file=file)
    return Baseline(tuple(_parse_entry(raw, i, file) for i, raw in enumerate(doc["entries"])), file)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name}, which is not a JSON number")


def _parse_entry(raw: object, index: int, file: str) -> BaselineEntry:
    where = f"baseline entry {index + 1}"
    if not isinstance(raw, dict):
        raise BaselineError(f"{where} is not an object", file=file)
    rule, claims = raw.get("rule"), raw.get("claims")
    if not isinstance(rule, str) or not rule:
        raise BaselineError(f"{where} has no 'rule'", file=file)
    if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
        raise BaselineError(f"{where} needs 'claims', a list of claim ids", file=file)
    strings = {}
    for name in ("entity", "measure", "severity", "message"):
        value = raw.get(name) or ""
        if not isinstance(value, str):
            raise BaselineError(f"{where}: '{name}' must be a string", file=file)
        strings[name] = value
    culprit = raw.get("culprit")
    if culprit is not None and not isinstance(culprit, str):
        raise BaselineError(f"{where}: 'culprit' must be a claim id or null", file=file)
    # The key is recomputed from the fields: the fields are what a reviewer reads and edits.
    if culprit:
        key = culprit_key(rule, strings["entity"], strings["measure"], culprit)
    else:
        key = entry_key(finding_key(rule, strings["entity"], strings["measure"], claims))
    return BaselineEntry(key=key, rule=rule, claims=tuple(sorted(claims)), culprit=culprit or None, **strings)


def apply(report: Report, baseline: Baseline) -> BaselineResult:
    """Split findings into new and known; list baseline entries that matched nothing."""
    keys = baseline.keys()
    new, known, seen = [], [], set()
    for f in report.findings:
        matched = [k for k in _keys(f) if k in keys]
        if f.rule not in INPUT_RULES and matched:
            known.append(f)
            seen.update(matched)
        else:
            new.append(f)
    stale = [e for e in baseline.entries if e.key not in seen]
    return BaselineResult(new=new, known=known, stale=stale)
