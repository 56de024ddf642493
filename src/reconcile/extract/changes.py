"""A stated change and the two levels it was computed from, in one sentence.

"The federal deficit jumped by 28% between fiscal year 2022 and fiscal year 2023, from
$1.375 trillion to $1.69 trillion": the 28 % is a change of the deficit (`role: change`,
period 2022-2023), $1.375 trillion the deficit of 2022 and $1.69 trillion that of 2023, and
the change was computed from those two (`computed_from`). Read figure by figure, the two
levels say nothing of what they measure, and the change is a measure of its own ("deficit
change") that `check` compares with nothing; read together, `check` can see that 1.69 ÷ 1.375
is +22.9 %, not +28 %.

Also "Health spending rose 12% to KSh 112 billion in 2022, from KSh 100 billion in 2021". Only
when the sentence says it one way: one change (a relative one: "2 points" is no percentage
change), two levels in one unit that is no percentage (a change of a rate from 5.4 % to 6.2 % may
mean points), the subject of the change verb naming the measure, one entity, and years that say
which level is whose. A level whose year the sentence does not state keeps its period empty.
Anything else is left as figure-by-figure reading left it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import percent_words
from .candidates import CandidateClaim, could_be_computed
from .context import Sentence
from .cues import inside_a_name
from .vocabulary import vocabulary

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
_TO = re.compile(rf"\s*,?\s*to\s+{_QUALIFIER}$", re.I)
_LEVEL_YEAR = re.compile(rf"\s+(?:in|for)\s+{_FISCAL}(?P<y>{_YEAR})\b", re.I)
# the words between the measure named as the subject and its change: "jumped by", "has risen"
_FILLER = r"(?:(?:has|have|had|was|were|is|are)\s+)?(?:[a-z]+ly\s+)?"
_PREPOSITION = re.compile(r"\b(?:of|on|for|in|at|with|from|to|by|about|over|than|per|among|between)\b", re.I)
_POINT_WORDS = ("point", "basis")


def link_changes(made: list[CandidateClaim], sent: Sentence) -> None:
    """The sentence's one stated change and its two levels, linked as the module's docstring
    says (in place); nothing when the sentence says it otherwise."""
    with_figures = [c for c in made if c.quantity is not None]
    if len(with_figures) != 3 or len(made) != 3 or len(sent.quantities) != 3:
        return  # one change, two levels: nothing else the sentence states
    change, first, second = with_figures
    if not _relative_change(change) or any(_percent(c) for c in (first, second)):
        return
    verb = _subject_verb(sent, change)
    x = _measure_of(change)
    if verb is None or x is None:
        return
    read = _levels(sent, change, first, second)
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
    why = f"measure and period read with the change {_quoted(sent, change)} of the same sentence"
    change.measure, change.role = x, "change"
    if verb < 0 and not change.value.lstrip().startswith(("-", "−")):
        change.value = f"fell {change.value}"  # a fall is a negative change
    change.dated(f"{a}-{b}" if a else b, _change_why(change, a, b))
    for level, year in ((start, a), (end, b)):
        _as_level(level, x, year, why)
    if could_be_computed(change, (start, end)):
        change.links = (start, end)
        change.computed_from = ["?", "?"]


def _quoted(sent: Sentence, c: CandidateClaim) -> str:
    assert c.quantity is not None
    return repr(sent.text[c.quantity.span[0] : c.quantity.span[1]])


def _change_why(change: CandidateClaim, a: str | None, b: str) -> str:
    span = [d for d in change.doubts if d.startswith("a change '")]
    if span:
        return span[0]
    return f"a change from {a} to {b}" if a else f"a change in {b}"


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


def _subject_verb(sent: Sentence, change: CandidateClaim) -> int | None:
    """+1 or −1 when the change's clause opens on its measure, then its change verb ("The federal
    deficit jumped by 28%"), not on a phrase the measure ends ("Net outlays for interest on the
    public debt rose by 33%" is no change of the public debt)."""
    q = change.quantity
    assert q is not None
    text = sent.text
    a, _ = sent.clause_of(q)
    v = vocabulary()
    cues = [m for m in v.measure_re.finditer(text, a, q.span[0]) if not inside_a_name(sent, *m.span())]
    cues = [m for m in cues if v.measures[" ".join(m.group("m").lower().split())] not in ("change", "growth")]
    if not cues:
        return None
    cue = cues[-1]
    gap = _verb_gap().fullmatch(text, cue.end(), q.span[0])
    if gap is None:
        return None
    cut = max(text.rfind(ch, a, cue.start()) for ch in ",;:(")
    opening = text[max(a, cut + 1) : cue.start()]
    if _PREPOSITION.search(opening) or _ANY_YEAR.search(opening):
        return None
    return percent_words().change_verbs[" ".join(gap.group("verb").lower().split())]


_Levels = tuple[CandidateClaim, CandidateClaim, tuple[str | None, str | None]]


def _levels(sent: Sentence, change: CandidateClaim, first: CandidateClaim, second: CandidateClaim) -> _Levels | None:
    """(level it started from, level it came to, (start year, end year)) as the words between
    the figures say: "… between A and B, from L1 to L2" or "… to L2 (in B), from L1 (in A)"."""
    text = sent.text
    qc, q1, q2 = (c.quantity for c in (change, first, second))
    assert qc is not None and q1 is not None and q2 is not None
    between = text[qc.span[1] : q1.span[0]]
    # "rose 12% (between A and B | in B), from L1 (in A) to L2 (in B)"
    from_at = _FROM.search(between)
    if from_at is not None:
        when = between[: from_at.start()].strip(" ,;")
        to = _TO.fullmatch(text, _after_year(text, q1.span[1]), q2.span[0])
        if to is None or not _only_when(when):
            return None
        years = _years(text, when, q1.span[1], q2.span[1])
        return (first, second, years) if years is not None else None
    # "rose 12% to L2 (in B), (up) from L1 (in A)"
    if not _TO.fullmatch(between) or not _FROM.fullmatch(text, _after_year(text, q1.span[1]), q2.span[0]):
        return None
    years = _years(text, "", q2.span[1], q1.span[1])
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
    return (own_a.group("y") if own_a else None), b_year


def _one_thing(change: CandidateClaim, start: CandidateClaim, end: CandidateClaim, x: str) -> bool:
    """One entity, scope and kind for the three; the levels in one unit, measuring nothing else."""
    qs, qe = start.quantity, end.quantity
    assert qs is not None and qe is not None
    if qs.canonical_unit is None or qs.canonical_unit != qe.canonical_unit or qs.is_rate != qe.is_rate:
        return False
    if qs.is_rate and (start.noun, start.den_noun) != (end.noun, end.den_noun):
        return False
    same = {(_owner(c), c.scope, c.kind) for c in (change, start, end)}
    if len(same) != 1:
        return False
    # a level read alone may have taken the change's name ("deficit change" for "from 5.4% to 6.2%")
    return all(c.measure is None or "measure" in c.missing or c.measure in (x, change.measure) for c in (start, end))


def _owner(c: CandidateClaim) -> str:
    """The entity as established: '' when it is not (written empty, or only guessed: "entity not
    established (perhaps United States)"), which all three then share, for a person to fill."""
    unsure = "entity" in c.missing or any(d.startswith("entity not established") for d in c.doubts)
    return "" if unsure else c.entity


def _as_level(level: CandidateClaim, x: str, year: str | None, why: str) -> None:
    """The level takes the change's measure, and its year when the sentence states it; a level whose
    year is not stated is left for a person to date."""
    level.measure = x
    level.missing = [m for m in level.missing if m != "measure"]
    level.doubts = [d for d in level.doubts if not d.endswith("with no word saying what it measures")]
    if year is not None:
        level.dated(year, why)
        return
    level.doubt(why)
    level.period = None
    level.lacks("period", "the level a change started from: its period is not stated")
