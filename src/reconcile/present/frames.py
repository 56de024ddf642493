"""pandas tables of a Report, for notebook users: one row per claim, derived value or finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ..model import Report


def claims_frame(report: Report) -> pd.DataFrame:
    rows = [
        {
            "id": c.id,
            "source": c.source.id,
            "entity": c.entity,
            "scope": c.scope,
            "measure": c.measure.name,
            "kind": c.kind,
            "period": c.period.label if c.period else None,
            "value": c.value.text,
            "qualifier": c.value.qualifier,
            "point": c.point,
            "low": c.interval.low,
            "high": c.interval.high,
            "canonical_unit": c.value.canonical_unit,
            "quote": c.quote,
            "file": c.location.file,
            "line": c.location.line,
        }
        for c in report.claims
    ]
    return pd.DataFrame(rows, columns=None if rows else ["id", "source", "entity", "measure", "low", "high"])


def derived_frame(report: Report) -> pd.DataFrame:
    rows = [
        {
            "id": d.id,
            "entity": d.entity,
            "scope": d.scope,
            "measure": str(d.measure),
            "kind": d.kind,
            "period": d.period.label if d.period else None,
            "point": d.point,
            "low": d.interval.low,
            "high": d.interval.high,
            "canonical_unit": d.canonical_unit,
            "from": list(d.claims),
            "explanation": d.explanation,
        }
        for d in report.derived
    ]
    return pd.DataFrame(rows, columns=None if rows else ["id", "entity", "measure", "low", "high", "explanation"])


def findings_frame(report: Report) -> pd.DataFrame:
    rows = [
        {
            "id": f.id,
            "rule": f.rule,
            "severity": f.severity,
            "entity": f.entity,
            "measure": str(f.measure) if f.measure else None,
            "gap": f.gap,
            "claims": list(f.claims),
            "message": f.message,
            "file": f.location.file if f.location else None,
            "line": f.location.line if f.location else None,
        }
        for f in report.findings
    ]
    return pd.DataFrame(rows, columns=None if rows else ["id", "rule", "severity", "entity", "message"])


def estimates_frame(report: Report) -> pd.DataFrame:
    """One row per group: the best estimate, its interval, support and whether it is disputed."""
    rows = [
        {
            "entity": e.entity,
            "measure": str(e.measure),
            "scope": e.scope,
            "period": e.period,
            "kind": "projection" if e.projection else "estimate",
            "value": e.value,
            "low": e.interval.low,
            "high": e.interval.high,
            "unit": e.unit,
            "sources": e.sources,
            "disputed": e.disputed,
            "decided": e.decided,
            "claims": list(e.claims),
        }
        for e in report.estimates
    ]
    columns = ["entity", "measure", "scope", "period", "value", "low", "high", "unit", "sources", "disputed"]
    return pd.DataFrame(rows, columns=None if rows else columns)


def sources_frame(report: Report) -> pd.DataFrame:
    """One row per source: its track record and reliability (posterior mean, 90 % credible interval)."""
    rows = [
        {
            "id": r.id,
            "kind": r.kind,
            "claims": r.claims,
            "inside": r.inside,
            "outside": r.outside,
            "reliability": r.reliability,
            "low": r.low,
            "high": r.high,
            "weight": r.weight,
        }
        for r in sorted(report.reliability.values(), key=lambda r: r.id)
    ]
    columns = ["id", "kind", "claims", "inside", "outside", "reliability", "low", "high", "weight"]
    return pd.DataFrame(rows, columns=None if rows else columns)
