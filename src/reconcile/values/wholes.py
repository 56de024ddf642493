"""A count of whole things that holds no whole number.

People, passengers, cameras and deaths come whole: "a total of 104.7 passengers" (read 104.65 to
104.75) cannot be true as written, whatever the other figures say. The scale word was most
likely dropped (104.7 *million*). `load` keeps such a claim out of every group, so that it
sways no consensus and nothing is derived from it, and `check` names it wherever a figure of
its quantity disagrees with it (consistency/wholes.py). A rate ("2.4 beds per 1,000 people"),
an amount of money or a physical amount is no count of whole things, and neither is a measure
whose name counts something else ("2.4 people", measure: average household size).
"""

from __future__ import annotations

import math

from ..model import Value
from ..units import Units

__all__ = ["SCALES", "counts_whole_things", "holds_no_whole_number"]

# the scale words whose loss makes a count fractional, and what they multiply by
SCALES: tuple[tuple[str, float], ...] = (("thousand", 1e3), ("million", 1e6), ("billion", 1e9))


def holds_no_whole_number(value: Value, units: Units) -> bool:
    """Whether `value` counts whole things (a counted noun, not a rate) and its interval holds no
    whole number."""
    iv = value.interval
    if not (math.isfinite(iv.low) and math.isfinite(iv.high)) or iv.width >= 1 or iv.low < 0:
        return False
    whole = math.ceil(iv.low)
    if iv.low_open and whole == iv.low:
        whole += 1
    if iv.contains(whole):
        return False
    return units.kind(value.canonical_unit) == "count"


_AVERAGES = frozenset({"average", "mean", "median", "typical"})


def counts_whole_things(what: str | None, value: Value, units: Units) -> bool:
    """Whether the claim's measure is a count of its value's things: no name, or a name ending in
    the counted noun ("road deaths"), not an average ("average household size", "mean number of
    children")."""
    if what is None:
        return True
    words = what.split()
    if not words or words[0].casefold() in _AVERAGES:
        return False
    return units.count_noun(words[-1]) == value.canonical_unit
