"""Report → SARIF 2.1.0 (JSON text) for code scanning: one result per finding.

Each result points at the culprit claim's line in its YAML file (the first claim when nothing
decides), lists the other claims as relatedLocations, and carries a partialFingerprint
computed from the baseline key (rule + entity + measure + culprit), so it does not change
when lines move or another source agrees.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from ... import ondisk
from ...model import SEVERITY_RANK, Claim, Finding, Location, Report
from ...rules import RULES
from ..baseline import baseline_key
from .streaming import dumps, write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "reconcileFindingKey/v2"  # v2: keyed on the culprit, like baselines
TOOL = "reconcile"


def render(report: Report) -> str:
    return dumps(document(report), indent=2, allow_nan=False) + "\n"


def write(report: Report, out: TextIO) -> None:
    """`render`, written to `out` one result at a time."""
    write_json(document(report), out, indent=2, allow_nan=False)
    out.write("\n")


def document(report: Report) -> dict[str, Any]:
    """The SARIF log, its results as an iterator (encoded and written one at a time)."""
    rule_ids = sorted({f.rule for f in report.findings})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    claims_at = _related_claims(report)
    # Sorted beyond memory when there are many (the Dask engine's findings are on disk).
    findings = ondisk.ordered(report.findings, key=lambda f: (SEVERITY_RANK[f.severity], f.rule, f.id))
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL,
                        "version": _version(),
                        "rules": [_rule(r) for r in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": (_result(f, index[f.rule], claims_at) for f in findings),
            }
        ],
    }
    return doc


def _related_claims(report: Report) -> dict[tuple[str, int | None], Claim]:
    """The claim at each related location of a finding (the last one on its line, if several):
    only those, not a table of every claim (one pass over them, which may be on disk)."""
    wanted = {(loc.file, loc.line) for f in report.findings for loc in f.related if loc != f.location}
    if not wanted:
        return {}
    return {at: c for c in report.claims if (at := (c.location.file, c.location.line)) in wanted}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(TOOL)
    except PackageNotFoundError:
        return "0"


def _rule(rule_id: str) -> dict:
    rule = RULES.get(rule_id)
    title = rule.title if rule else rule_id.replace("-", " ").capitalize()
    out = {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": title},
        "defaultConfiguration": {"level": LEVELS[rule.severity] if rule else "warning"},
    }
    if rule:
        out["fullDescription"] = {"text": rule.description}
    return out


def _result(f: Finding, rule_index: int, claims_at: dict[tuple[str, int | None], Claim]) -> dict:
    result: dict = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "partialFingerprints": {FINGERPRINT: hashlib.sha256(baseline_key(f).encode("utf-8")).hexdigest()},
        "properties": {
            "entity": f.entity,
            "measure": str(f.measure) if f.measure else None,
            "claims": list(f.claims),
            "culprit": f.culprit,
            "rivals": list(f.rivals),
            "gap": f.gap if f.gap is not None and math.isfinite(f.gap) else None,
        },
    }
    if f.location:
        result["locations"] = [_location(f.location)]
    related = [loc for loc in f.related if loc != f.location]
    if related:
        result["relatedLocations"] = [
            {"id": i, **_location(loc), "message": {"text": _describe(claims_at.get((loc.file, loc.line)))}}
            for i, loc in enumerate(related, start=1)
        ]
    return result


def _describe(claim: Claim | None) -> str:
    if claim is None:
        return "another claim in this finding"
    return f"{claim.id}: {claim.value.text} ({claim.source.label})"


def _location(loc: Location) -> dict:
    physical: dict = {"artifactLocation": _artifact(loc.file)}
    if loc.line:
        physical["region"] = {"startLine": loc.line}
    return {"physicalLocation": physical}


def _artifact(file: str) -> dict:
    """Repo-relative URIs (what code scanning matches against the checkout); absolute ones as file://."""
    path = Path(file)
    if path.is_absolute():
        try:
            return {"uri": _relative_uri(path.relative_to(Path.cwd())), "uriBaseId": "%SRCROOT%"}
        except ValueError:
            return {"uri": path.as_uri()}  # percent-encodes by itself
    return {"uri": _relative_uri(path), "uriBaseId": "%SRCROOT%"}


def _relative_uri(path: Path) -> str:
    """A relative path as a URI reference (RFC 3986, as SARIF requires): spaces, `#`, `%`, `?`
    and non-ASCII letters percent-encoded (UTF-8), slashes kept."""
    return quote(path.as_posix(), safe="/")
