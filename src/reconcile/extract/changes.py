"""A stated change and the two levels it was computed from, in one sentence.

"The federal deficit jumped by 28% between fiscal year 2022 and fiscal year 2023, from
$1.375 trillion to $1.69 trillion": the 28 % is a change of the deficit (`role: change`,
period 2022-2023), $1.375 trillion the deficit of 2022 and $1.69 trillion that of 2023, and
the change was computed from those two (`computed_from`). Read figure by figure, the two
levels say nothing of what they measure, and the change is a measure of its own ("deficit
change") that `check` compares with nothing; read together, `check` can see that 1.69 ÷ 1.375
is +22.9 %, not +28 %.

Also "Health spending rose 12% to KSh 112 billion in 2022, from KSh 100 billion in 2021" (or
"compared with …", "… a year earlier"), and "rose by 24% (+245 TWh), from …" (the bracket left as
read). What changed is the subject of the change verb: a measure the vocabulary knows, else the
subject's own plain words ("Nigeria's population", "Road deaths in France"); or what follows a
change noun ("a 12% increase in health spending, from … to …"). Only when the
sentence says it one way: one change (a relative one: "2 points" is no percentage change), two
levels in one unit that is no percentage (a change of a rate from 5.4 % to 6.2 % may mean
points), one entity, and years that say which level is whose. A level whose year the sentence
does not state keeps its period empty. Anything else is left as figure-by-figure reading left it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import percent_words
from .candidates import CandidateClaim, could_be_computed
from .context import Sentence
from .cues import inside_a_name, with_modifier
from .relative import year_offset
from .vocabulary import lexicon, vocabulary

__all__ = ["link_changes"]

_YEAR = r"(?:19|20)\d\d"
_FISCAL = r"(?:(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)?"
_ANY_YEAR = re.compile(rf"(?<![\d,.]){_YEAR}(?![\d,])")
# when the change happened, written between it and its levels: "between fiscal year 2022 and fiscal year
# 2023", "from 2021 to 2022", "in 2023"
_SPAN = re.compile(rf"(?:between|from)\s+{_FISCAL}(?P<a>{_YEAR})\s+(?:and|to)\s+{_FISCAL}(?P<b>{_YEAR})", re.I)
_IN_YEAR = re.compile(rf"(?:in|during)\s+{_FISCAL}(?P<y>{_YEAR})", re.I)
_QUALIFIER = r"(?:(?:about|around|roughly|nearly|almost|approximately|some|over|under|just\s+over|just\s+under)\s+)?"
_FROM = re.compile(rf"[\s,;]*(?:(?:up|down)\s+)?from\s+{_QUALIFIER}$", re.I)
# the level it started from, after the one it came to: "(up) from", "compared with"
_SINCE = re.compile(rf"[\s,;]*(?:(?:(?:up|down)\s+)?from|compared\s+(?:with|to))\s+{_QUALIFIER}$", re.I)
_TO = re.compile(rf"\s*,?\s*to\s+{_QUALIFIER}$", re.I)
_LEVEL_YEAR = re.compile(rf"\s+(?:in|for)\s+{_FISCAL}(?P<y>{_YEAR})\b", re.I)
# the words between the measure named as the subject and its change: "jumped by", "has risen"
_FILLER = r"(?:(?:has|have|had|was|were|is|are)\s+)?(?:[a-z]+ly\s+)?"
_PREPOSITION = re.compile(r"\b(?:of|on|for|in|at|with|from|to|by|about|over|than|per|among|between)\b", re.I)
_POINT_WORDS = ("point", "basis")
_RATIOS = frozenset({"rate", "ratio", "share", "percentage", "proportion"})


def link_changes(made: list[CandidateClaim], sent: Sentence) -> None:
    """The sentence's one stated change and its two levels, linked as the module's docstring
    says (in place); nothing when the sentence says it otherwise."""
    if len(made) != len(sent.quantities) or not 3 <= len(made) <= 4 or any(c.quantity is None for c in made):
        return  # one change, two levels (and the change restated in brackets): nothing else the sentence states
    change, *levels = made
    assert change.quantity is not None
    after = change.quantity.span[1]  # where the words about its levels start
    if len(levels) == 3 and (closed := _restates(sent, change, levels[0])):
        after, levels = closed, levels[1:]  # "rose by 24% (+245 TWh), from …": left as read, a change of an amount
    if len(levels) != 2:
        return
    first, second = levels
    if not _relative_change(change) or any(_percent(c) for c in (first, second)):
        return
    what = _what_changed(sent, change)
    if what is None and (noun := _change_noun(sent, change)) is not None:
        what, after = (noun[0], noun[1]), noun[2]  # "a 12% increase in health spending, from …"
    if what is None:
        return
    x, verb = what
    if x.split()[-1].lower() in _RATIOS:
        return  # "Unemployment fell 12%, from 3.4 million people": a rate's name, levels that are no rate
    read = _levels(sent, after, first, second)
    if read is None:
        return
    start, end, years = read
    if not _one_thing(change, start, end, x):
        return
    a, b = years
    stated = {int(y) for y in _ANY_YEAR.findall(sent.text)}
    if b is None or not stated <= {int(y) for y in (a, b) if y}:
        return  # no year, or a year that belongs to something else ("since 2019"): which is whose is a guess
    if a is not None and int(a) >= int(b):
        return
    why = f"read with the change {_quoted(sent, change)} of the same sentence"
    _named(change, x)
    change.role = "change"
    if verb < 0 and not change.value.lstrip().startswith(("-", "−")):
        change.value = f"fell {change.value}"  # a fall is a negative change
    change.dated(_change_period(sent.text, a, b), _change_why(change, a, b))
    for level, year in ((start, a), (end, b)):
        _as_level(level, x, year, why)
    if could_be_computed(change, (start, end)):
        change.links = (start, end)
        change.computed_from = ["?", "?"]


_BRACKET_OPEN = re.compile(r"\s*\(\s*[+\-−]?")
_BRACKET_CLOSE = re.compile(r"\s*\)")


def _restates(sent: Sentence, change: CandidateClaim, c: CandidateClaim) -> int | None:
    """Where the brackets close when the figure in them, right after the change, says it again:
    "24% (+245 TWh)"."""
    qc, q = change.quantity, c.quantity
    assert qc is not None and q is not None
    closed = _BRACKET_CLOSE.match(sent.text, q.span[1])
    if _BRACKET_OPEN.fullmatch(sent.text, qc.span[1], q.span[0]) is None or closed is None:
        return None
    return closed.end()


def _quoted(sent: Sentence, c: CandidateClaim) -> str:
    assert c.quantity is not None
    return repr(sent.text[c.quantity.span[0] : c.quantity.span[1]])


def _change_period(text: str, a: str | None, b: str) -> str:
    """ "between 2021 and 2022" is over both (`2021-2022`, as relative.py writes it); "from … in 2021
    to … in 2022" is the change in 2022, as `check` reads a change's one year (from the year before)."""
    if a is None or (int(b) == int(a) + 1 and _SPAN.search(text) is None):
        return b
    return f"{a}-{b}"


def _change_why(change: CandidateClaim, a: str | None, b: str) -> str:
    span = [d for d in change.doubts if d.startswith("a change '")]
    if span:
        return span[0]
    return f"a change from the level of {a} to that of {b}" if a else f"a change in {b}"


def _relative_change(c: CandidateClaim) -> bool:
    """A percentage that is no share, comparison or difference in points."""
    q = c.quantity
    assert q is not None
    if q.form != "percent" or q.share_of or c.role is not None or c.of:
        return False
    return not any(w in c.value.lower() for w in _POINT_WORDS)


def _percent(c: CandidateClaim) -> bool:
    q = c.quantity
    assert q is not None
    return q.form == "percent" or any(w in c.value.lower() for w in _POINT_WORDS) or "percent" in c.value


def _measure_of(change: CandidateClaim) -> str | None:
    """ "deficit change" → "deficit": what changed, as the figure-by-figure reading named it."""
    if change.measure is None or "measure" in change.missing:
        return None
    for generic in (" change", " growth"):
        if change.measure.endswith(generic):
            return change.measure.removesuffix(generic) or None
    return None


@lru_cache(maxsize=1)
def _verb_gap() -> re.Pattern[str]:
    verbs = sorted(percent_words().change_verbs, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, v.split())) for v in verbs)
    return re.compile(rf"\s+{_FILLER}(?P<verb>{alternation})(?:\s+by)?\s+{_QUALIFIER}$", re.I)


def _what_changed(sent: Sentence, change: CandidateClaim) -> tuple[str, int] | None:
    """(what changed, +1 or −1) when the change's clause opens on it as the subject of a change
    verb: "The federal deficit jumped by 28%" (a measure the vocabulary knows), "Nigeria's
    population grew 2.4%", "Road deaths in France fell 5%" (the subject's own words); not a phrase
    the measure only ends ("Net outlays for interest on the public debt rose by 33%" is no change
    of the public debt)."""
    q = change.quantity
    assert q is not None
    text = sent.text
    a, _ = sent.clause_of(q)
    gap = _verb_gap().search(text, a, q.span[0])
    if gap is None:
        return None
    sign = percent_words().change_verbs[" ".join(gap.group("verb").lower().split())]
    cut = max(text.rfind(ch, a, gap.start()) for ch in ",;:(")
    opening = max(a, cut + 1)
    x = _measure_of(change)
    if x is None and change.measure is not None and "measure" not in change.missing:
        return None  # a measure of its own ("unemployment rate"), not the change of one
    if x is None:
        words = _subject_words(sent, opening, gap.start())
        return (words, sign) if words else None
    v = vocabulary()
    cues = [m for m in v.measure_re.finditer(text, opening, gap.start()) if not inside_a_name(sent, *m.span())]
    if not cues:
        return None
    where = _masked(sent, cues[-1].end(), gap.start())  # "Health spending in Kenya rose 12%"
    if where and not _WHERE.fullmatch(where):
        return None
    before = text[opening : cues[-1].start()]
    if _PREPOSITION.search(before) or _ANY_YEAR.search(before):
        return None
    return x, sign


@lru_cache(maxsize=1)
def _noun_gap() -> re.Pattern[str]:
    nouns = sorted(percent_words().change_nouns, key=len, reverse=True)
    return re.compile(rf"\s+(?P<noun>{'|'.join(map(re.escape, nouns))})\s+in\s+", re.I)


_ARTICLE_BEFORE = re.compile(rf"\b(?:a|an)\s+{_QUALIFIER}$", re.I)
_PHRASE_END = re.compile(rf"\s*(?:,|\bfrom\b|\bto\b|{_SPAN.pattern}|{_IN_YEAR.pattern})", re.I)


def _change_noun(sent: Sentence, change: CandidateClaim) -> tuple[str, int, int] | None:
    """(what changed, +1 or −1, where its words end) for "a 12% increase in health spending", "a 28%
    rise in the federal deficit": a change noun after the figure, then what changed."""
    q = change.quantity
    assert q is not None
    text = sent.text
    if change.measure is not None and "measure" not in change.missing and _measure_of(change) is None:
        return None
    gap = _noun_gap().match(text, q.span[1])
    if gap is None or not _ARTICLE_BEFORE.search(text, 0, q.span[0]):
        return None
    end = _PHRASE_END.search(text, gap.end())
    if end is None or end.start() == gap.end():
        return None
    sign = percent_words().change_nouns[gap.group("noun").lower()]
    v = vocabulary()
    cues = [m for m in v.measure_re.finditer(text, gap.end(), end.start()) if not inside_a_name(sent, *m.span())]
    if cues and cues[-1].end() == end.start() and not _PREPOSITION.search(text, gap.end(), cues[-1].start()):
        name = v.measures[" ".join(cues[-1].group("m").lower().split())]
        if name not in ("change", "growth"):
            return with_modifier(sent, cues[-1].start(), name, opens=gap.end()), sign, end.start()
    words = _subject_words(sent, gap.end(), end.start())
    return (words, sign, end.start()) if words else None


_PLACE = "\x00"
_OWNER = re.compile(rf"^\s*(?:the\s+)?{_PLACE}(?:’s|'s|’|')?\s+", re.I)  # "Nigeria's", "the EU's"
_WHERE = re.compile(rf"\s+(?:in|of)\s+(?:the\s+)?{_PLACE}\s*$", re.I)  # "in France"
_DETERMINER = re.compile(r"^\s*(?:the|its|their)\s+", re.I)
_WORDS = re.compile(r"[A-Za-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}")
_PRONOUNS = frozenset({"it", "they", "this", "that", "these", "those", "which", "who", "what", "each", "all", "both"})


def _masked(sent: Sentence, start: int, end: int) -> str:
    """The sentence's text from start to end, each place in it one `_PLACE` character."""
    chars = list(sent.text[start:end])
    for m in sent.places:
        a, b = m.start - sent.start - start, m.end - sent.start - start
        if 0 <= a < b <= len(chars):
            chars[a:b] = [_PLACE] + [""] * (b - a - 1)
    return "".join(chars)


def _subject_words(sent: Sentence, start: int, end: int) -> str | None:
    """The subject's own words, its place left out: one to three plain words ("population",
    "road deaths", "electricity generation"), no function word, pronoun or name among them."""
    phrase = _DETERMINER.sub("", _WHERE.sub("", _OWNER.sub("", _masked(sent, start, end))))
    if not _WORDS.fullmatch(phrase):
        return None
    words = phrase.split()
    if words[0][1:] != words[0][1:].lower():
        return None  # "Kenya", "GDP": a name, or a measure the vocabulary would have known
    words[0] = words[0].lower()
    stop = lexicon(None).stop
    if any(w in stop or w in _PRONOUNS or _PREPOSITION.fullmatch(w) or w.endswith("ly") for w in words):
        return None
    return " ".join(words)


_Levels = tuple[CandidateClaim, CandidateClaim, tuple[str | None, str | None]]


def _levels(sent: Sentence, after: int, first: CandidateClaim, second: CandidateClaim) -> _Levels | None:
    """(level it started from, level it came to, (start year, end year)) as the words between
    the figures say: "… between A and B, from L1 to L2" or "… to L2 (in B), from L1 (in A)"."""
    text = sent.text
    q1, q2 = first.quantity, second.quantity
    assert q1 is not None and q2 is not None
    between = text[after : q1.span[0]]
    # "rose 12% (between A and B | in B), from L1 (in A) to L2 (in B)"
    from_at = _FROM.search(between)
    if from_at is not None:
        when = between[: from_at.start()].strip(" ,;")
        to = _TO.fullmatch(text, _after_year(text, q1.span[1]), q2.span[0])
        if to is None or not _only_when(when):
            return None
        years = _years(text, when, q1.span[1], q2.span[1])
        return (first, second, years) if years is not None else None
    # "rose 12% (in B) to L2 (in B), (up) from L1 (in A)", "… compared with L1 (a year earlier)"
    to_at = _TO.search(between)
    if to_at is None or not _SINCE.fullmatch(text, _after_year(text, q1.span[1]), q2.span[0]):
        return None
    when = between[: to_at.start()].strip(" ,;")
    if not _only_when(when):
        return None
    years = _years(text, when, q2.span[1], q1.span[1])
    return (second, first, years) if years is not None else None


def _after_year(text: str, end: int) -> int:
    m = _LEVEL_YEAR.match(text, end)
    return m.end() if m else end


def _only_when(when: str) -> bool:
    """Between the change and its levels, nothing but when it happened."""
    return not when or bool(_SPAN.fullmatch(when) or _IN_YEAR.fullmatch(when))


def _years(text: str, when: str, start_end: int, end_end: int) -> tuple[str | None, str | None] | None:
    """The start and end years: the span written with the change, else each level's own ("in 2021"),
    else the one year the change is in (the end: the start level's year is not stated)."""
    own_a, own_b = _LEVEL_YEAR.match(text, start_end), _LEVEL_YEAR.match(text, end_end)
    span = _SPAN.search(text)
    if span is not None:
        a, b = span.group("a"), span.group("b")
        if (own_a and own_a.group("y") != a) or (own_b and own_b.group("y") != b):
            return None
        return a, b
    in_year = _IN_YEAR.fullmatch(when) if when else None
    b_year = own_b.group("y") if own_b else None
    if in_year is not None:
        if b_year not in (None, in_year.group("y")):
            return None
        b_year = in_year.group("y")
    a_year = own_a.group("y") if own_a else None
    if a_year is None and b_year is not None:
        a_year = _years_before(text, start_end, int(b_year))
    return a_year, b_year


_RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:(?:in|for)\s+)?")


def _years_before(text: str, start_end: int, end_year: int) -> str | None:
    """ "… to $774 billion in 2023, from $723 billion a year earlier" (or "the previous year"): the
    start level's year, counted back from the end level's; not "last year", counted from a date
    the sentence does not give."""
    gap = _RELATIVE_AFTER.match(text, start_end)
    assert gap is not None  # every part of it is optional
    rel = vocabulary().relative_year.match(text, gap.end())
    if rel is None or rel.group("deictic") or (rel.group("dir") or "").lower() == "ago":
        return None
    offset = year_offset(rel)
    return str(end_year + offset) if offset < 0 else None


def _one_thing(change: CandidateClaim, start: CandidateClaim, end: CandidateClaim, x: str) -> bool:
    """One entity, scope and kind for the three; the levels in one unit, measuring nothing else."""
    qs, qe = start.quantity, end.quantity
    assert qs is not None and qe is not None
    unit = (qs.canonical_unit, qs.is_rate, start.noun, start.den_noun)  # "3,244 (deaths)": a count's noun
    if unit != (qe.canonical_unit, qe.is_rate, end.noun, end.den_noun) or (unit[0] is None and unit[2] is None):
        return False
    same = {(_owner(c), c.scope, c.kind) for c in (change, start, end)}
    if len(same) != 1:
        return False
    # a level read alone may have taken the change's name ("deficit change" for "from 5.4% to 6.2%"),
    # or its head only ("spending" of "a 12% increase in health spending")
    return all(
        c.measure is None or "measure" in c.missing or c.measure in (x, change.measure) or x.endswith(f" {c.measure}")
        for c in (start, end)
    )


def _owner(c: CandidateClaim) -> str:
    """The entity as established: '' when it is not (written empty, or only guessed: "entity not
    established (perhaps United States)"), which all three then share, for a person to fill."""
    unsure = "entity" in c.missing or any(d.startswith("entity not established") for d in c.doubts)
    return "" if unsure else c.entity


def _named(c: CandidateClaim, x: str) -> None:
    c.measure = x
    c.missing = [m for m in c.missing if m != "measure"]
    c.doubts = [d for d in c.doubts if not d.endswith("with no word saying what it measures")]


def _as_level(level: CandidateClaim, x: str, year: str | None, why: str) -> None:
    """The level takes the change's measure, and its year when the sentence states it; a level whose
    year is not stated is left for a person to date."""
    _named(level, x)
    if year is not None:
        level.dated(year, f"measure and period {why}")
        return
    level.doubt(f"measure {why}")
    level.period = None
    level.lacks("period", "the level a change started from: its period is not stated")
