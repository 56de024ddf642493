"""The unit an estimate is shown in: its canonical unit, unless nobody reads that one.

Canonical units are pint's base units with km and years; for counts, money, areas and rates
they read well, but a power is kg·km²/year³ and a price per MWh EUR·year²/kg/km², so "61.4 GW"
would be shown as 1,929,657,680,492,571 T. Those are shown in the unit a supporting claim
was written in instead (the arithmetic stays canonical; this is display only)."""

from __future__ import annotations

from dataclasses import replace

from .. import formatting
from ..model import Estimate, Report

__all__ = ["estimate_cells"]


def _unread(canonical_unit: str) -> bool:
    """A canonical unit made of SI base units that no claim is written in (energy, power, prices of them)."""
    return "kilogram" in canonical_unit or "year **" in canonical_unit


def estimate_cells(e: Estimate, report: Report) -> tuple[str, str, str]:
    """(measure, best estimate with its unit, interval) as a person reads them."""
    measure = formatting.unit(str(e.measure))
    if _unread(e.unit):
        for cid in e.claims:
            claim = report.claim(cid)
            if claim is None or claim.value.canonical_unit != e.unit or not isinstance(claim.value.value, float):
                continue
            if not claim.value.value or not claim.value.point:
                continue
            factor = claim.value.point / claim.value.value
            written = formatting.unit(claim.value.unit)
            shown = replace(e.interval, low=e.interval.low / factor, high=e.interval.high / factor)
            measure = measure.replace(formatting.unit(e.unit), written)
            return measure, f"{formatting.number(e.value / factor)} {written}", formatting.fmt_interval(shown)
    return measure, f"{formatting.number(e.value)} {formatting.unit(e.unit)}", formatting.fmt_interval(e.interval)
