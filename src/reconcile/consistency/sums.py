"""Declared sums: a measure that is other measures added and subtracted, from their consensus.

"a deficit of $1.69 trillion" is checked against outlays − receipts only because the repo says
that is what the deficit is (`[sums]` in reconcile.toml, `model.Sum`); budgets, energy mixes and
populations are full of such identities, and nothing in the units says them. The arithmetic
mirrors ratios.py: each term's group consensus interval, for one entity, scope and period,
added or subtracted by interval arithmetic and compared with the claims of the sum's measure.
Nothing is derived when a term's claims are disputed with nothing to decide between them, when
the terms and the sum are in different currencies or units (dollars minus euros), when an
operand claim was computed from the sum's own claims, for undated claims when the terms are
known for several years, or for undated terms when the sum is known for several years: when
unsure, compare nothing.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from .. import formatting
from ..model import ClaimKind, Derived, Interval, Sum
from ..units import Units
from .derive import comparable, describe_operand, explain_result, of_several_years
from .groups import FigureKey, Group, GroupKey, figure_key
from .ratios import operand_index, operand_side, usable_operands

__all__ = ["derive_sums"]


def derive_sums(groups: Mapping[GroupKey, Group], sums: Sequence[Sum], units: Units) -> dict[GroupKey, list[Derived]]:
    """Every declared sum derived from its terms, by the group of the sum's claims it meets."""
    if not sums:
        return {}
    declared: dict[FigureKey, list[tuple[Sum, list[tuple[int, FigureKey]]]]] = defaultdict(list)
    for total in sums:
        terms = [(sign, operand_side(name, units)) for sign, name in total.terms]
        total_side = operand_side(total.name, units)
        if len({total_side, *(term for _, term in terms)}) <= len(terms):
            continue  # two of its names are one counted noun ("population" = "people + …"): no identity
        declared[total_side].append((total, terms))
    operands = operand_index(
        groups, {side for entries in declared.values() for _, terms in entries for _, side in terms}
    )
    # how many dated groups each quantity has: undated terms could be any one of their years
    dated = Counter(key.base for key in groups if key.period is not None)
    derived: dict[GroupKey, list[Derived]] = {}
    for target in groups.values():
        found = figure_key(target.key.measure)
        if found is None or found not in declared or target.key.measure.than:
            continue
        target_ids = {c.id for c in target.claims}
        values: list[Derived] = []
        for total, terms in declared[found]:
            choices = [usable_operands(operands, target, term) for _, term in terms]
            for chosen in itertools.product(*choices):
                if not _combinable(target, chosen, units):
                    continue
                if dated[target.key.base] > 1 and all(g.period is None for g in chosen):
                    continue  # undated terms beside a deficit of 2022 and one of 2023: which year, nothing says
                # A deficit its source computed (`computed_from`) from its outlays and receipts is
                # checked here too: arithmetic.py recomputes products and quotients, not sums.
                leaves = tuple(g.claims[i].id for g in chosen for i in g.consensus.members)
                if any(target_ids.intersection(c.computed_from) for g in chosen for c in g.claims):
                    continue  # a term computed from this very sum cannot confirm it
                values.append(_total(target, total, chosen, leaves, units))
        if of_several_years(target, values):
            continue
        if values:
            derived[target.key] = values
    return derived


def _combinable(target: Group, terms: Sequence[Group], units: Units) -> bool:
    """Whether the terms may be added into the target: periods that meet, and one unit for them
    all (dollars never minus euros), or counts of several nouns into a count (cars + lorries)."""
    if not all(comparable(a.period, b.period) for a, b in itertools.combinations(terms, 2)):
        return False
    unit_set = {g.key.measure.unit for g in (target, *terms)}
    return len(unit_set) == 1 or all(units.kind(u) == "count" for u in unit_set)


def _total(target: Group, total: Sum, terms: Sequence[Group], leaves: tuple[str, ...], units: Units) -> Derived:
    """The terms added and subtracted from their consensus, as a value derived for `target`."""
    signs = [sign for sign, _ in total.terms]
    interval = Interval.point(0.0)
    point = 0.0
    for sign, group in zip(signs, terms, strict=True):
        c = group.consensus
        # a consensus point is the median of its members' points and may lie outside their common
        # part: the point used is the nearest inside it, as derive.quotient does
        interval = interval + c.interval.closed() if sign > 0 else interval - c.interval.closed()
        point += sign * c.interval.clamp(c.point)
    point = interval.clamp(point)
    period = target.period or next((g.period for g in terms if g.period), None)
    key = target.key
    described = describe_operand(terms[0], terms[0].consensus, units)
    for sign, group in zip(signs[1:], terms[1:], strict=True):
        described += f" {'+' if sign > 0 else '−'} {describe_operand(group, group.consensus, units)}"
    explanation = (
        f"{described} = {explain_result(point, interval, key.measure.unit, target.display_unit, units)}"
        f" ({formatting.unit(key.measure.label)} = {total.formula})"
    )
    scope = f"[{key.scope}]" if key.scope else ""
    when = f"@{period.label}" if period else ""
    formula = "".join(f"{'+' if s > 0 else '−'}{g.key.measure}" for s, g in zip(signs, terms, strict=True))
    return Derived(
        id=f"d:{key.entity}{scope}:{key.measure}:{formula[1:]}{when}{'[projection]' if key.projection else ''}",
        entity=key.entity,
        measure=key.measure,
        canonical_unit=key.measure.unit,
        interval=interval,
        point=point,
        inputs=tuple(g.id for g in terms),
        claims=leaves,
        explanation=explanation,
        scope=key.scope,
        kind=ClaimKind.PROJECTION if key.projection else ClaimKind.ESTIMATE,
        period=period,
    )
