"""A written number → its three intervals (default, operand, result) and the Value."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, localcontext
from typing import Any, NamedTuple

from ..errors import ValueParseError
from ..model import Bound, Interval, PercentRole, Policy, Value, slot_maker
from ..units import Units
from ._amount import _Amount
from ._numbers import _DECIMALS, _check_finite, _Number, _short
from ._tail import _Unit

# --------------------------------------------------------------------------- intervals

_make_value = slot_maker(Value)  # Value(…) by position without its __init__: one a distinct value string


def _down(d: Decimal) -> float:
    """The largest float not above d (an end that must not move inwards)."""
    f = float(d)
    return math.nextafter(f, -math.inf) if math.isfinite(f) and Decimal(f) > d else f


def _up(d: Decimal) -> float:
    f = float(d)
    return math.nextafter(f, math.inf) if math.isfinite(f) and Decimal(f) < d else f


def _iv(low: Decimal, high: Decimal, low_open: bool = False, high_open: bool = False) -> Interval:
    """Exact ends rounded outwards to floats."""
    return Interval(_down(low), _up(high), low_open, high_open)


def _needs_exact(x: Decimal, u: Decimal) -> bool:
    """Whether floats cannot carry the number to its last digit ("1234567.1234567891": a
    float's step there is wider than half the last digit). Other numbers are read in floats,
    as they always were, so that no reading moves by a float's step."""
    xf, uf = float(x), float(u)
    return xf - uf / 2 == xf or xf + uf / 2 == xf or abs(Decimal(xf) - x) * 4 > u


def _relative(policy: Policy) -> Decimal:
    return Decimal(repr(policy.about_min_relative))


class _Kind(NamedTuple):
    """How the reading rules below build intervals from numbers of one kind: floats as they
    always were, or Decimals ("1234567.1234567891") whose ends are rounded outwards to floats.
    One set of rules for both, so that the two kinds can never disagree about what a bound means."""

    make: Callable[..., Interval]  # (low, high, low_open, high_open) → Interval
    relative: Callable[[Policy], Any]  # about_min_relative as this kind of number
    up: Callable[[Any], float]  # an upper end as a float that does not move inwards
    down: Callable[[Any], float]


def _float(x: float) -> float:
    return x


_FLOATS = _Kind(Interval, lambda policy: policy.about_min_relative, _float, _float)
_DECIMAL_ENDS = _Kind(_iv, _relative, _up, _down)


def _scaled_floats(k: float) -> _Kind:
    """Floats whose intervals are made already multiplied by k (> 0): the same ends as made, then
    `Interval.scale(k)`, without the interval in between (for the "=" and "~" readings, which
    make every interval with `make`)."""

    def make(low: float, high: float, low_open: bool = False, high_open: bool = False) -> Interval:
        return Interval(low * k, high * k, low_open, high_open)

    return _FLOATS._replace(make=make)


def _default(k: _Kind, x: Any, u: Any, bound: Bound, policy: Policy) -> Interval:
    if bound is Bound.EXACT:
        return k.make(x - u / 2, x + u / 2)
    if bound is Bound.ABOUT:
        half = max(u / 2, k.relative(policy) * abs(x))
        return k.make(x - half, x + half)
    return _directional(k, x, u, bound)


def _operand(k: _Kind, x: Any, u: Any, bound: Bound, policy: Policy) -> Interval:
    if bound is Bound.EXACT:
        return k.make(x, x)
    if bound is Bound.ABOUT:
        half = k.relative(policy) * abs(x)
        return k.make(x - half, x + half)
    return _directional(k, x, u, bound)


def _result(k: _Kind, x: Any, u: Any, bound: Bound, policy: Policy) -> Interval:
    if bound in (Bound.EXACT, Bound.ABOUT):
        low, high = x - u / 2, x + u
        if bound is Bound.ABOUT:
            half = k.relative(policy) * abs(x)
            low = min(low, x - half)
            if x + half > high:
                return k.make(low, x + half)
        return k.make(low, high, False, True)
    return _directional(k, x, u, bound)


def _directional(k: _Kind, x: Any, u: Any, bound: Bound) -> Interval:
    if bound is Bound.OVER:
        return k.make(x, x + u, True, False)
    if bound is Bound.UNDER:
        return k.make(x - u, x, False, True)
    if bound is Bound.AT_MOST:
        return Interval(0.0, k.up(x), low_open=True) if x > 0 else Interval(-math.inf, k.up(x))
    if bound is Bound.AT_LEAST:
        return Interval(k.down(x), math.inf)
    raise ValueError(f"unknown bound {bound!r}")


_READINGS = (_default, _operand, _result)


def _readings(num: _Number, bound: Bound, policy: Policy) -> list[Interval]:
    """The default, operand and result readings of one written number."""
    if num.exact is not None and num.exact_unit is not None and _needs_exact(num.exact, num.exact_unit):
        with localcontext(_DECIMALS):
            return [r(_DECIMAL_ENDS, num.exact, num.exact_unit, bound, policy) for r in _READINGS]
    if bound is not Bound.EXACT and bound is not Bound.ABOUT:  # one reading for all three uses
        directional = _directional(_FLOATS, num.value, num.unit, bound)
        return [directional, directional, directional]
    return [r(_FLOATS, num.value, num.unit, bound, policy) for r in _READINGS]


def _range_interval(low: _Number, high: _Number, bound: Bound, policy: Policy) -> Interval:
    """[X, Y]; 'about 20–30 million' widens each end by about_min_relative."""
    if low.exact is not None or high.exact is not None:  # digits a float does not keep
        lo, hi = low.x, high.x
        if bound is Bound.ABOUT:
            with localcontext(_DECIMALS):
                r = _relative(policy)
                return _iv(lo - r * abs(lo), hi + r * abs(hi))
        return _iv(lo, hi)
    if bound is Bound.ABOUT:
        rf = policy.about_min_relative
        return Interval(low.value - rf * abs(low.value), high.value + rf * abs(high.value))
    return Interval(low.value, high.value)


def _mirrored(iv: Interval) -> Interval:
    """−iv: a fall of 2–3 percent is a change in [−3, −2] percent."""
    return Interval(-iv.high, -iv.low, iv.high_open, iv.low_open)


def _reciprocal(iv: Interval) -> Interval:
    """1/N for a count N > 0, keeping which ends are open (the flip of a qualifier)."""
    low_open = iv.low_open
    low = iv.low
    if low <= 0:
        low, low_open = 0.0, True
    new_low = 0.0 if math.isinf(iv.high) else 1 / iv.high
    new_high = math.inf if low == 0 else 1 / low
    return Interval(new_low, new_high, low_open=iv.high_open or math.isinf(iv.high), high_open=low_open)


def _nonnegative(iv: Interval) -> Interval:
    if iv.low >= 0:
        return iv
    if iv.high < 0:
        return Interval(0.0, 0.0)
    return Interval(0.0, iv.high, False, iv.high_open)


# --------------------------------------------------------------------------- building the Value


def _is_power_of_ten(x: float) -> bool:
    if x <= 0:
        return False
    e = math.log10(x)
    return abs(e - round(e)) < 1e-12


class _Reading(NamedTuple):
    """The three intervals of a number in its written unit, before conversion."""

    intervals: list[Interval]  # default, operand, result
    point: float  # the number as written (a range: its middle)
    written: float | tuple[float, float]  # `Value.value`
    per: float  # an exact base the written unit is divided by ("per 1,000" → 1000), else 1


def _build(
    text: str,
    qualifier: str | None,
    bound: Bound,
    amount: _Amount,
    part: _Unit,
    units: Units,
    policy: Policy,
) -> Value:
    facts = _unit_facts(part, units)
    canonical_factor, canonical_unit = facts.factor, facts.unit
    # a percentage, a ratio or a change may be below zero; an amount may not
    dimensionless = canonical_unit == "dimensionless" or part.role is PercentRole.CHANGE
    low = amount.low
    alone = amount.high is None and part.base is None  # one number, no rate base: most values
    if alone:  # `_check_signs` and `_read` of it, without their loops
        _check_finite(low, text)
        if low.value < 0 and not dimensionless:
            raise ValueParseError(f"{text!r}: a {canonical_unit} figure cannot be negative")
    else:
        _check_signs(text, amount, part, canonical_unit, dimensionless)
    if bound is Bound.AT_MOST and not dimensionless and low.value <= 0:
        raise ValueParseError(f"{_short(text)}: no value can be that (nothing above zero is up to {low.text})")
    if alone and low.exact is None and (bound is Bound.EXACT or bound is Bound.ABOUT) and canonical_factor != 1.0:
        # made in canonical units at once: `_readings` with each interval scaled as it is made
        scaled = facts.scaled
        readings = [r(scaled, low.value, low.unit, bound, policy) for r in _READINGS]
        reading = _Reading(readings, low.value, low.value, 1.0)
        k, converted = canonical_factor, _in_canonical_units(readings, 1.0, dimensionless, part.sign < 0)
    else:
        if alone:
            reading = _Reading(_readings(low, bound, policy), low.value, low.value, 1.0)
        else:
            reading = _read(amount, part, bound, policy)
        k = canonical_factor / reading.per
        converted = _in_canonical_units(reading.intervals, k, dimensionless, part.sign < 0)
    intervals = converted
    point = reading.point * k
    written = reading.written
    if part.sign < 0:
        point = -point
        written = (-written[1], -written[0]) if isinstance(written, tuple) else -written
    for iv in intervals:
        if iv.low == math.inf or iv.high == -math.inf or not math.isfinite(point):
            raise ValueParseError(f"{_short(text)}: the number is out of range")
    for iv in intervals:
        if iv.low == iv.high and (iv.low_open or iv.high_open):  # empty
            raise ValueParseError(f"{_short(text)}: no value can be that (a count cannot be below zero)")
    intervals = _shared(intervals)
    return _make_value(  # by position, in the order of Value's fields (`model.slot_maker`)
        text,
        qualifier,
        Bound.RANGE if amount.high is not None else bound,  # bound
        written,  # value
        facts.written(part, reading.per, units),  # unit
        canonical_unit,
        point,
        intervals[0],  # interval
        intervals[1],  # operand_interval
        intervals[2],  # result_interval
        part.share_of,
        part.measure_words,
        part.role,  # percent_role
        part.whole_words,
    )


def _in_canonical_units(readings: list[Interval], k: float, dimensionless: bool, mirrored: bool) -> list[Interval]:
    """The three readings scaled by k, an amount's kept at or above zero, a fall's mirrored below
    it; a reading that is the same object as an earlier one is converted once."""
    if k == 1.0 and dimensionless and not mirrored:
        return readings
    first, operand, result = readings
    first = _converted(first, k, dimensionless, mirrored)
    operand = first if operand is readings[0] else _converted(operand, k, dimensionless, mirrored)
    if result is readings[0]:
        result = first
    elif result is readings[1]:
        result = operand
    else:
        result = _converted(result, k, dimensionless, mirrored)
    return [first, operand, result]


def _converted(iv: Interval, k: float, dimensionless: bool, mirrored: bool) -> Interval:
    if k != 1.0:
        iv = iv.scale(k)
    if not dimensionless:
        iv = _nonnegative(iv)
    return _mirrored(iv) if mirrored else iv


class _UnitFacts:
    """What `_build` asks of a unit phrase's reading (`_Unit`) that does not depend on the number:
    its canonical factor and unit, and the unit as written, by the rate base it is divided by.
    Kept per _Unit object: the tails are read once per distinct text (values/__init__.py), and
    pint hashes a unit in Python, so asking the registry costs microseconds a value."""

    __slots__ = ("factor", "part", "registry", "scaled", "unit", "written_by_per")

    def __init__(self, part: _Unit, units: Units):
        self.part, self.registry = part, units
        self.factor, self.unit = units.canonical(part.scale, part.unit)
        self.written_by_per: dict[float, str] = {}
        self.scaled = _scaled_floats(self.factor)  # intervals made in canonical units

    def written(self, part: _Unit, per: float, units: Units) -> str:
        text = self.written_by_per.get(per)
        if text is None:
            text = self.written_by_per[per] = units.format_scaled(part.scale / per, part.unit)
        return text


_FACTS: dict[int, _UnitFacts] = {}
_MAX_FACTS = 1 << 14


def clear_caches() -> None:
    _FACTS.clear()


def _unit_facts(part: _Unit, units: Units) -> _UnitFacts:
    facts = _FACTS.get(id(part))
    if facts is None or facts.part is not part or facts.registry is not units:  # the entry keeps its part alive
        facts = _UnitFacts(part, units)
        if len(_FACTS) >= _MAX_FACTS:
            _FACTS.clear()
        _FACTS[id(part)] = facts
    return facts


def _shared(intervals: list[Interval]) -> list[Interval]:
    """The three readings, one object where two are the same interval (most values: "about",
    "over", ranges): a Value is kept per distinct value string, tens of thousands in a big repo."""
    first, operand, result = intervals
    if _identical(operand, first):
        operand = first
    if _identical(result, first):
        result = first
    elif _identical(result, operand):
        result = operand
    return [first, operand, result]


def _identical(a: Interval, b: Interval) -> bool:
    """Equal, down to the sign of a zero end (0.0 and -0.0 are equal but print differently)."""
    return a is b or (
        a.low == b.low
        and a.high == b.high
        and a.low_open == b.low_open
        and a.high_open == b.high_open
        and math.copysign(1.0, a.low) == math.copysign(1.0, b.low)
        and math.copysign(1.0, a.high) == math.copysign(1.0, b.high)
    )


def _check_signs(text: str, amount: _Amount, part: _Unit, canonical_unit: str, dimensionless: bool) -> None:
    for num in (amount.low, amount.high, part.base):
        if num is None:
            continue
        _check_finite(num, text)
        if num.value < 0 and not dimensionless:
            raise ValueParseError(f"{text!r}: a {canonical_unit} figure cannot be negative")
    if part.base is not None and part.base.value <= 0:
        raise ValueParseError(f"{text!r}: a rate's base must be positive, not {part.base.text}")


def _read(amount: _Amount, part: _Unit, bound: Bound, policy: Policy) -> _Reading:
    base = part.base
    if base is None:
        return _read_amount_alone(amount, bound, policy)
    if amount.low.is_one and not amount.is_range and (part.one_in_n or not _is_power_of_ten(base.value)):
        # "1 per 7", "one for every ten": the author wrote N; read N, then invert (flipping the
        # qualifier). Only "1 per 1,000" keeps a power of ten as an exact base.
        flipped = bound.flipped()
        intervals = [_reciprocal(iv) for iv in _readings(base, flipped, policy)]
        return _Reading(intervals, 1 / base.value, 1 / base.value, 1.0)
    alone = _read_amount_alone(amount, bound, policy)
    if _is_power_of_ten(base.value):
        # "13.35 per 1,000": the base is exact, the count carries the rounding.
        return _Reading(alone.intervals, alone.point, alone.written, base.value)
    # "3 cameras for every 7 people": both figures were rounded.
    base_iv = _readings(base, Bound.EXACT, policy)
    intervals = [_nonnegative(iv) / b for iv, b in zip(alone.intervals, base_iv, strict=True)]
    point = alone.point / base.value
    high = amount.high
    written = (amount.low.value / base.value, high.value / base.value) if high is not None else point
    return _Reading(intervals, point, written, 1.0)


def _read_amount_alone(amount: _Amount, bound: Bound, policy: Policy) -> _Reading:
    low, high = amount.low, amount.high
    if high is not None:
        intervals = [_range_interval(low, high, bound, policy)] * 3
        return _Reading(intervals, (low.value + high.value) / 2, (low.value, high.value), 1.0)
    intervals = _readings(low, bound, policy)
    return _Reading(intervals, low.value, low.value, 1.0)
