"""Days named without their year ("on March 11", "Aug. 14", "as of 9/29", "on Monday",
"yesterday"), resolved against the document's own date when it is known."""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["bounds_a_period", "exact_published", "fiscal_year_ending", "parse_published", "resolve_day"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for m in names
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_DAY = re.compile(r"(?P<m>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})\b|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)")
_SLASHED = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})")
_BOUNDARY_BEFORE = re.compile(
    r"\b(?:which|that)\s+(?:ended|ends|began|begins|started|starts|closed|closes|opened|opens)\s+(?:on\s+)?$", re.I
)


def bounds_a_period(text: str, day_start: int) -> bool:
    """ "In fiscal year 2023, which ended on September 30, the deficit totaled ...": a day in a
    relative clause saying when a period named before it ends or begins dates the period's edge,
    not the figures of the sentence (they are the whole period's)."""
    return _BOUNDARY_BEFORE.search(text, max(0, day_start - 40), day_start) is not None


def parse_published(value: str | date | None) -> date | None:
    """The document's date from "2020-09-29" (a month "2020-09" is its first day); None if unreadable."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    for size, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):
        try:
            return date.fromisoformat(text[:size] + suffix)
        except ValueError:
            continue
    return None


def exact_published(text: str) -> date | None:
    """The date a user typed (`extract --published`): exactly YYYY-MM-DD, YYYY-MM or YYYY, else
    None — unlike `parse_published`, "2020-13" is refused, not read as 2020."""
    suffix = {10: "", 7: "-01", 4: "-01-01"}.get(len(text))
    if suffix is None or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return None
    try:
        return date.fromisoformat(text + suffix)
    except ValueError:
        return None


def resolve_day(expression: str, published: date) -> str | None:
    """The ISO date a yearless day means, the latest one on or before the document's date."""
    low = expression.lower()
    if "yesterday" in low:
        return (published - timedelta(days=1)).isoformat()
    if "today" in low or "tonight" in low:
        return published.isoformat()
    for i, name in enumerate(_WEEKDAYS):
        if name in low:
            return (published - timedelta(days=(published.weekday() - i) % 7)).isoformat()
    month = day = None
    m = _SLASHED.search(low)
    if m:
        month, day = int(m.group("m")), int(m.group("d"))
    else:
        m = _MONTH_DAY.search(low)
        if m:
            month = _MONTHS.get(m.group("m") or m.group("m2") or "")
            day = int(m.group("d") or m.group("d2"))
    if month is None or day is None:
        return None
    try:
        found = date(published.year, month, day)
        if found > published:
            found = date(published.year - 1, month, day)
    except ValueError:
        return None
    return found.isoformat()


_FISCAL_ENDING = re.compile(
    r"\b(?:fiscal|financial|budget)\s+year\s+(?:that|which)\s+(?P<tense>ends|will\s+end|is\s+ending|ended|closed|closes)"
    r"\s+(?:in|on|at\s+the\s+end\s+of)\s+(?P<month>[A-Z][a-z]+)\b(?!\.?\s+\d)(?!,?\s+(?:19|20)\d\d)",
)


def fiscal_year_ending(text: str, published: date | None) -> tuple[str, str] | None:
    """ "the fiscal year that ends in September", in a report of 31 January 2012: the fiscal year
    ending in the first September on or after the document's date (ended: the last one before it),
    named by the year it ends in, as "fiscal year 2012" is; with the phrase. None without the
    document's date, or when the sentence names the month's year itself."""
    m = _FISCAL_ENDING.search(text)
    if m is None or published is None:
        return None
    month = _MONTHS.get(m.group("month").lower())
    if month is None:
        return None
    future = m.group("tense").startswith(("ends", "will", "is", "closes"))
    if future:
        year = published.year if month >= published.month else published.year + 1
    else:
        year = published.year if month < published.month else published.year - 1
    return str(year), m.group(0)
