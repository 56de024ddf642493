"""Names the gazetteer does not know that a document makes what it is about.

The gazetteer knows countries, cities and regions; an article about an airport, a company, a
hospital or a stadium is about a name it does not know ("Heathrow", "Tesla", "St Mary's").
Such a name is an entity of the document, by a rule that says nothing of any domain:

- the document makes it the subject of at least two clauses: the name, then a verb that has
  it as subject ("Heathrow is 3 per cent below …", "Last month Heathrow experienced …",
  "Tesla has …"; extract.toml's `subject_verbs`), the title's line counted like any other;
- it is written with its capital inside a sentence at least once (a name, not a sentence's first
  word: "Profits were up. Profits were 12 percent higher …" names no one);
- and it never speaks in the document: a name that says, finds or estimates ("Heathrow said",
  "the OBR forecast", "according to Comparitech") is a source, whose figures are about
  something else.

It is written as the document names it in full: with the noun of what it is when the
document calls it one of the things named so ("London Heathrow has regained its spot as
fourth-busiest airport" → "Heathrow Airport", "Guy's is the busiest hospital" → "Guy's
Hospital"; extract.toml's `named_facilities`), else as written. A place before it only says
where it is ("London Heathrow" is Heathrow), and a name already ending in such a noun keeps
it ("Heathrow Airport has become …").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import read_toml
from .gazetteer import gazetteer
from .vocabulary import alternation

__all__ = ["document_entity", "inside_a_sentence"]

_MIN_SUBJECT_CLAUSES = 2
# words that are no part of a description of the thing between "as"/"the" and its noun
# ("the largest employer at the port" says nothing of what the employer is)
_NOT_A_DESCRIPTION = r"(?:at|in|of|on|for|to|with|by|from|the|a|an|and|or|than|near|its|their)\b"


class _Words:
    def __init__(self) -> None:
        data = read_toml("extract.toml")
        ents, study = data["entities"], data["study"]
        self.verbs = alternation(ents["subject_verbs"])
        self.author_verbs = alternation(study["author_verbs"])
        self.facilities: tuple[str, ...] = tuple(ents["named_facilities"])
        self.facility = alternation(self.facilities)
        # What may follow a name where it is written (its facility noun first, optional), compiled
        # once: a pattern made for each name cost more to compile than to search with.
        named_end = rf"(?:\s+(?i:{self.facility}))?"
        self.speaks_after = re.compile(rf"{named_end}(?:\s+(?:has|had|have)\b)?\s+(?i:{self.author_verbs})\b")
        self.ends_a_name = re.compile(rf"{named_end}(?![\w-])")
        self.subject_after = re.compile(rf"{named_end}\s+(?:{self.verbs})\b(?!\s+(?i:{self.author_verbs})\b)")
        self.called_after = re.compile(
            rf"{named_end}\s+(?:{self.verbs})\b(?:\s+[\w’'-]+){{0,3}}?\s+(?i:as|the)\s+"
            rf"(?:(?!(?i:{_NOT_A_DESCRIPTION}))[\w’'-]+\s+){{0,3}}?(?P<f>(?i:{self.facility}))(?![\w-])"
        )


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words()


@lru_cache(maxsize=512)
def document_entity(document: str, name: str) -> str | None:
    """The entity `name` is in `document` by the module's rule, or None when the rule does not
    make it one (a name used as a subject once, or one that speaks)."""
    base, own = _base(name)
    if not base:
        return None
    w = _words()
    at = [p + len(base) for p in _written_at(document, base)]  # where each mention of the name ends
    according = _according_to_ends(document) if at else frozenset()
    if any(w.speaks_after.match(document, e) for e in at) or any(
        e - len(base) in according and w.ends_a_name.match(document, e) for e in at
    ):
        return None  # it speaks: a source, not what the figures are about
    if _count_apart(w.subject_after, document, at, len(base), _MIN_SUBJECT_CLAUSES) < _MIN_SUBJECT_CLAUSES:
        return None
    if not inside_a_sentence(document, base):
        return None
    if own:
        return f"{base} {own}"
    called = next((m for e in at if (m := w.called_after.match(document, e))), None)
    return f"{base} {called['f'].lower().capitalize()}" if called else base


_GLUED_BEFORE = re.compile(r"[\w’'.-]")  # a character that makes a name part of a longer word
_ACCORDING_TO = re.compile(r"(?i:according\s+to)\s+")
_THE = re.compile(r"the\s+")


def _written_at(document: str, base: str) -> list[int]:
    """Where `base` is written as a word of its own at its start (`(?<![\\w’'.-])base`), found
    by str.find: a regex starting with a look-behind is tried at every position of the document."""
    out = []
    p = document.find(base)
    while p != -1:
        if p == 0 or not _GLUED_BEFORE.match(document, p - 1):
            out.append(p)
        p = document.find(base, p + 1)
    return out


@lru_cache(maxsize=4)
def _according_to_ends(document: str) -> frozenset[int]:
    """Where a name right after "according to (the)" would start: once per document, for all its names."""
    ends = set()
    for m in _ACCORDING_TO.finditer(document):
        ends.add(m.end())
        the = _THE.match(document, m.end())
        if the:
            ends.add(the.end())
    return frozenset(ends)


def _count_apart(after: re.Pattern[str], document: str, at: list[int], length: int, enough: int) -> int:
    """How many of the name's mentions (ending at `at`, `length` long) `after` matches right after,
    not overlapping (as `re.findall` counts them), up to `enough`."""
    count, free_from = 0, 0
    for e in at:
        m = after.match(document, e) if e - length >= free_from else None
        if m:
            count, free_from = count + 1, m.end()
            if count >= enough:
                break
    return count


@lru_cache(maxsize=512)
def inside_a_sentence(document: str, base: str) -> bool:
    """Written with its capital inside a sentence at least once: a name, not a sentence's first
    word ("Profits were up. Profits were 12 percent higher …" names no one). Kept per document
    and name: a page's sentences ask it again and again."""
    free_from = 0
    for start in _written_at(document, base):
        e = start + len(base)
        if start < free_from or _WORD_GOES_ON.match(document, e):
            continue
        free_from = e
        before = document[max(0, start - 3) : start].rstrip(" \t")
        if before and before[-1] not in '.!?:;"“”\n':
            return True
    return False


_WORD_GOES_ON = re.compile(r"[\w-]")


def _base(name: str) -> tuple[str, str | None]:
    """The name without the places before it that say where it is ("London Heathrow" → "Heathrow")
    and without the noun of what it is ("Heathrow Airport" → "Heathrow", "Airport")."""
    words = name.split()
    own = None
    if len(words) > 1 and words[-1].lower() in _words().facilities:
        own = words[-1].lower().capitalize()
        words = words[:-1]
    g = gazetteer()
    while len(words) > 1 and g.lookup(words[0]) is not None:
        words = words[1:]
    return " ".join(words), own
