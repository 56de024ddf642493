"""`period:` as people write it → a Period (a span of dates).

Calendar forms: a year (2020), a month (2021-08), a day (2021-08-15), a range of them
(2019–2021), a quarter (Q3 2023, 2023-Q3) or a half year (H1 2024).

Fiscal years differ by country (April–March in India, the UK and Japan, July–June in
Australia, October–September for the US government), and a claim rarely says whose. So a
fiscal year is read as the span that holds every one of them, and labelled as one form so
that the spellings of one fiscal year meet:

    FY2022-23, FY2022/23, 2022/23, 2022-23, fiscal 2022-23   → FY2022–23, 2022-01-01…2023-12-31
    FY2023, FY23, fiscal 2023, fiscal year 2023              → FY2023,    2022-01-01…2023-12-31

"FY2023" is the fiscal year that *ends* in 2023 (the US, Australian and Indian "FY23"
convention); a year that starts in 2023 is written FY2023-24. "2011-12" is December 2011
(a month), not a fiscal year: write FY2011-12 or 2011/12 for the fiscal year.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..model import Period

__all__ = ["parse_period"]


_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:–|—|-|to|\.\.)\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_FISCAL_SPAN = re.compile(r"^(?:(?:FY|fiscal(?:\s+year)?)\s*)?(\d{4})\s*[-/–](\d{2}|\d{4})$", re.I)
_FISCAL_YEAR = re.compile(r"^(?:FY|fiscal(?:\s+year)?)\s*(\d{4}|\d{2})$", re.I)
_PART = re.compile(r"^(?:([QH])([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*([QH])([1-4]))$", re.I)


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
    return date(year, month, 1), _month_end(year, month)


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1) - date.resolution) if month < 12 else date(year, 12, 31)


def _fiscal(text: str) -> Period | None:
    """FY2022-23, 2022/23, FY2023, fiscal 2023 → the span of both calendar years (module doc)."""
    m = _FISCAL_SPAN.match(text)
    if m:
        first, second = int(m.group(1)), m.group(2)
        end = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if len(second) == 2 and end < first:  # 1999/00
            end += 100
        marked = not text[:1].isdigit() or "/" in text
        if not marked and len(second) == 4:
            return None  # "2019-2021" is a range of calendar years
        if end != first + 1:
            if marked or not (len(second) == 2 and 1 <= int(second) <= 12):
                raise ValueError(f"a fiscal year runs over two calendar years in a row, not {text!r}")
            return None  # "2021-08" is a month
        if not marked and 1 <= int(second) <= 12 and len(second) == 2:
            return None  # "2011-12" is December 2011 (module doc)
        return Period(date(first, 1, 1), date(end, 12, 31), f"FY{first}–{str(end)[-2:]}")
    m = _FISCAL_YEAR.match(text)
    if m:
        year = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
        return Period(date(year - 1, 1, 1), date(year, 12, 31), f"FY{year}")
    return None


def _part_of_year(text: str) -> Period | None:
    """Q3 2023, 2023-Q3 → July–September 2023; H1 2024 → January–June 2024."""
    m = _PART.match(text)
    if not m:
        return None
    kind, n, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6), m.group(4))
    kind, index, y = kind.upper(), int(n), int(year)
    if kind == "H" and index > 2:
        raise ValueError(f"a year has two halves, not {text!r}")
    months = 3 if kind == "Q" else 6
    first = (index - 1) * months + 1
    return Period(date(y, first, 1), _month_end(y, first + months - 1), f"{kind}{index} {y}")


def parse_period(raw: Any) -> Period:
    """2020, "2019-2021", "2021-08", "2021-08-15", "FY2022-23", "2022/23", "Q3 2023", "H1 2024"
    → Period; anything else is a ValueError."""
    if isinstance(raw, date):
        return Period(raw, raw, raw.isoformat())
    text = " ".join(str(raw).split())
    try:
        special = _fiscal(text) or _part_of_year(text)
        if special is not None:
            return special
        if isinstance(raw, int) or _YEAR.match(text) or _DATE.match(text):
            start, end = _span(text)
            return Period(start, end, text)
        m = _RANGE.match(text)
        if m:
            start, _ = _span(m.group(1))
            _, end = _span(m.group(2))
            if start <= end:
                return Period(start, end, f"{m.group(1)}–{m.group(2)}")
    except ValueError as exc:
        if str(exc).startswith("a "):
            raise ValueError(f"period {raw!r}: {exc}") from None
    raise ValueError(
        f"period {raw!r} is not a year (2020), a range (2019–2021), a date (2021-08-15),"
        " a fiscal year (FY2022-23, 2022/23, FY2023) or a quarter or half (Q3 2023, H1 2024)"
    )
