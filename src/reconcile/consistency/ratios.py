"""Declared ratios: a named measure that is one measure divided by another, from its operands' consensus.

"a debt-to-GDP ratio of 123 percent" is checked against federal debt ÷ GDP only because the
repo says that is what the ratio is (`[ratios]` in reconcile.toml, `model.Ratio`): nothing in
the unit says so, unlike "GDP per person". The arithmetic is derive.py's: the quotient of the
two operand groups' consensus intervals, for one entity, scope and period, compared as a
fraction with the claims of the ratio's measure. Nothing is derived when an operand's claims
are disputed with nothing to decide between them, when the two operands are in different
currencies or units, when the divisor may be zero, or for undated claims when the operands
are known for several years (the 2014 and the 2019 turnout would each contradict the other):
when unsure, compare nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..model import OWN_SHARE, Derived, Ratio
from ..units import Units
from .derive import comparable, of_several_years, quotient
from .groups import FigureKey, Group, GroupKey, figure_key

__all__ = ["derive_ratios", "operand_side", "usable_operands"]

# entity, scope, projection, side: where an operand's groups are found
_Place = tuple[str, str | None, bool, FigureKey]


def derive_ratios(
    groups: Mapping[GroupKey, Group], ratios: Sequence[Ratio], units: Units
) -> dict[GroupKey, list[Derived]]:
    """Every declared ratio derived from its operands, by the group of the ratio's claims it meets."""
    declared = {
        r.name.casefold(): (r, operand_side(r.numerator, units), operand_side(r.denominator, units)) for r in ratios
    }
    for ratio in _own_shares(groups):
        declared.setdefault(
            ratio.name.casefold(), (ratio, operand_side(ratio.numerator, units), operand_side(ratio.denominator, units))
        )
    if not declared:
        return {}
    operands = operand_index(groups, {side for _, num, den in declared.values() for side in (num, den)})
    derived: dict[GroupKey, list[Derived]] = {}
    for target in groups.values():
        m = target.key.measure
        if m.unit != "dimensionless" or not m.what or m.share_of or m.change or m.whole or m.than:
            continue
        found = declared.get(m.what.casefold())
        if found is None:
            continue
        _, num_side, den_side = found
        stated_sets = {frozenset(c.computed_from) for c in target.claims if c.computed_from}
        target_ids = {c.id for c in target.claims}
        values: list[Derived] = []
        for num in usable_operands(operands, target, num_side):
            for den in usable_operands(operands, target, den_side):
                if not comparable(num.period, den.period) or not _divisible(num, den, units):
                    continue
                leaves = tuple(num.claims[i].id for i in num.consensus.members) + tuple(
                    den.claims[i].id for i in den.consensus.members
                )
                if frozenset(leaves) in stated_sets:
                    continue  # the source's own arithmetic: checked tightly by arithmetic.py
                if any(target_ids.intersection(c.computed_from) for g in (num, den) for c in g.claims):
                    continue  # an operand computed from this very ratio cannot confirm it
                values.append(quotient(target, num, den, leaves, units))
        if of_several_years(target, values):
            continue
        if values:
            derived[target.key] = values
    return derived


def _own_shares(groups: Mapping[GroupKey, Group]) -> list[Ratio]:
    """ "health spending as a share of GDP" (load/claimfile.py writes it for "17.6 percent of GDP"
    with `measure: health spending`) is health spending ÷ GDP of the same entity: a ratio the
    claim declares by its name."""
    found = []
    for key in groups:
        m = key.measure
        if m.unit == "dimensionless" and m.what and f" {OWN_SHARE} " in m.what and not (m.share_of or m.whole):
            part, whole = m.what.split(f" {OWN_SHARE} ", 1)
            found.append(Ratio(m.what, part, whole))
    return found


def operand_side(name: str, units: Units) -> FigureKey:
    """A side of a ratio: a counted noun ("deaths" → death) or a measure name ("federal debt")."""
    noun = units.count_noun(name)
    return ("noun", noun) if noun else ("name", name.casefold())


def operand_index(groups: Mapping[GroupKey, Group], wanted: set[FigureKey]) -> dict[_Place, list[Group]]:
    """The groups of the quantities some declaration uses, by where a target looks them up."""
    operands: dict[_Place, list[Group]] = defaultdict(list)
    for group in groups.values():
        side = figure_key(group.key.measure)
        if side in wanted:
            operands[(group.key.entity, group.key.scope, group.key.projection, side)].append(group)
    return operands


def usable_operands(operands: Mapping[_Place, list[Group]], target: Group, side: FigureKey) -> list[Group]:
    """An operand's groups for a target: undisputed or decided, same kind (a projection falls
    back to estimates, as in derive.py), a period comparable with the target's."""
    key = target.key
    for projection in [True, False] if key.projection else [False]:
        usable = [
            g
            for g in operands.get((key.entity, key.scope, projection, side), ())
            if not g.consensus.rivals and comparable(g.period, target.period)
        ]
        if usable:
            return usable
    return []


def _divisible(num: Group, den: Group, units: Units) -> bool:
    """Whether num ÷ den is a pure fraction: the same unit (debt in USD ÷ GDP in USD, never ÷ GDP
    in EUR), or two counts ("deaths ÷ cases"); and a divisor that cannot be zero."""
    if den.consensus.interval.low <= 0:
        return False
    a, b = num.key.measure.unit, den.key.measure.unit
    return a == b or (units.kind(a) == "count" and units.kind(b) == "count")
