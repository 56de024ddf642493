"""When a number holds, and whether it is a projection.

A year with a cue before it ("in 2018", "by the end of 2021", "in September 2019") is
a period; a period before a figure carries forward through the sentence, one after
it belongs to it alone. A figure is a projection when a cue ("will", "expected",
"by the end of") comes before it in its sentence, when its sentence restates a
forecast of the one before ("That is, ..."), or when an organisation that made a
forecast in an earlier sentence is named before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from ..lexicon import plural
from .candidates import CandidateClaim
from .context import Memory, Period, Sentence
from .dates import resolve_day
from .page import came_to
from .quantities import Quantity
from .vocabulary import vocabulary

__all__ = [
    "date_forecasts",
    "date_running_counts",
    "find_periods",
    "is_base_year",
    "is_continuation",
    "mark_time",
    "note_forecasters",
    "remember_projections",
    "title_figures",
    "title_year",
]


_YEAR_IN = re.compile(r"1[89]\d\d|20\d\d")  # what every period names: a sentence without it has none


def find_periods(text: str) -> list[Period]:
    """The years of a sentence that can be a period, in order."""
    if not _YEAR_IN.search(text):
        return []
    v = vocabulary()
    out = [(m.start(), m.end(), m.group("year")) for m in v.period.finditer(text)]
    for m in v.month_year.finditer(text):
        if not any(a <= m.start() < b for a, b, _ in out):
            out.append((m.start(), m.end(), m.group("year")))
    return sorted(out)


def mark_time(claim: CandidateClaim, sent: Sentence, qi: int, memory: Memory, continuation: bool) -> None:
    """The claim's period, and kind "projection" when its sentence or the one before says so."""
    q = sent.quantities[qi]
    claim.period = _period_for(q, sent.quantities, qi, sent.periods, sent.text)
    claim.period = _day_right_after(q, sent.text, sent.periods) or claim.period
    if claim.period is None and _restates_title(sent, q, memory):
        assert memory.title_figures is not None
        claim.period = memory.title_figures[0]
        claim.doubt(f"period {claim.period} from the title, whose figure this sentence states")
    if claim.period is None and memory.context_period is None and _level_on_a_dated_page(sent, q, memory):
        claim.period = memory.title_year
        claim.doubt(f"period {claim.period} from the title: the level a change came to, on a page the title dates")
    if 0 <= sent.first_projection < q.span[1]:
        claim.kind = "projection"
    restated = continuation and memory.prev_continuation_source and claim.noun in memory.prev_projected
    if restated and claim.noun is not None:
        claim.kind = "projection"
        claim.period = claim.period or memory.prev_projected[claim.noun]
    for org, period in memory.projecting_orgs.items():
        if org in sent.text[: q.span[0]] and claim.kind != "projection":
            claim.kind = "projection"
            claim.period = claim.period or period


_TITLE_YEAR = re.compile(r"(?<![\d,.])(?:1[89]\d\d|20\d\d)(?![\d,])")


def title_figures(title: Sentence) -> tuple[str, frozenset[float]] | None:
    """ "2019 LS poll: Highest turnout with 67.11 percent": a title naming one year and a figure;
    a sentence that restates the figure ("An estimated 67.11 percent of the nearly 91 crore
    electors turned up ...") tells the same story, of that year, when it names none itself."""
    years = set(_TITLE_YEAR.findall(title.text))
    figures = frozenset(_point(q) for q in title.quantities) - {float(y) for y in years}
    return (years.pop(), figures) if len(years) == 1 and figures else None


def title_year(title: Sentence) -> str | None:
    """The one year a title line names ("U.S. budget deficit rises in FY 2023 amid surging
    interest rates"): the year the page reports on, named with a cue ("in", "FY"). None for a
    title naming several years or none, a title dated by its month ("January 2023": when it was
    published), or a first sentence that is no line of its own."""
    end = title.start + len(title.text)
    if end < len(title.document) and title.document[end] not in "\r\n":
        return None
    if vocabulary().month.search(title.text):
        return None  # "Economy at a Glance, January 2023": the date it was published, not what it reports on
    years = {p[2] for p in title.periods}
    return years.pop() if len(years) == 1 and len(set(_TITLE_YEAR.findall(title.text))) == 1 else None


def _level_on_a_dated_page(sent: Sentence, q: Quantity, memory: Memory) -> bool:
    """The figure is the level a change of its sentence came to ("Total federal outlays,
    however, slipped 1.4% to $6.13 trillion"), its sentence names no year of its own (a year
    compared with is none: "higher than they were in fiscal year 2022"), and the page's title
    dates the page to one year ("U.S. budget deficit rises in FY 2023 …"): what the page reports
    came to that level in that year, as a careful reader takes it."""
    if memory.title_year is None or sent.index == 0 or any(not _is_base(sent.text, p, None) for p in sent.periods):
        return False
    if vocabulary().month.search(sent.text):
        return False  # "slipped to 3.5 percent in December": a month of some year the sentence does not say
    return came_to(sent, q)


def _point(q: Quantity) -> float:
    return float(q.value[1] if isinstance(q.value, tuple) else q.value)


def _restates_title(sent: Sentence, q: Quantity, memory: Memory) -> bool:
    """The figure's clause has a figure of the title's (or is the title's), and its sentence names
    no year of its own ("up from 10.9 percent" in another clause is another year's)."""
    found = memory.title_figures
    if found is None or sent.periods:
        return False
    clause = sent.clause_of(q)
    return any(_point(o) in found[1] and sent.clause_of(o) == clause for o in sent.quantities)


_DIGIT = re.compile(r"\d")
_DAY_GAP = re.compile(r"\s*,?\s*(?:as\s+(?:on|of|at)|on)\s+$", re.I)
_DAY_REACH = 30  # characters after a figure in which "as on April 23" dates it
_DAY_YEAR_REACH = 80  # characters after that day in which the sentence names its year


def _day_right_after(q: Quantity, text: str, periods: list[Period]) -> str | None:
    """ "the number stood at 90.99 crore as on April 23, the day third phase of polling for the 2019
    Lok Sabha elections": a day named without its year right after the figure dates it, in the year
    the sentence names next after that day, with no figure between (the year before it, "in the
    2014 polls", is another clause's; one compared with, "up from 2019", is no date). The sentence
    states both: nothing is guessed. With no year after it, nothing here: the document's date
    resolves the day (confidence.py)."""
    end = q.span[1]
    if _DIGIT.search(text, end, min(len(text), end + _DAY_REACH)) is None:
        return None  # a day is written with digits: a window without one dates nothing (below)
    for m in vocabulary().day_date.finditer(text, end, min(len(text), end + _DAY_REACH)):
        if not _DAY_GAP.fullmatch(text, end, m.start()) or not any(ch.isdigit() for ch in m.group(0)):
            continue
        year = next((p for p in periods if p[0] >= m.end()), None)
        if year is None or year[0] > m.end() + _DAY_YEAR_REACH or _is_base(text, year, None):
            return None
        if re.search(r"\d", text[m.end() : year[0]]):
            return None  # another figure between: the year may be its
        return resolve_day(m.group(0), date(int(year[2][:4]), 12, 31))
    return None


_BASE_YEAR_CUE = re.compile(
    r"(?:compared\s+(?:to|with)|from|over|than|versus|vs\.?"
    r"|than\s+(?:they|it|that|this|those)\s+(?:was|were|had\s+been)\s+in)"  # "higher than they were in 2022"
    r"\s+(?:the\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)?$",  # "from FY 2022"
    re.I,
)
_BASE_YEAR_WORDS = ("compared", "from", "over", "than", "versus", "vs")  # one is in each match of the cue
_RELATIVE = re.compile(r"\b(?:which|that|when|where)\b", re.I)
_GLOSSED_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*\($")


def _period_for(q: Quantity, qs: list[Quantity], qi: int, periods: list[Period], text: str = "") -> str | None:
    glossed = _GLOSSED_YEAR.search(text, max(0, q.span[0] - 8), q.span[0])
    if glossed:  # "a 4 per cent increase over 2021 (19,917 deaths)": the figure of the year it glosses
        return glossed.group(1)
    before = [p for p in periods if p[1] <= q.span[0]]
    if any(_is_base(text, p, None) for p in before):
        # "compared to 2021, and exceeded 10 million": the year compared with dates nothing after it,
        # unless a relative clause describes it ("from the 2017 election which saw a turnout of 68.7%")
        before = [p for p in before if not _is_base(text, p, None) or _RELATIVE.search(text, p[1], q.span[0])]
    nxt_start = qs[qi + 1].span[0] if qi + 1 < len(qs) else None
    after = [p for p in periods if p[0] >= q.span[1] and (nxt_start is None or p[0] < nxt_start)]
    if after and (_is_base(text, after[0], q) or _is_base(text, after[0], None)):
        # "increased by 55% compared to 2021", "rising by 24 per cent from 2021": the year compared with
        return before[-1][2] if before else None
    if after and (q.span[1] + 40 >= after[0][0] or not before):
        return after[0][2]
    if before:
        return before[-1][2]
    return None


def _is_base(text: str, period: Period, q: Quantity | None) -> bool:
    """The year (after the figure `q`, or anywhere) is one a figure is compared with, not its own."""
    start = q.span[1] if q is not None else 0
    if q is not None and len(text[start : period[0]].split()) > 6:
        return False
    year_at = period[0] + text[period[0] : period[1]].rfind(period[2])
    window = text[max(start, year_at - 48) : year_at]
    if window.isascii():
        low = window.lower()
        if not any(word in low for word in _BASE_YEAR_WORDS):
            return False  # none of the cue's words: the search would try every position for nothing
    return _BASE_YEAR_CUE.search(text, max(start, year_at - 48), year_at) is not None


def is_base_year(text: str, period: Period) -> bool:
    """The sentence's year is one its figures are compared with ("compared to 2019")."""
    return _is_base(text, period, None)


def date_running_counts(claims: list[CandidateClaim], text: str, published: date | None, doc_years: int) -> None:
    """A news report that names no year and dates its counts by the day, relative to its own date
    ("the global death toll passed 1 million Sunday", "As of Monday evening, ... 1,000,555
    deaths"), reports running counts: a count it states with no date ("That is a small fraction of
    the 33 million cases worldwide") is the count on the latest day it has dated a count to so far
    (the document's date before any), not on some other day. So an undated count, and an undated
    percentage in the same paragraph as such a count ("The world's mortality rate is 2.9%"), are
    dated so, with a doubt saying so. Not a count per day ("around 3,800 per day"), not a share of
    a count the report does not date by the day ("4% of the world's population"); nothing at all
    when a year is named anywhere in the text or the document's date is not known to the day."""
    if published is None or doc_years:
        return
    daily = {c.noun for c in claims if c.noun and _counts(c) and _a_day(c.period)}
    if not daily:
        return
    nouns = ", ".join(plural(n) for n in sorted(daily))
    breaks = [m.start() for m in re.finditer("\n", text)]
    latest: str | None = None
    dated_paragraphs: dict[int, str] = {}
    for c in claims:
        q = c.quantity
        if q is None or q.is_rate:
            continue
        if _counts(c) and _a_day(c.period):
            latest = max(latest or "", c.period or "")
        if c.period is not None or "period" in c.missing:
            continue
        paragraph = bisect_right(breaks, c.span[0])  # a line: a paragraph, or less of one
        if _counts(c):
            day = dated_paragraphs[paragraph] = latest or published.isoformat()
        elif q.form == "percent" and paragraph in dated_paragraphs and (c.noun is None or c.noun in daily):
            day = dated_paragraphs[paragraph]
        else:
            continue
        c.period = day
        c.doubt(
            f"a figure of a report that dates its {nouns} by the day (running counts), stated without a date: "
            f"read as of {day}"
        )


def _a_day(period: str | None) -> bool:
    return period is not None and len(period) == len("2020-09-27")


def _counts(c: CandidateClaim) -> bool:
    q = c.quantity
    return q is not None and q.form == "count" and not q.is_rate


def note_forecasters(sent: Sentence, memory: Memory) -> re.Match[str] | None:
    """The sentence's first projection cue; the organisations named before it made a forecast."""
    projecting = vocabulary().projection.search(sent.text) if sent.first_projection >= 0 else None
    if projecting:
        for o in sent.orgs:
            if o.start - sent.start < projecting.start() and o.name is not None:
                memory.projecting_orgs[o.name] = None  # dated by date_forecasts
    return projecting


def date_forecasts(sent: Sentence, made: list[CandidateClaim], memory: Memory) -> None:
    """A forecast named in this sentence is for the period of its first dated claim, or of its last year."""
    for org in memory.projecting_orgs:
        if org in sent.text and memory.projecting_orgs[org] is None:
            memory.projecting_orgs[org] = next((c.period for c in made if c.period), None) or (
                sent.periods[-1][2] if sent.periods else None
            )


def is_continuation(text: str) -> bool:
    """The sentence restates the one before ("That is, ...", "In other words, ...")."""
    return bool(vocabulary().continuation.match(text))


def remember_projections(made: list[CandidateClaim], memory: Memory) -> None:
    """What the next sentence may restate: this sentence's projections, by counted noun."""
    memory.prev_projected = {c.noun: c.period for c in made if c.kind == "projection" and c.noun}
    memory.prev_continuation_source = [c for c in made if c.kind == "projection"]
