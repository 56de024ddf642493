"""What a number counts, and the value string a claim carries (as values.parse_value reads it).

The counted noun is the quantity's own unit; else, for "a population of 1.4 billion",
people; else the noun of a figure near it in the sentence; else the last one counted.
A rate's denominator is its own, or the partner of an "X for Y" pair, or the last one,
or people.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import plural
from .candidates import CandidateClaim
from .context import Memory, Sentence
from .quantities import Quantity
from .vocabulary import Lexicon, lexicon, vocabulary
from .who import appositive_of

__all__ = [
    "as_points",
    "carry_rate",
    "has_scale",
    "nearby_noun",
    "nouns_for",
    "refers_back",
    "scope_for",
    "superlative_measure",
    "value_string",
    "whole_of_part",
]

_LETTER = re.compile(r"[A-Za-z]")
_WORD_NUMBER = re.compile(r"[A-Za-z][A-Za-z \-]*")
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|\bto\b|\band\b)\s*")
_ROUND_DENOMINATORS = (100.0, 1000.0, 10000.0, 100000.0, 1000000.0)  # "per 1,000": a rate, not "for every"


def has_scale(q: Quantity) -> bool:
    """ "5.5 million", "20bn": digits with a scale word (not a number written in words)."""
    return bool(_LETTER.search(q.number_text)) and not q.number_text.isalpha()


_PART_OF_THE = re.compile(
    r"(?:percent|per\s+cent|%|fraction|share|proportion|portion|half|third|quarter)\s+of\s+the\s+$", re.I
)


def whole_of_part(q: Quantity, text: str) -> bool:
    """ "67.11 percent of the nearly 91 crore electors", "a small fraction of the 33 million cases":
    the whole a part is taken of, written with a scale word, is a figure of its own, not the
    sample of a study ("150 of the world's cities")."""
    return has_scale(q) and _PART_OF_THE.search(text, max(0, q.span[0] - 40), q.span[0]) is not None


_SUPERLATIVE = re.compile(
    r",\s+(?:the|a|its)\s+(?:(?:highest|lowest|largest|smallest|biggest|best|worst|fastest|slowest|strongest|weakest)"
    r"(?:\s+ever)?|record|all-time\s+(?:high|low))\s+(?P<rest>[^,;.]{0,60})",
    re.I,
)


def superlative_measure(text: str, q: Quantity) -> str | None:
    """ "67.11 percent of the electors turned up to cast their vote in the election, the highest
    ever turnout recorded", "prices rose 9.1 percent, the fastest inflation in 40 years": the
    sentence ends on a superlative that names what the figure is. Only the figure's sentence
    after it, and only a measure named right after the superlative."""
    v = vocabulary()
    m = _SUPERLATIVE.search(text, q.span[1])
    if m is None:
        return None
    cue = v.measure_re.match(m.group("rest"))
    return v.measures[" ".join(cue.group("m").lower().split())] if cue else None


_ELIDED_NOUN = re.compile(
    r"\b(?:the|that|this)\s+(?:number|figure)\s+(?:(?:stood|was|is|rose|fell|climbed|dropped|reached|hit)\s+)"
    r"(?:(?:at|to)\s+)?$",
    re.I,
)


def refers_back(q: Quantity, text: str) -> bool:
    """ "3,400 employees in 2019, the number stood at 2,900": a bare figure of "the number" counts
    what a count before it counts (nouns_for finds it), as a figure with its own noun does."""
    return (
        q.form == "count"
        and q.unit is None
        and _ELIDED_NOUN.search(text, max(0, q.span[0] - 40), q.span[0]) is not None
    )


# --------------------------------------------------------------------------- nouns


def nouns_for(q: Quantity, qi: int, qs: list[Quantity], text: str, memory: Memory) -> tuple[str | None, str | None]:
    """The counted noun (a rate's numerator) and a rate's denominator."""
    if q.is_rate:
        return _rate_nouns(q, qi, qs, memory)
    if q.form in ("percent", "fraction"):
        return q.share_of, None
    if q.canonical_unit:
        return ("death" if _deaths(q, text) else "passenger" if _travellers(q, text) else q.canonical_unit), None
    # a figure whose unit the sentence implies: "a population of 1.4 billion", "over 5.5 million"
    if vocabulary().population_before.search(text, max(0, q.span[0] - 120), q.span[0]):
        return "person", None
    if q.group is not None:
        return _group_noun(q, qi, qs, memory), None
    # an area is written with its own number: a bare figure is never an area taken from before
    before = memory.last_noun if memory.last_noun and "**" not in memory.last_noun else None
    return nearby_noun(qi, qs, text=text) or _implied_noun(text, q) or before, None


_DIED_AFTER = re.compile(
    r"\s+(?:(?:were|was|have\s+been|had\s+been|are|have|had)\s+)?(?:killed|died|dead|lost\s+their\s+lives)\b", re.I
)
_LIVES_BEFORE = re.compile(r"\b(?:claimed|claiming|claims|cost|costing|took|taken|lost)\s+(?:\w+\s+)?$", re.I)


def _deaths(q: Quantity, text: str) -> bool:
    """ "20,600 people were killed", "42,514 people died", "claimed 20,653 lives": a count of
    deaths, not of people (a population) or of lives."""
    if q.canonical_unit == "person":
        return _DIED_AFTER.match(text, q.span[1]) is not None
    if (q.unit or "").lower() == "lives":
        return _LIVES_BEFORE.search(text, max(0, q.span[0] - 30), q.span[0]) is not None
    return False


_THROUGH_AFTER = re.compile(
    r"\s+(?:(?:have|had|has|were)\s+)?(?:passed|flew|flown|travell?ed|transited)\s+through\b", re.I
)


def _travellers(q: Quantity, text: str) -> bool:
    """ "104.7 million people passed through", "people who flew through it": the people a place
    was passed through by are its passengers, not its population (as people who died are deaths)."""
    return q.canonical_unit == "person" and _THROUGH_AFTER.match(text, q.span[1]) is not None


def _implied_noun(text: str, q: Quantity) -> str | None:
    """ "The death toll ... surpassed 800,000": the noun a phrase before the figure names."""
    v = vocabulary()
    cues = list(v.implied_re.finditer(text, max(0, q.span[0] - 150), q.span[0]))
    return v.implied[" ".join(cues[-1].group("p").lower().split())] if cues else None


def _rate_nouns(q: Quantity, qi: int, qs: list[Quantity], memory: Memory) -> tuple[str | None, str | None]:
    num = q.numerator.canonical_unit if q.numerator else None
    den = q.denominator.canonical_unit if q.denominator else None
    counts = [o.canonical_unit for o in qs[:qi] if o.form == "count" and o.canonical_unit and o.unit_known]
    if num is None and den is None and len(set(counts)) >= 2:
        # "465,255 cameras – 3,891,127 people – 119.57 per 1,000": the row's own two counts
        return counts[-2], counts[-1]
    if num is None:
        num = nearby_noun(qi, qs, exclude=den) or memory.last_noun
    if den is None:
        den = _pair_den(qs) or memory.last_den or "person"
    return num, den


def _group_noun(q: Quantity, qi: int, qs: list[Quantity], memory: Memory) -> str | None:
    """The first of "X for Y people" without a noun of its own: a rate's numerator in the
    sentence, or a noun near it — never its partner's."""
    partner = next((o for o in qs if o.group == q.group and o is not q), None)
    other = partner.canonical_unit if partner else None
    rate_nums = [o.numerator.canonical_unit for o in qs if o.is_rate and o.numerator and o.numerator.canonical_unit]
    if rate_nums and rate_nums[0] != other:
        return rate_nums[0]
    guess = nearby_noun(qi, qs, exclude=other) or memory.last_noun
    return guess if guess != other else None


_SET_AGAINST = re.compile(r"\s+in\s")


def nearby_noun(qi: int, qs: list[Quantity], exclude: str | None = None, text: str = "") -> str | None:
    """The known noun of the nearest other count or rate numerator (earlier first on a tie); never
    a duration ("81.9 million for the 12 months" is no 81.9 million months), nor one the figure is
    set against ("with 4.6 million in 273 square miles": 4.6 million of something else)."""
    durations = lexicon().durations
    set_against = bool(text) and _SET_AGAINST.match(text, qs[qi].span[1]) is not None
    order = sorted(range(len(qs)), key=lambda j: (abs(j - qi), j > qi))
    for j in order:
        if j == qi or (set_against and j > qi):
            continue
        o = qs[j]
        if o.is_rate and o.numerator:
            noun = o.numerator.canonical_unit
        else:
            noun = o.canonical_unit if o.form == "count" else None
        if noun and noun != exclude and o.unit_known and noun not in durations:
            return noun
    return None


def _pair_den(qs: list[Quantity]) -> str | None:
    """The noun of the second of an "X for Y" pair in the sentence."""
    for o in qs:
        if o.group is not None:
            members = [x for x in qs if x.group == o.group]
            if len(members) == 2 and members[1].canonical_unit:
                return members[1].canonical_unit
    return None


# --------------------------------------------------------------------------- value strings


_SPACE_GROUP = re.compile(r"(?<=\d)[ \u2009\u202f\u00a0](?=\d{3}(?!\d))")


def value_string(
    q: Quantity, noun: str | None, den: str | None, text: str, made: list[CandidateClaim], lex: Lexicon
) -> tuple[str | None, str | None]:
    """The claim's value ("over 200 million cameras", "13.35 cameras per 1,000 people") and,
    for a share of an earlier figure ("of which 54 percent"), that figure's entity (`of`).
    Digits grouped by spaces ("1 000") are written with commas, as the value reader reads them."""
    value, of = _value_string(q, noun, den, text, made, lex)
    if value and q.number_text:
        value = value.replace(q.number_text, _digits(q), 1) if _needs_digits(q) else value
    return (_SPACE_GROUP.sub(",", value) if value else value), of


_EXPONENT = re.compile(r"[eE][+-]?\d|×|\^|[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def _needs_digits(q: Quantity) -> bool:
    """Scientific notation ("1.5e6") and number words with a scale inside them ("twenty-eight
    thousand six hundred"), which the value reader does not read: written in digits."""
    text = q.number_text
    if _EXPONENT.search(text):
        return True
    words = text.lower().replace("-", " ").split()
    return len(words) > 2 and any(w in ("thousand", "million", "billion") for w in words[:-1])


def _digits(q: Quantity) -> str:
    value = q.value[1] if isinstance(q.value, tuple) else q.value
    if value.is_integer() and abs(value) < 1e9:
        return f"{int(value):,}"
    for size, word in _SCALES:
        if abs(value) >= size and (value / size) == round(value / size, 6):
            return f"{value / size:g} {word}"
    return f"{value:,.10g}"


def _value_string(
    q: Quantity, noun: str | None, den: str | None, text: str, made: list[CandidateClaim], lex: Lexicon
) -> tuple[str | None, str | None]:
    qual = f"{q.qualifier.lower()} " if q.qualifier else ""
    num = lex.currency_prefix.sub(
        "", q.number_text
    )  # the currency is the unit: "$4.5 trillion" → "4.5 trillion dollars"
    if _WORD_NUMBER.fullmatch(num.split()[0] if num else ""):
        num = num[0].lower() + num[1:]
    if q.form == "percent":
        return _percent_value(q, qual, num, text, made)
    if q.form == "fraction":
        return None, None
    if q.is_rate:
        return _rate_value(q, qual, noun, den, lex), None
    if q.form == "range":
        return _range_value(q, noun), None
    unit = _unit_display(q, noun, lex)
    num = lex.currency_prefix.sub("", num)
    return f"{qual}{num} {unit}".strip(), None


def _percent_value(
    q: Quantity, qual: str, num: str, text: str, made: list[CandidateClaim]
) -> tuple[str | None, str | None]:
    if (q.unit or "").lower().startswith(("percentage point", "points")):
        return f"{qual}{num} percentage points", None  # a difference of percentages, not a percentage
    if q.share_of:
        return f"{qual}{num} percent of {plural(q.share_of)}", None
    # "1 billion cameras worldwide, of which 54 percent ...": the share's whole
    if vocabulary().share_of_before.search(text, max(0, q.span[0] - 40), q.span[0]) and made:
        whole = made[-1]
        return f"{qual}{num} percent of {plural(whole.noun or 'thing')}", whole.entity
    return f"{qual}{num} percent", None


def _rate_value(q: Quantity, qual: str, noun: str | None, den: str | None, lex: Lexicon) -> str:
    n, d = q.numerator, q.denominator
    assert n is not None and d is not None
    num_noun = noun or "thing"
    num_word = _words(num_noun, n.value if n.value == 1 else None)
    n = replace(n, text=lex.currency_prefix.sub("", n.text))  # "RM23.50 per kg": the currency is the noun
    den_written = d.unit or ""
    if not d.text:  # "per square mile"
        return f"{qual}{n.text} {_words(num_noun)} per {den_written.lower()}"
    den_noun = plural(den) if den and (den in lex.canonical_nouns or d.canonical_unit is None) else den_written
    if q.form == "ratio" and d.value not in _ROUND_DENOMINATORS:
        den_noun = den_noun or _words(num_noun)
        if q.unit and q.unit.lstrip().lower().startswith("in "):
            return f"{qual}{n.text} {num_word} per {d.text} {den_noun}"
        return f"{qual}{n.text} {num_word} for every {d.text} {den_noun}"
    return f"{qual}{n.text} {_words(num_noun)} per {d.text} {den_noun}"


def _range_value(q: Quantity, noun: str | None) -> str | None:
    assert isinstance(q.value, tuple)
    lo_hi = _RANGE_SPLIT.split(q.number_text, maxsplit=1)
    if len(lo_hi) != 2:
        return None
    unit = _words(noun) if noun else (q.unit or "")
    return f"between {lo_hi[0]} and {lo_hi[1]} {unit}".strip()


_MONEY_WORDS = {"USD": "dollars", "EUR": "euros", "GBP": "pounds sterling"}


def _words(noun: str, count: float | None = None) -> str:
    """How a value string writes a noun: "cameras", "people"; money by its word or ISO code."""
    if noun.isupper() and len(noun) == 3:  # an ISO currency code
        return _MONEY_WORDS.get(noun, noun)
    return plural(noun, count)


def _unit_display(q: Quantity, noun: str | None, lex: Lexicon) -> str:
    if noun is None:
        return q.unit or ""
    if noun in lex.currency_codes:
        return _MONEY_WORDS.get(noun, noun)  # "4.5 trillion dollars", "23.50 MYR" (S$ is not $)
    if noun in lex.canonical_nouns or not q.unit_known or q.canonical_unit is None:
        return plural(noun, q.value if q.value == 1 else None)

    glued = q.unit is not None and q.text[q.text.find(q.number_text) + len(q.number_text) :][:1].isalpha()
    if glued and noun in lex.unit_names:
        return noun  # "155mph" → "155 mile / hour": the abbreviation as pint reads it
    unit = q.unit or noun
    return unit if any(c.isupper() for c in unit[1:]) else unit.lower()  # "TWh", "GtCO2" keep their case


# --------------------------------------------------------------------------- scope


def scope_for(sent: Sentence, q: Quantity) -> str | None:
    """What narrows the figure: a scope phrase after it ("in the metropolitan area"), or
    the named thing it describes ("the Skynet Project, a system of 20 million cameras")."""
    v = vocabulary()
    scope = v.scope_re.match(sent.text, q.span[1])
    if scope:
        return v.scopes[" ".join(scope.group("s").lower().split())]
    return appositive_of(sent, q)


# --------------------------------------------------------------------------- a ranking's rate carried on

_FOLLOWED_BY = re.compile(r"\bfollowed\s+by\b", re.I)


def carry_rate(made: list[CandidateClaim], text: str) -> None:
    """ "Harbin with 411 CCTVs per square kilometre, followed by London with 399, Chengdu with 350
    CCTVs": the ranking goes on in the rate it started with, written once (in place)."""
    for i, c in enumerate(made):
        q = c.quantity
        if q is None or q.form != "count" or q.is_rate or " per " in c.value:
            continue
        rate = next(
            (r for r in reversed(made[:i]) if r.quantity is not None and r.quantity.is_rate and r.noun == c.noun),
            None,
        )
        if rate is None or rate.quantity is None or " per " not in rate.value:
            continue
        if not _FOLLOWED_BY.search(text, rate.quantity.span[1], q.span[0]):
            continue
        c.value = f"{c.value} per {rate.value.split(' per ', 1)[1]}"
        c.den_noun = rate.den_noun


_PERCENT_WORD = re.compile(r"per\s*cent|%", re.I)


def as_points(q: Quantity, text: str) -> Quantity:
    """ "At just 0.5 points above 2001's low of 59.4 per cent": points beside percentages are
    percentage points."""
    if q.form != "count" or (q.unit or "").lower() not in ("points", "point", "pts"):
        return q
    if not _PERCENT_WORD.search(text):
        return q
    return replace(q, form="percent", canonical_unit="percent", unit="points", unit_known=True)
