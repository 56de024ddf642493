"""Who a number is about.

In order: the demonym in its unit ("one camera for every four Australians"); a place
right after it ("626 million cameras in China", "across the country"); for a
relative clause, the place before it ("Chicago, which finished ... with 13 cameras
per 1,000"); the first place named in its clause before it (the subject: "Delhi in
India has ..." is Delhi; "Outside China, Delhi ..." skips the subordinate opener);
else the first after it in the clause ("With a population of 1.4 billion, China
..."); else, in a sentence naming no place, the page's only place for the level of
an aggregate of it the sentence opens with ("Total federal outlays, however, slipped
1.4% to $6.13 trillion": page.py); else the sentence's previous figure; else the first
place of the sentence; else the last figure's entity ("The city ...", "In a city of
15.3 million people ..."). "The country", "the nation" and "the city" resolve to the
last of that kind named (`resolve_references`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .candidates import CandidateClaim
from .context import Memory, Sentence
from .gazetteer import Mention, gazetteer
from .keywords import Keyed, key_words
from .named import document_entity
from .page import PAGE_PLACE, an_aggregate, page_place, subject_of
from .quantities import Quantity
from .vocabulary import vocabulary

__all__ = [
    "UNSURE",
    "appositive_of",
    "coordinated",
    "entity_for",
    "note_authors",
    "opens_with_non_place",
    "resolve_references",
    "without_dateline",
]

UNSURE = "unsure: "  # a doubt that starts so: the entity is not established, only guessed
_GAP_BREAK = re.compile(r"[,;:()]")
_APPOSITIVE = re.compile(r",\s+(?:a|an)\s")
_APPOSITIVE_BREAK = re.compile(r"[,;()]")


_DATELINE = re.compile(r"\s*(?::|,\s*\d{1,2}\s+[A-Z][a-z]{2}\.?(?:\s*\([A-Z]{2,}\))?|,?\s*\([A-Z]{2,}\))\s*[-–—]*")


def without_dateline(mentions: list[Mention], text: str, start: int) -> list[Mention]:
    """ "New Delhi: An estimated 67.11 percent ...", "London, 12 Apr (ONA) ---": the place a
    story was filed from, at the start of a line, is not what its figures are about."""
    first = mentions[0] if mentions else None
    if first is None or first.kind not in ("city", "country", "region") or first.start != start:
        return mentions
    mark = _DATELINE.match(text, first.end - start)
    if not mark:
        return mentions
    story = text[mark.end() :].lstrip(" -–—")
    # a story follows ("New Delhi: An estimated 67.11 percent of ..."), not a row's figure ("Germany: 3.3%")
    if not story[:1].isupper() or len(story.split()) < 8:
        return mentions
    return mentions[1:]


def resolve_references(mentions: list[Mention], memory: Memory) -> list[Mention]:
    """ "the country" / "the city" → the last country / city named; remembers the places named."""
    resolved: list[Mention] = []
    for m in mentions:
        if m.kind == "country-ref":
            # "the nation": the country the sentence before was about, else the last one named
            subject = memory.last_subject
            country = subject if subject and _is_country(subject) else memory.last_country
            m = replace(m, name=country, kind="country") if country else m
        elif m.kind == "city-ref":
            city = memory.last_city or memory.last_entity
            m = replace(m, name=city, kind="city") if city else m
        elif m.kind == "country" or (m.kind == "region" and m.country is None):
            memory.last_country = m.name if m.kind == "country" else memory.last_country
        elif m.kind == "city":
            memory.last_city = m.name
        resolved.append(m)
    return resolved


def _is_country(name: str) -> bool:
    known = gazetteer().lookup(name)
    return known is not None and known[1] == "country"


def note_authors(sent: Sentence, memory: Memory) -> None:
    """A sentence about a study remembers its author ("Comparitech found ...", "according to IHS")."""
    v = vocabulary()
    authors = [
        o
        for o in sent.orgs
        if v.author_verbs.match(sent.text, o.end - sent.start)
        or v.author_before.search(sent.text, max(0, o.start - sent.start - 40), o.start - sent.start)
    ]
    if authors and v.study.search(sent.text):
        memory.last_org = authors[-1].name


def opens_with_non_place(sent: Sentence) -> bool:
    """The sentence opens with a name that is not a place ("Jonathan manages ...")."""
    first = next((m for m in sent.mentions), None)
    if first is None or first.kind != "org" or vocabulary().measure_re.search(first.text):
        return False  # "GDP: $4,309 billion", "Annual GDP Growth Rate: 1.6%" name a measure, not a subject
    return sent.text[: first.start - sent.start].strip() == ""


def picks_a_set(sent: Sentence, q: Quantity) -> bool:
    """ "eight cities with populations over 10 million": the figure says which cities, it is no
    figure of any place (not even one to review)."""
    return _CONDITION_OF_A_SET.search(sent.text, max(0, q.span[0] - 80), q.span[0]) is not None


def entity_for(
    sent: Sentence, q: Quantity, made: list[CandidateClaim], memory: Memory, subject_is_other: bool
) -> tuple[str | None, str | None]:
    """Who the quantity is about (see the module's docstring), or None; and, when it was
    not named in the figure's own clause, how it was guessed (the doubt a reviewer reads)."""
    if q.entity_hint:
        return q.entity_hint, None
    if picks_a_set(sent, q):
        return None, None
    owner = _parenthetical_owner(sent, q) or _row_label(sent, q) or _possessor(sent, q) or _adjacent_owner(sent, q)
    if owner is not None:
        return owner, None
    c_start, c_end = (sent.start + c for c in sent.clause_of(q))
    named = _place_right_after(sent, q, c_end)
    if named is not None:
        return named, None
    subject = _named_subject(sent, c_start, c_end) or _named_after(sent, q, c_end)
    own = document_entity(sent.document, subject) if subject is not None else None
    if own is not None:  # "Heathrow is 3 per cent below ...", the page's own subject: named.py
        return own, None
    entity, doubt = _place_in_context(sent, q, made, memory, subject_is_other, c_start, c_end)
    if entity is None:
        return None, None
    whole = _whole_of_share(sent, q)
    if whole is not None and entity == whole.name:
        # "With only 4% of the world's population, the nation has ...", "accounted for 85.5% of the
        # EU’s GDP": the place after "of" is the whole; the share is the part's, when one is named
        part = next(
            (
                m
                for m in sent.places
                if m.strong and m.name != whole.name and m.kind != "world" and not _negated(sent.document, m)
            ),
            None,
        )
        entity = part.name if part is not None and part.name else entity
    if subject is not None:  # "Heathrow is 3 per cent below Dallas-Fort Worth ...": Heathrow's, not a place's
        return entity, f"{UNSURE}the clause is about {subject!r}, which is no place the gazetteer knows"
    return entity, doubt


def _place_in_context(
    sent: Sentence,
    q: Quantity,
    made: list[CandidateClaim],
    memory: Memory,
    subject_is_other: bool,
    c_start: int,
    c_end: int,
) -> tuple[str | None, str | None]:
    """The place of the figure's clause, else of the statement, sentence, heading or memory."""
    in_clause = [m for m in sent.places if c_start <= m.start < c_end and not _negated(sent.document, m)]
    named = _relative_antecedent(sent, q, c_start, in_clause) or _clause_place(sent, q, c_start, c_end, in_clause)
    if named is not None:
        inner = _unknown_place_in(sent, named, c_start, q)
        if inner is not None:  # "Dharavi in Mumbai has 200,000 people per km²": Dharavi's figure
            return inner, f"{inner!r} is no place the gazetteer knows (it is in {named})"
        return named, None
    page = _page_owner(sent, q, memory)
    if page is not None:
        # "Total federal outlays, however, slipped 1.4% to $6.13 trillion" on a page about the U.S.
        # budget and no other place (unowned.on_the_page checks what the figure was read to measure)
        return page, f"{PAGE_PLACE} ({page}): a figure of the aggregate its sentence opens with"
    # a figure given the page's place is not lent to the next ("… down by 9%, to $4.44 billion - due
    # mainly to a 17% fall in income tax revenues"): each is judged on its own
    lent = made and made[-1].entity and not (made[-1].quantity and _page_owner(sent, made[-1].quantity, memory))
    if lent:  # the same statement goes on: as sure as the figure before it
        inherited = next((d for d in made[-1].doubts if d.startswith("entity")), None)
        return made[-1].entity, inherited
    before = None if memory.subject_unknown else memory.last_subject or memory.last_entity
    if subject_is_other:  # "Jonathan manages ...", "Johns Hopkins University shows the death count ..."
        return (before, None) if before and _refers_back(sent, q) else (None, None)
    # the sentence names no place in the figure's clause: the whole sentence, then the heading, then the last figure's
    named = _sentence_place(sent, q)
    if named is not None:
        return named, "entity named elsewhere in the sentence"
    if before and _refers_back(sent, q):
        return before, None  # "Its GDP ...", "The city has ...": the subject of the sentence before
    if memory.heading:
        return memory.heading, "entity taken from the heading"
    return (
        memory.last_entity,
        f"{UNSURE}entity not established (perhaps {memory.last_entity})" if memory.last_entity else None,
    )


def _page_owner(sent: Sentence, q: Quantity, memory: Memory) -> str | None:
    """The page's only place, for a figure of a sentence naming none that is the change (or a
    level it came to or from) of the aggregate the sentence opens with (page.py)."""
    if sent.places or len(memory.places_named) > 1:  # two places named already: the page has no one place
        return None
    subject = subject_of(sent, q)
    return page_place(sent.document, sent.start) if subject is not None and an_aggregate(subject) else None


_ROW_SEPARATOR = re.compile(r"^[\s]*[-–—:|][\s]*$")
_SEGMENT_BREAK = re.compile(r"[,;)(]")


_OF_THE = re.compile(r"(?:percent|per\s+cent|%)\)?\s*of\s+", re.I)


def _whole_of_share(sent: Sentence, q: Quantity) -> Mention | None:
    """The place whose total a percentage is a share of: "4% of the world's population", "18
    percent of global car sales", "85.5% of the EU’s GDP"."""
    if q.form != "percent":
        return None
    of = _OF_THE.search(sent.text, q.span[0], q.span[1] + 16)
    if of is None:
        return None
    at = sent.start + of.end()
    m = next((m for m in sent.places if at <= m.start <= at + 40), None)
    if m is None or sent.document[at : m.start].strip().lower() not in ("", "the"):
        return None
    return m if m.kind == "world" or m.text.endswith(("’s", "'s", "’")) else None


_OWNED_BY_BEFORE = re.compile(r"\s*(?:\s[a-z]+){1,2}(?:\s+of)?\s*,?\s*$")
_ON_BEFORE = re.compile(r"\bon\s+(?:the\s+)?$", re.I)
_NOUN_AFTER = re.compile(r"(?:’s|'s)?\s+[a-z]{3,}")
_COORDINATOR = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+)$")
_JOINT_WORDS = ("respectively", "together", "combined", "jointly", "between them")
_JOINT = Keyed(
    re.compile(r"\b(?:respectively|together|combined|jointly|between them)\b", re.I), key_words(_JOINT_WORDS)
)


def coordinated(sent: Sentence, q: Quantity, entity: str) -> list[str]:
    """ "Estonia, Cyprus and Latvia (all 0.2%)", "Lithuania and Poland show declines of more than
    30%": a percentage or rate said of places named together holds for each of them, first
    named first; [] when the figure is not said of such a list, or of the list as a whole
    ("combined", "together", "respectively")."""
    if not (q.form == "percent" or q.is_rate) or _JOINT.search(sent.text):
        return []
    qs = q.span[0] + sent.start
    places = [m for m in sent.places if m.strong and m.kind in ("country", "city", "region")]
    at = [i for i, m in enumerate(places) if m.name == entity and m.end <= qs]
    if not at:
        at = [i for i, m in enumerate(places) if m.name == entity and m.start >= qs][:1]
    if not at:
        return []
    i = j = at[-1]
    kind = places[i].kind

    def joined(a: Mention, b: Mention) -> bool:
        return a.kind == kind == b.kind and _COORDINATOR.match(sent.document[a.end : b.start]) is not None

    while i > 0 and joined(places[i - 1], places[i]):
        i -= 1
    while j + 1 < len(places) and joined(places[j], places[j + 1]):
        j += 1
    names = [m.name for m in places[i : j + 1] if m.name]
    if len(names) < 2 or len(set(names)) != len(names):
        return []
    # "Japan and Korea, with 13.2 and 11.5 beds": one figure each, in order, not one for all
    for o in sent.quantities:
        a, b = (o.span[1], q.span[0]) if o.span[0] < q.span[0] else (q.span[1], o.span[0])
        if o is not q and a <= b and _COORDINATOR.match(sent.text[a:b]):
            return []
    return names


_THING_AFTER = re.compile(r"^\s+(?:[a-z]+\s+){0,2}(?:in|through|at|across|within)\s+(?:the\s+)?$")


def _named_after(sent: Sentence, q: Quantity, c_end: int) -> str | None:
    """ "2.2m passengers passed through Heathrow’s terminals": a name the gazetteer does not know
    as a place, right after the figure's words, where a place would say whose figure it is."""
    qe = q.span[1] + sent.start
    nxt = next((m for m in sent.mentions if qe <= m.start < c_end), None)
    if nxt is None or nxt.kind != "org" or not nxt.name or "." in nxt.text:
        return None
    if vocabulary().measure_re.search(nxt.text) or not _THING_AFTER.match(sent.document[qe : nxt.start]):
        return None
    return nxt.name


_OF_IN = re.compile(r"\s+(?:of|in)\s+")


def _named_subject(sent: Sentence, c_start: int, c_end: int) -> str | None:
    """A name the gazetteer does not know as a place, as the subject of the figure's clause
    ("Heathrow is ...", "Last month Heathrow experienced ..."): not an author, not a measure."""
    v = vocabulary()
    for o in sent.orgs:
        if not (c_start <= o.start < c_end) or o.name is None:
            continue
        if "." in o.text or v.measure_re.search(o.text):
            continue  # "Wednesday.Sales" (a missing space), "GDP Growth Rate"
        if v.author_before.search(sent.document, max(0, o.start - 20), o.start):
            continue
        if any(_OF_IN.fullmatch(sent.document, m.end, o.start) for m in sent.places if m.end <= o.start):
            continue  # "Qingdao of Shandong Province has ...": the place's region, the place is the subject
        verb = v.subject_verb.match(sent.document, o.end)
        if verb and not v.author_verbs.match(sent.document, verb.end()):  # "The Census Bureau has estimated"
            return o.name
    return None


def _parenthetical_owner(sent: Sentence, q: Quantity) -> str | None:
    """ "Karachi in Pakistan (13 million)", "France (17.4%)", "New York (32,464 deaths, ...)": a figure
    in brackets belongs to the first place named between the bracket and the break before it."""
    text = sent.text
    opening = text.rfind("(", max(0, q.span[0] - 60), q.span[0])
    if opening == -1 or text.find(")", opening, q.span[0]) != -1:
        return None
    breaks = list(_SEGMENT_BREAK.finditer(text, max(0, opening - 80), opening))
    start = breaks[-1].end() if breaks else max(0, opening - 80)
    places = [m for m in sent.places if start <= m.start - sent.start < opening and m.strong]
    if not places:
        return None
    # the name right before the bracket ("the worst affected US states are New York (…)"),
    # unless it only says where the one before it is ("Karachi in Pakistan (13 million)",
    # "New York City in the United States (8.3 million)")
    k = len(places) - 1
    while k > 0 and sent.document[places[k - 1].end : places[k].start].strip().lower() in _WHERE_GAPS:
        k -= 1
    # a name the gazetteer does not know, placed by it: "Sao Paulo in Brazil (11 million)"
    unknown = next(
        (
            o
            for o in sent.orgs
            if o.name
            and start <= o.start - sent.start
            and sent.document[o.end : places[k].start] in (" in ", " in the ")
        ),
        None,
    )
    return unknown.name if unknown is not None else places[k].name


_WHERE_GAPS = ("in", "in the", ",")

_POSSESSIVE_GAP = re.compile(r"^(?:’s|'s|’|')\s+(?:\w+\s+)?$")


def _possessor(sent: Sentence, q: Quantity) -> str | None:
    """ "the world's 8 billion people", "China's 1.4 billion": the place whose figure it is."""
    named = [m for m in sent.places if m.strong and m.start - sent.start < q.span[0]]
    if not named:
        return None
    last = named[-1]
    gap = sent.document[last.end : q.span[0] + sent.start]
    if last.text.endswith(("’s", "'s")):
        gap = "’s" + gap
    return last.name if _POSSESSIVE_GAP.match(gap) else None


_OWNER_GAP = re.compile(r"^,\s*(?:home\s+to|with)\s+$", re.I)


def _adjacent_owner(sent: Sentence, q: Quantity) -> str | None:
    """ "... followed by Mumbai, home to 31,700 people per km²", "Monaco, with 32,000 people": the
    place right before, joined by a word that gives it the figure."""
    named = [m for m in sent.places if m.strong and m.end - sent.start <= q.span[0]]
    if not named:
        return None
    gap = sent.text[named[-1].end - sent.start : q.span[0]]
    return named[-1].name if _OWNER_GAP.match(gap) else None


def _row_label(sent: Sentence, q: Quantity) -> str | None:
    """ "Burundi - $308", "Kolkata | 15,333,000", "GDP ranking: ...": a place, a separator, the figure."""
    named = [m for m in sent.places if m.strong and m.end - sent.start <= q.span[0]]
    if not named:
        return None
    last = named[-1]
    gap = sent.text[last.end - sent.start : q.span[0]]
    if not (gap.strip() and _ROW_SEPARATOR.match(gap)):
        return None
    # "Taiyuan, China – 465,255 cameras": the row is the city, the country says where it is
    k = len(named) - 1
    while k > 0 and named[k].kind == "country" and named[k - 1].kind in ("city", "region"):
        between = sent.document[named[k - 1].end : named[k].start]
        if between.strip() not in (",", ""):
            break
        k -= 1
    # the row's label opens its line or follows the figure before it: "Mobility in Europe: over
    # 20,000 deaths ..." is a headline about something in Europe, not Europe's row
    lead = sent.text[: named[k].start - sent.start].rsplit("\n", 1)[-1]
    lead = lead[max((m.span[1] for m in sent.quantities if m.span[1] <= len(lead)), default=0) :]
    if re.search(r"[a-z]{2,}", re.sub(r"\b[Tt]he\b", "", lead)):
        return None
    return named[k].name


def _unknown_place_in(sent: Sentence, named: str, c_start: int, q: Quantity) -> str | None:
    """A capitalised name the gazetteer does not know, right before "in <the chosen place>"."""
    qs = q.span[0] + sent.start
    for m in sent.places:
        if m.name != named or not (c_start <= m.start < qs):
            continue
        for o in sent.orgs:
            if sent.document[o.end : m.start] == " in " and o.name:
                return o.name
    return None


# "eight cities with populations over 10 million", "17 countries with 10k or more deaths": the
# figure is the condition that picks a set of places, not a figure of any one of them
_SETS = ("cities", "countries", "nations", "states", "places", "regions", "towns", "airports")
_CONDITION_OF_A_SET = Keyed(
    re.compile(rf"\b(?:{'|'.join(_SETS)})\s+with\s+(?:[A-Za-z][\w-]*\s+){{0,6}}$"), key_words(_SETS)
)

_SET_OF_PLACES = re.compile(
    r"\b(?:these|those|such|all|both|each\s+of\s+the)\s+(?:\w+\s+)?(?:countries|nations|cities|states|places|regions)\b",
    re.I,
)


# "a total of 104.7 million people passed through – most of them ...": through what the clause
# does not say; like "it", the subject before
_ELIDED_OBJECT = re.compile(
    r"(?:\s+[a-z]+){0,2}?\s+(?:(?:have|had|has)\s+)?(?:passed|went|flew|flown|travell?ed|moved|came)\s+through(?=\s*(?:[-–—,.;:]|$))",
    re.I,
)


def _refers_back(sent: Sentence, q: Quantity) -> bool:
    """Before the figure, the sentence points at a subject named earlier: "It", "Such a figure",
    "That is", "In a city of", "the country"; or after it, a verb that leaves out what it goes
    through ("104.7 million people passed through –"). Not a set of places ("Each of these countries ...,
    each with at least 100 million people"): a figure about each of several names none."""
    if _SET_OF_PLACES.search(sent.text, 0, q.span[0]):
        return False
    if _ELIDED_OBJECT.match(sent.text, q.span[1]):
        return True
    return vocabulary().refers_back.search(sent.text, 0, q.span[0]) is not None or any(
        m.kind in ("country", "city") and m.text.lower().startswith("the ") for m in sent.mentions
    )


def _place_right_after(sent: Sentence, q: Quantity, c_end: int) -> str | None:
    """ "cameras in China", "across the country", "worldwide": a place a few words after the figure."""
    qe = q.span[1] + sent.start
    for m in sent.places:
        if qe <= m.start < min(c_end, qe + 70) and m.kind != "demonym":
            gap = sent.document[qe : m.start]
            if _GAP_BREAK.search(gap) or len(gap.split()) > 7 or any(ch.isdigit() for ch in gap):
                return None
            if m.kind == "world" and gap.strip() == "":
                return m.name
            if _ON_BEFORE.search(gap) and _NOUN_AFTER.match(sent.document, m.end):
                return m.name  # "over 20,000 deaths in one year on EU roads"
            if vocabulary().place_after.search(gap) or m.text.lower() == "nationwide":
                return m.name
            return None
    return None


def _relative_antecedent(sent: Sentence, q: Quantity, c_start: int, in_clause: list[Mention]) -> str | None:
    """ "Chicago, which finished ... with 13 cameras per 1,000": the place the clause is about."""
    if not vocabulary().relative.match(sent.document, c_start):
        return None
    qs = q.span[0] + sent.start
    antecedent = [
        m for m in sent.places if sent.start <= m.start < c_start and m.strong and not _negated(sent.document, m)
    ]
    own = [m for m in in_clause if m.start < qs and m.strong]
    return antecedent[-1].name if antecedent and not own else None


def _clause_place(sent: Sentence, q: Quantity, c_start: int, c_end: int, in_clause: list[Mention]) -> str | None:
    """The first place of the figure's clause before it (its subject), else the first after it;
    strong places (countries, cities) before weak ones, a subordinate opener skipped."""
    qs = q.span[0] + sent.start
    if vocabulary().subordinator.match(sent.document, c_start, c_end):
        comma = sent.document.find(",", c_start, qs)
        if comma != -1:
            in_clause = [m for m in in_clause if m.start > comma]
    strong = [m for m in in_clause if m.strong and not _inside(m, q, sent.start)]
    weak = [m for m in in_clause if not m.strong and not _inside(m, q, sent.start)]
    pool = strong or weak
    before = [m for m in pool if m.start < qs]
    if before:
        return _after_fronted_phrase(sent, before, qs).name
    after = [m for m in pool if m.start >= qs]  # (the whole of a share may sit inside the figure's words)
    return after[0].name if after else None


def _after_fronted_phrase(sent: Sentence, before: list[Mention], qs: int) -> Mention:
    """The first place before the figure, unless a comma sets it apart in a phrase of its own and
    the figure's own part names another ("... from the coronavirus in mainland China, the global
    death toll passed 1 million"); "Delhi, India has ..." is Delhi (a city and its country)."""
    possessive = before[0].text.endswith(("’s", "'s"))
    if possessive and len(before) > 1 and _OWNED_BY_BEFORE.match(sent.document, before[0].end, before[1].start):
        before = before[1:]  # "China’s city of Harbin with 411 CCTVs": Harbin's
    comma = sent.document.rfind(",", before[0].end, qs)
    if comma == -1:
        return before[0]
    later = [m for m in before if m.start > comma]
    if not later:
        return before[0]
    earlier = [m for m in before if m.end <= comma]
    last_earlier = earlier[-1] if earlier else before[0]
    if sent.document[last_earlier.end : comma].strip() == "" and later[0].kind == "country":
        return before[0]  # "Delhi, India": the city, then where it is
    return later[0]


def _sentence_place(sent: Sentence, q: Quantity) -> str | None:
    """A place named before the figure in another clause of its sentence; one named only after it,
    in a clause of its own ("..., with China accounting for 60%"), is that clause's subject."""
    qs = q.span[0] + sent.start
    places = [
        m
        for m in sent.places
        if m.strong and m.start < qs and not _negated(sent.document, m) and not _inside(m, q, sent.start)
    ]
    return places[0].name if places else None


def appositive_of(sent: Sentence, q: Quantity) -> str | None:
    """ "the Skynet Project, a national system for putting 20 million cameras": the
    figure describes the named thing, which becomes the claim's scope."""
    text = sent.text
    comma = text.rfind(",", 0, q.span[0])
    if comma == -1 or not _APPOSITIVE.match(text[comma:]):
        return None
    if _APPOSITIVE_BREAK.search(text[comma + 1 : q.span[0]]):
        return None
    named = next((o for o in sent.orgs if o.end - sent.start == comma), None)
    return named.name if named is not None else None


def _negated(document: str, m: Mention) -> bool:
    """ "unlike China, ...": the place is named to be set aside."""
    return vocabulary().negator.search(document, max(0, m.start - 20), m.start) is not None


def _inside(m: Mention, q: Quantity, s: int) -> bool:
    """The mention is part of the figure's own phrase ("Chinese cameras"); the whole of a
    share ("18 percent of global car sales") still says whose share it is."""
    return q.span[0] + s <= m.start < q.span[1] + s and not (m.kind == "world" and q.form == "percent")
