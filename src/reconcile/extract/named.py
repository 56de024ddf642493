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
    named = rf"(?<![\w’'.-]){re.escape(base)}(?:\s+(?i:{w.facility}))?"
    if re.search(rf"{named}(?:\s+(?:has|had|have)\b)?\s+(?i:{w.author_verbs})\b", document) or re.search(
        rf"(?i:according\s+to)\s+(?:the\s+)?{named}(?![\w-])", document
    ):
        return None  # it speaks: a source, not what the figures are about
    subject = rf"{named}\s+(?:{w.verbs})\b(?!\s+(?i:{w.author_verbs})\b)"
    if len(re.findall(subject, document)) < _MIN_SUBJECT_CLAUSES or not inside_a_sentence(document, base):
        return None
    if own:
        return f"{base} {own}"
    called = re.search(
        rf"{named}\s+(?:{w.verbs})\b(?:\s+[\w’'-]+){{0,3}}?\s+(?i:as|the)\s+"
        rf"(?:(?!(?i:{_NOT_A_DESCRIPTION}))[\w’'-]+\s+){{0,3}}?(?P<f>(?i:{w.facility}))(?![\w-])",
        document,
    )
    return f"{base} {called['f'].lower().capitalize()}" if called else base


def inside_a_sentence(document: str, base: str) -> bool:
    """Written with its capital inside a sentence at least once: a name, not a sentence's first
    word ("Profits were up. Profits were 12 percent higher …" names no one)."""
    for m in re.finditer(rf"(?<![\w’'.-]){re.escape(base)}(?![\w-])", document):
        before = document[max(0, m.start() - 3) : m.start()].rstrip(" \t")
        if before and before[-1] not in '.!?:;"“”\n':
            return True
    return False


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
