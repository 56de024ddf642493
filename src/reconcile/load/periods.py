"""`period:` as people write it → a Period (a span of dates)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..model import Period

__all__ = ["parse_period"]


_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:–|—|-|to|\.\.)\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _span(text: str) -> tuple[date, date]:
    if _YEAR.match(text):
        year = int(text)
        return date(year, 1, 1), date(year, 12, 31)
    m = _DATE.match(text)
    if not m:
        raise ValueError(text)
    year, month = int(m.group(1)), int(m.group(2))
    if m.group(3):
        day = date(year, month, int(m.group(3)))
        return day, day
    last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution) if month < 12 else date(year, 12, 31)
    return date(year, month, 1), last


def parse_period(raw: Any) -> Period:
    """2020, "2019-2021", "2021-08", "2021-08-15" → Period; anything else is a ValueError."""
    if isinstance(raw, date):
        return Period(raw, raw, raw.isoformat())
    text = str(raw).strip()
    try:
        if isinstance(raw, int) or _YEAR.match(text) or _DATE.match(text):
            start, end = _span(text)
            return Period(start, end, text)
        m = _RANGE.match(text)
        if m:
            start, _ = _span(m.group(1))
            _, end = _span(m.group(2))
            if start <= end:
                return Period(start, end, f"{m.group(1)}–{m.group(2)}")
    except ValueError:
        pass
    raise ValueError(f"period {raw!r} is not a year (2020), a range (2019–2021) or a date (2021-08-15)")
