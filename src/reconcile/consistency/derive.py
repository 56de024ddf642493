"""Implied quantities: rates, densities and shares from the consensus of their operand groups.

Derivations work on each operand group's consensus, not on every pairing of claims
(SPEC "Derivations"): one disagreement is reported once, where it lives, and the work
grows with the number of groups, not with the product of their sizes.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .. import formatting
from ..errors import InvalidValueError, UnitError
from ..model import ClaimKind, Derived, Interval, Measure, Period
from ..units import Units
from ..units.quotients import numerator_name, split_quotient
from .consensus import Consensus
from .groups import Group, GroupKey, QuantityKey, measure_text, undated_joins

__all__ = ["comparable", "derive", "describe_operand", "explain_result", "of_several_years", "quotient"]

# an enum's member read from its class costs ~0.15 µs (EnumType's attribute hook): read once, here
_PROJECTION, _ESTIMATE = ClaimKind.PROJECTION, ClaimKind.ESTIMATE

# entity, scope, measure: where an operand is looked for
_OperandKey = tuple[str, str | None, Measure]


def derive(
    groups: Mapping[GroupKey, Group], units: Units
) -> tuple[dict[GroupKey, list[Derived]], list[InvalidValueError]]:
    """Every derived value, by the group it is compared with; and the zero divisors found."""
    by_base: dict[QuantityKey, list[Group]] = defaultdict(list)
    index: dict[tuple[str, str | None], dict[tuple[str, str | None], Measure]] = defaultdict(dict)
    indexed: dict[Measure, tuple[str, str | None] | None] = {}  # how each measure is looked up, if it is
    for group in groups.values():
        key = group.key
        by_base[key.base].append(group)
        m = key.measure
        if m in indexed:
            lookup = indexed[m]
        else:
            lookup = indexed[m] = (m.unit, _name_key(m.what)) if _operand_measure(m) else None
        if lookup is not None:
            index[(key.entity, key.scope)][lookup] = m
    reported_zero: set[str] = set()
    problems: list[InvalidValueError] = []
    derived: dict[GroupKey, list[Derived]] = defaultdict(list)
    halves: dict[Measure, tuple[tuple[str, str | None], tuple[str, None]] | None] = {}
    for target in groups.values():
        pairs = _operand_pairs(target, index, units, halves)
        if not pairs:
            continue
        stated_sets = {frozenset(c.computed_from) for c in target.claims if c.computed_from}
        target_ids = {c.id for c in target.claims}
        for num_base, den_base in pairs:
            for num in _operand_groups(num_base, target, by_base):
                for den in _operand_groups(den_base, target, by_base):
                    if not comparable(num.period, den.period):
                        continue
                    n, d = num.consensus, den.consensus
                    if d.interval.low <= 0:
                        for claim in (den.claims[i] for i in d.members):
                            if claim.point <= 0 and claim.id not in reported_zero:
                                reported_zero.add(claim.id)
                                problems.append(
                                    InvalidValueError(
                                        f"{claim.value.text!r} is zero or less and cannot divide "
                                        f"({formatting.unit(str(target.key.measure))} for {claim.entity})",
                                        file=claim.location.file,
                                        line=claim.location.line,
                                    )
                                )
                        continue
                    operands = [num.claims[i] for i in n.members] + [den.claims[i] for i in d.members]
                    leaves = tuple(c.id for c in operands)
                    if frozenset(leaves) in stated_sets:
                        continue  # the source's own arithmetic: checked tightly, not echoed here
                    if any(target_ids.intersection(c.computed_from) for c in operands):
                        continue  # an operand computed from this very quantity cannot confirm it
                    derived[target.key].append(quotient(target, num, den, leaves, units))
        if of_several_years(target, derived.get(target.key, ())):
            del derived[target.key]
    return dict(derived), problems


def _name_key(what: str | None) -> str | None:
    return what.casefold() if what else None


def _operand_measure(m: Measure) -> bool:
    """Whether a measure can be a numerator or a denominator: an amount of something. Percentages
    (shares, changes, rates, unknown) never are: "480 people per km² ÷ 7 percent" means nothing."""
    return m.unit != "dimensionless" and not m.whole and not m.share_of and not m.change


_Index = Mapping[tuple[str, str | None], Mapping[tuple[str, str | None], Measure]]


def _operand_pairs(
    target: Group,
    index: _Index,
    units: Units,
    halves: dict[Measure, tuple[tuple[str, str | None], tuple[str, None]] | None],
) -> list[tuple[_OperandKey, _OperandKey]]:
    """(numerator, denominator) operand keys whose quotient is the target's measure, looked up
    among the measures the entity has (never every pair of them: an entity may have thousands).
    `halves` keeps each rate measure's numerator and denominator lookups, worked out once."""
    key = target.key
    m = key.measure
    if target.of and m.share_of:  # a share: part of this entity ÷ the same of the whole's
        present = index.get((key.entity, key.scope), {})
        if m.what:
            name = _name_key(m.what)
            whole = index.get((target.of, None), {})
            parts = [p for (unit, what), p in present.items() if what == name and (unit, what) in whole]
        else:
            parts = [Measure(m.share_of)]
        return [((key.entity, key.scope, p), (target.of, None, p)) for p in parts]
    if m.change or m.unit == "dimensionless" or " / " not in m.unit:
        return []
    if m in halves:
        lookups = halves[m]
    else:
        lookups = halves[m] = _rate_halves(m, units)
    if lookups is None:
        return []
    present = index.get((key.entity, key.scope), {})
    numerator = present.get(lookups[0])
    denominator = present.get(lookups[1])
    if numerator is None or denominator is None:
        return []
    return [((key.entity, key.scope, numerator), (key.entity, key.scope, denominator))]


def _rate_halves(m: Measure, units: Units) -> tuple[tuple[str, str | None], tuple[str, None]] | None:
    """A rate measure's numerator and denominator as an entity's measures are indexed
    ((unit, name) each); None when it is no quotient of two amounts."""
    split = split_quotient(m.unit, units)
    if split is None:
        return None
    num_unit, den_unit = split
    num_name: str | None = None
    if m.what:  # "GDP per person" is GDP ÷ people; a named measure with no "per" is its own thing
        num_name = numerator_name(m.what, m.unit, units)
        if num_name == "":
            return None
    return (num_unit, num_name), (den_unit, None)


def _operand_groups(base: _OperandKey, target: Group, by_base: Mapping[QuantityKey, list[Group]]) -> list[Group]:
    """Operand groups usable for a target: same kind (else estimates), comparable period."""
    for projection in (True, False) if target.key.projection else (False,):
        candidates = by_base.get((*base, projection), [])
        usable = [g for g in candidates if comparable(g.period, target.period)]
        if usable:
            return usable
    return []


def of_several_years(target: Group, values: Sequence[Derived]) -> bool:
    """Undated claims and values derived from operands of several years: which year the claims
    mean, nothing says, so they are compared with none (2014's and 2019's would clash)."""
    return target.period is None and len({d.period for d in values}) > 1


def comparable(a: Period | None, b: Period | None) -> bool:
    """Whether figures of these two periods may be combined (an operand's with a target's)."""
    if a is None or b is None:  # an undated figure meets a year, not a day's snapshot (groups.py)
        return (a is None and b is None) or (undated_joins(a) and undated_joins(b))
    return a.overlaps(b)


def quotient(target: Group, num: Group, den: Group, leaves: tuple[str, ...], units: Units) -> Derived:
    """num ÷ den from their consensus, as a value derived for `target` (also a declared ratio's)."""
    n, d = num.consensus, den.consensus
    interval = n.interval / d.interval
    # A consensus point is the median of its members' points, which may lie outside their common
    # part; the point shown beside the interval must lie inside it.
    point = interval.clamp(n.interval.clamp(n.point) / d.interval.clamp(d.point) if d.point else math.inf)
    period = target.period or num.period or den.period
    key = target.key
    explanation = (
        f"{describe_operand(num, n, units)} ÷ {describe_operand(den, d, units)} = "
        f"{explain_result(point, interval, key.measure.name, target.display_unit, units)}"
    )
    scope = f"[{key.scope}]" if key.scope else ""
    when = f"@{period.label}" if period else ""
    return Derived(  # positional: one per derived value, and keywords cost a fifth of it
        f"d:{key.entity}{scope}:{measure_text(key.measure)}:{measure_text(num.key.measure)}÷{den.key.entity}:"
        f"{measure_text(den.key.measure)}{when}{'[projection]' if key.projection else ''}",  # id
        key.entity,
        key.measure,
        "dimensionless" if target.of else key.measure.unit,  # canonical_unit
        interval,
        point,
        (num.id, den.id),  # inputs
        leaves,  # claims
        explanation,
        key.scope,
        _PROJECTION if key.projection else _ESTIMATE,  # kind
        period,
    )


def describe_operand(group: Group, consensus: Consensus, units: Units) -> str:
    members = [group.claims[i] for i in consensus.members]
    if len(members) == 1:  # one claim: say it as written
        return f"{members[0].value.text} ({members[0].id})"
    shown = formatting.number(_in_unit(consensus.interval.clamp(consensus.point), group.display_unit, units))
    unit = formatting.unit(group.display_unit or str(group.key.measure))
    kind = "disputed range" if consensus.rivals else "consensus"
    return f"{shown} {unit} ({kind} of {len(members)} claims)"


def _in_unit(value: float, unit: str | None, units: Units) -> float:
    if not unit:
        return value
    try:
        return value / units.factor(unit)
    except UnitError:  # a unit pint cannot scale is shown canonical
        return value


def explain_result(point: float, interval: Interval, measure: str, display_unit: str | None, units: Units) -> str:
    """ "= 0.0690 camera/person = 69.0 per 1,000" — the result in canonical and in the written form."""
    unit_text, factor, written = _result_units(measure, display_unit, units)
    text = formatting.number(point) + unit_text
    if written is not None and factor is not None:
        text += f" = {formatting.number(point / factor)}{written}"
    extra = formatting.rate_forms(point, measure, display_unit, factor)
    return f"{text} = {extra}" if extra else text


@functools.lru_cache(maxsize=4096)  # a repo has a few dozen (measure, written unit) pairs, explained for every value
def _result_units(measure: str, display_unit: str | None, units: Units) -> tuple[str, float | None, str | None]:
    """What `explain_result` writes after its numbers, worked out once per pair of units: the
    measure's unit (with its space), the written unit's factor, and the written unit (with its
    space) when the result is also shown in it."""
    unit_text = f" {formatting.unit(measure)}".rstrip()
    factor = None
    if display_unit:
        try:
            factor = units.factor(display_unit)
        except UnitError:
            factor = None
    written = None
    if display_unit and factor is not None and factor != 1.0 and "(" not in display_unit:
        written = f" {formatting.unit(display_unit)}"
    return unit_text, factor, written
