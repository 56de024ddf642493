"""A canonical unit as numerator ÷ denominator, and whether a measure name only restates its unit.

Derivation looks a rate's operands up by these two halves ("camera / kilometer ** 2" is
cameras ÷ km²) instead of trying every pair of an entity's measures; the loader uses the
same halves to see that `measure: cameras per person` names nothing beyond its unit.
"""

from __future__ import annotations

from ..errors import UnitError
from .registry import Units

__all__ = ["restates_unit", "split_quotient"]

_SPLITS: dict[tuple[str, int], tuple[str, str] | None] = {}


def split_quotient(unit: str, units: Units) -> tuple[str, str] | None:
    """ "camera / kilometer ** 2" → ("camera", "kilometer ** 2"), both canonical; None when the
    unit has no positive or no negative part."""
    cache_key = (unit, id(units))
    if cache_key in _SPLITS:
        return _SPLITS[cache_key]
    result: tuple[str, str] | None = None
    try:
        reg = units.registry
        parsed = reg.parse_units(unit)
        num, den = reg.Unit(""), reg.Unit("")
        for name, power in parsed._units.items():
            if power.real > 0:
                num = num * reg.Unit(name) ** power
            else:
                den = den * reg.Unit(name) ** -power
        if not num.dimensionless and not den.dimensionless:
            pair = (units.canonical_unit(num), units.canonical_unit(den))
            if units.combine(pair[0], "/", pair[1]) == unit:
                result = pair
    except (UnitError, ValueError, TypeError, AttributeError, KeyError):
        result = None  # pint's own errors derive from these
    _SPLITS[cache_key] = result
    return result


def numerator_name(name: str, unit: str, units: Units) -> str | None:
    """What a rate's name says is divided: "GDP per person" → "gdp"; "cameras per person" of
    camera / person → None (the numerator unit itself); a name with no "per" → "" (nothing)."""
    head, per, _ = name.casefold().rpartition(" per ")
    if not per:
        return ""
    split = split_quotient(unit, units)
    if split is not None and units.names_unit(head, split[0]):
        return None
    return head


def restates_unit(name: str, unit: str, units: Units) -> bool:
    """Whether a measure name says no more than its unit: "population" of person, "cameras per
    person" of camera / person (then the claim meets every claim of that unit)."""
    if units.names_unit(name, unit):
        return True
    split = split_quotient(unit, units)
    head, per, tail = name.rpartition(" per ")
    if split is None or not per or not units.names_unit(head, split[0]):
        return False
    try:
        return units.canonical_unit(units.parse_unit(tail)) == split[1]
    except UnitError:
        return False
