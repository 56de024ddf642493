"""The claim graph → graded findings. Pure: no I/O.

Each group's members (claims and derived values) are reduced to their largest
consistent set; every member outside it is reported once against it, naming the
member that binds the consensus on its side, so findings grow with the number
of claims and the likely culprit is named. Severities follow the policy.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .. import formatting
from ..errors import InputError, UnitError
from ..model import Claim, Derived, Finding, Interval, Location, Measure, Policy, Severity, finding_id, finding_key
from ..rules import message
from .consensus import Consensus, find_consensus
from .derive import explain_result
from .graph import ClaimGraph
from .groups import Group, GroupKey, QuantityKey

__all__ = ["grade", "input_finding", "sort_findings"]

_MAX_SUBJECTS = 6  # claims shown side by side with a suspect; the message gives the full count
_MAX_AGAINST = 20  # consensus members a finding names as contradicting its suspect


@dataclass(frozen=True, slots=True)
class Member:
    """A claim or a derived value, as the comparison sees it."""

    id: str
    interval: Interval
    point: float
    leaves: tuple[str, ...]  # claims it rests on
    sources: frozenset[str]
    label: str  # how a message names it
    location: Location | None
    derived: bool


def _member_of_claim(claim: Claim) -> Member:
    ref = ", reference" if claim.is_reference else ""
    when = f", {claim.period.label}" if claim.period else ""
    return Member(
        claim.id,
        claim.interval,
        claim.point,
        (claim.id,),
        frozenset({claim.source.id}),
        f"“{claim.value.text}” ({claim.id}{ref}{when})",
        claim.location,
        False,
    )


def _member_of_derived(derived: Derived, claims: Mapping[str, Claim]) -> Member:
    sources = frozenset(claims[c].source.id for c in derived.claims if c in claims)
    first = next((claims[c].location for c in derived.claims if c in claims), None)
    return Member(
        derived.id,
        derived.interval,
        derived.point,
        derived.claims,
        sources,
        f"the implied {derived.explanation}",
        first,
        True,
    )


class _Grader:
    def __init__(self, graph: ClaimGraph):
        self.graph = graph
        self.policy: Policy = graph.policy
        self.findings: dict[str, Finding] = {}

    # -- helpers
    def _severity(self, gap: float, projection: bool = False) -> Severity:
        if projection:
            return Severity.INFO
        return Severity.ERROR if gap >= self.policy.error_gap else Severity.WARNING

    def _show(self, interval: Interval, group: Group) -> str:
        units = self.graph.units
        unit = group.display_unit
        try:
            factor = units.factor(unit) if unit else 1.0
        except UnitError:
            factor, unit = 1.0, None
        low, high = interval.low / factor, interval.high / factor
        lb = "(" if interval.low_open else "["
        hb = ")" if interval.high_open else "]"
        shown_unit = formatting.unit(unit or str(group.key.measure))
        return f"{lb}{formatting.number(low)}, {formatting.number(high)}{hb} {shown_unit}"

    def _add(
        self,
        rule: str,
        severity: Severity,
        group_key: GroupKey | None,
        members: Sequence[Member],
        text: str,
        gap: float | None,
        consensus: Interval | None,
        claims: Iterable[str] | None = None,
        entity: str | None = None,
        measure: Measure | None = None,
    ) -> None:
        entity = entity if entity is not None else (group_key.entity if group_key else None)
        measure = measure if measure is not None else (group_key.measure if group_key else None)
        key = finding_key(
            rule, entity, measure, claims if claims is not None else (c for m in members for c in m.leaves)
        )
        fid = finding_id(key)
        if fid in self.findings:
            return
        located = [m.location for m in members if m.location]
        self.findings[fid] = Finding(
            id=fid,
            rule=rule,
            severity=severity,
            message=text,
            entity=entity,
            measure=measure,
            claims=key[3],
            subjects=tuple(m.id for m in members),
            gap=gap,
            consensus=consensus,
            location=located[0] if located else None,
            related=tuple(dict.fromkeys(located[1:])),
        )

    def _where(self, key: GroupKey) -> str:
        scope = f" ({key.scope})" if key.scope else ""
        period = f" in {key.period}" if key.period else ""
        kind = " (projections)" if key.projection else ""
        return f"{key.entity}{scope}, {formatting.unit(str(key.measure))}{period}{kind}"

    # -- groups
    def group(self, group: Group) -> None:
        claims = self.graph.claims
        members = [_member_of_claim(c) for c in group.claims] + [
            _member_of_derived(d, claims) for d in self.graph.derived_for(group)
        ]
        if len(members) < 2:
            return
        consensus = find_consensus([m.interval for m in members], [m.point for m in members])
        if consensus.rivals:
            self._no_majority(group, members, consensus)
        elif len(consensus.members) > 1:
            self._spread(group, [members[i] for i in consensus.members])
        inside = [members[i] for i in consensus.members]
        by_high = sorted(inside, key=lambda m: m.interval.high)
        by_low = sorted(inside, key=lambda m: m.interval.low)
        in_consensus = set(consensus.members)
        for i, member in enumerate(members):
            if i not in in_consensus:
                self._outlier(group, member, by_high, by_low, consensus)

    def _rule(self, involved: Sequence[Member]) -> str:
        if any(m.derived for m in involved):
            return "derived-contradiction"
        sources = set().union(*(m.sources for m in involved))
        return "internal-contradiction" if len(sources) == 1 else "cross-source-contradiction"

    def _outlier(
        self, group: Group, member: Member, by_high: list[Member], by_low: list[Member], consensus: Consensus
    ) -> None:
        above = member.interval.low >= consensus.interval.high
        # Consensus members it cannot coexist with, nearest first. Every member contains the
        # consensus interval, so for an outlier above only their highs matter (below: their lows);
        # bisect instead of scanning, since a group may hold thousands of claims.
        if above:
            cut = bisect.bisect_right(by_high, member.interval.low, key=lambda m: m.interval.high)
            nearest = by_high[max(0, cut - _MAX_AGAINST - 1) : cut + 1][::-1]
        else:
            cut = bisect.bisect_left(by_low, member.interval.high, key=lambda m: m.interval.low)
            nearest = by_low[max(0, cut - 1) : cut + _MAX_AGAINST + 1]
        against = [m for m in nearest if not m.interval.overlaps(member.interval)][:_MAX_AGAINST]
        # the one whose end bounds the consensus on the outlier's side is its direct contradiction
        binding = by_high[0] if above else by_low[-1]
        if binding in against:
            against.remove(binding)
        others = len(by_high) - 1
        gap = member.interval.gap(consensus.interval)
        rule = self._rule([member, binding])
        severity = self._severity(gap, group.key.projection)
        agree = f" and {others} other claim{'s' if others != 1 else ''}" if others else ""
        basis = "disputed range" if consensus.rivals else "consensus"
        text = message(
            "outlier",
            where=self._where(group.key),
            suspect=member.label,
            suspect_interval=self._show(member.interval, group),
            binding=binding.label,
            others=agree,
            basis=basis,
            consensus=self._show(consensus.interval, group),
            gap=formatting.percent(gap),
        )
        subjects = [member, binding, *against[: _MAX_SUBJECTS - 2]]
        self._add(
            rule,
            severity,
            group.key,
            subjects,
            text,
            gap,
            consensus.interval,
            claims=member.leaves + binding.leaves + tuple(c for m in against for c in m.leaves),
        )

    def _no_majority(self, group: Group, members: list[Member], consensus: Consensus) -> None:
        shared = set.intersection(*(set(r) for r in consensus.rivals))
        camps = [[members[i] for i in rival if i not in shared] for rival in consensus.rivals]
        camps = [c for c in camps if c]
        involved = [m for camp in camps for m in camp]
        parts = sorted(
            (Interval(max(m.interval.low for m in camp), min(m.interval.high for m in camp)) for camp in camps),
            key=lambda iv: iv.low,
        )
        gap = min(a.gap(b) for a, b in itertools.pairwise(parts)) if len(parts) > 1 else 0.0
        described = " vs ".join(
            " and ".join(f"{m.label} = {self._show(m.interval, group)}" for m in camp) for camp in camps
        )
        text = message("no-majority", where=self._where(group.key), camps=described, gap=formatting.percent(gap))
        self._add(
            self._rule(involved),
            self._severity(gap, group.key.projection),
            group.key,
            involved[:_MAX_SUBJECTS],
            text,
            gap,
            consensus.interval,
        )

    def _spread(self, group: Group, inside: list[Member]) -> None:
        positive = [m for m in inside if m.point > 0 and math.isfinite(m.point)]
        if len(positive) < 2:
            return
        low = min(positive, key=lambda m: m.point)
        high = max(positive, key=lambda m: m.point)
        spread = high.point / low.point - 1
        if spread <= self.policy.spread_warning:
            return
        severity = Severity.INFO if group.key.projection else Severity.WARNING
        units = self.graph.units
        unit = group.display_unit
        measure = group.key.measure.name
        text = message(
            "value-spread",
            where=self._where(group.key),
            low=low.label,
            high=high.label,
            spread=formatting.percent(spread),
            low_result=explain_result(low.point, low.interval, measure, unit, units),
            high_result=explain_result(high.point, high.interval, measure, unit, units),
        )
        self._add("value-spread", severity, group.key, [low, high], text, spread, None)

    # -- a source's own arithmetic
    def arithmetic(self) -> None:
        for check in self.graph.arithmetic:
            claim, derived = check.claim, check.derived
            stated = claim.value.result_interval
            if derived.interval.overlaps(stated):
                continue
            gap = derived.interval.gap(stated)
            member = _member_of_claim(claim)
            computed = _member_of_derived(derived, self.graph.claims)
            text = message(
                "arithmetic-inconsistency",
                entity=claim.entity,
                measure=formatting.unit(claim.value.measure.name),
                source=claim.source.id,
                stated=claim.value.text,
                claim=claim.id,
                computed=derived.explanation,
                gap=formatting.percent(gap),
            )
            self._add(
                "arithmetic-inconsistency",
                self._severity(gap),
                None,
                [member, computed],
                text,
                gap,
                derived.interval,
                claims=(claim.id, *derived.claims),
                entity=claim.entity,
                measure=claim.value.measure,
            )

    # -- across periods and kinds
    def periods_and_projections(self) -> None:
        by_base: dict[QuantityKey, list[Group]] = {}
        for group in self.graph.groups.values():
            by_base.setdefault(group.key.base, []).append(group)
        for base, groups in by_base.items():
            dated = sorted((g for g in groups if g.period), key=_start)
            for earlier, later in itertools.pairwise(dated):
                self._period_change(earlier, later)
            if base[3]:  # projections: compare with the estimates of the same quantity
                for projected in groups:
                    for estimate in by_base.get((*base[:3], False), []):
                        if (
                            projected.period is None
                            or estimate.period is None
                            or projected.period.overlaps(estimate.period)
                        ):
                            self._projection(projected, estimate)

    def _binding_pair(self, a: Group, b: Group) -> tuple[Member, Member, float] | None:
        ca, cb = a.consensus, b.consensus
        if ca.interval.overlaps(cb.interval):
            return None
        ma = [_member_of_claim(a.claims[i]) for i in ca.members]
        mb = [_member_of_claim(b.claims[i]) for i in cb.members]
        a_below = ca.interval.high <= cb.interval.low
        pick_a = max(ma, key=lambda m: m.interval.low) if a_below else min(ma, key=lambda m: m.interval.high)
        pick_b = min(mb, key=lambda m: m.interval.high) if a_below else max(mb, key=lambda m: m.interval.low)
        return pick_a, pick_b, ca.interval.gap(cb.interval)

    def _period_change(self, earlier: Group, later: Group) -> None:
        pair = self._binding_pair(earlier, later)
        if pair is None:
            return
        a, b, gap = pair
        growth = later.consensus.point / earlier.consensus.point - 1 if earlier.consensus.point else math.inf
        text = message(
            "period-change",
            entity=earlier.key.entity,
            measure=formatting.unit(str(earlier.key.measure)),
            earlier=a.label,
            earlier_period=earlier.key.period,
            later=b.label,
            later_period=later.key.period,
            growth=growth,
        )
        self._add(
            "period-change",
            Severity.INFO,
            None,
            [b, a],
            text,
            gap,
            None,
            entity=earlier.key.entity,
            measure=earlier.key.measure,
        )

    def _projection(self, projected: Group, estimate: Group) -> None:
        pair = self._binding_pair(projected, estimate)
        if pair is None:
            return
        a, b, gap = pair
        text = message(
            "projection-differs",
            entity=projected.key.entity,
            measure=formatting.unit(str(projected.key.measure)),
            projection=a.label,
            estimate=b.label,
            gap=formatting.percent(gap),
        )
        self._add(
            "projection-differs",
            Severity.INFO,
            None,
            [a, b],
            text,
            gap,
            None,
            entity=projected.key.entity,
            measure=projected.key.measure,
        )


def _start(group: Group) -> date:
    return group.period.start if group.period else date.min


def input_finding(problem: InputError) -> Finding:
    location = Location(problem.file, problem.line) if problem.file else None
    key = finding_key(problem.rule, None, None, [str(location) if location else "", problem.message])
    return Finding(
        id=finding_id(key), rule=problem.rule, severity=Severity.ERROR, message=problem.message, location=location
    )


def grade(graph: ClaimGraph) -> list[Finding]:
    """Every finding of the graph, worst first."""
    grader = _Grader(graph)
    for group in graph.groups.values():
        grader.group(group)
    grader.arithmetic()
    grader.periods_and_projections()
    return sort_findings(grader.findings.values())


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (Severity(f.severity).rank, -(f.gap or 0), f.entity or "", f.id))
