"""Article text → candidate claims (`reconcile extract`).

Three pure stages, then one write:

    text ──sentences──▶ quantities (quantities.py) + place mentions (gazetteer.py) + periods
         ──claims────▶ who each number is about, when, estimate or projection, in which unit
         ──ExtractedDocument──▶ write_claim_file: merge with what a person already reviewed

Who a number is about: the demonym in its unit ("one camera for every four
Australians"); else a place right after it ("626 million cameras in China",
"across the country"); else the first place named in its clause before it (the
subject: "Delhi in India has ..." is Delhi; "Outside China, Delhi ..." skips the
subordinate opener); else the first after it in the clause ("With a population of
1.4 billion, China ..."); else the sentence's previous figure; else the last
figure's entity ("The city ...", "In a city of 15.3 million people ..."). "The
country", "the nation" and "the city" resolve to the last of that kind named.

Which numbers are claims: those with a unit (written, or taken from the sentence
when a scale word shows it is an amount: "in Japan there are over 5.5 million");
not years, ranks, ordinals, list numbers, time spans, bare numbers; counts of
things a study looked at ("150 of the world's cities") only when the study's
author is named. Everything here is vocabulary in data/extract.toml, nothing names
a topic.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import LoadError
from .gazetteer import Mention, gazetteer
from ..lexicon import plural as _plural
from ..lexicon import read_toml
from .scanner import Lexicon, Quantity, lexicon, scan_line

__all__ = [
    "CandidateClaim", "ExtractedDocument", "WriteResult", "extract_document", "write_claim_file",
    "read_document", "extract_paths", "quantities_command", "source_id_for",
]

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


# --------------------------------------------------------------------------- objects


@dataclass(slots=True)
class CandidateClaim:
    id: str
    entity: str
    value: str
    quote: str
    span: tuple[int, int]  # of the quote, in the document: text[span[0]:span[1]] == quote
    period: str | None = None
    kind: str = "estimate"
    scope: str | None = None
    of: str | None = None
    computed_from: list[str] = field(default_factory=list)
    quantity: Quantity | None = None  # what it was built from (not written)
    noun: str | None = None  # the counted noun of a count; the numerator of a rate
    den_noun: str | None = None  # the denominator of a rate
    sentence: int = 0
    links: tuple["CandidateClaim", "CandidateClaim"] | None = None  # the claims computed_from names

    def to_yaml_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "entity": self.entity, "value": self.value}
        if self.scope:
            out["scope"] = self.scope
        if self.of:
            out["of"] = self.of
        out["quote"] = self.quote
        out["span"] = [self.span[0], self.span[1]]
        if self.period:
            out["period"] = int(self.period) if self.period.isdigit() else self.period
        if self.kind != "estimate":
            out["kind"] = self.kind
        if self.computed_from:
            out["computed_from"] = list(self.computed_from)
        out["status"] = "candidate"
        return out


@dataclass(slots=True)
class ExtractedDocument:
    source_id: str
    document: str
    title: str | None
    claims: list[CandidateClaim]
    quantities: int = 0  # how many quantities the text had (claims are a subset)


@dataclass(frozen=True, slots=True)
class WriteResult:
    path: Path
    added: int
    kept: int
    created: bool


# --------------------------------------------------------------------------- vocabulary


class _Vocab:
    def __init__(self) -> None:
        ext = read_toml("extract.toml")
        proj = ext["projection"]
        alt = lambda words: "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))  # noqa: E731
        self.projection = re.compile(rf"(?<![\w-])(?:{alt(proj['cues'])})(?![\w-])", re.I)
        self.continuation = re.compile(rf"^\W*(?:{alt(proj['continuations'])})\b", re.I)
        per = ext["periods"]
        self.period = re.compile(
            rf"(?<![\w-])(?P<cue>{alt(per['before'])})\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
            rf"(?:(?:{alt(per['months'])})\.?\s+(?:\d{{1,2}},?\s+)?)?(?P<year>1[89]\d\d|20\d\d)(?![\d,.]\d)(?!\s*(?:-|–|to)\s*\d)",
            re.I,
        )
        self.month_year = re.compile(rf"(?<![\w-])(?:{alt(per['months'])})\.?\s+(?P<year>1[89]\d\d|20\d\d)\b", re.I)
        ents = ext["entities"]
        self.subordinator = re.compile(rf"\W*(?:{alt(ents['subordinators'])})\b", re.I)
        self.negator = re.compile(rf"(?:{alt(ents['negators'])})\s+(?:the\s+)?$", re.I)
        study = ext["study"]
        self.study = re.compile(rf"(?<![\w-])(?:{alt(study['cues'])})(?![\w-])", re.I)
        self.author_verbs = re.compile(rf"\s+(?:{alt(study['author_verbs'])})\b", re.I)
        self.scopes = {" ".join(k.lower().split()): v for k, v in ext["scopes"].items()}
        self.scope_re = re.compile(rf"\s*\)?\s*(?P<s>{alt(self.scopes)})\b", re.I)
        self.durations = frozenset(w.lower() for w in ext["durations"]["words"])


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


# --------------------------------------------------------------------------- sentences

_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Prof|Inc|Ltd|Co|Corp|No|vs|etc|e\.g|i\.e|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K)\.)$")
_SENT_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence; a line break always ends a sentence
    (headings and list items are their own sentences), a blank line a paragraph."""
    out: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        if not line.strip():
            para += 1
            pos += len(line)
            continue
        start = pos + (len(line) - len(line.lstrip()))
        end_line = pos + len(line.rstrip())
        s = start
        for m in _SENT_END.finditer(text, start, end_line):
            if _ABBREV.search(text[max(s, m.start() - 6):m.start() + 1]):
                # "U.S. cities", "Dr. Smith": an abbreviation, unless a sentence opener follows
                nxt = text[m.end():m.end() + 20].split(" ")[0]
                if nxt.lower() not in ("the", "in", "it", "this", "but", "and"):
                    continue
            if len(text[s:m.start() + 1].strip()) > 1:
                out.append((s, m.start() + len(m.group(0).rstrip()), para))
                s = m.end()
        if s < end_line:
            out.append((s, end_line, para))
        pos += len(line)
    return out


_CLAUSE_BREAK = re.compile(
    r";|,?\s+and\s+(?=[A-Z])|,\s+(?=(?:which|while|whereas|of\s+which|but|according\s+to|making|whilst)\b)|\s+(?=(?:while|whereas)\s)|\s-\s|\s—\s",
    re.I,
)


def _clauses(sentence: str) -> list[int]:
    """Start offsets of the clauses of a sentence (0 first)."""
    return [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)]


# --------------------------------------------------------------------------- extraction


@dataclass(slots=True)
class _State:
    last_country: str | None = None
    last_city: str | None = None
    last_entity: str | None = None
    last_org: str | None = None
    last_noun: str | None = None  # the last counted noun of a count or a rate's numerator
    last_den: str | None = None  # the last rate denominator
    projecting_orgs: dict[str, str | None] = field(default_factory=dict)  # org → period of its forecast
    prev_projected: dict[str, str | None] = field(default_factory=dict)  # noun → period, previous sentence
    prev_continuation_source: list[CandidateClaim] = field(default_factory=list)


_RANK_BEFORE = re.compile(r"(?:\btop|\bNo\.|\bnumber|\branked|\brank|\bamong|#)\s*$", re.I)
_PARTITIVE_AFTER = re.compile(r"^\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?", re.I)
_OF_THE_BEFORE = re.compile(r"\bof\s+the\s+(?:top\s+)?$", re.I)
_ARE_IN = re.compile(r"^\s+(?:are|were|is|was|lie|lay|are\s+located|were\s+located)\s+in\s+", re.I)
_OF_THE_TOP_SENT = re.compile(
    r"\bOf\s+the\s+(?P<top>top\s+)?(?P<n>\d[\d,]*)\s+(?P<noun>[a-z]+)[^,;]*,\s+(?P<m>[A-Za-z]+|\d[\d,]*)\s+(?:are|were)\s+in\s+",
)
_NUMBER_WORD = re.compile(r"[A-Za-z]+|\d[\d,]*")
_POPULATION_BEFORE = re.compile(r"\bpopulations?\b(?:\s+\w+){0,4}\s*$", re.I)


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "claim"


def source_id_for(path: str | Path) -> str:
    return _slug(Path(path).stem)


class _Extractor:
    def __init__(self, text: str, lex: Lexicon):
        self.text = text
        self.lex = lex
        self.gaz = gazetteer()
        self.v = _vocab()
        self.state = _State()
        self.claims: list[CandidateClaim] = []
        self.n_quantities = 0
        self.ids: set[str] = set()
        self.seen: dict[tuple[str, str], CandidateClaim] = {}

    # -- driver
    def run(self) -> list[CandidateClaim]:
        sentences = split_sentences(self.text)
        for idx, (s, e, _para) in enumerate(sentences):
            self.sentence(idx, s, e)
        return self.claims

    def sentence(self, idx: int, s: int, e: int) -> None:
        text = self.text[s:e]
        st = self.state
        mentions = self.gaz.mentions(text, s)
        quantities = scan_line(text, self.lex)
        self.n_quantities += len(quantities)
        clauses = _clauses(text)
        # resolve "the country" / "the city" in order, updating what was named last
        resolved: list[Mention] = []
        for m in mentions:
            if m.kind == "country-ref":
                m = replace(m, name=st.last_country, kind="country") if st.last_country else m
            elif m.kind == "city-ref":
                m = replace(m, name=st.last_city or st.last_entity, kind="city") if (st.last_city or st.last_entity) else m
            elif m.kind == "country" or (m.kind == "region" and m.country is None):
                st.last_country = m.name if m.kind == "country" else st.last_country
            elif m.kind == "city":
                st.last_city = m.name
            resolved.append(m)
        orgs = [m for m in resolved if m.kind == "org"]
        places = [m for m in resolved if m.kind != "org" and m.name]
        authors = [o for o in orgs if self.v.author_verbs.match(text, o.end - s)
                   or re.search(r"\b(?:by|according\s+to|from|firm|company|agency)\s+$", text[: o.start - s], re.I)]
        if authors and self.v.study.search(text):
            st.last_org = authors[-1].name
        projecting = self.v.projection.search(text)
        if projecting:
            for o in orgs:
                if o.start - s < projecting.start():
                    st.projecting_orgs[o.name] = None  # filled with the sentence's period below
        continuation = bool(self.v.continuation.match(text))
        subject_is_other = self._non_place_subject(text, resolved, s)

        made: list[CandidateClaim] = []
        periods = self._periods(text)
        for qi, q in enumerate(quantities):
            claim = self.claim_for(q, qi, quantities, text, s, clauses, places, made, subject_is_other)
            if claim is None:
                continue
            # time: a period before the figure carries forward; one after it belongs to it alone
            claim.period = self._period_for(q, quantities, qi, periods)
            cue = self.v.projection.search(text, 0, q.span[1])
            if cue and (cue.start() < q.span[0] or cue.start() < q.span[1]):
                claim.kind = "projection"
            if continuation and st.prev_continuation_source:
                if claim.noun in st.prev_projected:
                    claim.kind = "projection"
                    claim.period = claim.period or st.prev_projected[claim.noun]
            for org, period in st.projecting_orgs.items():
                if org in text[: q.span[0]] and claim.kind != "projection":
                    claim.kind = "projection"
                    claim.period = claim.period or period
            scope = self.v.scope_re.match(text, q.span[1])
            if scope:
                claim.scope = self.v.scopes[" ".join(scope.group("s").lower().split())]
            elif (named := self._appositive_of(text, q, s, orgs)) is not None:
                claim.scope = named
            made.append(claim)
        made += self.partitives(text, s, places, made)
        if projecting:
            for org in st.projecting_orgs:
                if org in text and st.projecting_orgs[org] is None:
                    st.projecting_orgs[org] = next((c.period for c in made if c.period), None) or (
                        periods[-1][2] if periods else None)
        self.link(made, idx)
        for c in made:
            c.sentence = idx
            self.add(c)
        projected = {c.noun: c.period for c in made if c.kind == "projection" and c.noun}
        st.prev_projected = projected
        st.prev_continuation_source = [c for c in made if c.kind == "projection"]

    # -- one quantity
    def claim_for(self, q: Quantity, qi: int, qs: list[Quantity], text: str, s: int, clauses: list[int],
                  places: list[Mention], made: list[CandidateClaim], subject_is_other: bool) -> CandidateClaim | None:
        st = self.state
        before = text[: q.span[0]]
        # not claims: ranks ("top 10 cities"), durations, bare numbers, attributive measures without an entity
        if _RANK_BEFORE.search(before):
            return None
        if q.form == "count" and q.canonical_unit in self.lex.durations | {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}:
            return None
        if q.form in ("count", "range") and (q.unit is None or q.canonical_unit is None):
            if q.group is None and not self._has_scale(q):
                return None
        if q.form == "count" and _PARTITIVE_AFTER.match(text, q.span[1]) and q.unit is None:
            return None  # "150 of the world's ... cities": a partitive, see partitives()
        study_count = q.form == "count" and _OF_THE_BEFORE.search(before) is not None
        if study_count:
            if not (self.v.study.search(text) and st.last_org):
                return None
        noun, den = self._nouns(q, qi, qs, text)
        if noun is None and q.form not in ("percent", "fraction"):
            return None
        entity = st.last_org if study_count else self.entity_for(q, qi, text, s, clauses, places, made, subject_is_other)
        if entity is None:
            return None
        value, of = self.value_string(q, noun, den, text, made)
        if value is None:
            return None
        quote, span = self.quote(q, text, s, clauses)
        claim = CandidateClaim(id="", entity=entity, value=value, quote=quote, span=span, of=of,
                               quantity=q, noun=noun, den_noun=den)
        if q.form in ("count", "range"):
            st.last_noun = noun
        elif q.is_rate:
            st.last_noun = noun or st.last_noun
            st.last_den = den or st.last_den
        return claim

    @staticmethod
    def _has_scale(q: Quantity) -> bool:
        return bool(re.search(r"[A-Za-z]", q.number_text)) and not q.number_text.isalpha()

    def _nouns(self, q: Quantity, qi: int, qs: list[Quantity], text: str) -> tuple[str | None, str | None]:
        st = self.state
        if q.is_rate:
            num = q.numerator.canonical_unit if q.numerator else None
            den = q.denominator.canonical_unit if q.denominator else None
            if num is None:
                num = self._nearby_noun(qi, qs, exclude=den) or st.last_noun
            if den is None:
                den = self._pair_den(qi, qs) or st.last_den or "person"
            return num, den
        if q.form in ("percent", "fraction"):
            return q.share_of, None
        if q.canonical_unit:
            return q.canonical_unit, None
        # a figure whose unit the sentence implies: "a population of 1.4 billion", "over 5.5 million"
        if _POPULATION_BEFORE.search(text[: q.span[0]]):
            return "person", None
        if q.group is not None:
            partner = next((o for o in qs if o.group == q.group and o is not q), None)
            other = partner.canonical_unit if partner else None
            rate_nums = [o.numerator.canonical_unit for o in qs if o.is_rate and o.numerator and o.numerator.canonical_unit]
            if rate_nums and rate_nums[0] != other:
                return rate_nums[0], None
            guess = self._nearby_noun(qi, qs, exclude=other) or st.last_noun
            return (guess if guess != other else None), None
        return self._nearby_noun(qi, qs) or st.last_noun, None

    @staticmethod
    def _nearby_noun(qi: int, qs: list[Quantity], exclude: str | None = None) -> str | None:
        order = sorted(range(len(qs)), key=lambda j: (abs(j - qi), j > qi))
        for j in order:
            if j == qi:
                continue
            o = qs[j]
            noun = o.numerator.canonical_unit if o.is_rate and o.numerator else (o.canonical_unit if o.form == "count" else None)
            if noun and noun != exclude and o.unit_known:
                return noun
        return None

    @staticmethod
    def _pair_den(qi: int, qs: list[Quantity]) -> str | None:
        for o in qs:
            if o.group is not None:
                members = [x for x in qs if x.group == o.group]
                if len(members) == 2 and members[1].canonical_unit:
                    return members[1].canonical_unit
        return None

    # -- who
    def entity_for(self, q: Quantity, qi: int, text: str, s: int, clauses: list[int], places: list[Mention],
                   made: list[CandidateClaim], subject_is_other: bool) -> str | None:
        st = self.state
        if q.entity_hint:
            return q.entity_hint
        qs, qe = q.span[0] + s, q.span[1] + s
        c_start = max(c for c in clauses if c <= q.span[0]) + s
        later = [c for c in clauses if c > q.span[0]]
        c_end = (later[0] + s) if later else s + len(text)
        # a place right after the figure: "cameras in China", "across the country", "worldwide"
        for m in places:
            if qe <= m.start < min(c_end, qe + 70) and m.kind != "demonym":
                gap = self.text[qe:m.start]
                if re.search(r"[,;:()]", gap) or len(gap.split()) > 7:
                    break
                if m.kind == "world" and gap.strip() == "":
                    return m.name
                if re.search(r"(?:\b(?:in|across|throughout|within)\s+(?:the\s+)?)$", gap, re.I) or m.text.lower() == "nationwide":
                    return m.name
                break
        in_clause = [m for m in places if c_start <= m.start < c_end and not self._negated(m)]
        if _RELATIVE.match(self.text, c_start):
            # "Chicago, which finished ... with 13 cameras per 1,000": the antecedent
            antecedent = [m for m in places if s <= m.start < c_start and m.strong and not self._negated(m)]
            own = [m for m in in_clause if m.start < qs and m.strong]
            if antecedent and not own:
                return antecedent[-1].name
        opener = self.v.subordinator.match(self.text, c_start, c_end)
        if opener:
            comma = self.text.find(",", c_start, qs)
            if comma != -1:
                in_clause = [m for m in in_clause if m.start > comma]
        strong = [m for m in in_clause if m.strong and not self._inside(m, q, s)]
        weak = [m for m in in_clause if not m.strong and not self._inside(m, q, s)]
        pool = strong or weak
        before = [m for m in pool if m.start < qs]
        if before:
            return before[0].name
        after = [m for m in pool if m.start >= qe]
        if after:
            return after[0].name
        if made:
            return made[-1].entity
        if subject_is_other:
            return None
        # the sentence names no place: the whole sentence, then the last figure's entity
        sentence_places = [m for m in places if m.strong and not self._negated(m) and not self._inside(m, q, s)]
        if sentence_places:
            return sentence_places[0].name
        return st.last_entity

    @staticmethod
    def _appositive_of(text: str, q: Quantity, s: int, orgs: list[Mention]) -> str | None:
        """ "the Skynet Project, a national system for putting 20 million cameras": the
        figure describes the named thing, which becomes the claim's scope."""
        comma = text.rfind(",", 0, q.span[0])
        if comma == -1 or not re.match(r",\s+(?:a|an)\s", text[comma:]):
            return None
        if re.search(r"[,;()]", text[comma + 1:q.span[0]]):
            return None
        named = next((o for o in orgs if o.end - s == comma), None)
        return named.name if named is not None else None

    def _negated(self, m: Mention) -> bool:
        return self.v.negator.search(self.text, max(0, m.start - 20), m.start) is not None

    @staticmethod
    def _inside(m: Mention, q: Quantity, s: int) -> bool:
        return q.span[0] + s <= m.start < q.span[1] + s

    def _non_place_subject(self, text: str, mentions: list[Mention], s: int) -> bool:
        """The sentence opens with a name that is not a place ("Jonathan manages ...")."""
        first = next((m for m in mentions), None)
        if first is None or first.kind != "org":
            return False
        return text[: first.start - s].strip() == ""

    # -- what, as a value string values.parse_value reads
    def value_string(self, q: Quantity, noun: str | None, den: str | None, text: str,
                     made: list[CandidateClaim]) -> tuple[str | None, str | None]:
        qual = f"{q.qualifier.lower()} " if q.qualifier else ""
        num = q.number_text
        if re.fullmatch(r"[A-Za-z][A-Za-z \-]*", num.split()[0] if num else ""):
            num = num[0].lower() + num[1:]
        if q.form == "percent":
            if q.share_of:
                return f"{qual}{num} percent of {_plural(q.share_of)}", None
            antecedent = self._of_which(text, q, made)
            if antecedent is not None:
                return f"{qual}{num} percent of {_plural(antecedent.noun or 'thing')}", antecedent.entity
            return f"{qual}{num} percent", None
        if q.form == "fraction":
            return None, None
        if q.is_rate:
            n = q.numerator
            d = q.denominator
            assert n is not None and d is not None
            num_noun = noun or "thing"
            num_word = _plural(num_noun, n.value if n.value == 1 else None)
            den_written = d.unit or ""
            if d.text:
                den_noun = _plural(den) if den and (den in self.lex.nouns.values() or d.canonical_unit is None) else den_written
                if q.form == "ratio" and d.value not in (100.0, 1000.0, 10000.0, 100000.0, 1000000.0):
                    den_noun = den_noun or _plural(num_noun)
                    if q.unit and q.unit.lstrip().lower().startswith("in "):
                        return f"{qual}{n.text} {num_word} per {d.text} {den_noun}", None
                    return f"{qual}{n.text} {num_word} for every {d.text} {den_noun}", None
                return f"{qual}{n.text} {_plural(num_noun)} per {d.text} {den_noun}", None
            return f"{qual}{n.text} {_plural(num_noun)} per {den_written.lower()}", None
        if q.form == "range":
            assert isinstance(q.value, tuple)
            lo_hi = re.split(r"\s*(?:-|–|—|\bto\b|\band\b)\s*", q.number_text, maxsplit=1)
            if len(lo_hi) != 2:
                return None, None
            unit = _plural(noun) if noun else (q.unit or "")
            return f"between {lo_hi[0]} and {lo_hi[1]} {unit}".strip(), None
        unit = self._unit_display(q, noun)
        num = re.sub(r"^(?:US\$|\$|€|£)\s?", "", num)
        return f"{qual}{num} {unit}".strip(), None

    def _unit_display(self, q: Quantity, noun: str | None) -> str:
        if noun is None:
            return q.unit or ""
        if noun in self.lex.nouns.values() or not q.unit_known or q.canonical_unit is None:
            return _plural(noun, q.value if q.value == 1 else None)
        return (q.unit or noun).lower()

    def _of_which(self, text: str, q: Quantity, made: list[CandidateClaim]) -> CandidateClaim | None:
        """ "1 billion cameras worldwide, of which 54 percent ...": the share's whole."""
        if re.search(r"\bof\s+(?:which|whom|these|those|them)\s*$", text[: q.span[0]], re.I) and made:
            return made[-1]
        return None

    # -- time
    def _periods(self, text: str) -> list[tuple[int, int, str]]:
        out = [(m.start(), m.end(), m.group("year")) for m in self.v.period.finditer(text)]
        for m in self.v.month_year.finditer(text):
            if not any(a <= m.start() < b for a, b, _ in out):
                out.append((m.start(), m.end(), m.group("year")))
        return sorted(out)

    def _period_for(self, q: Quantity, qs: list[Quantity], qi: int, periods: list[tuple[int, int, str]]) -> str | None:
        before = [p for p in periods if p[1] <= q.span[0]]
        nxt_start = qs[qi + 1].span[0] if qi + 1 < len(qs) else None
        after = [p for p in periods if p[0] >= q.span[1] and (nxt_start is None or p[0] < nxt_start)]
        if after and (q.span[1] + 40 >= after[0][0] or not before):
            return after[0][2]
        if before:
            return before[-1][2]
        return None

    # -- quotes
    def quote(self, q: Quantity, text: str, s: int, clauses: list[int]) -> tuple[str, tuple[int, int]]:
        """The clause around the figure (cut at commas when long), with its span in the document."""
        starts = [c for c in clauses if c <= q.span[0]]
        a = max(starts)
        later = [c for c in clauses if c > q.span[0]]
        b = later[0] if later else len(text)
        if b - a > 160:
            left = text.rfind(", ", a, q.span[0])
            a = left + 2 if left != -1 and q.span[0] - left < 120 else a
            right = text.find(", ", q.span[1], b)
            b = right if right != -1 else b
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip(" ;,—-"))
        seg = seg.strip(" ;,—-")
        a += lead
        seg = seg.rstrip(".")
        return seg, (s + a, s + a + len(seg))

    # -- partitives: "Eight of the top 10 cities ... are in China"
    def partitives(self, text: str, s: int, places: list[Mention], made: list[CandidateClaim]) -> list[CandidateClaim]:
        out: list[CandidateClaim] = []
        st = self.state
        for m in re.finditer(r"(?<![\w,.])(?P<m>[A-Za-z]+|\d[\d,]*)\s+of\s+(?:the\s+)?(?:(?:top|largest|biggest)\s+(?P<n>\d[\d,]*|[a-z]+)\s+)?", text):
            value = self._count(m.group("m"))
            if value is None or value == 1:
                continue
            if any(c.quantity and c.quantity.span[0] <= m.start() < c.quantity.span[1] for c in made):
                continue
            noun_m = re.match(r"(?:[\w’'\-]+\s+){0,5}?(?P<noun>[a-z]+s)\b", text[m.end():])
            if not noun_m:
                continue
            noun = self.lex.nouns.get(noun_m.group("noun").lower())
            if noun is None:
                continue
            tail = text[m.end() + noun_m.end():]
            where = _ARE_IN_ANY.search(tail)
            entity = None
            if where:
                at = m.end() + noun_m.end() + where.end() + s
                entity = next((p.name for p in places if p.start == at and p.strong), None)
            if entity is None:
                if not (self.v.study.search(text) and st.last_org and m.group("n") is None):
                    continue
                entity = st.last_org
            num = m.group("m")
            num = num[0].lower() + num[1:] if num[0].isupper() else num
            quote_end = m.end() + noun_m.end()
            quote = text[m.start():quote_end]
            out.append(CandidateClaim(id="", entity=entity, value=f"{num} {_plural(noun)}", quote=quote,
                                      span=(s + m.start(), s + quote_end), noun=noun))
        sm = _OF_THE_TOP_SENT.search(text)
        if sm:
            value = self._count(sm.group("m"))
            noun = self.lex.nouns.get(sm.group("noun").lower())
            at = sm.end() + s
            entity = next((p.name for p in places if p.start == at and p.strong), None)
            if value and value != 1 and noun and entity:
                num = sm.group("m")
                num = num[0].lower() + num[1:] if num[0].isupper() else num
                quote = text[sm.start(): sm.end() + len(entity)].strip()
                out.append(CandidateClaim(id="", entity=entity, value=f"{num} {_plural(noun)}", quote=quote,
                                          span=(s + sm.start(), s + sm.start() + len(quote)), noun=noun))
        return out

    def _count(self, word: str) -> float | None:
        if word[0].isdigit():
            try:
                return float(word.replace(",", ""))
            except ValueError:
                return None
        v = self.lex.words.get(word.lower())
        return v if word.lower() not in ("a", "an") else None

    # -- links: a stated result and the figures it was computed from
    def link(self, made: list[CandidateClaim], idx: int) -> None:
        for r in made:
            q = r.quantity
            if q is None or not q.is_rate or not r.noun or not r.den_noun:
                continue
            pair = [c for c in made if c.quantity is not None and c.quantity.group is not None and c.entity == r.entity]
            a = next((c for c in pair if c.noun == r.noun), None)
            b = next((c for c in pair if c.noun == r.den_noun and c is not a), None)
            if a is None or b is None:
                # the operands stated just before: this sentence (before the rate) or the two before it
                earlier = [c for c in self.claims if c.sentence >= idx - 2] + [
                    c for c in made if c.quantity is not None and c.quantity.span[0] < q.span[0]]
                counts = [c for c in earlier if c.entity == r.entity and c.quantity is not None and c.scope == r.scope
                          and c.quantity.form == "count" and not c.quantity.is_rate]
                a = next((c for c in reversed(counts) if c.noun == r.noun), None)
                b = next((c for c in reversed(counts) if c.noun == r.den_noun), None)
                if a is None or b is None or not (a in made or b in made):
                    continue
            r.links = (a, b)
            r.computed_from = ["?", "?"]

    # -- ids and de-duplication
    def add(self, c: CandidateClaim) -> None:
        key = (c.entity, c.value)
        if key in self.seen:
            return
        self.seen[key] = c
        c.id = self._id(c)
        if c.computed_from:
            a, b = c.links  # type: ignore[misc]
            c.computed_from = [a.id or self._id(a), b.id or self._id(b)]
        self.claims.append(c)
        self.state.last_entity = c.entity

    def _id(self, c: CandidateClaim) -> str:
        if c.id:
            return c.id
        q = c.quantity
        if q is not None and q.is_rate:
            measure = "density" if c.den_noun and "**" in c.den_noun else ("rate" if c.den_noun == "person" else f"per-{c.den_noun}")
        elif q is not None and q.form == "percent":
            measure = "share"
        elif c.noun == "person":
            measure = "population"
        else:
            measure = _plural(c.noun or "figure")
        base = f"{_slug(c.entity)}-{_slug(measure)}"
        if c.scope:
            base += f"-{_slug(c.scope)}"
        if c.period:
            base += f"-{c.period}"
        cid, n = base, 2
        while cid in self.ids:
            cid, n = f"{base}-{n}", n + 1
        self.ids.add(cid)
        c.id = cid
        return cid


_RELATIVE = re.compile(r"\s*(?:which|who|where|that)\b", re.I)
_ARE_IN_ANY = re.compile(r"^[^,;.]*?\b(?:are|were|is|was)\s+(?:located\s+)?in\s+", re.I)


def extract_document(text: str, *, document: str, source_id: str,
                     extra_nouns: dict[str, list[str]] | None = None) -> ExtractedDocument:
    """Candidate claims of one document's text (pure)."""
    lex = lexicon(extra_nouns)
    ex = _Extractor(text, lex)
    claims = ex.run()
    return ExtractedDocument(source_id=source_id, document=document, title=_title(text), claims=claims,
                             quantities=ex.n_quantities)


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) >= 4:
            line = re.split(r"\s+[–—-]\s+|(?<=[.!?])\s", line)[0]
            return line[:120].strip()
    return None


# --------------------------------------------------------------------------- input


def read_document(path: str | Path) -> str:
    """A plain-text document, or a LoadError saying why it cannot be one (binary,
    not UTF-8, empty, too large, missing)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise LoadError(f"the document is {size / 1e6:.0f} MB; the limit is {MAX_DOCUMENT_BYTES // 2**20} MB", file=str(p))
        data = p.read_bytes()
    except FileNotFoundError:
        raise LoadError("no such file", file=str(p)) from None
    except IsADirectoryError:
        raise LoadError("is a directory, not a text document", file=str(p)) from None
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}", file=str(p)) from None
    if b"\x00" in data[:8192]:
        raise LoadError("is a binary file, not plain text", file=str(p))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it first, "
            "e.g. `iconv -f latin1 -t utf-8`", file=str(p), line=line) from None
    if not text.strip():
        raise LoadError("is empty: there is nothing to extract", file=str(p))
    return text


# --------------------------------------------------------------------------- output


def write_claim_file(doc: ExtractedDocument, out_dir: Path) -> WriteResult:
    from .writer import merge_and_write

    return merge_and_write(doc, Path(out_dir))


def extract_paths(documents: Sequence[Path], out: Path, *, echo: Callable[..., Any] = print) -> int:
    """`reconcile extract`: one claim file per document; exit code 0, or 2 when a document
    could not be read (the others are still written)."""
    from .writer import merge_and_write
    from ..load.config import CONFIG_NAME

    out = Path(out)
    extra = _repo_nouns(out / CONFIG_NAME)
    failures = 0
    docs = list(documents)
    progress = _progress(len(docs))
    try:
        for path in docs:
            try:
                text = read_document(path)
                doc = extract_document(text, document=Path(path).name, source_id=source_id_for(path), extra_nouns=extra)
                result = merge_and_write(doc, out)
            except LoadError as exc:
                failures += 1
                echo(f"error: {exc}", err=True) if _takes_err(echo) else echo(f"error: {exc}")
                continue
            finally:
                if progress is not None:
                    progress[0].advance(progress[1])
            verb = "wrote" if result.created else "updated"
            line = f"{verb} {result.path}: {result.added} new candidate(s), {result.kept} kept"
            if progress is not None:
                progress[0].console.log(line)
            else:
                echo(line)
    finally:
        if progress is not None:
            progress[0].stop()
    return 2 if failures else 0


def _takes_err(echo: Callable[..., Any]) -> bool:
    return getattr(echo, "__module__", "").startswith(("typer", "click"))


def _progress(n: int) -> tuple[Any, Any] | None:
    if n < 10 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    task = progress.add_task("extracting", total=n)
    progress.start()
    return progress, task


def _repo_nouns(config_path: Path) -> dict[str, list[str]] | None:
    if not config_path.is_file():
        return None
    try:
        import tomllib

        data = tomllib.loads(config_path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    nouns = data.get("nouns", {})
    return {k: list(v) for k, v in nouns.items() if isinstance(v, list)} or None


def quantities_command(file: Path, *, echo: Callable[..., Any] = print) -> int:
    """`reconcile quantities FILE`: JSON lines, one object per input line."""
    import json

    from .scanner import scan_file_lines

    try:
        text = read_document(file)
    except LoadError as exc:
        echo(f"error: {exc}", err=True) if _takes_err(echo) else echo(f"error: {exc}")
        return 2
    for obj in scan_file_lines(text):
        echo(json.dumps(obj, ensure_ascii=False))
    return 0

