"""The period of one figure in a sentence that dates several, told relative to the others.

"The deficit for fiscal year 2023 reached $1.695 trillion, ... a sharp increase from the
previous year’s $1.376 trillion (5.4% of GDP)": the sentence is about 2023, but the
figure "the previous year’s" owns is 2022's, and so is the figure glossing it in brackets.
Read sentence-wide, the relative year either dated every figure of the sentence or none;
here it dates only the figure it is written against, counted from the year the sentence
states (or the document's date for "last year").

"The deficit jumped by 28% between fiscal year 2022 and fiscal year 2023": a change said
to be between two years is over the span of both ("2022-2023"), the corpus's way of
writing the period of a change; the levels of such a sentence keep their own year.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import percent_words
from .candidates import CandidateClaim
from .context import Memory, Sentence
from .dates import fiscal_year_ending
from .quantities import Quantity
from .vocabulary import vocabulary

__all__ = ["date_relative", "year_offset"]

_OWNS = re.compile(r"\s*(?:’s|'s)\s+(?:[a-z]+\s+){0,2}$")  # "the previous year’s $1.376 trillion"
_AFTER = re.compile(r"^\s*,?\s*(?:in|for|during|of)\s+$", re.I)  # "$1.376 trillion in the previous year"
_GLOSS = re.compile(r"^\s*\($")  # "$1.376 trillion (5.4% of GDP)": the bracket restates the figure before
_SPAN = re.compile(
    r"\b(?:between|from)\s+(?:(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)?(?P<a>(?:19|20)\d\d)\s+(?:and|to)\s+"
    r"(?:(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)?(?P<b>(?:19|20)\d\d)\b",
    re.I,
)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def date_relative(claim: CandidateClaim, sent: Sentence, qi: int, made: list[CandidateClaim], memory: Memory) -> None:
    """Date the claim by what its own words say relative to the sentence's year (in place)."""
    q = sent.quantities[qi]
    rel = _owned_relative(sent.text, q)
    if rel is not None:
        year = _counted(rel, sent, memory)
        if year is not None:
            _set(claim, year, f"period {rel.group(0)!r} counted from {_base_name(rel, sent, memory)}")
        return
    ending = fiscal_year_ending(sent.text, memory.published) if claim.period is None else None
    if ending is not None and ("period" not in claim.missing or _only_uncounted(claim)):
        # "will total $1.1 trillion for the fiscal year that ends in September, down slightly from
        # the previous year": the sentence's year is that fiscal year, and the previous year counts from it
        _set(claim, ending[0], f"period {ending[0]}: {ending[1]!r}, counted from the document's date")
        return
    if "period" in claim.missing:
        return  # "one of several revisions", "the level a change started from": left to a person
    before = made[-1] if made else None
    bq = before.quantity if before is not None else None
    if before is not None and bq is not None and _GLOSS.match(sent.text[bq.span[1] : q.span[0]]):
        if before.period and before.period != claim.period and "period" not in before.missing:
            _set(claim, before.period, f"period {before.period} of the figure it glosses in brackets")
        return
    span = _sentence_wide(sent.text)[1]
    if span and _is_change(sent.text, q) and _in_clause_of(sent, q, span):
        a, b = span.group("a"), span.group("b")
        if int(a) < int(b):
            _set(claim, f"{a}-{b}", f"a change {span.group(0)!r}: over that span")
        return
    carried = "period taken from the sentence before" in claim.doubts
    if carried and claim.period and claim.period.isascii() and claim.period.isdigit() and _is_change(sent.text, q):
        # "The deficit for fiscal year 2023 reached $1.695 trillion. ... this represents roughly a 23%
        # rise": a change into the year the sentence before states, from the year before it
        into = int(claim.period)
        _set(claim, f"{into - 1}-{into}", f"a change into {into}, the year the sentence before names")


def _set(claim: CandidateClaim, period: str, why: str) -> None:
    claim.dated(period, why)


def _only_uncounted(claim: CandidateClaim) -> bool:
    """The period is missing only because a relative year of the sentence had nothing to count from."""
    period_doubts = [d for d in claim.doubts if "period" in d or "year" in d]
    return bool(period_doubts) and all("year it is counted from is not stated" in d for d in period_doubts)


def _owned_relative(text: str, q: Quantity) -> re.Match[str] | None:
    """A relative year written against this figure: "the previous year’s $1.376 trillion", "$1.376
    trillion in the previous year"."""
    for m in _sentence_wide(text)[0]:
        if m.end() <= q.span[0] and _OWNS.fullmatch(text, m.end(), q.span[0]):
            return m
        if m.start() >= q.span[1] and _AFTER.match(text[q.span[1] : m.start()]):
            return m
    return None


@lru_cache(maxsize=4096)
def _sentence_wide(text: str) -> tuple[tuple[re.Match[str], ...], re.Match[str] | None]:
    """A sentence's relative years and its span of two years: searched once per sentence, not
    once per figure in it."""
    return tuple(vocabulary().relative_year.finditer(text)), _SPAN.search(text)


def _counted(rel: re.Match[str], sent: Sentence, memory: Memory) -> str | None:
    deictic = rel.group("deictic") or (rel.group("dir") or "").lower() == "ago"
    if deictic:
        return str(memory.published.year + year_offset(rel)) if memory.published else None
    own = [p for p in sent.periods if not (p[0] <= rel.start() < p[1])]
    base = own[0][2] if own else memory.prev_period
    return str(int(base[:4]) + year_offset(rel)) if base else None


def _base_name(rel: re.Match[str], sent: Sentence, memory: Memory) -> str:
    deictic = rel.group("deictic") or (rel.group("dir") or "").lower() == "ago"
    if deictic:
        return "the document's date"
    return sent.periods[0][2] if sent.periods else str(memory.prev_period)


def year_offset(rel: re.Match[str]) -> int:
    """ "two years earlier" → -2, "a year later" → +1, "the previous year" → -1."""
    n = rel.group("n")
    size = (int(n) if n.isdigit() else _SMALL[n.lower()]) if n else 1
    word = (rel.group("dir") or rel.group("dir2") or rel.group("adj") or rel.group("deictic") or "").lower()
    if word == "this":
        return 0
    back = word in ("earlier", "before", "ago", "previous", "preceding", "last")
    return -size if back else size


def _is_change(text: str, q: Quantity) -> bool:
    """A change verb right before the figure ("jumped by 28%"), or a change noun right after it."""
    pw = percent_words()
    before = re.findall(r"[a-z]+", text[max(0, q.span[0] - 25) : q.span[0]].lower())[-2:]
    after = re.findall(r"[a-z]+", text[q.span[1] : q.span[1] + 20].lower())[:2]
    if any(w in pw.change_verbs for w in before) or any(w in pw.change_nouns for w in after):
        return True
    return len(before) == 2 and before[1] == "of" and before[0] in pw.change_nouns  # "an increase of $319 billion"


def _in_clause_of(sent: Sentence, q: Quantity, span: re.Match[str]) -> bool:
    """The span follows the figure within a few words, or precedes it in its clause."""
    a = sent.clause_of(q)[0]
    if span.start() >= q.span[1]:
        return len(sent.text[q.span[1] : span.start()].split()) <= 3
    return span.start() >= a
