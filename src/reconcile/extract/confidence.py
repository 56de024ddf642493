"""How sure a candidate is, and what it still lacks: abstain rather than guess.

Every candidate leaves here with its doubts (the reasons its confidence is below high)
and the fields that could not be established. A candidate with a missing field is
written with that field empty and `status: needs-review`: `check` lists it and compares
it with nothing until a person fills it in. What counts as missing:

    entity   guessed from an earlier sentence with nothing pointing back to it
    measure  a bare amount of money or a bare percentage with no word saying what it
             measures (GDP and debt are both dollars); a noun `check` does not know
    period   the sentence dates the figure by a day without a year ("on March 11",
             "as of Monday"): which year it is would be a guess
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import percent_words, plural
from .candidates import CandidateClaim
from .context import Memory, Sentence
from .cues import inside_a_name, with_modifier
from .dates import bounds_a_period, resolve_day
from .keywords import Keyed, key_words
from .quantities import Quantity
from .relative import year_offset
from .shares import part_of_share, whole_after
from .vocabulary import Lexicon, vocabulary
from .what import superlative_measure
from .who import UNSURE

__all__ = ["assess", "fraction_of_a_thing", "measure_for"]


_WORD_AFTER = re.compile(r"\s+([a-z]+)\b", re.I)


def measure_for(sent: Sentence, q: Quantity) -> str | None:
    """The measure a bare amount or percentage names: "of GDP" right after it, else the nearest
    cue before it in its clause, else one right after it ("a $1.1 trillion deficit")."""
    v = vocabulary()
    text = sent.text
    a, b = sent.clause_of(q)
    after = text[q.span[1] : min(b, q.span[1] + 40)]
    m = v.measure_re.match(after.lstrip(" ,")) if after.lstrip(" ,")[:3].lower() == "of " else None
    if m:
        return v.measures[" ".join(m.group("m").lower().split())]
    before = [
        m for m in v.measure_re.finditer(text, max(a, q.span[0] - 80), q.span[0]) if not inside_a_name(sent, *m.span())
    ]
    if before:
        return with_modifier(sent, before[-1].start(), v.measures[" ".join(before[-1].group("m").lower().split())])
    m = v.measure_re.match(after.lstrip())
    if m and len(after[: m.start()].split()) <= 1:
        return v.measures[" ".join(m.group("m").lower().split())]
    return superlative_measure(text, q)


def assess(claim: CandidateClaim, sent: Sentence, memory: Memory, lex: Lexicon, entity_doubt: str | None) -> None:
    """Fill the claim's doubts, missing fields, measure and (from context) period."""
    q = claim.quantity
    if entity_doubt and entity_doubt.startswith(UNSURE):
        claim.lacks("entity", entity_doubt.removeprefix(UNSURE))
    elif entity_doubt:
        claim.doubt(entity_doubt)
    if q is not None:
        _measure(claim, sent, q, lex)
    _period(claim, sent, memory)


def _measure(claim: CandidateClaim, sent: Sentence, q: Quantity, lex: Lexicon) -> None:
    if claim.role == "comparison":  # its measure is what both entities have: extract/comparisons.py
        return
    unknown = [n for n in (claim.noun, claim.den_noun) if n and not _known(n, lex)]
    if unknown:
        claim.lacks(
            "measure", f"{unknown[0]!r} is not a noun `check` knows: declare it under [nouns] in reconcile.toml"
        )
        return
    if fraction_of_a_thing(claim, lex):  # 046: "a total of 104.7 people passed through"
        why = f"{q.number_text} {plural(claim.noun or '')} is no whole number: a scale word may be missing"
        if (
            "total" in (q.qualifier or "").lower()
            or _TOTAL.search(sent.text, max(0, q.span[0] - 20), q.span[0])
            or _TOTAL.match(sent.text, q.span[1])
        ):
            # a total is no average: wrong as written, which `check` says where it disagrees with a figure
            claim.doubt(why)
        else:
            claim.lacks("measure", why)
        return
    change = _change_cue(sent, q) if q.form in ("count", "range") and not q.is_rate else None
    if change:
        claim.lacks("measure", f"{change!r}: a change, not a level; say what changed and over what period")
        return
    money = lex.currency_codes
    bare_money = q.form != "percent" and not q.is_rate and claim.noun in money
    bare_percent = q.form == "percent" and claim.of is None
    if q.form == "percent" and _DIFFERENCE_AFTER.match(sent.text, q.span[1]):
        claim.lacks("measure", "a difference between two figures ('… more than …'), not a level")
        return
    if not (bare_money or bare_percent or (q.is_rate and claim.noun in money)):
        return
    change_after = _WORD_AFTER.match(sent.text, q.span[1]) if bare_money else None
    if change_after and change_after.group(1).lower() in percent_words().change_nouns:
        # "reflecting a $320 billion increase": a change of an amount, which the clause may not name
        claim.lacks(
            "measure", f"{change_after.group(1)!r}: a change, not a level; say what changed and over what period"
        )
        return
    whole = whole_after(sent, q) if bare_percent else None
    part = part_of_share(sent, q, whole) if whole else None
    if whole and part:  # "the deficit was equal to 6.3 percent of GDP": the deficit as a share of GDP
        claim.measure, claim.value = part, f"{claim.value.split(' of ', 1)[0]} of {whole}"
        return
    measure = measure_for(sent, q)
    if measure in ("change", "growth") and _level_of_change(sent, q):
        measure = _specific_before(sent, q)  # "deficit falls slightly to $1.1 trillion": the deficit, not its fall
    elif measure and measure.endswith((" change", " growth")) and _level_of_change(sent, q):
        # "revenue rose 6.9% in the last fiscal year, to C$313.61 billion": revenue, not its change
        measure = measure.rsplit(" ", 1)[0]
    elif measure in _GENERIC:  # "grew 3.4%", "a 9% rise": a change of what? Only "GDP growth" says
        specific = _specific_before(sent, q)
        measure = f"{specific} {measure}" if specific else None
    if measure is None:
        what = "an amount of money" if not bare_percent else "a percentage"
        claim.lacks("measure", f"{what} with no word saying what it measures")
    elif bare_money and measure.endswith(" per capita"):
        # "GDP per capita: $80,030" → 80,030 dollars per person, measure GDP (what check derives GDP ÷ people to)
        claim.value, claim.measure, claim.den_noun = (
            f"{claim.value} per person",
            measure.removesuffix(" per capita"),
            "person",
        )
    else:
        claim.measure = measure
        if bare_percent:
            claim.value = claim.value.split(" of ", 1)[0] if " of " in claim.value else claim.value


_TOTAL = re.compile(
    r"\b(?:a\s+total\s+of|in\s+total|in\s+all|altogether)\s*$|^\s+(?:in\s+total|in\s+all|altogether)\b", re.I
)


def fraction_of_a_thing(claim: CandidateClaim, lex: Lexicon) -> bool:
    """A count of things that come whole (people, cameras, deaths) that is not a whole number
    and has no scale word: the scale word was dropped ("104.7 people" for 104.7 million), or it
    is an average that is not a level. Written for review, unless the text calls it a total
    ("a total of 104.7 people"): then it is wrong as written, and `check` compares it with no
    consensus but names it where a figure of the same thing disagrees (consistency/wholes.py)."""
    noun, q = claim.noun, claim.quantity
    if (
        q is None
        or q.form != "count"
        or q.is_rate
        or noun is None
        or not isinstance(q.value, float)
        or q.value.is_integer()
    ):
        return False
    if noun not in lex.canonical_nouns or noun in lex.unit_names or noun in lex.currency_codes:
        return False
    return not any(ch.isalpha() for ch in q.number_text)


_GENERIC = frozenset({"change", "growth", "share"})
_DIFFERENCE_AFTER = re.compile(
    r"\s+(?:more|less|higher|lower|fewer|greater|smaller|bigger)\s+than\b|\s+(?:above|below)\b", re.I
)
_TO_LEVEL = re.compile(r"\b(?:to|at|from|reach(?:ed|ing)?|of)\s*$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.I)
_YEAR_AFTER = re.compile(r"\s*(?:in|as of)\s+(?:19|20)\d\d\b")


def _change_cue(sent: Sentence, q: Quantity) -> str | None:
    """ "created 223,000 jobs", "grew by 5 million", "a fall of 3,000": a change word before the
    count in its clause, unless the count is the level it came to ("rose to 1.4 billion")."""
    v = vocabulary()
    a, _ = sent.clause_of(q)
    cues = [m for m in v.measure_re.finditer(sent.text, max(a, q.span[0] - 40), q.span[0])]
    if not cues or v.measures[" ".join(cues[-1].group("m").lower().split())] not in ("change", "growth"):
        return None
    if _TO_LEVEL.search(sent.text, cues[-1].end(), q.span[0]):
        return None
    return cues[-1].group("m")


_LEVEL_GAP = re.compile(r"\b(?:to|from|at)\s*$", re.I)


def _level_of_change(sent: Sentence, q: Quantity) -> bool:
    """ "falls slightly to $1.1 trillion", "up from 10 per cent": the figure is the level a change
    came to or started from, not the change."""
    v = vocabulary()
    a, _ = sent.clause_of(q)
    qual = q.qualifier or ""
    if _CHANGE_THEN_LEVEL.search(_without_qualifier(sent.text[a : q.span[0]], qual)):
        return True  # "rose 6.9% in the last fiscal year, to C$313.61 billion"
    cues = list(v.measure_re.finditer(sent.text, max(a, q.span[0] - 40), q.span[0]))
    if not cues:
        return False
    gap = _without_qualifier(sent.text[cues[-1].end() : q.span[0]], qual)
    return _LEVEL_GAP.search(gap) is not None and len(gap.split()) <= 3


def _without_qualifier(before: str, qual: str) -> str:
    """The text before a figure without the figure's own qualifier ("to nearly $1.7 trillion")."""
    stripped = before.rstrip()
    return stripped[: -len(qual)] if qual and stripped.endswith(qual) else before


# a percentage, then words, then ", to" right before the figure: the level the change came to
_CHANGE_THEN_LEVEL = re.compile(r"\d\s*(?:%|per\s*cent\b|percent\b)[^,;]{0,60},\s+to\s*$", re.I)


def _specific_before(sent: Sentence, q: Quantity) -> str | None:
    """The specific measure named before a generic one in the figure's clause ("GDP growth rate")."""
    v = vocabulary()
    a, _ = sent.clause_of(q)
    for m in reversed(list(v.measure_re.finditer(sent.text, a, q.span[0]))):
        name = v.measures[" ".join(m.group("m").lower().split())]
        if name not in _GENERIC and not inside_a_name(sent, *m.span()):
            return with_modifier(sent, m.start(), name)
    return None


def _known(noun: str, lex: Lexicon) -> bool:
    return noun in lex.canonical_nouns or noun in lex.unit_names or noun in lex.durations or noun in lex.currency_codes


def _base_year(sent: Sentence, memory: Memory) -> str | None:
    """The year a relative one counts from: one stated in the sentence, else the sentence before's."""
    if sent.periods:
        return sent.periods[0][2]
    return memory.prev_period


_REVISION_WORDS = ("revised", "revises", "revise", "revision", "revisions", "initially", "first estimated")
_REVISION = Keyed(
    re.compile(r"\b(?:revised|revises|revise|revision|revisions|initially|first estimated)\b", re.I),
    key_words(_REVISION_WORDS),
)


@lru_cache(maxsize=8192)
def _search(pattern: re.Pattern[str] | Keyed, text: str) -> re.Match[str] | None:
    """A sentence-wide search, once per sentence rather than once per figure in it."""
    return pattern.search(text)


def _period(claim: CandidateClaim, sent: Sentence, memory: Memory) -> None:
    q = claim.quantity
    if _search(_REVISION, sent.text):  # "estimated 2.6 percent, later revised that to 2.9, then to 3.2"
        claim.lacks("period", "one of several revisions of an estimate: which one is current is for a person")
        return
    started = q is not None and _FROM_BEFORE.search(sent.text, max(0, q.span[0] - 8), q.span[0])
    if q is not None and started and not _YEAR_AFTER.match(sent.text, q.span[1]):  # "from 40 (in 2010) to 47"
        claim.lacks("period", "the level a change started from: its period is not stated")
        return
    if claim.period is not None:
        return
    rel = _search(vocabulary().relative_year, sent.text)
    if rel:
        base = _base_year(sent, memory)
        deictic = rel.group("deictic") or (rel.group("dir") or "").lower() == "ago"
        if deictic and memory.published is not None:
            claim.period = str(memory.published.year + year_offset(rel))
            claim.doubt(f"period {rel.group(0)!r} counted from the document's date")
        elif deictic or base is None:
            claim.lacks("period", f"{rel.group(0)!r}, and the year it is counted from is not stated")
        else:
            claim.period = str(int(base[:4]) + year_offset(rel))
            claim.doubt(f"period {rel.group(0)!r} counted from {base}")
        return
    day = _search(vocabulary().day_date, sent.text)
    if day and not bounds_a_period(sent.text, day.start()):
        resolved = resolve_day(day.group(0), memory.published) if memory.published else None
        if resolved is None:
            claim.lacks("period", f"dated {day.group(0).strip()!r} without a year")
        else:
            claim.period = resolved
            claim.doubt(f"{day.group(0).strip()!r} read as {resolved}, counted from the document's date")
        return
    if memory.context_period is not None:
        claim.period, why = memory.context_period
        claim.doubt(why)
        return
    if memory.doc_years > 1:
        claim.doubt("no period stated, and the document names several years")
    # a document that names no year at all: its figures are of one time, whichever it is
