"""A document's text → its candidate claims, sentence by sentence.

For each sentence: its quantities (scanner.py), place mentions (gazetteer.py), clauses
and periods; then for each quantity that can be a claim, who it is about (who.py),
what it counts and its value string (what.py), when it holds and whether it is a
projection (when.py); then the partitive counts (partitives.py) and the links of a
stated rate to the counts it was computed from. Candidates keep the first claim of
an entity and value, with ids (candidates.py).

Which numbers are claims: those with a unit (written, or taken from the sentence
when a scale word shows it is an amount: "in Japan there are over 5.5 million");
not years, ranks, ordinals, list numbers, time spans, bare numbers; counts of
things a study looked at ("150 of the world's cities") only when the study's
author is named.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date

from ..errors import ReconcileError
from ..lexicon import percent_words, plural
from ..model import Policy
from ..units import get_units
from ..values import parse_value
from .candidates import CandidateClaim, Candidates, ExtractedDocument, could_be_computed
from .changes import link_changes
from .comparisons import measure_from_sentence, read_comparison
from .confidence import assess
from .context import Memory, Period, Sentence
from .dates import parse_published, resolve_day
from .gazetteer import Mention, gazetteer
from .page import PLACE_KINDS
from .partitives import partitives
from .quantities import Quantity
from .relative import date_relative
from .review import settle
from .scanner import scan_line
from .sentences import clauses, split_sentences, title
from .tables import find_tables
from .unowned import as_guesses, on_the_page, unowned_doubt, worth_review
from .vocabulary import ExtraNouns, Lexicon, lexicon, vocabulary
from .what import (
    as_points,
    carry_rate,
    has_scale,
    nearby_noun,
    nouns_for,
    refers_back,
    scope_for,
    value_string,
    whole_of_part,
)
from .when import (
    date_forecasts,
    date_running_counts,
    find_periods,
    is_base_year,
    is_continuation,
    mark_time,
    note_forecasters,
    remember_projections,
    title_figures,
    title_year,
)
from .who import (
    UNSURE,
    coordinated,
    entity_for,
    note_authors,
    opens_with_non_place,
    picks_a_set,
    resolve_references,
    without_dateline,
)

__all__ = ["extract_document"]

_MONTH_DAY = re.compile(r"/(?:[12]\d|3[01]|0?[1-9])(?:/\d{2,4})?(?![\d/])")
_OF_THE_BEFORE = re.compile(r"\bof\s+the\s+(?:top\s+)?$", re.I)  # "150 of the (top) ...": a study's sample
# (?<![\d,.])(?:1[89]\d\d|20\d\d)(?![\d,]), starting with the character class [12] so that the
# regex engine skips to the next 1 or 2 of a search instead of trying every position
_YEAR = re.compile(r"[12](?<![\d,.].)(?:(?<=1)[89]|(?<=2)0)\d\d(?![\d,])")
_HEADING_MAX_WORDS = 8
_Analysis = tuple[tuple[Mention, ...], tuple[Quantity, ...], tuple[int, ...], tuple[Period, ...], int, int]
_REMEMBERED = 4096  # different sentences whose own analysis a document keeps (a few MB)
# \b[Aa]s\s+(?:of|at)…, starting with the class [Aa] so that a search skips to the next a or A
_AS_OF = re.compile(
    r"[Aa](?<!\w.)s\s+(?:of|at)\s+(?:(?:(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?)(?P<year>(?:19|20)\d\d)\b"
    r"|(?P<day>\d{1,2}/\d{1,2}(?!/)|[A-Z][a-z]+\.?\s+\d{1,2}\b(?!,?\s*\d{4})))"
)


def extract_document(
    text: str,
    *,
    document: str,
    source_id: str,
    extra_nouns: ExtraNouns | None = None,
    published: str | date | None = None,
) -> ExtractedDocument:
    """Candidate claims of one document's text (pure). `published`, the document's date when
    known, dates what the text dates relative to it ("last year", "on Monday", "as of 9/29")."""
    reader = _Reader(text, lexicon(extra_nouns))
    reader.memory.published = parse_published(published)
    claims = reader.run()
    date_running_counts(claims, text, reader.memory.published, reader.memory.doc_years)
    settle(claims, reader.lex.canonical_nouns)
    claims = _readable(claims, extra_nouns)
    return ExtractedDocument(
        source_id=source_id, document=document, title=title(text), claims=claims, quantities=reader.n_quantities
    )


def _readable(claims: list[CandidateClaim], extra_nouns: ExtraNouns | None) -> list[CandidateClaim]:
    """Only candidates whose value `check` reads: a value string the scanner put together wrongly
    ("4.5 trillion mile ** 2 per 1e6") is dropped, never written for a reviewer to find refused,
    and a result computed from it keeps no `computed_from`."""
    units = get_units(extra_nouns or None)
    kept = []
    refused: set[str] = set()  # value strings `check` does not read
    read: set[str] = set()  # and those it reads: a value string is read once
    for c in claims:
        try:
            if c.status == "needs-review":  # check reads those only once a person has filled them in
                pass
            elif c.role == "comparison":
                from ..load.comparison import comparison_value  # only for a document that compares

                comparison_value(c.value, units=units, policy=Policy())
            elif c.value in refused:
                continue
            elif c.value not in read:
                try:
                    parse_value(c.value, units=units)
                except ReconcileError:
                    refused.add(c.value)
                    raise
                read.add(c.value)
        except ReconcileError:
            continue
        kept.append(c)
    ids = {c.id for c in kept}
    for c in kept:
        if any(i not in ids for i in c.computed_from):
            c.computed_from = []
            c.links = None
    return kept


class _Reader:
    def __init__(self, text: str, lex: Lexicon):
        self.text = text
        self.lex = lex
        self.memory = Memory()
        self.candidates = Candidates()
        self.n_quantities = 0
        self.line_start = 0
        self.remembered: dict[str, _Analysis] = {}

    def run(self) -> list[CandidateClaim]:
        self.memory.doc_years = len(set(_YEAR.findall(self.text)))
        tables = find_tables(self.text, self.lex)
        starts = [t.start for t in tables]  # in document order, never overlapping
        for idx, (s, e, _para) in enumerate(split_sentences(self.text)):
            at = bisect_right(starts, s) - 1
            table = tables[at] if at >= 0 and s < tables[at].end else None
            if table is not None:  # a table's rows are read by tables.py, each about its own row
                for c in table.claims:
                    self.candidates.add(c)
                table.claims = []
                continue
            sent = self.sentence(idx, s, e)
            if idx == 0:
                self.memory.title_figures = title_figures(sent)
                self.memory.title_year = title_year(sent)
            if "\n" in self.text[self.line_start : s]:  # a new line (paragraph, list row): no carried period
                self.memory.prev_period = None
            self.line_start = e
            self.note_as_of(sent)
            if not self.heading(sent):
                made = [c for c in self.read(sent) if c.entity]
                self.memory.last_subject = made[-1].entity if made else _subject(sent) or self.memory.last_subject
                # "spreading to Europe, then to the United States with hotspots in South America, Mexico
                # and India.": no one of them is what "the total" of the next sentence refers to
                self.memory.subject_unknown = not made and _enumerates_places(sent)
            # a forecast's horizon ("predicted that by 2021 ...") does not date the facts after it
            dated = sent.periods and sent.first_projection < 0
            own = [p for p in sent.periods if not is_base_year(sent.text, p)] if dated else []  # not "compared to 2019"
            self.memory.prev_period = own[-1][2] if dated and own else None
        return self.candidates.claims

    def note_as_of(self, sent: Sentence) -> None:
        """ "As of September 2023", "as of 9/29" (with the document's date): the date later figures are for."""
        as_of = _AS_OF.search(sent.text)
        if as_of and as_of.group("year"):
            self.memory.as_of, self.memory.as_of_text = as_of.group("year"), as_of.group(0)
        elif as_of and self.memory.published:
            day = resolve_day(as_of.group("day"), self.memory.published)
            if day:
                self.memory.as_of, self.memory.as_of_text = day, as_of.group(0)

    def heading(self, sent: Sentence) -> bool:
        """A short line of its own with no figure ("China", "2022", "The United States of America")
        names what the lines under it are about; the document's title does not."""
        text = sent.text.strip()
        line_start = sent.start == 0 or self.text[sent.start - 1] == "\n"
        line_end = sent.start + len(sent.text) >= len(self.text) or self.text[sent.start + len(sent.text)] in "\r\n"
        if sent.index == 0 or not (line_start and line_end) or text.endswith((".", "!", "?")):
            return False
        if any(q.canonical_unit or has_scale(q) for q in sent.quantities) or len(text.split()) > _HEADING_MAX_WORDS:
            return False
        places = [m for m in sent.places if m.strong]
        years = _YEAR.findall(text)
        if not places and not years:
            return False
        if places:
            self.memory.heading = places[0].name
            self.memory.last_entity = self.memory.last_subject = places[0].name
        self.memory.heading_period = years[-1] if years else None
        return True

    def sentence(self, idx: int, s: int, e: int) -> Sentence:
        text = self.text[s:e]
        places, quantities, parts, periods, cue, at = self.analysed(text, s)
        if at == s:
            mentions = list(places)
        else:  # the same text read earlier at another place of the document
            mentions = [Mention(m.start - at + s, m.end - at + s, m.text, m.name, m.kind, m.country) for m in places]
        if s == 0 or self.text[s - 1] == "\n":
            mentions = without_dateline(mentions, text, s)
        named = self.memory.places_named
        if len(named) < 2:  # as page.py's only place reads the sentence (tables' rows aside: fewer)
            named.update(m.name for m in mentions if m.kind in PLACE_KINDS and m.name)
        self.n_quantities += len(quantities)
        resolved = resolve_references(mentions, self.memory)
        return Sentence(idx, s, text, self.text, list(quantities), list(parts), resolved, list(periods), cue)

    def analysed(self, text: str, at: int) -> _Analysis:
        """What a sentence's text alone says (its place mentions, positioned in the document as if
        the text were at `at`, and where that was; its quantities, clauses, periods, first
        projection cue), remembered for the last `_REMEMBERED` different sentences: a sentence
        repeated in a document (a boilerplate line, a repeated caption) is scanned once."""
        known = self.remembered.get(text)
        if known is None:
            if len(self.remembered) >= _REMEMBERED:
                self.remembered.clear()
            cue = vocabulary().projection.search(text)
            quantities = tuple(scan_line(text, self.lex))
            known = (
                tuple(gazetteer().mentions(text, at)),
                quantities,
                tuple(clauses(text)) if quantities else (),  # only a quantity's clause is ever asked for
                tuple(find_periods(text)),
                cue.start() if cue else -1,
                at,
            )
            self.remembered[text] = known
        return known

    def read(self, sent: Sentence) -> list[CandidateClaim]:
        memory = self.memory
        note_authors(sent, memory)
        projecting = note_forecasters(sent, memory)
        continuation = is_continuation(sent.text)
        subject_is_other = opens_with_non_place(sent)
        made: list[CandidateClaim] = []
        for qi, q in enumerate(sent.quantities):
            claim = _claim_for(sent, qi, made, memory, self.lex, subject_is_other)
            if claim is None:
                continue
            mark_time(claim, sent, qi, memory, continuation)
            claim.scope = scope_for(sent, q)
            entity_doubt = claim.doubts.pop() if claim.doubts else None
            read_comparison(claim, sent, q)
            assess(claim, sent, memory, self.lex, entity_doubt)
            date_relative(claim, sent, qi, made, memory)
            _abstain(claim)
            if not claim.entity:
                if not worth_review(claim):
                    continue
                as_guesses(claim)
            else:
                on_the_page(claim, sent)
            made += _each_of(claim, coordinated(sent, q, claim.entity) if "entity" not in claim.missing else [])
        carry_rate(made, sent.text)
        measure_from_sentence(made, self.lex.canonical_nouns)
        made += partitives(sent, made, memory, self.lex)
        if projecting:
            date_forecasts(sent, made, memory)
        link_changes(made, sent)
        _link(made, self.candidates.claims, sent.index)
        _link_ratio(made, sent.text)
        for c in made:
            c.sentence = sent.index
            if self.candidates.add(c) and c.entity:
                memory.last_entity = c.entity
        remember_projections(made, memory)
        return made


def _each_of(claim: CandidateClaim, names: list[str]) -> list[CandidateClaim]:
    """The claim, or one claim for each of the places it is said of (the first named first)."""
    if not names:
        return [claim]
    return [
        replace(claim, entity=name, doubts=list(claim.doubts), missing=list(claim.missing), computed_from=[])
        for name in names
    ]


_PLACE_NOUNS = frozenset({"country", "city"})  # canonical nouns of kinds of place
_CHANGE_WORDS = frozenset({"change", "changes", "changed"})


def _abstain(claim: CandidateClaim) -> None:
    """Fields a figure leaves open however well it is read:
    - a count of places ("seven countries", "over 60 countries") counts those that meet a
      condition the sentence states (the lowest doctor ratios, a wind and solar record):
      what it measures is for a person to write;
    - a change with no period ("grew 3.2 percent", "GDP growth rate: 1.6%"): a change is
      over a period, and two undated changes of one measure are two periods, not a dispute."""
    q = claim.quantity
    if q is None:
        return
    if q.form == "count" and claim.noun in _PLACE_NOUNS:
        claim.lacks("measure", f"a count of {plural(claim.noun)}: which ones it counts is for a person")
    if q.form == "percent" and claim.period is None and "period" not in claim.missing:
        words = set(re.findall(r"[a-z]+", f"{claim.value} {claim.measure or ''}".lower()))
        if q.qualifier and q.qualifier.lower().startswith("up"):
            words.discard("up")  # "up to 5 percent" is a bound, not a rise
        pw = percent_words()
        if words & (_CHANGE_WORDS | pw.change_verbs.keys() | pw.change_nouns.keys()):
            claim.lacks("period", "a change with no period: over which period it was measured is for a person")


_TARGET_BEFORE = re.compile(
    r"\b(?:objective|target|goal|aim|ambition|pledge)s?\s+(?:of|is|was|to\s+(?:reach|cut|halve|have))\s+"
    r"(?:[a-z]+\s+){0,3}$",
    re.I,
)
_TARGET_WORDS = ("objective", "target", "goal", "aim", "ambition", "pledge")


def _target_before(text: str, start: int, end: int) -> bool:
    """`_TARGET_BEFORE` in text[start:end]; not searched when the text is ASCII and names none of
    its words (the common case: the search tries every position)."""
    window = text[start:end]
    if window.isascii():
        low = window.lower()
        if not any(word in low for word in _TARGET_WORDS):
            return False
    return _TARGET_BEFORE.search(text, start, end) is not None


_NORM_AFTER = re.compile(
    r"(?:\s+of(?:\s+[\w’'-]+){1,3}?)?\s+(?:is|are|was|were)\s+(?:(?:often|generally|widely|usually|commonly)\s+)?(?:considered|seen\s+as|regarded\s+as)"
    r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:maximum|minimum|threshold|limit|ceiling|benchmark)\b",
    re.I,
)
_FOLLOWING_BEFORE = re.compile(r"\bfollowing\s+$", re.I)
_LIST_AFTER = re.compile(r"\s*(?:[-–—:,]+|\s)\s*")


def _announces_list(sent: Sentence, q: Quantity) -> bool:
    """ "The following seven nations ...", "two Indian cities -- Mumbai and Kota": the length of
    the list that follows, not a claim (the places named are)."""
    if _FOLLOWING_BEFORE.search(sent.text, max(0, q.span[0] - 12), q.span[0]):
        return True
    gap = _LIST_AFTER.match(sent.text, q.span[1])
    at = sent.start + (gap.end() if gap else q.span[1])
    return any(m.start == at and m.strong and m.kind in ("country", "city", "region") for m in sent.places)


def _subject(sent: Sentence) -> str | None:
    """The place a sentence without figures is about: its first, past a subordinate opener
    ("While some U.S. cities ..., Chongqing ...")."""
    start = 0
    if vocabulary().subordinator.match(sent.text):
        comma = sent.text.find(",")
        start = comma if comma != -1 else len(sent.text)
    return next((m.name for m in sent.places if m.strong and m.kind != "world" and m.start - sent.start >= start), None)


_ENUMERATION = 3  # different places named in one sentence without figures: a list, no subject


def _enumerates_places(sent: Sentence) -> bool:
    """A sentence naming several places, none of them its subject: "it" after it points at none."""
    return len({m.name for m in sent.places if m.strong and m.kind != "world"}) >= _ENUMERATION


# --------------------------------------------------------------------------- one quantity


def _claim_for(
    sent: Sentence, qi: int, made: list[CandidateClaim], memory: Memory, lex: Lexicon, subject_is_other: bool
) -> CandidateClaim | None:
    q = sent.quantities[qi] = as_points(sent.quantities[qi], sent.text)
    if not _may_be_claim(q, sent.text, lex, sent.quantities):
        return None
    study_count = q.form == "count" and _OF_THE_BEFORE.search(sent.text, max(0, q.span[0] - 30), q.span[0]) is not None
    study_count = study_count and not whole_of_part(q, sent.text)
    if study_count and not (vocabulary().study.search(sent.text) and memory.last_org):
        return None
    noun, den = nouns_for(q, qi, sent.quantities, sent.text, memory)
    noun = _cue_just_before(sent.text, qi, sent.quantities) or noun
    if noun is None and q.form not in ("percent", "fraction"):
        return None
    if q.form == "count" and noun in _PLACE_NOUNS and _announces_list(sent, q):
        return None
    noun_from_before = (
        q.form in ("count", "range") and q.canonical_unit is None and noun == memory.last_noun
        and nearby_noun(qi, sent.quantities) != noun
        and not vocabulary().population_before.search(sent.text, max(0, q.span[0] - 120), q.span[0])
        and not vocabulary().implied_re.search(sent.text, max(0, q.span[0] - 150), q.span[0])
    )  # fmt: skip
    entity, doubt = (memory.last_org, None) if study_count else entity_for(sent, q, made, memory, subject_is_other)
    if entity is None:
        if study_count or picks_a_set(sent, q):
            return None
        # whose figure it is, nothing in the text says: written with the entity empty, for review
        # (`_unowned` keeps only those whose measure is established)
        entity, doubt = "", UNSURE + unowned_doubt(sent, memory)
    value, of = value_string(q, noun, den, sent.text, made, lex)
    if value is None:
        return None
    quote, span = _quote(sent, q)
    claim = CandidateClaim(
        id="", entity=entity, value=value, quote=quote, span=span, of=of, quantity=q, noun=noun, den_noun=den
    )
    if doubt and doubt.startswith(UNSURE):
        claim.lacks("entity", doubt.removeprefix(UNSURE))
    elif doubt:
        claim.doubt(doubt)
    elif entity == "World" and (subject := _subject_before_world_adverb(sent, q)):
        claim.lacks("entity", f"'worldwide' says where, not whose: the sentence is about {subject}")
    if noun_from_before:  # "The number of unemployed fell to 5.7 million": 5.7 million of what?
        claim.lacks("measure", f"no unit written; {plural(noun or 'thing')!r} is taken from an earlier sentence")
    if not entity:
        return claim  # a figure nobody owns lends its noun to no later one
    if q.form in ("count", "range"):
        # a noun `check` does not know ("sixth" of "one-sixth better") is lent to no later figure
        known = noun is None or noun in lex.canonical_nouns or noun in lex.unit_names or noun in lex.currency_codes
        memory.last_noun = noun if known else None
    elif q.is_rate:
        memory.last_noun = noun or memory.last_noun
        # a denominator `check` does not know ("U" of "U.S. residents") is not carried to the next rate
        known_den = den is not None and (den in lex.canonical_nouns or den in lex.unit_names)
        memory.last_den = den if known_den else memory.last_den
    return claim


_WORLD_ADVERB = re.compile(r"(?:worldwide|globally|(?:around|across)\s+the\s+(?:world|globe))", re.I)


def _subject_before_world_adverb(sent: Sentence, q: Quantity) -> str | None:
    """ "Cuba's healthcare system ... exports medical professionals worldwide, resulting in 8.4
    physicians per 1,000 people": the figure's clause names the world only as an adverb of place,
    after a sentence that opens on another place. Whose figure it is, is for a person; the place
    before it, when there is one."""
    a, b = sent.clause_of(q)
    world = [m for m in sent.places if m.kind == "world" and a <= m.start - sent.start < b]
    if not world or not all(_WORLD_ADVERB.fullmatch(m.text) for m in world):
        return None
    before = [m for m in sent.places if m.strong and m.kind != "world" and m.start - sent.start < a]
    return before[0].name if before else None


_CUE_REACH = 60  # characters before a bare figure in which a noun cue names what it counts


def _cue_just_before(text: str, qi: int, qs: list[Quantity]) -> str | None:
    """ "with the most deaths, tallying a world-leading 204,752 and 7,114,235 cases": a bare figure
    right after a phrase naming what it counts, with no figure between, counts that, not what
    the figure after it counts."""
    q = qs[qi]
    if q.form != "count" or q.canonical_unit is not None or q.unit is not None or q.group is not None:
        return None
    start = max(qs[qi - 1].span[1] if qi else 0, q.span[0] - _CUE_REACH)
    cues = list(vocabulary().implied_re.finditer(text, start, q.span[0]))
    return vocabulary().implied[" ".join(cues[-1].group("p").lower().split())] if cues else None


def _restates_base(rate: Quantity, q: Quantity) -> bool:
    """ "per 0.38 square mile (1 square kilometer)": an area in brackets right after a rate per area."""
    d = rate.denominator
    if not rate.is_rate or d is None or not 0 <= q.span[0] - rate.span[1] <= 2 or q.canonical_unit is None:
        return False
    return "**" in q.canonical_unit and d.canonical_unit is not None and "**" in d.canonical_unit


def _in_millions(q: Quantity) -> bool:
    """ "a 500 million-pixel camera system": a modifier that large is a figure someone can check."""
    return isinstance(q.value, int | float) and abs(q.value) >= 1e6


def _rank_before(text: str, start: int, end: int) -> bool:
    """`rank_before` in text[start:end] ("top 10", "No. 3", "ranked 5th"), whose match ends the
    window but for white space: not searched in an ASCII window that does not end with one of
    its words (the search tries every position)."""
    v = vocabulary()
    window = text[start:end]
    if window.isascii() and not window.rstrip().lower().endswith(v.rank_words):
        return False
    return v.rank_before.search(text, start, end) is not None


def _may_be_claim(q: Quantity, text: str, lex: Lexicon, others: list[Quantity]) -> bool:
    """Not claims: ranks ("top 10 cities"), time spans, bare numbers, partitives ("150 of the ...")."""
    v = vocabulary()
    if _rank_before(text, max(0, q.span[0] - 40), q.span[0]):
        return False
    if q.form == "count" and q.canonical_unit in lex.durations:
        return False
    if q.form == "count" and q.unit is None and _MONTH_DAY.match(text, q.span[1]) and 1 <= q.low <= 12:
        return False  # "as of 9/29": a month and its day, not a figure
    if _target_before(text, max(0, q.span[0] - 40), q.span[0]):
        return False  # "its objective of less than 11,500 deaths in 2030": a goal, not a figure of fact
    if _NORM_AFTER.match(text, q.span[1]):
        return False  # "a rate of about 85% is often considered a maximum": a norm, not anyone's figure
    if q.attributive and q.canonical_unit not in lex.currency_codes and not _in_millions(q):
        return False  # "the seven-phase election", "a 1.5-degree-Celsius budget": describes a thing
    before = text[max(0, q.span[0] - 2) : q.span[0]]
    if before.endswith("(") and any(_restates_base(o, q) for o in others):
        return False  # "per 0.38 square mile (1 square kilometer)": the rate's base restated
    if q.low < 0 and q.form not in ("percent",):
        return False  # a negative count or amount is a change, which a value string cannot say yet
    bare = q.form in ("count", "range") and (q.unit is None or q.canonical_unit is None)
    if bare and q.group is None and not has_scale(q):  # only then the search (every position of 150 characters)
        implied = v.implied_re.search(text, max(0, q.span[0] - 150), q.span[0]) is not None or refers_back(q, text)
        if not implied:
            return False
    # a partitive ("150 of the world's ... cities") is read by partitives.py
    return not (q.form == "count" and v.partitive_after.match(text, q.span[1]) and q.unit is None)


def _quote(sent: Sentence, q: Quantity) -> tuple[str, tuple[int, int]]:
    """The clause around the figure (cut at commas when long), with its span in the document."""
    text = sent.text
    a, b = sent.clause_of(q)
    if b - a > 160:
        left = text.rfind(", ", a, q.span[0])
        a = left + 2 if left != -1 and q.span[0] - left < 120 else a
        right = text.find(", ", q.span[1], b)
        b = right if right != -1 else b
    seg = text[a:b]
    a += len(seg) - len(seg.lstrip(" ;,—–-"))
    seg = seg.strip(" ;,—–-").rstrip(".")
    return seg, (sent.start + a, sent.start + a + len(seg))


# --------------------------------------------------------------------------- links


def _link(made: list[CandidateClaim], earlier: list[CandidateClaim], idx: int) -> None:
    """A stated rate and the two counts it was computed from: the pair of its own
    statement ("X cameras for Y people: Z per person"), else the counts stated before it
    in its own sentence (or list row) — never a figure of another row."""
    for r in made:
        q = r.quantity
        if q is None or not q.is_rate or not r.noun or not r.den_noun or not r.entity:
            continue
        pair = [c for c in made if c.quantity is not None and c.quantity.group is not None and c.entity == r.entity]
        a = next((c for c in pair if c.noun == r.noun), None)
        b = next((c for c in pair if c.noun == r.den_noun and c is not a), None)
        if a is None or b is None:
            before = [c for c in made if c.quantity is not None and c.quantity.span[0] < q.span[0]]
            counts = [c for c in before if _same_counts_as(c, r)]
            a = next((c for c in reversed(counts) if c.noun == r.noun), None)
            b = next((c for c in reversed(counts) if c.noun == r.den_noun), None)
            if a is None or b is None or not (a in made or b in made):
                continue
        if not could_be_computed(r, (a, b)):
            r.doubt("stated more precisely than the figures it follows from: not linked by computed_from")
            continue
        r.links = (a, b)
        r.computed_from = ["?", "?"]


# Between the second of two counts and a percentage: words saying the percentage is their
# ratio ("204,752 and 7,114,235 cases for a 3.1% mortality rate", "..., or 67%", "that is 4%").
_RATIO_CUE = re.compile(
    r"^[\s,;]*(?:(?:for|giving|making|with|at)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:rate\s+of\s+)?"
    r"|(?:or|that\s+is|i\.e\.|which\s+is)\s+(?:a\s+|an\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+)?"
    r"|(?:a|an)\s+(?:[\w-]+\s+){0,2}?rate\s+of\s+)$",
    re.I,
)


def _link_ratio(made: list[CandidateClaim], text: str) -> None:
    """A percentage stated as the ratio of the two counts right before it in its sentence (words
    between them say so: `_RATIO_CUE`), about one entity and period: computed_from those two.
    The arithmetic check then divides them, whatever they count (deaths ÷ cases, votes ÷ electors)."""
    for i, r in enumerate(made):
        q = r.quantity
        if i < 2 or q is None or q.form != "percent" or q.share_of or r.computed_from or r.status == "needs-review":
            continue
        a, b = made[i - 2], made[i - 1]
        if a.quantity is None or b.quantity is None or not (_same_counts_as(a, r) and _same_counts_as(b, r)):
            continue
        if a.period != r.period or b.period != r.period or "needs-review" in (a.status, b.status):
            continue
        if not _RATIO_CUE.match(text[b.quantity.span[1] : q.span[0]]):
            continue
        if r.measure is not None and r.measure.split()[-1].lower() not in ("rate", "ratio"):
            continue  # "with a 20% share (of world deaths)", "for a 5% increase": no ratio of the two
        if not could_be_computed(r, (a, b)):
            r.doubt("stated more precisely than the figures it follows from: not linked by computed_from")
            continue
        r.links = (a, b)
        r.computed_from = ["?", "?"]


def _same_counts_as(c: CandidateClaim, rate: CandidateClaim) -> bool:
    """A count about the rate's entity and scope."""
    q = c.quantity
    return c.entity == rate.entity and q is not None and c.scope == rate.scope and q.form == "count" and not q.is_rate
