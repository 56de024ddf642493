"""`reconcile explain CLAIM_ID`: one claim, what its number means, and everything that touches it."""

from __future__ import annotations

import networkx as nx

from .. import formatting
from ..errors import ReconcileError, UsageError
from ..model import Claim, Report
from ..units import Units, get_units


def find_claim(report: Report, claim_id: str) -> Claim:
    exact = report.claim(claim_id)
    if exact:
        return exact
    matches = [c for c in report.claims if c.id.split("/", 1)[1] == claim_id]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UsageError(f"{claim_id!r} is ambiguous: {', '.join(c.id for c in matches)}")
    raise UsageError(
        f"no claim {claim_id!r}; ids look like <source id>/<claim id>, e.g. "
        f"{report.claims[0].id if report.claims else 'seed-004/london-rate'}"
    )


def _interval(claim: Claim, units: Units) -> str:
    text = formatting.interval(claim.interval, claim.value.canonical_unit)
    written = claim.value.unit
    if written != claim.value.canonical_unit:
        try:
            factor = units.factor(written)
        except ReconcileError:
            return text
        text += " = " + formatting.interval(claim.interval, written, factor)
    return text


def _point_word(claim: Claim) -> str:
    """ "point" when the number lies in its interval; "as written" at an open end ("nearly 74")."""
    return "point" if claim.interval.contains(claim.point) else "as written"


def _compared(claim: Claim) -> str:
    if claim.alone:
        return f"  compared with nothing: {claim.alone}"
    return (
        f"  compared with claims of {claim.entity}"
        + (f" [{claim.scope}]" if claim.scope else "")
        + (
            f" measuring {formatting.unit(str(claim.measure))}"
            + (" (projections)" if claim.kind == "projection" else "")
        )
    )


def explain(report: Report, claim_id: str) -> str:
    claim = find_claim(report, claim_id)
    units = get_units(dict(report.nouns) or None)  # the repo's [nouns], as `check` read them
    role = f"   role {claim.role}" if claim.role else ""
    lines = [
        f"{claim.id}  ({claim.location})",
        f"  entity   {claim.entity}"
        + (f" [{claim.scope}]" if claim.scope else "")
        + (f"  (written “{claim.entity_as_written}”)" if claim.entity_as_written != claim.entity else ""),
        f"  value    “{claim.value.text}”" + (f"  qualifier: {claim.value.qualifier}" if claim.value.qualifier else ""),
        f"  means    {_interval(claim, units)}  ({_point_word(claim)} {formatting.number(claim.point)})",
        f"  measure  {formatting.unit(str(claim.measure))}{role}   kind {claim.kind}   period {claim.period or 'unknown'}",
        _compared(claim),
        f"  source   {claim.source.label}" + (f" — {claim.source.publisher}" if claim.source.publisher else ""),
    ]
    if claim.quote:
        lines.append(f"  quote    “{claim.quote}”")
    graph = report.graph
    touching = set()
    if graph is not None and claim.id in graph:
        touching = nx.descendants(graph, claim.id) | nx.ancestors(graph, claim.id)
    derived = [d for d in report.derived if d.id in touching]
    if derived:
        lines.append("")
        lines.append("Derivations")
        lines.extend(f"  {d.explanation}" for d in derived)
    ids = {claim.id} | {d.id for d in derived}
    findings = [f for f in report.findings if claim.id in f.claims or ids & set(f.subjects)]
    lines.append("")
    lines.append("Findings" if findings else "Findings: none touch this claim")
    lines.extend(f"  {f.severity:<7} {f.rule}: {f.message}" for f in findings)
    return "\n".join(lines) + "\n"
