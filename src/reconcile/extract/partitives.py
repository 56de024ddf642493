"""Counts of part of a whole: "Eight of the top 10 cities ... are in China", "Of the top
20 cities, 16 are in China" — about the place they are in, or, for the things a study
looked at ("150 of the world's cities"), about the study's author."""

from __future__ import annotations

import re

from ..lexicon import plural
from .candidates import CandidateClaim
from .context import Memory, Sentence
from .vocabulary import Lexicon, vocabulary

__all__ = ["partitives"]

_NOUN_AHEAD = re.compile(r"(?:[\w’'\-]+\s+){0,5}?(?P<noun>[a-z]+s)\b")
_ARE_IN_ANY = re.compile(r"^[^,;.]*?\b(?:are|were|is|was)\s+(?:located\s+)?in\s+", re.I)
_OF_THE_TOP_SENT = re.compile(
    r"\bOf\s+the\s+(?P<top>top\s+)?(?P<n>\d[\d,]*)\s+(?P<noun>[a-z]+)[^,;]*,\s+(?P<m>[A-Za-z]+|\d[\d,]*)\s+(?:are|were)\s+in\s+",
)


def partitives(sent: Sentence, made: list[CandidateClaim], memory: Memory, lex: Lexicon) -> list[CandidateClaim]:
    """The partitive counts of a sentence that no claim in `made` already covers."""
    out: list[CandidateClaim] = []
    if "of" not in sent.text and "Of" not in sent.text:  # what both patterns below need
        return out
    for m in vocabulary().partitive.finditer(sent.text):
        claim = _part_of(sent, m, made, memory, lex)
        if claim is not None:
            out.append(claim)
    top = _of_the_top(sent, lex)
    if top is not None:
        out.append(top)
    return out


def _part_of(
    sent: Sentence, m: re.Match[str], made: list[CandidateClaim], memory: Memory, lex: Lexicon
) -> CandidateClaim | None:
    """ "Eight of the top 10 cities ... are in China"."""
    text, s = sent.text, sent.start
    value = _count(m.group("m"), lex)
    if value is None or value == 1:
        return None
    if any(c.quantity and c.quantity.span[0] <= m.start() < c.quantity.span[1] for c in made):
        return None
    noun_m = _NOUN_AHEAD.match(text[m.end() :])
    if not noun_m:
        return None
    noun = lex.nouns.get(noun_m.group("noun").lower())
    if noun is None:
        return None
    quote_end = m.end() + noun_m.end()
    entity = _place_they_are_in(sent, quote_end)
    if entity is None:
        if not (vocabulary().study.search(text) and memory.last_org and m.group("n") is None):
            return None
        entity = memory.last_org
    return CandidateClaim(
        id="", entity=entity, value=f"{_lower_first(m.group('m'))} {plural(noun)}", quote=text[m.start() : quote_end],
        span=(s + m.start(), s + quote_end), noun=noun,
    )  # fmt: skip


def _place_they_are_in(sent: Sentence, pos: int) -> str | None:
    """ "... are (located) in China": the place named right after, in the same clause."""
    where = _ARE_IN_ANY.search(sent.text[pos:])
    if not where:
        return None
    at = pos + where.end() + sent.start
    return next((p.name for p in sent.places if p.start == at and p.strong), None)


def _of_the_top(sent: Sentence, lex: Lexicon) -> CandidateClaim | None:
    """ "Of the top 20 cities, 16 are in China"."""
    text, s = sent.text, sent.start
    sm = _OF_THE_TOP_SENT.search(text)
    if not sm:
        return None
    value = _count(sm.group("m"), lex)
    noun = lex.nouns.get(sm.group("noun").lower())
    at = sm.end() + s
    entity = next((p.name for p in sent.places if p.start == at and p.strong), None)
    if not (value and value != 1 and noun and entity):
        return None
    quote = text[sm.start() : sm.end() + len(entity)].strip()
    return CandidateClaim(
        id="", entity=entity, value=f"{_lower_first(sm.group('m'))} {plural(noun)}", quote=quote,
        span=(s + sm.start(), s + sm.start() + len(quote)), noun=noun,
    )  # fmt: skip


def _count(word: str, lex: Lexicon) -> float | None:
    if word[0].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    if word.lower() in ("a", "an"):
        return None
    return lex.words.get(word.lower())


def _lower_first(word: str) -> str:
    return word[0].lower() + word[1:] if word[0].isupper() else word
