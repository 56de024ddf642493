"""The form an estimate is shown in: the unit people wrote it in, not the canonical one.

Estimates are computed in canonical units (pint's base units with km and years). For counts,
money and areas those read well; for the rest they do not: a share is 0.245, a camera rate
0.0155 camera/person, a power kg·km²/year³ (so "61.4 GW" would be 1,929,657,680,492,571 T).
So a rate or an unreadable unit is shown in the unit a supporting claim was written in ("15.5
per 1,000 people"), a dimensionless estimate as a percentage, a small count rate with its
"1 per N" beside it, and a comparison as a signed percentage with its "N times". Display only: the arithmetic and the JSON stay canonical."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from .. import formatting
from ..model import Claim, Estimate, Interval, Report

__all__ = ["claims_read", "estimate_cells"]


def _unread(canonical_unit: str) -> bool:
    """A canonical unit made of SI base units that no claim is written in (energy, power, prices of them)."""
    return "kilogram" in canonical_unit or "year **" in canonical_unit


def _rescaled(e: Estimate, claim_of: Callable[[str], Claim | None]) -> tuple[float, str] | None:
    """(factor, written unit) of the first supporting claim written in a scaled form of the
    estimate's unit: "cameras per 1,000 people" for camera/person, "GW" for power."""
    for cid in e.claims:
        claim = claim_of(cid)
        if claim is None or claim.value.canonical_unit != e.unit or not isinstance(claim.value.value, float):
            continue
        if not claim.value.value or not claim.value.point:
            continue
        factor = claim.value.point / claim.value.value
        if factor != 1.0 or _unread(e.unit):
            return factor, formatting.unit(claim.value.unit)
    return None


def _scaled(iv: Interval, factor: float) -> Interval:
    return replace(iv, low=iv.low / factor, high=iv.high / factor)


def _signed(x: float) -> str:
    return ("-" if x < 0 else "+") + formatting.number(abs(x))


def claims_read(e: Estimate) -> tuple[str, ...]:
    """The claims `estimate_cells` may look at for this estimate (a rate or an unread unit is
    shown in a unit a claim was written in): a caller with many estimates looks them all up at once."""
    if e.measure.than or e.unit == "dimensionless":
        return ()
    return e.claims if (" / " in e.unit and 0 < e.value < 1) or _unread(e.unit) else ()


def estimate_cells(e: Estimate, report: Report, claims: Mapping[str, Claim] | None = None) -> tuple[str, str, str]:
    """(measure, best estimate with its unit, interval) as a person reads them. `claims`: at
    least `claims_read(e)` by id, else they are looked for in the report."""
    measure = formatting.unit(str(e.measure))
    if e.measure.than:  # kept as A ÷ B − 1; "3.5 times" reads badly as "250%" alone
        ratio = _scaled(e.interval, 0.01)
        return (
            measure,
            f"{_signed(e.value * 100)}% ({formatting.number(e.value + 1)} times)",
            f"[{_signed(ratio.low)}, {_signed(ratio.high)}] %",
        )
    if e.unit == "dimensionless":
        return (
            measure,
            f"{formatting.number(e.value * 100)}%",
            formatting.fmt_interval(_scaled(e.interval, 0.01)) + " %",
        )
    small_rate = " / " in e.unit and 0 < e.value < 1
    claim_of = report.claim if claims is None else claims.get
    rescaled = _rescaled(e, claim_of) if small_rate or _unread(e.unit) else None
    if rescaled is not None:
        factor, written = rescaled
        measure = measure.replace(formatting.unit(e.unit), written)
        return (
            measure,
            f"{formatting.number(e.value / factor)} {written}",
            formatting.fmt_interval(_scaled(e.interval, factor)),
        )
    value = f"{formatting.number(e.value)} {formatting.unit(e.unit)}"
    if small_rate:
        value += f" (1 per {formatting.number(1 / e.value)})"
    return measure, value, formatting.fmt_interval(e.interval)
