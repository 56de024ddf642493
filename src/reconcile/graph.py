"""Claims → the claim graph: groups of comparable quantities, derived values, the sources' own arithmetic.

Pure: no I/O. One node per claim; derived nodes carry provenance edges from the
claims they rest on. Derivations work on the consensus of each operand group
(SPEC "Derivations"), so one disagreement is reported where it lives and the
work grows with the number of groups, not with the product of their sizes.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import networkx as nx

from . import formatting
from .consensus import Consensus, find_consensus
from .errors import InputError
from .model import Claim, Derived, Interval, Period, Policy
from .units import Units


class InvalidValueError(InputError):
    rule = "invalid-value"


class CycleError(InputError):
    rule = "invalid-claim"


@dataclass(frozen=True, slots=True, order=True)
class GroupKey:
    """Quantities that must agree: one entity, extent, measure, kind and period."""

    entity: str
    scope: str | None
    measure: str  # canonical unit, or "share of camera in World"
    projection: bool
    period: str | None  # label; None when no claim in the group states a period

    @property
    def base(self) -> tuple[str, str | None, str, bool]:
        return (self.entity, self.scope, self.measure, self.projection)


@dataclass(eq=False)
class Group:
    key: GroupKey
    claims: list[Claim]
    period: Period | None = None
    derived: list[Derived] = field(default_factory=list)
    claim_consensus: Consensus | None = None  # of the claims alone: what derivations use
    display_unit: str | None = None  # the unit most of its claims were written in
    of: str | None = None  # for shares: the whole's entity


@dataclass(frozen=True, slots=True)
class ArithmeticCheck:
    """A result a source states, recomputed from the figures it says it used."""

    claim: Claim
    derived: Derived


@dataclass
class ClaimGraph:
    graph: nx.DiGraph
    groups: dict[GroupKey, Group]
    derived: list[Derived]
    arithmetic: list[ArithmeticCheck]
    problems: list[InputError]
    claims: dict[str, Claim]
    units: Units
    policy: Policy


def group_measure(claim: Claim) -> str:
    return f"{claim.measure} in {claim.of}" if claim.of else claim.measure


# --------------------------------------------------------------------------- grouping


def _group_claims(claims: Iterable[Claim]) -> dict[GroupKey, Group]:
    """Bucket by entity/scope/measure/kind, then by period; an unknown period joins every period."""
    by_base: dict[tuple, dict[str | None, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    periods: dict[str, Period] = {}
    for claim in claims:
        base = (claim.entity, claim.scope, group_measure(claim), claim.kind == "projection")
        label = claim.period.label if claim.period else None
        if claim.period:
            periods[label] = claim.period
        by_base[base][label].append(claim)
    groups: dict[GroupKey, Group] = {}
    for base, by_period in by_base.items():
        unknown = by_period.pop(None, [])
        if not by_period:
            by_period = {None: []}
        for label, members in by_period.items():
            key = GroupKey(*base, label)
            group = Group(key, members + unknown, periods.get(label) if label else None)
            group.of = next((c.of for c in group.claims if c.of), None)
            written = {c.value.unit for c in group.claims}
            if len(written) > 1:
                group.display_unit = Counter(c.value.unit for c in group.claims).most_common(1)[0][0]
            else:
                group.display_unit = next(iter(written), None)
            groups[key] = group
    return groups


def _consensus_of_claims(claims: Sequence[Claim]) -> Consensus:
    return find_consensus([c.interval for c in claims], [c.point for c in claims])


# --------------------------------------------------------------------------- derivations


def _describe_operand(group: Group, consensus: Consensus, units: Units) -> str:
    members = [group.claims[i] for i in consensus.members]
    if len(members) == 1:  # one claim: say it as written
        return f"{members[0].value.text} ({members[0].id})"
    shown = formatting.number(_in_unit(consensus.point, group.display_unit, units))
    unit = formatting.unit(group.display_unit or group.key.measure)
    kind = "disputed range" if consensus.rivals else "consensus"
    return f"{shown} {unit} ({kind} of {len(members)} claims)"


def _in_unit(value: float, unit: str | None, units: Units) -> float:
    if not unit:
        return value
    try:
        return value / units.factor(unit)
    except Exception:  # a unit pint cannot scale is shown canonical
        return value


def explain_result(point: float, interval: Interval, measure: str, display_unit: str | None, units: Units) -> str:
    """"= 0.0690 camera/person = 69.0 per 1,000" — the result in canonical and in the written form."""
    text = f"{formatting.number(point)} {formatting.unit(measure)}"
    factor = None
    if display_unit:
        try:
            factor = units.factor(display_unit)
        except Exception:
            factor = None
    if display_unit and factor not in (None, 1.0) and "(" not in display_unit:
        text += f" = {formatting.number(point / factor)} {formatting.unit(display_unit)}"
    extra = formatting.rate_forms(point, measure, display_unit, factor)
    return f"{text} = {extra}" if extra else text


def _operand_pairs(target: Group, measures: dict[tuple, frozenset[str]], units: Units) -> list[tuple[tuple, tuple]]:
    """(numerator base, denominator base) pairs whose quotient is the target's measure."""
    key = target.key
    if target.of:  # a share: part of this entity ÷ the whole's
        plain = key.measure.removeprefix("share of ").rsplit(" in ", 1)[0]
        return [((key.entity, key.scope, plain), (target.of, None, plain))]
    if " / " not in key.measure:
        return []
    present = measures.get((key.entity, key.scope), frozenset())
    return [((key.entity, key.scope, numerator), (key.entity, key.scope, denominator))
            for numerator, denominator in _quotient_pairs(present, key.measure, units)]


_PAIRS: dict[tuple[frozenset[str], str, int], list[tuple[str, str]]] = {}


def _quotient_pairs(present: frozenset[str], measure: str, units: Units) -> list[tuple[str, str]]:
    """Which two of an entity's measures divide to `measure`; entities share a few measure sets."""
    key = (present, measure, id(units))
    hit = _PAIRS.get(key)
    if hit is None:
        hit = []
        for numerator, denominator in itertools.permutations(sorted(present), 2):
            if " in " in numerator or " in " in denominator:
                continue
            try:
                if units.combine(numerator, "/", denominator) == measure:
                    hit.append((numerator, denominator))
            except Exception:  # unrelated measures pint cannot combine are simply not a pair
                continue
        _PAIRS[key] = hit
    return hit


def _operand_group(base: tuple, target: Group, by_base: dict[tuple, list[Group]]) -> list[Group]:
    """Operand groups usable for a target: same kind (else estimates), comparable period."""
    for projection in ([True, False] if target.key.projection else [False]):
        candidates = by_base.get((*base, projection), [])
        usable = [g for g in candidates if g.claims and _comparable(g.period, target.period)]
        if usable:
            return usable
    return []


def _comparable(a: Period | None, b: Period | None) -> bool:
    return a is None or b is None or a.overlaps(b)


def _derive(groups: dict[GroupKey, Group], units: Units, problems: list[InputError]) -> list[Derived]:
    by_base: dict[tuple, list[Group]] = defaultdict(list)
    measure_sets: dict[tuple, set[str]] = defaultdict(set)
    for group in groups.values():
        by_base[group.key.base].append(group)
        measure_sets[(group.key.entity, group.key.scope)].add(group.key.measure)
    measures = {k: frozenset(v) for k, v in measure_sets.items()}
    reported_zero: set[str] = set()
    derived_all: list[Derived] = []
    for target in groups.values():
        if not target.claims:
            continue
        stated_sets = {frozenset(c.computed_from) for c in target.claims if c.computed_from}
        target_ids = {c.id for c in target.claims}
        for num_base, den_base in _operand_pairs(target, measures, units):
            for num in _operand_group(num_base, target, by_base):
                for den in _operand_group(den_base, target, by_base):
                    if not _comparable(num.period, den.period):
                        continue
                    n, d = num.claim_consensus, den.claim_consensus
                    if d.interval.low <= 0:
                        for claim in (den.claims[i] for i in d.members):
                            if claim.point <= 0 and claim.id not in reported_zero:
                                reported_zero.add(claim.id)
                                problems.append(InvalidValueError(
                                    f"{claim.value.text!r} is zero or less and cannot divide "
                                    f"({formatting.unit(target.key.measure)} for {claim.entity})",
                                    file=claim.location.file, line=claim.location.line))
                        continue
                    operands = [num.claims[i] for i in n.members] + [den.claims[i] for i in d.members]
                    leaves = tuple(c.id for c in operands)
                    if frozenset(leaves) in stated_sets:
                        continue  # the source's own arithmetic: checked tightly, not echoed here
                    if any(target_ids.intersection(c.computed_from) for c in operands):
                        continue  # an operand computed from this very quantity cannot confirm it
                    derived = _quotient(target, num, den, leaves, units)
                    target.derived.append(derived)
                    derived_all.append(derived)
    return derived_all


def _quotient(target: Group, num: Group, den: Group, leaves: tuple[str, ...], units: Units) -> Derived:
    n, d = num.claim_consensus, den.claim_consensus
    interval = n.interval / d.interval
    point = n.point / d.point if d.point else math.inf
    period = target.period or num.period or den.period
    key = target.key
    explanation = (f"{_describe_operand(num, n, units)} ÷ {_describe_operand(den, d, units)} = "
                   f"{explain_result(point, interval, key.measure.split(' in ')[0], target.display_unit, units)}")
    scope = f"[{key.scope}]" if key.scope else ""
    when = f"@{period.label}" if period else ""
    kind = "projection" if key.projection else "estimate"
    return Derived(
        id=f"d:{key.entity}{scope}:{key.measure}:{num.key.measure}÷{den.key.entity}:{den.key.measure}{when}"
           f"{'[projection]' if key.projection else ''}",
        entity=key.entity, measure=key.measure, canonical_unit=key.measure.split(" in ")[0]
        if not target.of else "dimensionless",
        interval=interval, point=point,
        inputs=(_group_id(num), _group_id(den)), claims=leaves, explanation=explanation,
        scope=key.scope, kind=kind, period=period,
    )


def _group_id(group: Group) -> str:
    k = group.key
    parts = [k.entity, k.measure] + ([k.scope] if k.scope else []) + ([k.period] if k.period else [])
    return "g:" + ":".join(parts) + (":projection" if k.projection else "")


# --------------------------------------------------------------------------- a source's own arithmetic


def _arithmetic(claims: dict[str, Claim], units: Units, skip: set[str]) -> list[ArithmeticCheck]:
    checks = []
    for claim in claims.values():
        if not claim.computed_from or claim.id in skip:
            continue
        operands = [claims[r] for r in claim.computed_from if r in claims]
        if len(operands) != len(claim.computed_from) or not operands:
            continue  # unknown references are reported by the loader
        best = _solve(claim, operands, units)
        if best is None:
            continue
        signs, operands, interval, point = best
        parts = []
        for i, (sign, op) in enumerate(zip(signs, operands)):
            symbol = "" if i == 0 else (" × " if sign > 0 else " ÷ ")
            parts.append(f"{symbol}{op.value.text} ({op.id})")
        target_unit = claim.value.canonical_unit
        explanation = "".join(parts) + " = " + explain_result(point, interval, target_unit, claim.value.unit, units)
        derived = Derived(
            id=f"d:arithmetic:{claim.id}", entity=claim.entity, measure=group_measure(claim),
            canonical_unit=target_unit, interval=interval, point=point,
            inputs=tuple(op.id for op in operands), claims=tuple(op.id for op in operands),
            explanation=explanation, scope=claim.scope, kind=claim.kind, period=claim.period,
        )
        checks.append(ArithmeticCheck(claim, derived))
    return checks


def _solve(claim: Claim, operands: list[Claim], units: Units
           ) -> tuple[tuple[int, ...], list[Claim], Interval, float] | None:
    """Which product/quotient of the operands has the claim's unit; the closest one if several."""
    target = claim.value.canonical_unit
    best = None
    for signs in itertools.product((1, -1), repeat=len(operands)):
        if signs[0] != 1:
            continue  # the first figure named is the numerator: a/b, a×b — and b/a via order below
        for order in itertools.permutations(range(len(operands))):
            ops = [operands[i] for i in order]
            try:
                unit = ops[0].value.canonical_unit
                for sign, op in zip(signs[1:], ops[1:]):
                    unit = units.combine(unit, "*" if sign > 0 else "/", op.value.canonical_unit)
            except Exception:
                continue
            if unit != target:
                continue
            interval = ops[0].value.operand_interval.closed()
            point = ops[0].point
            for sign, op in zip(signs[1:], ops[1:]):
                if sign > 0:
                    interval, point = interval * op.value.operand_interval, point * op.point
                else:
                    if op.value.operand_interval.low <= 0:
                        break
                    interval, point = interval / op.value.operand_interval, point / op.point
            else:
                distance = abs(math.log(point / claim.point)) if point > 0 and claim.point > 0 else math.inf
                if best is None or distance < best[0]:
                    best = (distance, signs, interval, point, order)
    if best is None:
        return None
    _, signs, interval, point, order = best
    return signs, [operands[i] for i in order], interval, point


# --------------------------------------------------------------------------- the graph


def _cycles(claims: dict[str, Claim]) -> tuple[set[str], list[InputError]]:
    refs = nx.DiGraph()
    refs.add_edges_from((r, c.id) for c in claims.values() for r in c.computed_from)
    in_cycle: set[str] = set()
    problems = []
    for component in nx.strongly_connected_components(refs):
        if len(component) > 1 or any(refs.has_edge(n, n) for n in component):
            ids = sorted(component)
            in_cycle.update(ids)
            first = claims.get(ids[0])
            problems.append(CycleError(
                f"computed_from forms a cycle: {' → '.join(ids + [ids[0]])}; none of these is checked for arithmetic",
                file=first.location.file if first else None, line=first.location.line if first else None))
    return in_cycle, problems


def build_graph(claims: Sequence[Claim], *, units: Units, policy: Policy) -> ClaimGraph:
    by_id = {c.id: c for c in claims}
    graph = nx.DiGraph()
    for claim in claims:
        graph.add_node(claim.id, kind="claim")
    problems: list[InputError] = []
    groups = _group_claims(claims)
    for group in groups.values():
        if group.claims:
            group.claim_consensus = _consensus_of_claims(group.claims)
    derived = _derive(groups, units, problems)
    in_cycle, cycle_problems = _cycles(by_id)
    problems.extend(cycle_problems)
    arithmetic = _arithmetic(by_id, units, in_cycle)
    for d in derived + [a.derived for a in arithmetic]:
        graph.add_node(d.id, kind="derived")
        graph.add_edges_from((leaf, d.id) for leaf in d.claims)
    for check in arithmetic:
        graph.add_edge(check.derived.id, check.claim.id, kind="checks")
    for group in groups.values():  # a derived value is compared with the claims of its group
        for d in group.derived:
            graph.add_edges_from(((d.id, c.id) for c in group.claims), kind="compared")
    return ClaimGraph(graph, groups, derived + [a.derived for a in arithmetic], arithmetic, problems, by_id, units, policy)
