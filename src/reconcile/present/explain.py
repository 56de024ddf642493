"""`reconcile explain CLAIM_ID`: one claim, what its number means, and everything that touches it."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from .. import formatting
from ..errors import ReconcileError, UsageError
from ..model import Claim, Derived, Estimate, Report
from ..units import Units, get_units
from .shown import claims_read, estimate_cells


def find_claim(report: Report, claim_id: str) -> Claim:
    """The claim of that id, else the one claim whose id ends with it (one pass over the claims)."""
    matches = []
    for c in report.claims:
        if c.id == claim_id:
            return c
        if c.id.split("/", 1)[1] == claim_id:
            matches.append(c)
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
        as_written = formatting.interval(claim.interval, written, factor)
        if formatting.unread(claim.value.canonical_unit):
            return as_written  # kg·km²/year³ numbers mean nothing to a reader: the unit as written only
        text += " = " + as_written
    return text


def _point(claim: Claim, units: Units) -> str:
    """The point in the canonical unit, or in the unit as written when nobody reads the canonical one."""
    if formatting.unread(claim.value.canonical_unit):
        try:
            return (
                f"{formatting.number(claim.point / units.factor(claim.value.unit))} {formatting.unit(claim.value.unit)}"
            )
        except ReconcileError:
            pass
    return formatting.number(claim.point)


def _estimate(e: Estimate, report: Report, claims: Mapping[str, Claim]) -> str:
    """The value and interval with their unit; a power or a price per MWh in a unit it was written in,
    a share as a percentage, a comparison as a signed percentage and its times."""
    if formatting.unread(e.unit) or e.unit == "dimensionless":
        _, value, interval = estimate_cells(e, report, claims)
        return f"{value} {interval}"
    return f"{formatting.number(e.value)} {formatting.unit(e.unit)} {formatting.interval(e.interval, e.unit)}"


def _point_word(claim: Claim) -> str:
    """ "point" when the number lies in its interval; "as written" at an open end ("nearly 74")."""
    return "point" if claim.interval.contains(claim.point) else "as written"


def _compared(claim: Claim) -> str:
    if claim.alone:
        return f"  compared with nothing: {claim.alone}"
    if claim.than and claim.measure.what:
        when = f"in {claim.period}" if claim.period else "of any year"
        return f"  checked against {claim.entity}'s {claim.measure.what} ÷ {claim.than}'s, {when}"
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
        f"  means    {_interval(claim, units)}  ({_point_word(claim)} {_point(claim, units)})",
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
    lines.extend(_weights(report, claim, findings))
    return "\n".join(lines) + "\n"


def _estimates_of(report: Report, claim: Claim) -> list[Estimate]:
    """The best estimates of the groups this claim belongs to."""
    return [
        e
        for e in report.estimates
        if e.entity == claim.entity
        and e.measure == claim.measure
        and e.scope == claim.scope
        and (claim.period is None or e.period == claim.period.label)
    ]


def _name(member: str, claims: Mapping[str, Claim], derived: Mapping[str, Derived]) -> str:
    """A claim by its id and value; a derived value by its chain."""
    claim = claims.get(member)
    if claim is not None:
        return f"{claim.id} “{claim.value.text}”"
    chain = derived.get(member)
    return f"implied: {chain.explanation}" if chain else member


def _weights(report: Report, claim: Claim, findings: list) -> list[str]:
    """The best estimate of the claim's group and the votes that decided it: each source's
    reliability (with its credible interval), its record and the weight it cast."""
    lines: list[str] = []
    estimates = _estimates_of(report, claim)
    touched = {claim.id} | {c for f in findings for c in f.claims}
    votes = {vote for e in estimates for vote, _, _ in e.votes}
    # Only the claims and derived values named here, each looked up once (a big repo's are on disk).
    wanted = touched | votes | {c for e in estimates for c in claims_read(e)}
    first: dict[str, Claim] = {}  # as report.claim finds them
    by_id: dict[str, Claim] = {}  # the last of an id, as a table of them all would hold
    for c in report.claims:
        if c.id in wanted:
            first.setdefault(c.id, c)
            by_id[c.id] = c
    chains: dict[str, Derived] = {}
    for d in report.derived if votes - first.keys() else ():
        if d.id in votes:
            chains.setdefault(d.id, d)
    for e in estimates:
        status = "disputed" if e.disputed else "undisputed"
        if not e.decided:
            status = "undecided: the disputed range"
        lines += [
            "",
            f"Best estimate  {_estimate(e, report, first)}  from {e.sources} source{'s' if e.sources != 1 else ''} "
            f"({status})",
        ]
        if e.votes:
            lines.append("  votes (weight; ✓ inside the consensus, ✕ outside):")
            lines.extend(
                f"    {weight:5.2f} {'✓' if inside else '✕'} {_name(vote, first, chains)}"
                for vote, weight, inside in e.votes
            )
    sources = sorted({by_id[c].source.id for c in touched if c in by_id})
    records = [report.reliability[s] for s in sources if s in report.reliability]
    if not records:
        return lines
    lines += ["", "Weights (a source's vote is log(10 · r / (1 − r)) for its reliability r, learnt from its record)"]
    width = max(len(r.id) for r in records)
    for r in records:
        kind = ", reference prior" if r.kind == "reference" else ""
        record = r.record if r.judged else "no contested claims yet"
        lines.append(
            f"  {r.id:<{width}}  reliability {r.reliability:.2f} [{r.low:.2f}, {r.high:.2f}]  "
            f"weight {r.weight:.2f}  {record}{kind}"
        )
    return lines
