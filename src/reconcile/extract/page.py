"""The one place a page is about, for its sentences that name none.

"U.S. budget deficit rises in FY 2023 …" / "U.S. budget deficit totaled nearly $1.7
trillion …" / "Total federal outlays, however, slipped 1.4% to $6.13 trillion" / "Total
receipts were in turn down by 9%, to $4.44 billion": a careful reader gives the later
sentences the country of the title, because the page names that place and no other, and
because what they measure (a deficit, receipts, outlays, GDP, debt, revenue) is an aggregate of
a place's economy or government, which is its place's whatever the sentence leaves out. The
rule, which says nothing of any domain:

- the document names exactly one place (country, city, region or grouping; "worldwide" counts
  as another, a dateline "New Delhi:" as none), first in its title or first sentence (what the
  page is about, not a place mentioned in passing further down), and before the figure (a page
  refers back to its place, not ahead);
- the figure's sentence names no place;
- the sentence opens with such an aggregate as the subject of a change, with nothing after its
  noun ("Total federal outlays, however, slipped"; not "Net outlays for interest on the public
  debt rose"), and the figure is the level it came to or from, or the change itself when both
  levels are stated (`subject_level`): what the figure measures is then as sure as whose it is.

Any other figure of such a sentence keeps the place as a guess only (a person says whose it
is), as the place named last is for any figure. A page that names no place (CBO's own review:
"the federal budget deficit totaled …") gets none: nothing is invented.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import Sentence
from .cues import NEUTRAL, with_modifier
from .gazetteer import gazetteer
from .named import inside_a_sentence
from .quantities import Quantity
from .sentences import iter_sentences
from .vocabulary import vocabulary

__all__ = ["PAGE_PLACE", "PLACE_KINDS", "an_aggregate", "came_to", "page_place", "subject_level", "subject_of"]

PAGE_PLACE = "entity is the page's only place"  # the doubt of a figure given it (unowned.py reads it)

PLACE_KINDS = ("country", "city", "region", "world", "demonym")
_LEAD_SENTENCES = 2  # the title and the first sentence: where a page says what it is about

# measures of a place's economy or government (data/extract.toml [measures], as written on claims)
_AGGREGATES = frozenset(
    {"GDP", "GDP per capita", "income per capita", "national debt", "public debt", "federal debt", "debt",
     "deficit", "borrowing", "surplus", "revenue", "receipts", "spending", "outlays", "budget", "exports",
     "imports", "inflation", "unemployment rate"}
)  # fmt: skip


def page_place(document: str, at: int) -> str | None:
    """The one place `document` names, when it names it in its title or first sentence and no
    other anywhere, for a sentence at `at` after the place is first named (the page refers back
    to it: a title before its first sentence names the place is not taken to mean it); None
    otherwise."""
    found = _only_place(document)
    return found[0] if found is not None and found[1] < at else None


@lru_cache(maxsize=64)
def _only_place(document: str) -> tuple[str, int] | None:
    """The one place a document names, and where it first names it (see `page_place`)."""
    from .who import without_dateline  # who.py asks this module; the dateline rule is its

    names: set[str] = set()
    first: tuple[int, int] | None = None  # the sentence that first names it, and where
    for i, (s, e, _para) in enumerate(iter_sentences(document)):
        found = gazetteer().mentions(document[s:e], s)
        if s == 0 or document[s - 1] == "\n":
            found = without_dateline(found, document[s:e], s)
        places = [m for m in found if m.kind in PLACE_KINDS and m.name]
        if places and first is None:
            first = i, places[0].start
        names.update(m.name for m in places if m.name)
        if len(names) > 1:
            return None
    if len(names) != 1 or first is None or first[0] >= _LEAD_SENTENCES:
        return None
    return names.pop(), first[1]


def an_aggregate(measure: str) -> bool:
    """A measure of a place's economy or government ("deficit", "defense spending", "outlays
    change"), which a page about one place states of it without naming it again."""
    base = measure.removesuffix(" change").removesuffix(" growth")
    return base in _AGGREGATES or base.split(" ", 1)[-1] in _AGGREGATES


# "The federal deficit …"; not "Its revenue …", which refers to what the sentence before is about
_OPENER = re.compile(r"\s*(?:the\s+)?", re.I)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
# what may follow the subject's noun: a comma ("Total federal outlays, however, slipped") or a verb,
# not a preposition or a possessive that makes it a part of something else ("Outlays for …")
_NOT_A_VERB = re.compile(r"\s*(?:’s|'s|\(|-|–|—|(?:of|for|on|in|at|from|to|by|with|and|or|under|as)\b)", re.I)
_CHANGE_GAP = 6  # words between the subject and its change ("were in turn down by 9%")
# … and between a subject's noun and its change when words after the noun say which part of it
# ("Outlays for the largest mandatory spending programs - Social Security, Medicare and Medicaid -")
_PART_GAP = 12
_AMOUNT_BEFORE = re.compile(
    r"\s+(?:by\s+)?(?:(?!to\b|from\b)[a-z]+\s+)?", re.I
)  # "jumped by 28%", "rose 7%", "down by about 9%"
# between the change (or its amount) and the level: "to $6.13 trillion", ", to nearly $1.7 trillion", and
# a span of years ("between fiscal year 2022 and fiscal year 2023, from …")
_YEARS = r"(?:(?:between|from|in)\s+(?:(?:fiscal|financial)\s+year\s+|FY\s?)?(?:19|20)\d\d(?:\s+(?:and|to)\s+(?:(?:fiscal|financial)\s+year\s+|FY\s?)?(?:19|20)\d\d)?)?"
_LEVEL_GAP = re.compile(rf"[\s,]*{_YEARS}[\s,]*(?P<w>to|from)\s+(?:[a-z]+\s+)?", re.I)
_TO_GAP = re.compile(r"\s+to\s+(?:[a-z]+\s+)?", re.I)
_FROM_GAP = re.compile(r"[\s,]*(?:(?:up|down)\s+)?from\s+(?:[a-z]+\s+)?", re.I)
_CHANGES = ("change", "growth")


def subject_level(sent: Sentence, q: Quantity) -> str | None:
    """The measure the sentence opens with, when the figure is the level it changed to or from:
    "Total receipts were in turn down by 9%, to $4.44 billion" → receipts; "Defense spending
    rose 7%, to $774 billion" → defense spending; and for the change itself when the sentence
    states both levels ("The federal deficit jumped by 28% …, from $1.375 trillion to $1.69
    trillion" → deficit change). None when the sentence opens otherwise, the subject has words
    after its noun ("Outlays for the largest mandatory spending programs"), or the figure is
    no such level (the first three figures after the change: its amount, from, to)."""
    opened = _opening_change(sent, whole=True)
    if opened is None:
        return None
    measure, change = opened
    amount, first, second, _ = _figures_of(sent, change)
    if q is amount:
        return f"{measure} change" if second is not None else None
    return measure if q in (first, second) else None


def subject_of(sent: Sentence, q: Quantity) -> str | None:
    """What the sentence opens with as the subject of a change, when the figure is that change or
    a level it came to or from, though words after the subject's noun make it a part of it ("Net
    outlays for interest on the public debt rose by 33% to $711 billion": whose, the page says;
    what exactly, a person): the subject's measure word ("outlays"), else None."""
    opened = _opening_change(sent, whole=False)
    if opened is None:
        return None
    name, change = opened
    return name if q in _figures_of(sent, change)[:3] else None


def came_to(sent: Sentence, q: Quantity) -> bool:
    """The figure is the level a change of its sentence came to, whatever changed: "slipped 1.4%
    to $6.13 trillion", "rose by 33% to $711 billion", "from $1.375 trillion to $1.69 trillion";
    not the level it came from, nor a figure after "due to" ("… due mainly to a 17% fall")."""
    v = vocabulary()
    for m in v.measure_re.finditer(sent.text, 0, q.span[0]):
        if v.measures[" ".join(m.group("m").lower().split())] not in _CHANGES:
            continue
        _, first, second, word = _figures_of(sent, m)
        if (q is first and word == "to") or (q is second and word == "from"):
            return True
    return False


# the change's amount, the level it came to or from, the other level, and the word before the first
_Figures = tuple[Quantity | None, Quantity | None, Quantity | None, str | None]


def _figures_of(sent: Sentence, change: re.Match[str]) -> _Figures:
    """The change's amount right after its word ("jumped by 28%"), the level it came to or from
    ("to $6.13 trillion"), and the other level when the sentence states both ("from $1.375
    trillion to $1.69 trillion"); None for those it does not state."""
    text = sent.text
    after = [o for o in sent.quantities if o.span[0] >= change.end()]
    if not after:
        return None, None, None, None
    amount = after[0] if _AMOUNT_BEFORE.fullmatch(text, change.end(), after[0].span[0]) else None
    levels = after[1:] if amount is not None else after
    end = amount.span[1] if amount is not None else change.end()
    first = _LEVEL_GAP.fullmatch(text, end, levels[0].span[0]) if levels else None
    if first is None:
        return amount, None, None, None
    word = first.group("w").lower()
    second = None
    if len(levels) > 1:  # "from $1.375 trillion to $1.69 trillion", "to X, up from Y"
        then = _TO_GAP if word == "from" else _FROM_GAP
        second = then.fullmatch(text, levels[0].span[1], levels[1].span[0])
    return amount, levels[0], levels[1] if second is not None else None, word


@lru_cache(maxsize=4)  # per sentence, asked for each of its figures in turn (and for the one before)
def _opening_change(sent: Sentence, *, whole: bool) -> tuple[str, re.Match[str]] | None:
    """The measure a sentence opens with as the subject of a change ("Total federal outlays,
    however, slipped"), and the change's word. `whole`: the measure with nothing after its noun
    (with_modifier's reading: "defense spending"); else its measure word, whatever part of it the
    words after it name ("Net outlays for interest on the public debt rose": "outlays")."""
    v = vocabulary()
    text = sent.text
    lead = _OPENER.match(text)
    start = lead.end() if lead else 0
    found = v.measure_re.finditer(text, start)  # read as far as asked: most sentences stop at the first
    cue = next(found, None)
    if cue is None:
        return None
    name = v.measures[" ".join(cue.group("m").lower().split())]
    if name in _CHANGES or name.startswith("share"):
        return None
    kinds = [w for w in _WORD.findall(text[start : cue.start()]) if w.lower() not in NEUTRAL]
    measure = with_modifier(sent, cue.start(), name)
    if len(kinds) > 1 or (kinds and measure == name):
        return None  # "Outlays" after words that are neither scope nor the kind it names
    if kinds and inside_a_sentence(sent.document, kinds[0]):
        return None  # "Tesla revenue rose …" where the page writes "Tesla" with its capital mid-sentence: a name
    if whole and _NOT_A_VERB.match(text, cue.end()):
        return None  # "Outlays for …", "Net outlays of the …": a part of something the sentence names
    change = next((m for m in found if v.measures[" ".join(m.group("m").lower().split())] in _CHANGES), None)
    reach = _CHANGE_GAP if whole else _PART_GAP
    if change is None or len(text[cue.end() : change.start()].split()) > reach:
        return None
    if any(ch.isdigit() for ch in text[cue.end() : change.start()]):
        return None
    return (measure if whole else name), change
