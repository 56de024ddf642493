"""Text → quantities: every number a line of prose states, read as one object.

The public quantity layer: `reconcile quantities FILE` prints what `scan_line`
finds, and the claim builder (claims.py) builds candidate claims from it. Pure (no
I/O besides reading the package's own data files once), no pint: a compiled-regex
scanner over the vocabulary (vocabulary.py), so that `reconcile extract` starts fast.

A line is read number by number (numbers.py). At each number the matchers below
are tried in order; the first that recognises the pattern there says which
quantities it makes and how many of the following numbers it used:

    _range        "between 20 and 30 million", "20–30 million"  ("2007 to 2012": none)
    _year         "in 2019": time, not a quantity
    _attributive  "a 500 million-pixel camera"
    _percent      "54 percent of cameras", "12%"
    _one_in       "1 in 7", "one in five adults"
    _for_every    "one camera for every six people", "3 out of every 10"
    _slash        "0.92/100k", "2.1/100,000 people"
    _per          "13.35 per 1,000 people", "6,220 cameras per square mile"
    _pair         "7,800 cameras for 501,178 people": two quantities sharing a group
    _plain        a count, amount or measure: "over 200 million CCTV cameras"

then fractions ("a quarter of Americans") are read where no quantity is.
What a Quantity holds is quantities.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ..lexicon import singular
from .numbers import Number, find_numbers
from .phrases import NounPhrase, noun_phrase, qualifier
from .quantities import Quantity, Term, quantity_to_json
from .sentences import MAX_PASS, passes
from .vocabulary import Lexicon, lexicon

__all__ = ["scan_file_lines", "scan_line"]

_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.I)
_DASHES = ("-", "–", "—")
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_FROM = re.compile(r"\bfrom\s*$", re.I)
_TO = re.compile(r"\s+to\s+", re.I)
_BASE_BEFORE = re.compile(r"(?:\bper|\bevery|/)\s*$", re.I)
_SCALE_SUFFIX = re.compile(r"^[^\d]*[\d.,\s]*\d")  # "30 million" → " million", "30m" → "m"
_ATTRIBUTIVE = re.compile(r"-([^\W\d_]+)")  # any letters: "3-étage" as well as "500 million-pixel"
_FOR_EVERY = re.compile(r"\s+(?:for|in|to)\s+every\s+", re.I)
_OUT_OF = re.compile(r"\s+out\s+of\s+(?:every\s+)?", re.I)
# "a year later", "a decade earlier" are time, not "per year"
_PER = re.compile(
    r"\s+(?:per|a|an)\s+(?!cent\b)(?!(?:year|month|week|day|decade)s?\s+(?:later|earlier|ago|before|after)\b)", re.I
)
_PER_STRICT = re.compile(r"\s+per\s+(?!cent\b)", re.I)
_IN = re.compile(r"\s+in\s+", re.I)
_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?", re.I)
_FILLER = re.compile(r"[ \t]+(?P<w>[a-z]+)(?=\s)")
_KEYWORD = re.compile(r"\s+(?:for|per|in|out|to)\s")  # the words the rate and pair matchers start with
_FOR_OR_PER = re.compile(r"\s+(?:for|per)\s")
_LOOKBEHIND = 24  # how far before a number "between" / "from" is looked for
_SLASH_BASE = re.compile(r"/(?P<d>10{0,2}(?:,000)+|10+)(?P<k>k)?(?![\w,./]?\d)(?!\w)")
_POWERS_OF_TEN = {10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0}

_Read = tuple[list[Quantity], int]  # the quantities made at a number, and how many following numbers they used


def scan_line(text: str, lex: Lexicon | None = None) -> list[Quantity]:
    """Every quantity in one line of text, in order of appearance (a long line in passes of
    at most MAX_PASS characters, so that the time grows with the length and no faster)."""
    lex = lex or lexicon()
    if len(text) <= MAX_PASS:
        return _Line(lex, text).scan()
    out: list[Quantity] = []
    for a, b in passes(text, 0, len(text)):
        out += (replace(q, span=(q.span[0] + a, q.span[1] + a)) for q in _Line(lex, text[a:b]).scan())
    return out


def scan_file_lines(text: str, lex: Lexicon | None = None) -> Iterator[dict[str, Any]]:
    """One JSON-ready object per input line: {"line": n, "quantities": [...]} (1-based)."""
    lex = lex or lexicon()
    for n, line in enumerate(text.splitlines(), start=1):
        yield {"line": n, "quantities": [quantity_to_json(q) for q in scan_line(line, lex)]}


# --------------------------------------------------------------------------- the line


class _Line:
    """One line being scanned, and the builders of its quantities."""

    def __init__(self, lex: Lexicon, line: str):
        self.lex = lex
        self.line = line
        self.groups = 0
        self.fraction_matches: list[re.Match[str]] = []  # "a quarter of", "two-thirds of": found once per line

    def scan(self) -> list[Quantity]:
        line = self.line
        nums = find_numbers(self.lex, line, self.lex.names_ok)
        if not nums:
            return []
        self.fraction_matches = list(self.lex.fraction_re.finditer(line)) if "of" in line.lower() else []
        fractions = [m.span("frac") for m in self.fraction_matches]
        if fractions:  # "two-thirds of voters" is a fraction, not the number two
            nums = [n for n in nums if not any(a <= n.start < b for a, b in fractions)]
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
            made, consumed = self.read(_At(self, n, nums[i + 1] if i + 1 < len(nums) else None))
            out.extend(made)
            if made:
                used_until = max(q.span[1] for q in made)
            i += 1 + consumed
        out.extend(self.fractions(out))
        out.sort(key=lambda q: q.span)
        return out

    def read(self, at: _At) -> _Read:
        """Quantities starting at a number: the first matcher that recognises its pattern."""
        for matcher in _MATCHERS:
            found = matcher(self, at)
            if found is not None:
                return found
        return _plain(self, at)

    def noun_phrase(self, pos: int, *, allow_title: bool = False) -> NounPhrase:
        return noun_phrase(self.lex, self.line, pos, allow_title=allow_title)

    def qualifier(self, start: int) -> tuple[str | None, str, int]:
        return qualifier(self.lex, self.line, start)

    def skip_fillers(self, pos: int) -> int:
        """Skip up to two lower-case words before a rate or pair keyword
        ("one camera *soon* for every two people", "cameras *installed* for")."""
        line, p = self.line, pos
        for _ in range(2):
            if _KEYWORD.match(line[p : p + 6] + " "):
                return p
            m = _FILLER.match(line, p)
            if not m or m.group("w") in self.lex.filler_stop:
                return p
            p = m.end()
        return pos if not _FOR_OR_PER.match(line[p : p + 6] + " ") else p

    # -- builders
    def make(
        self, n: Number, np_: NounPhrase, *, group: int | None = None, attributive: bool = False, qualified: bool = True
    ) -> Quantity:
        q, b, s = self.qualifier(n.start) if qualified else (None, "=", n.start)
        unit, canon, known = np_.unit, np_.canonical, np_.known
        end = max(np_.end, n.end) if unit else n.end
        if n.currency and not (unit and known):
            # "a $320 billion increase", "a $30 billion deal": an amount of money, the noun says of what
            unit, canon, known, end = n.currency, self.lex.currency.get(n.currency), True, n.end
        return Quantity(
            self.line[s:end], n.value, n.value, n.value, unit, canon, q, b, (s, end), n.text,
            form="count", group=group, attributive=attributive, entity_hint=np_.hint, unit_known=known,
        )  # fmt: skip

    def make_rate(self, n: Number, num_np: NounPhrase, d: Number, den_np: NounPhrase, *, form: str) -> Quantity:
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
        else:
            value = n.value / d.value  # "one for every six": the rate itself (matchers refuse "per 0")
        unit_text = self.line[n.end : end].strip()
        return Quantity(
            self.line[s:end], value, value, value, unit_text or None, canon, q, b, (s, end), n.text, form=form,
            numerator=Term(n.value, n.text, num_np.unit, num_canon),
            denominator=Term(d.value, d.text, den_np.unit, den_canon),
            entity_hint=den_np.hint or num_np.hint,
            unit_known=bool(num_np.known and den_np.known),
        )  # fmt: skip

    def make_range(self, a: Number, b: Number, low: float, high: float, between: re.Match[str] | None) -> Quantity:
        np_ = self.noun_phrase(b.end)
        pm = self.lex.percent_re.match(self.line, b.end)
        q, bnd, s = self.qualifier(between.start() if between else a.start)
        unit: str | None
        canon: str | None
        if pm:
            end, unit, canon, known = pm.end(), pm.group("p"), "percent", True
        else:
            end = max(np_.end, b.end) if np_.unit else b.end
            unit, canon, known = np_.unit, np_.canonical, np_.known
            if a.currency and not unit:
                unit, canon, known = a.currency, self.lex.currency.get(a.currency), True
        return Quantity(
            self.line[s:end], (low, high), low, high, unit, canon, q, "range" if q is None else bnd, (s, end),
            self.line[a.start : b.end], form="range", unit_known=known,
        )  # fmt: skip

    def fractions(self, found: list[Quantity]) -> list[Quantity]:
        """ "a quarter of Americans", "half of the cameras": a share, value the fraction."""
        out = []
        for m in self.fraction_matches:
            if any(q.span[0] <= m.start() < q.span[1] for q in found):
                continue
            of = _OF.match(self.line, m.end("frac"))
            np_ = self.noun_phrase(of.end() if of else m.end())
            if np_.unit is None:
                continue
            value = self.lex.fractions[" ".join(m.group("frac").lower().replace("-", " ").split())]
            q, b, s = self.qualifier(m.start())
            out.append(Quantity(
                self.line[s : np_.end], value, value, value, np_.unit, "dimensionless", q, b, (s, np_.end),
                m.group("frac"), form="fraction", unit_known=np_.known, share_of=np_.canonical, entity_hint=np_.hint,
            ))  # fmt: skip
        return out


class _At:
    """A number being read, the one after it, and the noun phrase and filler words that
    follow it (read once, when a matcher first asks)."""

    __slots__ = ("_gap_end", "_np", "line", "n", "nxt")

    def __init__(self, line: _Line, n: Number, nxt: Number | None):
        self.line = line
        self.n = n
        self.nxt = nxt
        self._np: NounPhrase | None = None
        self._gap_end = -1

    @property
    def np(self) -> NounPhrase:
        """The noun phrase right after the number: its unit."""
        if self._np is None:
            self._np = self.line.noun_phrase(self.n.end)
        return self._np

    @property
    def gap_end(self) -> int:
        """After the noun phrase and up to two filler words: where "for every", "per", "for" may start."""
        if self._gap_end < 0:
            self._gap_end = self.line.skip_fillers(self.np.end)
        return self._gap_end


# --------------------------------------------------------------------------- the matchers, in order


def _from_to(s: _Line, at: _At) -> _Read | None:
    """ "from 20 to 30 million people": two figures (a change), the first taking the scale and
    the unit of the second when it has none of its own."""
    n, nxt = at.n, at.nxt
    if nxt is None or not _TO.fullmatch(s.line, n.end, nxt.start):
        return None
    if not _FROM.search(s.line, max(0, n.start - _LOOKBEHIND), n.start):
        return None
    if n.is_year and (nxt.is_year or nxt.plain):
        return [], 1  # from 2007 to 2012
    if n.scale == 1 and nxt.scale != 1 and not n.is_word:
        suffix = _SCALE_SUFFIX.sub("", nxt.text)  # " million", "m"
        n = replace(n, value=n.value * nxt.scale, text=n.text + suffix, scale=nxt.scale)
    np_ = s.noun_phrase(nxt.end)
    first = s.make(n, NounPhrase(n.end, np_.unit, np_.canonical, np_.known, np_.hint) if np_.unit else np_)
    return [first, s.make(nxt, np_, qualified=False)], 1


def _range(s: _Line, at: _At) -> _Read | None:
    """ "between 20 and 30 million", "20–30 million", "20 to 30 million" ("from 20 to 30" is not one)."""
    n, nxt = at.n, at.nxt
    if nxt is None:
        return None
    sep = _RANGE_SEP.fullmatch(s.line, n.end, nxt.start)
    if not sep:
        return None
    word = sep.group(0).strip().lower()
    window = max(0, n.start - _LOOKBEHIND)  # anchored at the number: never search the whole line before it
    between = _BETWEEN.search(s.line, window, n.start)
    if not (
        (word == "and" and between) or word in _DASHES or (word == "to" and not _FROM.search(s.line, window, n.start))
    ):
        return None
    if n.is_year and (nxt.is_year or nxt.plain):
        return [], 1  # 2007 to 2012: a span of years, not a quantity
    # "between 20 and 30 million": the scale word of the high end applies to both
    low = n.value * nxt.scale if n.scale == 1 else n.value
    if low > nxt.value:
        return None
    made = s.make_range(n, nxt, low, nxt.value, between)
    if _PER_STRICT.match(s.line, made.span[1]):
        return [], 1  # "between 3 and 8 beds per 1,000 people": a range of rates, not read yet
    return [made], 1


def _year(s: _Line, at: _At) -> _Read | None:
    """A year is time, not a quantity — unless a known noun follows it ("1200 cameras")."""
    if not at.n.is_year or (at.np.known and at.np.canonical not in s.lex.durations):
        return None
    return [], 0


def _attributive(s: _Line, at: _At) -> _Read | None:
    """ "a 500 million-pixel camera": it describes a thing, not an amount of it."""
    n, line = at.n, s.line
    if not (line[n.end : n.end + 1] == "-" and line[n.end + 1 : n.end + 2].isalpha()):
        return None
    m = _ATTRIBUTIVE.match(line, n.end)
    if m is None:
        return None
    word = m.group(1)
    canon = s.lex.nouns.get(word.lower()) or s.lex.units.get(word.lower())
    np_ = NounPhrase(m.end(), word, canon or singular(word), canon is not None)
    return [s.make(n, np_, attributive=True)], 0


def _percent(s: _Line, at: _At) -> _Read | None:
    """ "54 percent of cameras", "12%": a share, of a known noun when one follows "of"."""
    n, line = at.n, s.line
    pm = s.lex.percent_re.match(line, n.end)
    if not pm:
        return None
    end = pm.end()
    share_of = None
    of = _OF.match(line, end)
    if of:
        np_ = s.noun_phrase(of.end())
        if np_.known and np_.canonical:
            share_of, end = np_.canonical, np_.end
    q, b, start = s.qualifier(n.start)
    unit = line[n.end : end].strip()
    return [Quantity(
        line[start:end], n.value, n.value, n.value, unit, "percent", q, b, (start, end), n.text,
        form="percent", unit_known=True, share_of=share_of,
    )], 0  # fmt: skip


def _one_in(s: _Line, at: _At) -> _Read | None:
    """ "1 in 7", "one in five adults"."""
    n, nxt = at.n, at.nxt
    if nxt is None or at.np.unit is not None or n.scale != 1:
        return None
    if (
        not _IN.fullmatch(s.line, n.end, nxt.start)
        or nxt.is_year
        or nxt.value < n.value
        or nxt.currency
        or not nxt.value
    ):
        return None
    return [s.make_rate(n, at.np, nxt, s.noun_phrase(nxt.end), form="ratio")], 1


def _for_every(s: _Line, at: _At) -> _Read | None:
    """ "one camera for every six people", "372.8 cameras for every 1,000 people", "3 out of 10"."""
    nxt = at.nxt
    for pattern in (_FOR_EVERY, _OUT_OF):
        m = pattern.match(s.line, at.gap_end)
        if m and nxt is not None and nxt.start == m.end() and nxt.value > 0:
            den_np = s.noun_phrase(nxt.end, allow_title=True)
            return [s.make_rate(at.n, at.np, nxt, den_np, form="ratio")], 1
    return None


def _per(s: _Line, at: _At) -> _Read | None:
    """ "13.35 per 1,000 people", "15.5 per 1,000", "6,220 cameras per square mile"."""
    n, nxt, np_ = at.n, at.nxt, at.np
    m = _PER_STRICT.match(s.line, at.gap_end) or (_PER.match(s.line, np_.end) if np_.unit else None)
    if not m:
        return None
    if nxt is not None and nxt.start == m.end() and not nxt.currency:
        if nxt.value <= 0:
            return None  # "per 0 people" is no rate
        return [s.make_rate(n, np_, nxt, s.noun_phrase(nxt.end), form="rate")], 1
    base = _word_base(m.end(), s.line)
    if base is not None:  # "86 road fatalities per million inhabitants"
        return [s.make_rate(n, np_, base, s.noun_phrase(base.end), form="rate")], 0
    den_np = s.noun_phrase(m.end())
    if den_np.unit is None or not den_np.known:
        return None
    one = Number(m.end(), m.end(), 1.0, "", 1.0, False, None, False)  # "per square mile": per one
    return [s.make_rate(n, np_, one, den_np, form="rate")], 0


def _slash(s: _Line, at: _At) -> _Read | None:
    """ "0.92/100k", "2.1/100,000 people": a rate whose base, a power of ten of 1,000 or more,
    follows a slash right after the number ("9/29", "24/7", "1/2" are no rates)."""
    m = _SLASH_BASE.match(s.line, at.n.end)
    if m is None and not at.n.currency and s.line.startswith("/", at.n.end):
        word = _word_base(at.n.end + 1, s.line)  # "Denmark (26/million)"
        if word is not None:
            return [s.make_rate(at.n, at.np, word, s.noun_phrase(word.end), form="rate")], 0
    if m is None or at.n.currency:
        return None
    base = int(m.group("d").replace(",", "")) * (1000 if m.group("k") else 1)
    if base < 1000 or float(base) not in _POWERS_OF_TEN:
        return None
    d = Number(m.start("d"), m.end(), float(base), f"{base:,}", 1.0, False, None, False)
    return [s.make_rate(at.n, at.np, d, s.noun_phrase(m.end()), form="rate")], 0


_WORD_BASE = re.compile(r"(?P<w>thousand|million)\b", re.I)


def _word_base(pos: int, line: str) -> Number | None:
    """ "per million inhabitants", "/million": a rate's base written as a scale word alone."""
    m = _WORD_BASE.match(line, pos)
    if m is None:
        return None
    value = 1e3 if m.group("w").lower() == "thousand" else 1e6
    return Number(m.start(), m.end(), value, f"{value:,.0f}", 1.0, False, None, False)


def _pair(s: _Line, at: _At) -> _Read | None:
    """ "7,800 cameras for 501,178 people", "540 million cameras installed for a population of
    1.46 billion": two quantities of one statement, sharing a group."""
    n, nxt, np_ = at.n, at.nxt, at.np
    m = s.lex.for_re.match(s.line, at.gap_end)
    if not m or nxt is None or nxt.start != m.end() or nxt.is_year:
        return None
    den_np = s.noun_phrase(nxt.end)
    population = s.lex.for_population_re.match(s.line, at.gap_end) is not None
    if population and den_np.unit is None:
        den_np = NounPhrase(nxt.end, None, "person", True)
    if den_np.unit is None and nxt.scale == 1 and not population:
        return None
    if np_.canonical and den_np.canonical == np_.canonical:
        return None
    s.groups += 1
    return [s.make(n, np_, group=s.groups), s.make(nxt, den_np, group=s.groups, qualified=False)], 1


def _plain(s: _Line, at: _At) -> _Read:
    """A plain count, amount or measure; a bare number word is too often not a quantity."""
    n = at.n
    if _BASE_BEFORE.search(s.line, max(0, n.start - 16), n.start):
        return [], 0  # the 1,000 of "per 1,000 people" is a rate's base, not a population
    if n.is_word and at.np.unit is None:
        return [], 0  # "eight are in China"
    if n.is_word and n.value == 1 and n.scale == 1:
        return [], 0  # "one person, one file": an article, not a count
    if n.is_word and _OF.match(s.line, n.end):
        return [], 0
    return [s.make(n, at.np)], 0


_MATCHERS: tuple[Callable[[_Line, _At], _Read | None], ...] = (
    _from_to, _range, _year, _attributive, _percent, _one_in, _for_every, _slash, _per, _pair,
)  # fmt: skip
