"""`reconcile estimates` and `reconcile sources`: the best estimate of every quantity and every
source's track record, as a plain-text table, JSON (the records of `--format json`) or CSV."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Claim, Report
from .render.json import estimate_record, source_record
from .shown import claims_read, estimate_cells

FORMATS = ("text", "json", "csv")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]]
    return "\n".join(lines) + "\n"


def estimates(report: Report, fmt: str = "text") -> str:
    """One line per group: entity, measure, scope, period, the estimate and its interval, support."""
    ordered = sorted(report.estimates, key=lambda e: (e.entity, str(e.measure), e.scope or "", e.period or ""))
    if fmt == "json":
        return json.dumps([estimate_record(e) for e in ordered], ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if fmt == "csv":
        frame = report.estimates_frame()
        frame["claims"] = frame["claims"].map(" ".join) if len(frame) else frame.get("claims")
        return str(frame.to_csv(index=False))
    rows = []
    wanted = {c for e in ordered for c in claims_read(e)}  # looked up in one pass, not one per estimate
    claims: dict[str, Claim] = {}
    for c in report.claims if wanted else ():
        if c.id in wanted:
            claims.setdefault(c.id, c)
    for e in ordered:
        status = "undecided" if not e.decided else ("disputed" if e.disputed else "")
        measure, value, interval = estimate_cells(e, report, claims)
        rows.append(
            [
                e.entity + (f" ({e.scope})" if e.scope else ""),
                measure + (" (projection)" if e.projection else ""),
                e.period or "",
                value,
                interval,
                str(e.sources),
                status,
            ]
        )
    header = ["entity", "measure", "period", "best estimate", "interval", "sources", "status"]
    return _table(header, rows) + f"{len(rows)} estimates\n"


def sources(report: Report, fmt: str = "text") -> str:
    """One line per source, least reliable first: its record, reliability and credible interval."""
    ordered = sorted(report.reliability.values(), key=lambda r: (r.reliability, r.id))
    if fmt == "json":
        return json.dumps([source_record(r) for r in ordered], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return str(report.sources_frame().to_csv(index=False))
    rows = [
        [
            r.id,
            str(r.kind),
            str(r.claims),
            str(r.inside),
            str(r.outside),
            f"{r.reliability:.2f}",
            f"[{r.low:.2f}, {r.high:.2f}]",
            f"{r.weight:.2f}",
        ]
        for r in ordered
    ]
    header = ["source", "kind", "claims", "inside", "outside", "reliability", "90% interval", "weight"]
    note = (
        "inside/outside: claims judged against the consensus of groups where two sources or more meet; "
        "reliability: Beta posterior mean (references start at 0.95, others at 0.67)\n"
    )
    return _table(header, rows) + note
