"""A figure that compares its entity with another: "24 per cent ahead of Heathrow", "40 percent
more cameras than France", "three times as many road deaths as China".

Written as `role: comparison` with `than:` the other entity (the gazetteer's name, else the
name as written, then the claim waits for review), so that `check` divides the two entities'
figures (consistency/comparisons.py). Only a named other side makes one: "than in 2022", "than
the year before" or "than the national average" are no comparison of two entities.
"""

from __future__ import annotations

import re

from ..lexicon import plural
from .candidates import CandidateClaim
from .confidence import measure_for
from .context import Sentence
from .gazetteer import gazetteer
from .named import document_entity
from .quantities import Quantity

__all__ = ["measure_from_sentence", "read_comparison"]

_PERCENT_THAN = re.compile(
    r"\s+(?P<dir>more|fewer|less|higher|lower|greater|smaller|bigger|larger)\b"
    r"(?P<what>(?:\s+(?!than\b)[A-Za-z][\w’'-]*){0,4}?)\s+than\s+",
    re.I,
)
_PERCENT_POSITION = re.compile(r"\s+(?P<dir>ahead\s+of|behind|above|below|down\s+on|up\s+on)\s+", re.I)
_TIMES_AS = re.compile(r"\s+as\s+(?:many|much)\b(?P<what>(?:\s+(?!as\b)[A-Za-z][\w’'-]*){0,4}?)\s+as\s+", re.I)
_NAME = re.compile(r"(?:the\s+)?(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|de|del))*)")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_LESS = frozenset({"fewer", "less", "lower", "smaller", "behind", "below", "down on"})
_GENERIC = frozenset({"change", "growth", "share"})  # "9 per cent down on Dubai": down is no measure
_TIMES = frozenset({"times", "time", "x", "×"})
_NO_MEASURE = "a comparison with no word saying what is compared"


def measure_from_sentence(made: list[CandidateClaim], counted: frozenset[str]) -> None:
    """ "With 79.2 million passengers last year, Heathrow is 3 per cent below Dallas-Fort Worth",
    "Atlanta, 24 per cent ahead of Heathrow, retains its lead ... with more than 100 million
    passengers": a comparison whose own words name no measure compares what its entity's figure
    in the same sentence counts, when that figure counts one thing (a known counted noun)."""
    for c in made:
        if c.role != "comparison" or _NO_MEASURE not in c.doubts or "entity" in c.missing:
            continue
        nouns = {
            o.noun
            for o in made
            if o.role is None
            and o.entity == c.entity
            and not o.missing
            and o.quantity is not None
            and o.quantity.form == "count"
            and not o.quantity.is_rate
            and o.noun in counted
        }
        if len(nouns) != 1:
            continue
        (noun,) = nouns
        assert noun is not None
        c.measure = plural(noun)
        c.missing.remove("measure")
        c.doubts.remove(_NO_MEASURE)


def read_comparison(claim: CandidateClaim, sent: Sentence, q: Quantity) -> bool:
    """Make the claim a comparison when its figure compares its entity with a named other one."""
    text, end = sent.text, q.span[1]
    times = (q.unit or "").casefold() in _TIMES
    if times:
        form = _TIMES_AS.match(text, end)
        direction = ""
    elif q.form == "percent" and not q.share_of:
        form = _PERCENT_THAN.match(text, end) or _PERCENT_POSITION.match(text, end)
        direction = " ".join(form["dir"].lower().split()) if form else ""
    else:
        return False
    if form is None:
        return False
    other = _other(sent, form.end())
    if other is None:
        return False
    name, known = other
    claim.role, claim.than = "comparison", name
    claim.noun = None  # "times" is no counted noun; the measure is what both have
    if times:
        claim.value = f"{claim.value} as {'much' if 'much' in form.group(0).lower() else 'many'}"
    else:
        claim.value = f"{claim.value} {'fewer' if direction in _LESS else 'more'}"
    what = " ".join((form.groupdict().get("what") or "").split())
    named = measure_for(sent, q)
    # "15.2 percent of GDP, 0.3 percent more than France": points or per cent of a share? Not said
    claim.measure = what or (named if named and named not in _GENERIC and not named.startswith("share") else None)
    if not claim.measure:
        claim.lacks("measure", _NO_MEASURE)
    if not known:
        claim.lacks("than", f"{name!r}, which the comparison is with, is no place the gazetteer knows")
    if claim.entity and name.casefold() == claim.entity.casefold():
        claim.lacks("entity", f"a comparison of {name!r} with itself: one of the two is someone else")
    return True


def _other(sent: Sentence, at: int) -> tuple[str, bool] | None:
    """The entity named at `at`: (the gazetteer's name, True), else (the name as written, False)."""
    for m in sent.places:
        start = m.start - sent.start
        if start in (at, at + 4) and sent.text[at:start].lower() in ("", "the "):
            assert m.name is not None
            return m.name, True
    named = _NAME.match(sent.text, at)
    if named is None:
        return None
    name = _POSSESSIVE.sub("", named["name"].strip(" .")).strip()
    if not name:
        return None
    known = gazetteer().lookup(name)  # "India's" at a sentence's end is read as no place's mention
    if known:
        return known[0], True
    own = document_entity(sent.document, name)  # "24 per cent ahead of Heathrow": the page's own subject
    return (own, True) if own else (name, False)
