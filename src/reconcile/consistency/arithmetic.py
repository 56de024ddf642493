"""A source's own arithmetic: a result it states, recomputed from the figures it says it used.

`computed_from` links a stated result to its operands. The author computed from the
figures as written, so their rounding is not in doubt (operand intervals); the stated
result must match to its own last digit, rounded or truncated (SPEC "Meaning of a number").
"""

from __future__ import annotations

import graphlib
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import CycleError, UnitError
from ..model import Claim, Derived, Interval, PercentRole, quick_init
from ..units import Units
from .derive import explain_result

__all__ = ["ArithmeticCheck", "arithmetic_checks", "circular_links"]

# an enum's member read from its class costs ~0.15 µs (EnumType's attribute hook): read once, here
_CHANGE = PercentRole.CHANGE


@quick_init
@dataclass(frozen=True, slots=True)
class ArithmeticCheck:
    """A result a source states, and the same result recomputed from its figures."""

    claim: Claim
    derived: Derived


def circular_links(claims: Mapping[str, Claim]) -> tuple[set[str], list[CycleError]]:
    """Claims whose computed_from links go round in a circle: none of them can be checked."""
    computed = {c.id: c.computed_from for c in claims.values() if c.computed_from}
    # a claim in a cycle is computed from a figure and is itself a figure some claim is computed
    # from: when no claim is both (the common case, results computed from stated figures), no cycle
    if computed.keys().isdisjoint(r for refs in computed.values() for r in refs):
        return set(), []
    try:  # otherwise the standard library tells whether there is one: networkx only for a real cycle
        graphlib.TopologicalSorter(computed).prepare()
        return set(), []
    except graphlib.CycleError:
        import networkx as nx

    refs: nx.DiGraph[str] = nx.DiGraph()
    refs.add_edges_from((r, c.id) for c in claims.values() for r in c.computed_from)
    in_cycle: set[str] = set()
    problems = []
    for component in nx.strongly_connected_components(refs):
        if len(component) > 1 or any(refs.has_edge(n, n) for n in component):
            ids = sorted(component)
            in_cycle.update(ids)
            first = claims.get(ids[0])
            problems.append(
                CycleError(
                    f"computed_from forms a cycle: {' → '.join([*ids, ids[0]])}; none of these is checked for arithmetic",
                    file=first.location.file if first else None,
                    line=first.location.line if first else None,
                )
            )
    return in_cycle, problems


def arithmetic_checks(claims: Mapping[str, Claim], units: Units, skip: set[str]) -> list[ArithmeticCheck]:
    checks = []
    shapes: dict[_Shape, list[_Arrangement]] = {}
    for claim in claims.values():
        if not claim.computed_from or claim.id in skip:
            continue
        operands = [claims[r] for r in claim.computed_from if r in claims]
        if len(operands) != len(claim.computed_from) or not operands:
            continue  # unknown references are reported by the loader
        best = _solve(claim, operands, units, shapes)
        if best is None:
            continue
        signs, operands, interval, point = best
        parts = []
        for i, (sign, op) in enumerate(zip(signs, operands, strict=True)):
            symbol = "" if i == 0 else (" × " if sign > 0 else " ÷ ")
            written = f"{op.value.text} ({op.id})"
            parts.append(f"{symbol}(1 + {written})" if op.role is _CHANGE else f"{symbol}{written}")
        target_unit = claim.value.canonical_unit
        computed = "".join(parts) if claim.role is not _CHANGE else f"({''.join(parts)}) − 1"
        explanation = computed + " = " + explain_result(point, interval, target_unit, claim.value.unit, units)
        ids = tuple(op.id for op in operands)
        derived = Derived(  # positional: one per stated result, and keywords cost a fifth of it
            f"d:arithmetic:{claim.id}",  # id
            claim.entity,
            claim.measure,
            target_unit,  # canonical_unit
            interval,
            point,
            ids,  # inputs
            ids,  # claims
            explanation,
            claim.scope,
            claim.kind,
            claim.period,
        )
        checks.append(ArithmeticCheck(claim, derived))
    return checks


_Solution = tuple[tuple[int, ...], list[Claim], Interval, float]


def _solve(
    claim: Claim, operands: list[Claim], units: Units, shapes: dict[_Shape, list[_Arrangement]]
) -> _Solution | None:
    """Which product/quotient of the operands has the claim's unit; the closest one if several.

    A change is a factor: "grew 3.4 percent" computed from two years' figures is later ÷ earlier
    − 1, and a figure computed from a change is earlier × (1 + change)."""
    solved = _solve_factors(claim, operands, units, shapes)
    if solved is None:
        return None
    signs, ordered, interval, point = solved
    if claim.role is _CHANGE:
        interval, point = interval - 1.0, point - 1.0
    return signs, ordered, _decimal(interval), _decimal_point(point)


def _decimal(interval: Interval) -> Interval:
    """The interval's ends to 12 significant digits, as decimal arithmetic gives them: in binary
    floats 15.3 ÷ 12.0 − 1 is 0.27499999999999991, which "28 percent" (from 27.5 %) would miss,
    and 14.2 ÷ 10.0 − 1 must stay 42 %, which "41 percent" (to 42 %, open) does not reach."""
    return Interval(_decimal_point(interval.low), _decimal_point(interval.high), interval.low_open, interval.high_open)


def _decimal_point(number: float) -> float:
    """Monotonic, so a point inside its interval stays inside."""
    return float(f"{number:.12g}")


# what the units of a stated result allow: the claim's canonical unit, whether it is a change, and
# its operands' canonical units, in the order named
_Shape = tuple[str, bool, tuple[str, ...]]
_Arrangement = tuple[tuple[int, ...], tuple[int, ...]]  # signs and order of the operands


def _solve_factors(
    claim: Claim, operands: list[Claim], units: Units, shapes: dict[_Shape, list[_Arrangement]]
) -> _Solution | None:
    target = claim.value.canonical_unit
    stated = claim.point + 1.0 if claim.role is _CHANGE else claim.point
    shape = (target, claim.role is _CHANGE, tuple(op.value.canonical_unit for op in operands))
    arrangements = shapes.get(shape)
    if arrangements is None:  # the unit algebra, once per shape of result (a repo has a few dozen)
        arrangements = shapes[shape] = _arrangements(claim, operands, units)
    best: tuple[float, tuple[int, ...], Interval, float, tuple[int, ...]] | None = None
    for signs, order in arrangements:
        combined = _combine([operands[i] for i in order], signs)
        if combined is None:
            continue
        interval, point = combined
        distance = abs(math.log(point / stated)) if point > 0 and stated > 0 else math.inf
        if best is None or distance < best[0]:
            best = (distance, signs, interval, point, order)
    if best is None:
        return None
    _, signs, interval, point, order = best
    return signs, [operands[i] for i in order], interval, point


def _arrangements(claim: Claim, operands: list[Claim], units: Units) -> list[_Arrangement]:
    """Every product or quotient of the operands (signs, order) whose unit is the claim's, in the
    order they are tried: the first figure named is the numerator (a/b, a×b; b/a via the order)."""
    target = claim.value.canonical_unit
    found = []
    for signs in itertools.product((1, -1), repeat=len(operands)):
        if signs[0] != 1:
            continue
        for order in itertools.permutations(range(len(operands))):
            ops = [operands[i] for i in order]
            try:
                unit = ops[0].value.canonical_unit
                for sign, op in zip(signs[1:], ops[1:], strict=True):
                    unit = units.combine(unit, "*" if sign > 0 else "/", op.value.canonical_unit)
            except UnitError:
                continue
            if unit != target and not _ratio_of_counts(claim, ops, signs, units):
                continue
            found.append((signs, order))
    return found


def _ratio_of_counts(claim: Claim, ops: list[Claim], signs: tuple[int, ...], units: Units) -> bool:
    """A percentage its source computed from two counts of different things is their ratio:
    "204,752 deaths and 7,114,235 cases for a 3.1% mortality rate" is deaths ÷ cases, though
    death/case is no pure number to the unit algebra. Only for a stated link, never derived."""
    return (
        claim.value.canonical_unit == "dimensionless"
        and claim.role is not _CHANGE
        and signs == (1, -1)
        and all(units.kind(op.value.canonical_unit) == "count" for op in ops)
    )


def _combine(ops: list[Claim], signs: tuple[int, ...]) -> tuple[Interval, float] | None:
    """The operands multiplied or divided in order; None when a divisor can be zero."""
    interval, point = _factor(ops[0])
    if interval.low_open or interval.high_open:  # most figures are closed already: no copy
        interval = interval.closed()
    for sign, op in zip(signs[1:], ops[1:], strict=True):
        factor, factor_point = _factor(op)
        if sign > 0:
            interval, point = interval * factor, point * factor_point
        else:
            if factor.low <= 0:
                return None
            interval, point = interval / factor, point / factor_point
    return interval, point


def _factor(op: Claim) -> tuple[Interval, float]:
    """An operand as a factor: a change of +3.4 % multiplies by 1.034."""
    if op.role is _CHANGE:
        return op.value.operand_interval + 1.0, op.point + 1.0
    return op.value.operand_interval, op.point
