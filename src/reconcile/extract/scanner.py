"""Text → quantities: every number a line of prose states, read as one object.

The public quantity layer: `reconcile quantities FILE` prints what `scan_line`
finds, and `extract.py` builds candidate claims from it. Pure (no I/O besides
reading the package's own data files once), no pint: a compiled-regex scanner
over the vocabulary in data/ (numbers.toml, qualifiers.toml, nouns.toml,
extract.toml, demonyms.toml), so that `reconcile extract` starts fast.

What a Quantity is:

    text            the whole phrase as written   "over 200 million CCTV cameras"
    value           scale words applied           200000000   (a range: (low, high))
    low, high       the number(s) as written      a point has low == high == value
    unit            the unit as written           "CCTV cameras"
    canonical_unit  count noun or pint unit       "camera", "camera / person"
    qualifier       the literal word              "over"
    bound           its reading                   = ~ > < >= <= (range: "range")
    span            [start, end) in the line

Rates are one Quantity with a numerator and a denominator Term ("13.35 per 1,000
people", "one camera for every six people", "1 in 7"). Following the SPEC, the
value of a rate written against a power of ten ("per 1,000") is the number as
written; any other rate's value is the ratio itself (one for every six → 1/6).
"X cameras for Y people" is two quantities sharing a `group`.

The interval a number means (rounding, qualifier widths) is not computed here:
that is values.py's job, on the value string a claim carries.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from ..lexicon import noun_lexicon, number_words, qualifiers, read_toml
from ..lexicon import singular as singular

__all__ = ["Quantity", "Term", "scan_line", "scan_file_lines", "quantity_to_json", "lexicon"]


# --------------------------------------------------------------------------- objects


@dataclass(frozen=True, slots=True)
class Term:
    """One side of a rate: "1,000 people" → value 1000, unit "people", canonical "person"."""

    value: float
    text: str  # the number as written ("1,000", "seven", ""), empty when implicit ("per square mile")
    unit: str | None
    canonical_unit: str | None


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    value: float | tuple[float, float]
    low: float
    high: float
    unit: str | None
    canonical_unit: str | None
    qualifier: str | None
    bound: str
    span: tuple[int, int]
    number_text: str  # the number as written, scale word included: "5.9 million", "20 and 30 million"
    form: str = "count"  # count | range | percent | rate | ratio | fraction
    numerator: Term | None = None
    denominator: Term | None = None
    group: int | None = None  # the quantities of one statement "X cameras for Y people"
    attributive: bool = False  # "a 500 million-pixel camera": describes a thing, not an amount of it
    entity_hint: str | None = None  # the demonym in "one camera for every four Australians"
    unit_known: bool = False  # the unit is in the vocabulary (not a guessed noun)
    share_of: str | None = None  # "54 percent of cameras" → "camera"

    @property
    def is_rate(self) -> bool:
        return self.numerator is not None and self.denominator is not None


def quantity_to_json(q: Quantity) -> dict[str, Any]:
    """The JSON object of one quantity (`reconcile quantities`)."""
    out: dict[str, Any] = {
        "text": q.text,
        "value": list(q.value) if isinstance(q.value, tuple) else _num(q.value),
        "low": _num(q.low),
        "high": _num(q.high),
        "unit": q.unit,
        "canonical_unit": q.canonical_unit,
        "qualifier": q.qualifier,
        "bound": q.bound,
        "span": [q.span[0], q.span[1]],
        "form": q.form,
    }
    if q.numerator is not None and q.denominator is not None:
        out["numerator"] = _term_json(q.numerator)
        out["denominator"] = _term_json(q.denominator)
    if q.group is not None:
        out["group"] = q.group
    if q.attributive:
        out["attributive"] = True
    if q.share_of:
        out["share_of"] = q.share_of
    if q.entity_hint:
        out["entity_hint"] = q.entity_hint
    return out


def _term_json(t: Term) -> dict[str, Any]:
    return {"value": _num(t.value), "text": t.text, "unit": t.unit, "canonical_unit": t.canonical_unit}


def _num(x: float) -> float | int:
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return int(x)
    return x


# --------------------------------------------------------------------------- vocabulary


class Lexicon:
    """Everything the scanner knows, compiled once: number and scale words, qualifier
    phrases, nouns and units. Build through `lexicon()`; extra count nouns (a claims
    repo's [nouns]) make a new one."""

    def __init__(self, extra_nouns: dict[str, list[str]] | None = None):
        ext = read_toml("extract.toml")
        dem = read_toml("demonyms.toml")
        numbers = number_words()
        self.numbers = numbers
        self.words: dict[str, float] = numbers.words
        self.fractions: dict[str, float] = numbers.fractions
        self.scale_words = numbers.scale_words
        self.scale_letters = numbers.scale_letters
        self.qualifiers = qualifiers()
        # count nouns: spelling (lower) → canonical
        self.nouns: dict[str, str] = dict(noun_lexicon(extra_nouns).spellings)
        self.units: dict[str, str] = {k.lower(): v for k, v in ext["units"].items()}
        self.durations = frozenset(w.lower() for w in ext["durations"]["words"])
        self.currency: dict[str, str] = dict(ext["currency"])
        self.stop = frozenset(w.lower() for w in ext["stop"]["words"])
        # demonyms as counted people: "four Australians" → person, hint Australia
        self.demonym_people: dict[str, str] = {}
        for country, forms in dem.items():
            for plural in forms.get("people", []):
                self.demonym_people[plural.lower()] = country
        self.max_phrase = max(len(p.split()) for p in [*self.nouns, *self.units, *self.demonym_people])

        self._compile()

    # -- regexes
    def _compile(self) -> None:
        word_alt = "|".join(sorted((re.escape(w) for w in self.words if w not in ("a", "an")), key=len, reverse=True))
        scale_alt = "|".join(sorted((re.escape(w) for w in self.scale_words), key=len, reverse=True))
        letters = "".join(re.escape(k) for k in self.scale_letters)
        cur_alt = "|".join(sorted((re.escape(c) for c in self.currency), key=len, reverse=True))
        frac_alt = "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in self.fractions), key=len, reverse=True))
        digits = r"(?:\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?"
        # A number: currency? (digits | number words | "a"/"an" before a scale word) scale?
        self.number_re = re.compile(
            rf"""
            (?<![\w.,/:])(?<![A-Za-z][-–])(?<!\s[-–])
            (?P<cur>{cur_alt})?\s?
            (?:
                (?P<digits>{digits})(?![.,]?\d)
                (?:(?P<letter>[{letters}])(?![\w])
                  |(?=[^\w]|$|(?:{scale_alt})\b)(?!,\d))
              | (?P<words>(?:{word_alt})(?:(?:\s+and\s+|[\s\-]+)(?:{word_alt}))*)\b
              | (?P<article>an?)\s+(?=(?:{scale_alt})\b)
            )
            (?:\s*(?P<scale>{scale_alt})\b)?
            """,
            re.X | re.I,
        )
        self.fraction_re = re.compile(rf"(?<![\w])(?P<frac>{frac_alt})\s+of\b", re.I)
        qual_alt = "|".join(
            sorted((re.escape(q).replace(r"\ ", r"\s+") for q in self.qualifiers), key=len, reverse=True)
        )
        self.qualifier_re = re.compile(rf"(?:^|(?<=[\s(“\"'‘—–\-]))(?P<q>{qual_alt})\s*$", re.I)
        self.percent_re = re.compile(r"\s*(?P<p>%|percent\b|per\s+cent\b|percentage\s+points?\b|pct\b)", re.I)
        self.token_re = re.compile(r"[ \t]*(?P<w>[A-Za-z$€£][A-Za-z0-9²’'\-]*(?:\.(?=[a-z]))?[A-Za-z0-9²]*)")


@lru_cache(maxsize=8)
def _lexicon_cached(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    return Lexicon({k: list(v) for k, v in extra} or None)


def lexicon(extra_nouns: dict[str, list[str]] | None = None) -> Lexicon:
    key = tuple(sorted((k, tuple(v)) for k, v in (extra_nouns or {}).items()))
    return _lexicon_cached(key)


# --------------------------------------------------------------------------- scanning


@dataclass(slots=True)
class _Num:
    start: int
    end: int
    value: float
    text: str  # as written, scale included
    scale: float  # 1 when none
    is_word: bool
    currency: str | None
    plain: bool  # digits without separators, decimals or scale (a year candidate)


@dataclass(slots=True)
class _NP:
    end: int
    unit: str | None
    canonical: str | None
    known: bool
    hint: str | None = None


_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_FROM = re.compile(r"\bfrom\s*$", re.I)
_FOR_EVERY = re.compile(r"\s+(?:for|in|to)\s+every\s+", re.I)
_OUT_OF = re.compile(r"\s+out\s+of\s+(?:every\s+)?", re.I)
_PER = re.compile(r"\s+(?:per|a|an)\s+(?!cent\b)", re.I)
_PER_STRICT = re.compile(r"\s+per\s+(?!cent\b)", re.I)
_IN = re.compile(r"\s+in\s+", re.I)
_FOR = re.compile(r"\s+for\s+(?:(?:a|the)\s+(?:total\s+)?(?:population|populace)\s+of\s+)?", re.I)
_FOR_POP = re.compile(r"\s+for\s+(?:a|the)\s+(?:total\s+)?(?:population|populace)\s+of\s+", re.I)
_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?", re.I)
_FILLER = re.compile(r"[ \t]+(?P<w>[a-z]+)(?=\s)")
_POWERS_OF_TEN = {10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0}


def _is_title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


class _Scanner:
    def __init__(self, lex: Lexicon, line: str):
        self.lex = lex
        self.line = line
        self.groups = 0

    # -- numbers
    def numbers(self) -> list[_Num]:
        lex, line = self.lex, self.line
        out: list[_Num] = []
        for m in lex.number_re.finditer(line):
            cur = m.group("cur")
            scale_word = m.group("scale")
            letter = m.group("letter")
            scale = 1.0
            if scale_word:
                scale = lex.scale_words[scale_word.lower()]
            elif letter:
                scale = lex.scale_letters.get(letter) or 1.0
            if m.group("digits"):
                digits = m.group("digits")
                after = line[m.end("digits"):]
                if _ORDINAL_AFTER.match(after):
                    continue  # 10th, 58th
                if after[:1].isalpha() and not letter and not scale_word and not after.startswith(("km", "kg", "m²", "mi")):
                    continue  # an identifier: 3D, 1990s
                value = float(digits.replace(",", ""))
                plain = "," not in digits and "." not in digits and not scale_word and not letter and not cur
                is_word = False
            elif m.group("words"):
                words = m.group("words")
                value = self._word_value(words)
                if value is None:
                    continue
                plain, is_word = False, True
            else:  # "a million"
                value, plain, is_word = 1.0, False, True
            if cur:
                start = m.start("cur")
            elif m.group("digits"):
                start = m.start("digits")
            elif m.group("words"):
                start = m.start("words")
            else:
                start = m.start("article")
            end = m.end()
            text = line[start:end].strip()
            out.append(_Num(start, end, value * scale, text, scale, is_word, cur, plain))
        return out

    def _word_value(self, words: str) -> float | None:
        return self.lex.numbers.compound(words)

    # -- noun phrases
    def noun_phrase(self, pos: int, *, allow_title: bool = False) -> _NP:
        """The unit written after `pos`: a known noun or unit (longest match), a demonym,
        or a guessed noun (a lower-case word that is not a stop word)."""
        lex, line = self.lex, self.line
        toks: list[tuple[str, int, int]] = []
        p = pos
        while len(toks) < lex.max_phrase + 2:
            m = lex.token_re.match(line, p)
            if not m:
                break
            w = m.group("w")
            if w.endswith(("’s", "'s")):
                break
            toks.append((w, m.start("w"), m.end("w")))
            p = m.end()
        best: _NP | None = None
        # known phrases, longest first, starting at the first token (adjectives may precede a known noun)
        for i in range(min(len(toks), 3)):
            if i and (toks[i - 1][0].lower() in lex.stop):
                break
            for j in range(min(len(toks), i + lex.max_phrase), i, -1):
                phrase = " ".join(t[0] for t in toks[i:j])
                low = phrase.lower()
                canon = lex.nouns.get(low) or lex.nouns.get(phrase) or lex.units.get(low) or lex.units.get(phrase)
                hint = None
                if canon is None and low in lex.demonym_people:
                    canon, hint = "person", lex.demonym_people[low]
                if canon is None and j - i == 1 and low in lex.durations:
                    canon = singular(low)
                if canon is not None:
                    unit = " ".join(t[0] for t in toks[: j])
                    best = _NP(toks[j - 1][2], unit, canon, True, hint)
                    break
            if best is not None:
                break
        if best is not None:
            return best
        # a guessed noun: lower-case words (or acronyms) up to a stop word, two at most
        words: list[tuple[str, int, int]] = []
        for w, s, e in toks[:2]:
            low = w.lower()
            if low in lex.stop or low in lex.scale_words or (_is_title(w) and not allow_title):
                break
            if low.endswith("ly") or (low.endswith(("ed", "ing")) and len(low) > 5):
                break
            if not re.fullmatch(r"[A-Za-z][a-z\-]*|[A-Z]{2,}s?", w):
                break
            words.append((w, s, e))
        if not words:
            return _NP(pos, None, None, False)
        unit = " ".join(w for w, _, _ in words)
        return _NP(words[-1][2], unit, singular(words[-1][0]), False)

    # -- the line
    def scan(self) -> list[Quantity]:
        line = self.line
        nums = self.numbers()
        if not nums:
            return []
        if _LIST_MARKER.match(line) and nums[0].start == len(line) - len(line.lstrip()):
            nums = nums[1:]  # "1. The Leading Nation" — a list number, page furniture
        out: list[Quantity] = []
        used_until = -1
        i = 0
        while i < len(nums):
            n = nums[i]
            if n.start < used_until:
                i += 1
                continue
            nxt = nums[i + 1] if i + 1 < len(nums) else None
            made, consumed = self.read(n, nxt, nums[i + 2] if i + 2 < len(nums) else None)
            out.extend(made)
            if made:
                used_until = max(q.span[1] for q in made)
            i += 1 + consumed
        out.extend(self.fractions(out))
        out.sort(key=lambda q: q.span)
        return out

    def qualifier(self, start: int) -> tuple[str | None, str, int]:
        before = self.line[max(0, start - 40):start]
        m = self.lex.qualifier_re.search(before)
        if not m:
            return None, "=", start
        phrase = " ".join(m.group("q").split())
        bound = self.lex.qualifiers[phrase.lower()].bound
        return phrase, bound, start - (len(before) - m.start("q"))

    def is_year(self, n: _Num) -> bool:
        return n.plain and 1000 <= n.value <= 2100 and n.value.is_integer() and len(n.text) == 4

    def read(self, n: _Num, nxt: _Num | None, nxt2: _Num | None) -> tuple[list[Quantity], int]:
        """Quantities starting at number `n`; how many following numbers they used."""
        line = self.line
        # -- a range: "between 20 and 30 million", "20–30 million", "20 to 30 million"
        if nxt is not None:
            sep = _RANGE_SEP.fullmatch(line, n.end, nxt.start)
            if sep:
                word = sep.group(0).strip().lower()
                between = _BETWEEN.search(line, 0, n.start)
                ok = (word == "and" and between) or word in ("-", "–", "—") or (word == "to" and not _FROM.search(line, 0, n.start))
                if ok:
                    if self.is_year(n) and (self.is_year(nxt) or nxt.plain):
                        return [], 1  # 2007 to 2012: a span of years, not a quantity
                    # "between 20 and 30 million": the scale word of the high end applies to both
                    low = n.value * nxt.scale if n.scale == 1 else n.value
                    high = nxt.value
                    if low <= high:
                        return [self.finish_range(n, nxt, low, high, between)], 1
        if self.is_year(n):
            np_ = self.noun_phrase(n.end)
            if not (np_.known and np_.canonical not in self.lex.durations):
                return [], 0  # a year: time, not a quantity
        # -- attributive: "a 500 million-pixel camera"
        if line[n.end:n.end + 1] == "-" and line[n.end + 1:n.end + 2].isalpha():
            m = re.match(r"-([A-Za-z]+)", line[n.end:])
            assert m is not None
            word = m.group(1)
            canon = self.lex.nouns.get(word.lower()) or self.lex.units.get(word.lower())
            np_ = _NP(n.end + m.end(), word, canon or singular(word), canon is not None)
            return [self.make(n, np_, form="count", attributive=True)], 0
        # -- percent
        pm = self.lex.percent_re.match(line, n.end)
        if pm:
            end = pm.end()
            share_of = None
            of = _OF.match(line, end)
            if of:
                np_ = self.noun_phrase(of.end())
                if np_.known and np_.canonical:
                    share_of, end = np_.canonical, np_.end
            q, b, s = self.qualifier(n.start)
            unit = line[n.end:end].strip()
            return [Quantity(line[s:end], n.value, n.value, n.value, unit, "percent", q, b, (s, end), n.text,
                             form="percent", unit_known=True, share_of=share_of)], 0
        np_ = self.noun_phrase(n.end)
        after = np_.end
        # -- "1 in 7", "one in five adults"
        if nxt is not None and np_.unit is None and n.scale == 1:
            m = _IN.fullmatch(line, n.end, nxt.start)
            if m and not self.is_year(nxt) and nxt.value >= n.value and not nxt.currency:
                den_np = self.noun_phrase(nxt.end)
                return [self.make_rate(n, np_, nxt, den_np, form="ratio")], 1
        # -- "one camera for every six people", "372.8 cameras for every 1,000 people"
        gap_end = self.skip_fillers(after)
        for pattern, form in ((_FOR_EVERY, "ratio"), (_OUT_OF, "ratio")):
            m = pattern.match(line, gap_end)
            if m and nxt is not None and nxt.start == m.end():
                den_np = self.noun_phrase(nxt.end, allow_title=True)
                return [self.make_rate(n, np_, nxt, den_np, form=form)], 1
        # -- "13.35 per 1,000 people", "6,220 cameras per square mile", "15.5 per 1,000"
        m = _PER_STRICT.match(line, gap_end) or (_PER.match(line, after) if np_.unit else None)
        if m:
            if nxt is not None and nxt.start == m.end() and not nxt.currency:
                den_np = self.noun_phrase(nxt.end)
                return [self.make_rate(n, np_, nxt, den_np, form="rate")], 1
            den_np = self.noun_phrase(m.end())
            if den_np.unit is not None and den_np.known:
                one = _Num(m.end(), m.end(), 1.0, "", 1.0, False, None, False)
                return [self.make_rate(n, np_, one, den_np, form="rate")], 0
        # -- "7,800 cameras for 501,178 people", "540 million cameras installed for a population of 1.46 billion"
        m = _FOR.match(line, gap_end)
        if m and nxt is not None and nxt.start == m.end() and not self.is_year(nxt):
            den_np = self.noun_phrase(nxt.end)
            population = _FOR_POP.match(line, gap_end) is not None
            if population and den_np.unit is None:
                den_np = _NP(nxt.end, None, "person", True)
            if den_np.unit is not None or nxt.scale != 1 or population:
                if not (np_.canonical and den_np.canonical == np_.canonical):
                    self.groups += 1
                    a = self.make(n, np_, group=self.groups)
                    b = self.make(nxt, den_np, group=self.groups, qualified=False)
                    return [a, b], 1
        # -- a plain count, amount or measure
        if n.is_word and np_.unit is None:
            return [], 0  # "eight are in China": a bare number word is too often not a quantity
        if n.is_word and n.value == 1 and n.scale == 1:
            return [], 0  # "one person, one file": an article, not a count
        if n.is_word and _OF.match(line, n.end):
            return [], 0
        return [self.make(n, np_)], 0

    def skip_fillers(self, pos: int) -> int:
        """Skip up to two lower-case words before a rate or pair keyword
        ("one camera *soon* for every two people", "cameras *installed* for")."""
        p = pos
        for _ in range(2):
            nxt = re.match(r"\s+(?:for|per|in|out|to)\s", self.line[p:p + 6] + " ")
            if nxt:
                return p
            m = _FILLER.match(self.line, p)
            if not m or m.group("w") in ("and", "or", "but", "of", "with", "which", "that", "while"):
                return p
            p = m.end()
        return pos if not re.match(r"\s+(?:for|per)\s", self.line[p:p + 6] + " ") else p

    # -- builders
    def make(self, n: _Num, np_: _NP, *, form: str = "count", group: int | None = None,
             attributive: bool = False, qualified: bool = True) -> Quantity:
        q, b, s = self.qualifier(n.start) if qualified else (None, "=", n.start)
        unit, canon, known = np_.unit, np_.canonical, np_.known
        end = max(np_.end, n.end) if unit else n.end
        if n.currency and not unit:
            cur = self.lex.currency.get(n.currency)
            unit, canon, known = n.currency, cur, True
        return Quantity(self.line[s:end], n.value, n.value, n.value, unit, canon, q, b, (s, end), n.text,
                        form=form, group=group, attributive=attributive, entity_hint=np_.hint, unit_known=known)

    def make_rate(self, n: _Num, num_np: _NP, d: _Num, den_np: _NP, *, form: str) -> Quantity:
        q, b, s = self.qualifier(n.start)
        end = max(den_np.end, d.end)
        num_canon = num_np.canonical
        den_canon = den_np.canonical
        if den_canon is None and den_np.unit is None and form == "ratio" and num_canon:
            den_canon = num_canon  # "1 in 7 people" reads the same noun on both sides
        if n.currency and not num_np.unit:
            num_canon = self.lex.currency.get(n.currency)
        canon = f"{num_canon or '?'} / {den_canon or '?'}" if (num_canon or den_canon) else None
        if d.value in _POWERS_OF_TEN and d.text:
            value = n.value  # "13.35 per 1,000 people": the number as written, per 1,000
        elif d.value:
            value = n.value / d.value  # "one for every six": the rate itself
        else:
            value = math.inf
        unit_text = self.line[n.end:end].strip()
        return Quantity(
            self.line[s:end], value, value, value, unit_text or None, canon, q, b, (s, end),
            n.text, form=form,
            numerator=Term(n.value, n.text, num_np.unit, num_canon),
            denominator=Term(d.value, d.text, den_np.unit, den_canon),
            entity_hint=den_np.hint or num_np.hint,
            unit_known=bool(num_np.known and den_np.known),
        )

    def finish_range(self, a: _Num, b: _Num, low: float, high: float, between: re.Match | None) -> Quantity:
        np_ = self.noun_phrase(b.end)
        pm = self.lex.percent_re.match(self.line, b.end)
        start = between.start() if between else a.start
        q, bnd, s = self.qualifier(start)
        if pm:
            end, unit, canon, known = pm.end(), pm.group("p"), "percent", True
        else:
            end = max(np_.end, b.end) if np_.unit else b.end
            unit, canon, known = np_.unit, np_.canonical, np_.known
            if a.currency and not unit:
                unit, canon, known = a.currency, self.lex.currency.get(a.currency), True
        text = self.line[a.start:b.end]
        return Quantity(self.line[s:end], (low, high), low, high, unit, canon, q, "range" if q is None else bnd,
                        (s, end), text, form="range", unit_known=known)

    def fractions(self, found: list[Quantity]) -> list[Quantity]:
        """ "a quarter of Americans", "half of the cameras": a share, value the fraction."""
        out = []
        for m in self.lex.fraction_re.finditer(self.line):
            if any(q.span[0] <= m.start() < q.span[1] for q in found):
                continue
            of = _OF.match(self.line, m.end("frac"))
            np_ = self.noun_phrase(of.end() if of else m.end())
            if np_.unit is None:
                continue
            value = self.lex.fractions[" ".join(m.group("frac").lower().split())]
            q, b, s = self.qualifier(m.start())
            out.append(Quantity(self.line[s:np_.end], value, value, value, np_.unit, "dimensionless", q, b,
                                (s, np_.end), m.group("frac"), form="fraction", unit_known=np_.known,
                                share_of=np_.canonical, entity_hint=np_.hint))
        return out


def scan_line(text: str, lex: Lexicon | None = None) -> list[Quantity]:
    """Every quantity in one line of text, in order of appearance."""
    return _Scanner(lex or lexicon(), text).scan()


def scan_file_lines(text: str, lex: Lexicon | None = None) -> Iterator[dict[str, Any]]:
    """One JSON-ready object per input line: {"line": n, "quantities": [...]} (1-based)."""
    lex = lex or lexicon()
    for n, line in enumerate(text.splitlines(), start=1):
        yield {"line": n, "quantities": [quantity_to_json(q) for q in scan_line(line, lex)]}
