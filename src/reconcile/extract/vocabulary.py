"""The extractor's words, compiled once: data/extract.toml and data/demonyms.toml on top of
the one vocabulary of numbers, qualifiers and count nouns (`reconcile.lexicon`).

    Lexicon      what the scanner needs to read a quantity in a line: number and scale
                 words, qualifier phrases, count nouns (with a claims repo's extra
                 ones), units, demonyms; `lexicon(extra_nouns)`
    Vocabulary   what the claim builder needs to read a sentence: sentence and clause
                 breaks, projection and period cues, study and author cues, scopes,
                 ranks, partitives; `vocabulary()`

Only the words are data; how they combine (the regex around them) is here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from ..lexicon import currencies, noun_lexicon, number_words, qualifiers, read_toml
from .keywords import Keyed, key_words

__all__ = ["Lexicon", "Vocabulary", "lexicon", "vocabulary"]

ExtraNouns = Mapping[str, Sequence[str]]


def alternation(words: Iterable[str], *, spaced: bool = True) -> str:
    """A regex alternative of literal words, longest first; a space in a phrase matches any run
    of white space (unless `spaced` is false).

    Written as a tree of shared prefixes ("per(?:\\s+cent|cent)?" for "per cent|percent|per"):
    the same matches as the flat list longest first, but the regex engine, which tries every
    alternative at every position of a search, tries one branch per first character instead
    (the extractor's searches were a tenth of its time). Where two branches at one level would
    start with letters equal but for case (a case-insensitive pattern could take either), the
    flat list is kept."""
    words = list(words)
    escaped = (re.escape(w) for w in words)
    if spaced:
        escaped = (w.replace(r"\ ", r"\s+") for w in escaped)
    flat = "|".join(sorted(escaped, key=len, reverse=True))
    tree: _Tree = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(r"\s+" if spaced and ch == " " else re.escape(ch), {})
        node[_END] = {}
    return _tree_regex(tree) or flat


_Tree = dict[str, "_Tree"]
_END = ""  # the key of "a word ends here" in an alternation's tree


def _tree_regex(node: _Tree) -> str | None:
    """The regex of a prefix tree, longer words before their prefixes (as the flat list longest
    first: the words that can match at one position are prefixes of one another); None when two
    branches of one level start with the same letter but for case."""
    branches: list[str] = []
    seen: set[str] = set()
    for key, child in node.items():
        if key == _END:
            continue
        bare = key.removeprefix("\\")
        variants = {bare.lower(), bare.upper(), bare.casefold()} if len(bare) == 1 else {key}
        if bare.isspace():
            variants.add(r"\s+")  # a white-space character, which `\s+` beside it would match too
        if variants & seen:
            return None
        seen |= variants
        chain = key
        while len(child) == 1 and _END not in child:  # one way on: no group
            ((key, child),) = child.items()
            chain += key
        rest = "" if list(child) == [_END] else _tree_regex(child)
        if rest is None:
            return None
        branches.append(chain + rest)
    if not branches:
        return ""
    body = "|".join(branches)
    if _END in node:
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


# --------------------------------------------------------------------------- the scanner's


class Lexicon:
    """Everything the scanner knows, compiled once: number and scale words, qualifier
    phrases, nouns and units. Build through `lexicon()`; extra count nouns (a claims
    repo's [nouns]) make a new one."""

    def __init__(self, extra_nouns: ExtraNouns | None = None):
        ext = read_toml("extract.toml")
        numbers = number_words()
        self.numbers = numbers
        self.words: dict[str, float] = numbers.words
        self.fractions: dict[str, float] = numbers.fractions
        self.scale_words = numbers.scale_words
        self.scale_letters = numbers.scale_letters
        self.qualifiers = qualifiers()
        # count nouns: spelling (lower) → canonical, and the canonical names themselves
        self.nouns: Mapping[str, str] = noun_lexicon(extra_nouns).spellings
        self.canonical_nouns = frozenset(self.nouns.values())
        # money, from the one currency table (lexicon/currencies.py): "$", "US$", "RM" before the
        # number, "dollars", "USD" after it; the claim's noun is the ISO code ("USD")
        money = currencies()
        self.currency: dict[str, str] = dict(money.symbols)
        self.money_words: Mapping[str, str] = money.spellings
        self.currency_codes = money.codes
        self.units: dict[str, str] = {k.lower(): v for k, v in ext["units"].items()}
        self.unit_names = frozenset(self.units.values())
        self.durations = _lower_set(ext["durations"]["words"])
        self.stop = _lower_set(ext["stop"]["words"])
        self.filler_stop = frozenset(ext["fillers"]["stop"])
        self.demonym_people = _demonym_people(read_toml("demonyms.toml"))
        self.max_phrase = max(len(p.split()) for p in [*self.nouns, *self.units, *self.demonym_people])
        # capitalised words a number may follow without being a model number ("Over 500", "In 2019")
        self.names_ok = frozenset(ext["entities"]["function_words"]) | frozenset(
            w.title() for phrase in self.qualifiers for w in phrase.split()
        )
        self._compile_numbers()
        self._compile_phrases(ext)

    def _compile_numbers(self) -> None:
        self.number_re = re.compile(self.number_pattern(), re.X | re.I)
        fractions = alternation(self.fractions).replace(r"\s+", r"[\s\-]+")  # "two thirds", "two-thirds"
        self.fraction_re = Keyed(
            re.compile(rf"(?<![\w-])(?P<frac>{fractions})\s+of\b", re.I), key_words(self.fractions)
        )
        cur_alt = f"(?-i:{alternation(self.currency, spaced=False)})"
        self.currency_prefix = re.compile(rf"^(?:{cur_alt})\s?")

    def number_pattern(self, *, guarded: bool = True) -> str:
        """The regex of a number (re.X | re.I): currency? (digits | number words | "a"/"an" before a
        scale word) scale?

        `guarded`: each part that may be absent is tried only where the character at hand can start
        it — a look-ahead at its first characters (digits, the first letters of the number words,
        of the currencies): the same matches, but a search, which tries the pattern at every word
        of a line, leaves most words after one test instead of trying every alternative (~⅓ of
        the time of `find_numbers`). Unguarded, the pattern as it was written (the tests compare)."""
        number_words = [w for w in self.words if w not in ("a", "an")]
        word_alt = alternation(number_words, spaced=False)
        scale_alt = alternation(self.scale_words, spaced=False)
        inner_scale = alternation((w for w in self.scale_words if w.isalpha() and len(w) > 3), spaced=False)
        word_run = rf"(?:{word_alt})(?:(?:(?<=hundred)\s+and\s+|[\s\-]+)(?:{word_alt}))*"
        glued_alt = alternation([u for u in self.units if u.isalpha()] + ["pc", "pct"], spaced=False)
        letters = "".join(re.escape(k) for k in self.scale_letters)
        cur_alt = f"(?-i:{alternation(self.currency, spaced=False)})"  # case as written: "try 5" is not TRY
        # 1,000,000; 1 000 000 with a space, thin space or narrow no-break space (SI grouping); 1000
        # "€15,3 trillion": a decimal comma, read only right after a euro sign or code and with 1 or 2
        # digits after it (never a thousands group, which has 3)
        digits = r"(?:(?:(?<=€)|(?<=€\s)|(?<=EUR\s))\d{1,3},\d{1,2}(?!,?\d)|\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\d,.]?\d)|\d+)(?:\.\d+)?"
        if guarded:
            currency_firsts = "".join(sorted({re.escape(c[0]) for c in self.currency}))
            word_firsts = "".join(sorted({re.escape(w[0]) for w in number_words}))  # re.I: either case
            # `(?:X|)` for `X?`: the same match, without the repeat's bookkeeping at every position
            sign = r"(?:(?P<sign>[-−](?=\d)|minus[\s-](?=\d))|)"
            cur = f"(?:(?=(?-i:[{currency_firsts}]))(?P<cur>{cur_alt})|)"
            digits_at, words_at = r"(?=\d)", f"(?=[{word_firsts}])"
        else:
            sign = r"(?P<sign>[-−](?=\d)|minus[\s-](?=\d))?"
            cur = f"(?P<cur>{cur_alt})?"
            digits_at = words_at = ""
        return rf"""
            (?<![\w.,/:])(?<![A-Za-z][-–])(?<!\s[-–])
            {sign}
            {cur}\s?
            (?:
                {digits_at}(?P<digits>{digits})(?![.,]?\d)
                (?:[eE](?P<exp>[+-]?\d{{1,3}})(?!\d)|\s?[×x]\s?10(?:\^(?P<exp2>[+-]?\d{{1,3}})|(?P<exp3>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))?
                (?:(?P<letter>[{letters}])(?![\w])
                  |(?=[^\w]|$|(?:{scale_alt})\b|(?:{glued_alt})\b)(?!,\d))
              | {words_at}(?P<words>{word_run}(?:\s+(?:{inner_scale})(?:\s+and)?[\s\-]+{word_run})*)\b
              | (?P<article>an?)\s+(?=(?:{scale_alt})\b)
            )
            (?:\s*(?P<scale>{scale_alt})\b)?
            """

    def _compile_phrases(self, ext: dict[str, Any]) -> None:
        # what a text must end with (ASCII, lower-cased) for `qualifier_re` to find anything in it
        self.qualifier_ends = tuple(sorted({q.split()[-1].lower() for q in self.qualifiers}))
        self.qualifier_re = re.compile(rf"(?:^|(?<=[\s(“\"'‘—–\-]))(?P<q>{alternation(self.qualifiers)})\s*$", re.I)
        self.percent_re = re.compile(
            r"\s*(?P<p>%|percent\b|per\s+cent\b|percentage\s+points?\b|pct\b|(?<=\d)pc\b)", re.I
        )
        self.token_re = re.compile(r"[ \t]*(?P<w>[A-Za-z$€£][A-Za-z0-9²’'\-]*(?:\.(?=[a-z]))?[A-Za-z0-9²]*)")
        # "7,800 cameras for 501,178 people", "... for a (total) population of 1.46 billion"
        whole = rf"(?:a|the)\s+(?:total\s+)?(?:{alternation(ext['population']['wholes'])})\s+of\s+"
        self.for_re = re.compile(rf"\s+for\s+(?:{whole})?", re.I)
        self.for_population_re = re.compile(rf"\s+for\s+{whole}", re.I)


def _demonym_people(demonyms: dict[str, Any]) -> dict[str, str]:
    """Demonyms as counted people: "four Australians" → person, hint Australia."""
    out: dict[str, str] = {}
    for country, forms in demonyms.items():
        for plural in forms.get("people", []):
            out[plural.lower()] = country
    return out


@lru_cache(maxsize=8)
def _lexicon_cached(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    return Lexicon({k: list(v) for k, v in extra} or None)


def lexicon(extra_nouns: ExtraNouns | None = None) -> Lexicon:
    """The scanner's vocabulary, with a claims repo's extra count nouns (ConfigError when
    two of them claim one spelling)."""
    key = tuple(sorted((k, tuple(v)) for k, v in (extra_nouns or {}).items()))
    return _lexicon_cached(key)


# --------------------------------------------------------------------------- the claim builder's


class Vocabulary:
    """The cues that turn quantities into claims (see extract.toml for each word list)."""

    def __init__(self) -> None:
        ext = read_toml("extract.toml")
        self._sentences(ext["sentences"], ext["clauses"])
        self._time(ext["projection"], ext["periods"])
        self._entities(ext["entities"], ext["study"])
        self._figures(ext)

    def _sentences(self, sentences: dict[str, Any], clauses: dict[str, Any]) -> None:
        abbreviations = alternation(a.removesuffix(".") for a in sentences["abbreviations"])
        self.abbreviation = re.compile(rf"(?:\b[A-Z]\.|\b(?:{abbreviations})\.)$")
        self.sentence_openers = frozenset(sentences["openers"])
        # re.I: `[A-Z]` after a joiner matches any letter. The pattern is
        #   ;|,?\s+JOINER\s+(?=[A-Z])|,\s+(?=AFTER_COMMA\b)|\s+(?=ANYWHERE\s)|\s[-–—]\s
        # written to start with the class of the first characters it can match, [;,\s], each
        # alternative then checking which it was: a search skips to the next such character
        # instead of trying every alternative at every position (the same matches, ~4× faster).
        joiners = alternation(clauses["joiners"])
        self.clause_break = re.compile(
            rf"[;,\s](?:(?<=;)|(?<=,)\s+(?:{joiners})\s+(?=[A-Z])|(?<=\s)\s*(?:{joiners})\s+(?=[A-Z])"
            rf"|(?<=,)\s+(?=(?:{alternation(clauses['after_comma'])})\b)"
            rf"|(?<=\s)\s*(?=(?:{alternation(clauses['anywhere'])})\s)|(?<=\s)[-–—]\s)",
            re.I,
        )
        # one of them is written as a word of its own wherever a break is not a semicolon or a dash
        self.clause_words = key_words([*clauses["joiners"], *clauses["after_comma"], *clauses["anywhere"]])

    def _time(self, proj: dict[str, Any], per: dict[str, Any]) -> None:
        # "at the time of going to press" is no forecast
        self.projection = Keyed(
            re.compile(rf"(?<![\w-])(?:{alternation(proj['cues'])})(?![\w-])(?!\s+press\b)", re.I),
            key_words(proj["cues"]),
        )
        self.continuation = re.compile(rf"^\W*(?:{alternation(proj['continuations'])})\b", re.I)
        year = r"(?P<year>1[89]\d\d|20\d\d)"
        months = alternation(per["months"])
        fiscal = r"(?P<year>(?:1[89]\d\d|20\d\d)(?:/\d\d(?![\d/]))?)"  # "in 2018/19": a fiscal year
        self.period = re.compile(
            rf"(?<![\w-])(?P<cue>{alternation(per['before'])})\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
            rf"(?:(?:{months})\.?\s+(?:\d{{1,2}},?\s+)?)?(?:(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)?"  # "in fiscal year 2023", "FY 2022"
            rf"{fiscal}(?![\d,.]\d)(?!\s*(?:-|–|to)\s*\d\d(?:\d\d)?\b)",  # "in 1992 to 4.7": a year
            re.I,
        )
        weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
        # a day named without its year ("on March 11", "Aug. 14", "as of 9/29", "on Monday"): a date the text does not give
        self.day_date = re.compile(
            rf"(?<![\w-])(?:(?:{months})\.?\s+\d{{1,2}}(?!\d)(?!,?\s+\d{{4}})|\d{{1,2}}\s+(?:{months})\b(?!\.?\s+\d{{4}})"
            rf"|(?:on\s+|as\s+of\s+)?(?:{weekdays})\b|(?:as\s+of|on)\s+\d{{1,2}}/\d{{1,2}}(?!/)|yesterday|today|tonight)",
            re.I,
        )
        # a year told relative to another: "a year later", "two years earlier", "the previous year";
        # "last year", "this year", "next year" are relative to the document's own date
        self.relative_year = Keyed(
            re.compile(
                r"(?<![\w-])(?:(?P<n>a|an|one|two|three|four|five|\d{1,2})\s+years?\s+(?P<dir>later|earlier|before|after|ago)"
                r"|the\s+(?P<adj>previous|following|preceding|next)\s+year|the\s+year\s+(?P<dir2>before|after)"
                r"|(?P<deictic>last|this|next)\s+year)(?![\w-])",
                re.I,
            ),
            key_words(["year", "years"]),  # every alternative writes one of them between non-word characters
        )
        self.month_year = Keyed(re.compile(rf"(?<![\w-])(?:{months})\.?\s+{year}\b", re.I), key_words(per["months"]))
        # a month named, with or without its day or year ("in December", "Dec. 31"): capitalised, as names are
        self.month = re.compile(rf"(?<![\w-])(?:{alternation([m.capitalize() for m in per['months']])})\b")

    def _entities(self, ents: dict[str, Any], study: dict[str, Any]) -> None:
        self.subordinator = re.compile(rf"\W*(?:{alternation(ents['subordinators'])})\b", re.I)
        self.negator = re.compile(rf"(?:{alternation(ents['negators'])})\s+(?:the\s+)?$", re.I)
        self.place_after = re.compile(rf"(?:\b(?:{alternation(ents['place_prepositions'])})\s+(?:the\s+)?)$", re.I)
        self.refers_back = re.compile(rf"(?<![\w’'])(?:{alternation(ents['refers_back'])})(?![\w’'])", re.I)
        self.relative = re.compile(rf"\s*(?:{alternation(ents['relatives'])})\b", re.I)
        self.subject_verb = re.compile(rf"\s+(?:{alternation(ents['subject_verbs'])})\b")
        self.share_of_before = re.compile(rf"\bof\s+(?:{alternation(ents['share_antecedents'])})\s*$", re.I)
        self.study = Keyed(
            re.compile(rf"(?<![\w-])(?:{alternation(study['cues'])})(?![\w-])", re.I), key_words(study["cues"])
        )
        self.author_verbs = re.compile(rf"\s+(?:{alternation(study['author_verbs'])})\b", re.I)
        self.author_before = re.compile(rf"\b(?:{alternation(study['author_cues'])})\s+$", re.I)

    def _figures(self, ext: dict[str, Any]) -> None:
        self.measures: dict[str, str] = {" ".join(k.split()): v for k, v in ext["measures"].items()}
        self.measure_re = Keyed(
            re.compile(rf"(?<![\w-])(?P<m>{alternation(self.measures)})(?![\w-])", re.I), key_words(self.measures)
        )
        self.scopes: dict[str, str] = {" ".join(k.lower().split()): v for k, v in ext["scopes"].items()}
        self.scope_re = re.compile(rf"\s*\)?\s*(?P<s>{alternation(self.scopes)})\b", re.I)
        # every rank word must end where white space runs to the end: their order does not matter
        words = [w for w in ext["ranks"]["before"] if re.match(r"\w", w)]
        signs = [w for w in ext["ranks"]["before"] if not re.match(r"\w", w)]
        ranks = "|".join(
            p for p in (rf"\b(?:{alternation(words, spaced=False)})", alternation(signs, spaced=False)) if p
        )
        self.rank_before = re.compile(rf"(?:{ranks})\s*$", re.I)
        self.rank_words = tuple(w.lower() for w in ext["ranks"]["before"])  # what a match ends with, but for spaces
        self.implied: dict[str, str] = {" ".join(k.lower().split()): v for k, v in ext["implied"].items()}
        self.implied_re = Keyed(
            re.compile(rf"(?<![\w-])(?P<p>{alternation(self.implied)})(?![\w-])", re.I), key_words(self.implied)
        )
        self.population_before = re.compile(
            rf"\b(?:{alternation(ext['population']['before'])})\b(?:\s+\w+){{0,4}}\s*$", re.I
        )
        part = ext["partitives"]
        # NB: `^` does not match at a `pos` past 0, so as `.match(text, pos)` this never fires.
        self.partitive_after = re.compile(rf"^\s+of\s+(?:(?:{alternation(part['determiners'])})\s+)?", re.I)
        self.partitive = re.compile(
            r"(?<![\w,.])(?P<m>[A-Za-z]+|\d[\d,]*)\s+of\s+(?:the\s+)?"
            rf"(?:(?:{alternation(part['superlatives'])})\s+(?P<n>\d[\d,]*|[a-z]+)\s+)?"
        )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary()
