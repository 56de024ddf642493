"""What the scanner finds: a Quantity — one number a line of prose states, read as one object.

    text            the whole phrase as written   "over 200 million CCTV cameras"
    value           scale words applied           200000000   (a range: (low, high))
    low, high       the number(s) as written      a point has low == high == value
    unit            the unit as written           "CCTV cameras"
    canonical_unit  count noun or pint unit       "camera", "camera / person"
    qualifier       the literal word              "over"
    bound           its reading                   = ~ > < >= <= (range: "range")
    span            [start, end) in the line

Rates are one Quantity with a numerator and a denominator Term ("13.35 per 1,000
people", "one camera for every six people", "1 in 7"). Following the SPEC, the
value of a rate written against a power of ten ("per 1,000") is the number as
written; any other rate's value is the ratio itself (one for every six → 1/6).
"X cameras for Y people" is two quantities sharing a `group`.

The interval a number means (rounding, qualifier widths) is not computed here:
that is values.py's job, on the value string a claim carries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..model import quick_init

__all__ = ["Quantity", "Term", "quantity_to_json"]


@quick_init
@dataclass(frozen=True, slots=True)
class Term:
    """One side of a rate: "1,000 people" → value 1000, unit "people", canonical "person"."""

    value: float
    text: str  # the number as written ("1,000", "seven", ""), empty when implicit ("per square mile")
    unit: str | None
    canonical_unit: str | None


@quick_init
@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    value: float | tuple[float, float]
    low: float
    high: float
    unit: str | None
    canonical_unit: str | None
    qualifier: str | None
    bound: str
    span: tuple[int, int]
    number_text: str  # the number as written, scale word included: "5.9 million", "20 and 30 million"
    form: str = "count"  # count | range | percent | rate | ratio | fraction
    numerator: Term | None = None
    denominator: Term | None = None
    group: int | None = None  # the quantities of one statement "X cameras for Y people"
    attributive: bool = False  # "a 500 million-pixel camera": describes a thing, not an amount of it
    entity_hint: str | None = None  # the demonym in "one camera for every four Australians"
    unit_known: bool = False  # the unit is in the vocabulary (not a guessed noun)
    share_of: str | None = None  # "54 percent of cameras" → "camera"

    @property
    def is_rate(self) -> bool:
        return self.numerator is not None and self.denominator is not None


def quantity_to_json(q: Quantity) -> dict[str, Any]:
    """The JSON object of one quantity (`reconcile quantities`)."""
    out: dict[str, Any] = {
        "text": q.text,
        "value": list(q.value) if isinstance(q.value, tuple) else _num(q.value),
        "low": _num(q.low),
        "high": _num(q.high),
        "unit": q.unit,
        "canonical_unit": q.canonical_unit,
        "qualifier": q.qualifier,
        "bound": q.bound,
        "span": [q.span[0], q.span[1]],
        "form": q.form,
    }
    if q.numerator is not None and q.denominator is not None:
        out["numerator"] = _term_json(q.numerator)
        out["denominator"] = _term_json(q.denominator)
    if q.group is not None:
        out["group"] = q.group
    if q.attributive:
        out["attributive"] = True
    if q.share_of:
        out["share_of"] = q.share_of
    if q.entity_hint:
        out["entity_hint"] = q.entity_hint
    return out


def _term_json(t: Term) -> dict[str, Any]:
    return {"value": _num(t.value), "text": t.text, "unit": t.unit, "canonical_unit": t.canonical_unit}


def _num(x: float) -> float | int | None:
    """A JSON number: integral floats as ints; never NaN or Infinity (not JSON), None instead."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return int(x)
    return x
