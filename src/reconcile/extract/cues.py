"""A measure cue inside a name is no cue: "According to the Congressional Budget Office (CBO),
this represents roughly a 23% rise" is a rise of something the sentence before named, not of a
budget; "the World Health Organization" does not make a figure a health measure.

A name whose every word belongs to some measure cue or place ("Annual GDP Growth Rate: 1.6%",
"EU GDP", labels) is a measure written in capitals, and its cues count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import Sentence
from .gazetteer import gazetteer
from .vocabulary import lexicon, vocabulary

__all__ = ["NEUTRAL", "inside_a_name", "with_modifier"]

_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_FILLER = frozenset({"the", "of", "and", "annual", "total", "real", "nominal", "average", "rate"})


def inside_a_name(sent: Sentence, start: int, end: int) -> bool:
    """The cue at [start, end) of the sentence lies inside a name (an organisation the gazetteer
    found) that is more than a label of measures."""
    a, b = sent.start + start, sent.start + end
    around = [o for o in sent.orgs if o.start <= a and b <= o.end]
    if not around or _title_case(sent.text):
        return False  # "Federal Deficit Soars to $1.7 Trillion": a headline's capitals name nothing
    return any(not _a_label(o.text) for o in around)


_LONG_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")


@lru_cache(maxsize=1024)
def _title_case(text: str) -> bool:
    """Most words of four letters or more capitalised: a headline written in title case."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


@lru_cache(maxsize=1024)
def _a_label(name: str) -> bool:
    """ "Annual GDP Growth Rate", "EU GDP": every word is a measure cue's, a filler or a place."""
    v = vocabulary()
    covered = {w.lower() for m in v.measure_re.finditer(name) for w in _WORD.findall(m.group(0))}
    return all(w.lower() in covered or w.lower() in _FILLER or _a_place(w) for w in _WORD.findall(name))


def _a_place(word: str) -> bool:
    return any(m.kind != "org" and m.name for m in gazetteer().mentions(word, 0))


# words before a measure that do not make it another measure ("total federal outlays" are outlays)
NEUTRAL = frozenset(
    {"total", "federal", "national", "public", "government", "annual", "overall", "gross", "net", "real",
     "nominal", "central", "general", "current", "estimated", "official", "new", "record", "average",
     "yearly", "monthly", "quarterly", "headline", "underlying", "preliminary", "final", "global", "world"}
)  # fmt: skip
_GENERIC = frozenset({"change", "growth"})
_SUPERLATIVE = re.compile(r"(?:high|low|larg|small|bigg|great|strong|weak|fast|slow)est|best|worst|most|least")
# what a modifier follows: the sentence's start, a break, or a determiner ("the trade deficit")
_PHRASE_START = re.compile(
    r"(?:^|[,;:(—–]|\b(?:the|a|an|its|their|his|her|our|this|that|these|those)|\w[’']s)\s*$", re.I
)  # "Kenya's health spending": a possessive opens the phrase as a determiner does
_OPENING = re.compile(r"\s*(?:(?:the|its|their)\s+)?", re.I)
_MODIFIER = re.compile(r"(?<![\w’'.-])([A-Za-z][a-z]{2,})\s+$")


def _after_place(sent: Sentence, at: int) -> bool:
    """ "US defense spending", "the German health budget": a place opening the phrase, then the word."""
    for p in sent.places:
        start, end = p.start - sent.start, p.end - sent.start
        if end <= at and not sent.text[end:at].strip() and _PHRASE_START.search(sent.text, 0, start):
            return True
    return False


def with_modifier(sent: Sentence, start: int, name: str, *, opens: int | None = None) -> str:
    """ "Defense spending rose 7%, to $774 billion" measures defense spending, not spending (which
    "Total federal outlays ... $6.13 trillion" is): the word right before a measure's cue that
    names a kind of it ("defense", "health", "trade"), not a word of scope ("total", "federal"),
    a function word, a place or a verb, is part of the measure. Not for a change or a share,
    whose word before says how much ("a small change") or of what part. `opens`: where the caller
    knows the phrase opens ("a 12% increase in | health spending")."""
    if name in _GENERIC or name.startswith("share"):
        return name
    m = _MODIFIER.search(sent.text, max(0, start - 24), start)
    if m is None:
        return name
    word = m.group(1).lower()
    opened = opens is not None and _OPENING.fullmatch(sent.text, opens, m.start(1)) is not None
    if not opened and not _PHRASE_START.search(sent.text, 0, m.start(1)) and not _after_place(sent, m.start(1)):
        return name  # "OBR predicts borrowing", "in income tax revenues": not a word opening the phrase
    v = vocabulary()
    if (
        word in NEUTRAL
        or word in lexicon(None).stop
        or word.endswith(("ed", "ing", "ly"))
        or _SUPERLATIVE.fullmatch(word)
    ):
        return name  # "the highest turnout" is a turnout
    if v.measure_re.fullmatch(word) or word in name.lower().split():
        return name  # "budget deficit", "GDP growth": the cue's own words
    at = sent.start + m.start(1)
    if any(p.start <= at < p.end for p in sent.places):
        return name  # "Chinese exports", "U.S. spending": where, not what
    return f"{word} {name}"
