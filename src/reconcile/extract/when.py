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

from .candidates import CandidateClaim
from .context import Memory, Period, Sentence
from .quantities import Quantity
from .vocabulary import vocabulary

__all__ = [
    "date_forecasts",
    "find_periods",
    "is_base_year",
    "is_continuation",
    "mark_time",
    "note_forecasters",
    "remember_projections",
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


_BASE_YEAR_CUE = re.compile(
    r"(?:compared\s+(?:to|with)|from|over|than|versus|vs\.?)\s+(?:the\s+)?(?:[A-Z][a-z]+\.?\s+)?$", re.I
)
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
    if after and _is_base(text, after[0], q):
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
    return _BASE_YEAR_CUE.search(text, max(start, year_at - 30), year_at) is not None


def is_base_year(text: str, period: Period) -> bool:
    """The sentence's year is one its figures are compared with ("compared to 2019")."""
    return _is_base(text, period, None)


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
