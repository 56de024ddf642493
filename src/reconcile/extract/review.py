"""The last look at a document's candidates together, before they are written: what
`check` would compare that the extractor cannot vouch for goes to review instead.

- An undated figure beside dated ones of the same entity and unit would be compared
  with every one of them: its period is missing.
- Two or more different figures for the same entity, unit and period, none of them
  saying what it measures (a unit that is not a counted noun, or a figure guessed at), are far more often two measures the extractor could not
  tell apart (solar and total generation, jobs added and jobs held) than a document
  contradicting itself: which is which is for a person to say. Figures whose measure
  was read from the text ("GDP of 26,854 billion" and "GDP ... $26,462 billion") are kept:
  if they disagree, that is worth an alarm — except shares ("12 per cent of global
  electricity", "36 per cent of all power"): a share belongs to a part (renewables, coal)
  that the extractor does not read, so different shares of one whole go to review; and
  a place's share of its own whole ("6.2% of GDP", the deficit's) goes to review alone too,
  since another page's share of that whole (the debt's 97 %) would be taken for the same.
"""

from __future__ import annotations

from collections import defaultdict

from .candidates import CandidateClaim
from .gazetteer import gazetteer

__all__ = ["settle"]

_SAME = 1.02  # figures within 2 % of each other are one figure, rounded differently


def _kind(c: CandidateClaim) -> tuple[object, ...] | None:
    q = c.quantity
    if q is None or c.status == "needs-review":
        return None
    form = "percent" if q.form == "percent" else "amount"
    return (c.entity, c.scope, c.noun, c.den_noun, form, c.of, c.measure, c.kind, c.role, c.than)


def _no_whole_number(c: CandidateClaim, counted: frozenset[str]) -> bool:
    """ "a total of 104.7 people": a count of whole things that is no whole number, which `check`
    puts in no group (it meets the figures of its quantity only to be named where they disagree):
    it makes no undated figure beside it ambiguous."""
    q = c.quantity
    if q is None or q.form != "count" or q.is_rate or c.noun not in counted or not isinstance(q.value, float):
        return False
    return not q.value.is_integer() and not any(ch.isalpha() for ch in q.number_text)


def settle(claims: list[CandidateClaim], counted: frozenset[str]) -> None:
    """Mark for review what the module's docstring says (in place); `counted` are the count nouns."""
    by_kind: dict[tuple[object, ...], list[CandidateClaim]] = defaultdict(list)
    for c in claims:
        if _part_unnamed(c):
            whole = (c.measure or "").removeprefix("share of ")
            c.lacks(
                "measure",
                f"a share of {c.entity}{'’' if c.entity.endswith('s') else '’s'} own {whole}: of which part"
                " (the deficit, solar power)? Two such shares of one place are two parts, not one figure;"
                " say which before it is compared",
            )
    for c in claims:
        k = _kind(c)
        if k is not None:
            by_kind[k].append(c)
    for group in by_kind.values():
        dated = {c.period for c in group if c.period and not _no_whole_number(c, counted)}
        if dated:
            for c in group:
                if not c.period:
                    c.lacks("period", f"undated, beside figures of {', '.join(sorted(dated))} for the same thing")
        by_period: dict[str | None, list[CandidateClaim]] = defaultdict(list)
        for c in group:
            by_period[c.period].append(c)
        for same in by_period.values():
            if len(same) > 1 and _shares_of_parts(same):
                for c in same:
                    c.lacks(
                        "measure",
                        f"this document gives {len(same)} different {c.measure}s for {c.entity} "
                        f"({', '.join(o.value for o in same[:4])}): each is the share of some part, say which",
                    )
                continue
            if len(same) > 1 and not same[0].measure and _differ(same) and _unsure_what(same, counted):
                for c in same:
                    c.lacks(
                        "measure",
                        f"this document gives {len(same)} different figures for {c.entity} in this unit "
                        f"({', '.join(o.value for o in same[:4])}): say what each measures",
                    )


def _part_unnamed(c: CandidateClaim) -> bool:
    """ "The deficit equaled 6.2% of GDP": written as the place's "share of GDP", it would meet the
    debt's 97 % "share of GDP" from another page. A share of a whole that names no other place,
    of a place's own whole, says nothing until its part is named (check reads "<part> as a share
    of GDP"); a party's or a company's share of the vote or of sales is its own."""
    q = c.quantity
    if q is None or q.form != "percent" or c.status == "needs-review" or c.of or not c.entity:
        return False
    measure = c.measure or ""
    if not measure.startswith("share of "):
        return False
    whole_of = _place_named(measure.removeprefix("share of "))
    if whole_of is not None and whole_of != c.entity:
        return False  # Croatia's "share of EU GDP": a part of another place's whole
    return c.entity == "World" or gazetteer().lookup(c.entity) is not None


def _place_named(whole: str) -> str | None:
    """The place a share's whole starts with ("EU GDP", "global electricity"), canonical, or None."""
    g = gazetteer()
    words = whole.replace("’", "'").removeprefix("the ").split()
    for n in range(len(words), 0, -1):
        lead = " ".join(words[:n]).removesuffix("'s").removesuffix("'")
        known = g.lookup(lead)
        if known is not None:
            return known[0]
        if lead.lower() in g.aggregates:
            return g.aggregates[lead.lower()]
        if lead.lower() in ("global", "world", "worldwide", "the world's", "world's"):
            return "World"
    return None


def _shares_of_parts(group: list[CandidateClaim]) -> bool:
    """Different percentages "of global electricity" for one entity and period: shares of
    different parts (renewables 12 %, coal 36 %), which the extractor does not read, not two
    values of one share."""
    c = group[0]
    q = c.quantity
    assert q is not None
    return q.form == "percent" and (c.measure or "").startswith("share") and _differ(group)


def _unsure_what(group: list[CandidateClaim], counted: frozenset[str]) -> bool:
    """A unit that is not a thing counted (TWh, km², dollars, percent) does not say what it
    measures; a counted noun (cameras, deaths) does, unless a figure of the group was guessed at."""
    c = group[0]
    q = c.quantity
    assert q is not None
    noun_says = q.form != "percent" and c.noun in counted
    return not noun_says or any(o.doubts for o in group)


def _differ(group: list[CandidateClaim]) -> bool:
    values = [abs(_point(c)) for c in group]
    low, high = min(values), max(values)
    return high > low * _SAME


def _point(c: CandidateClaim) -> float:
    q = c.quantity
    assert q is not None
    return float(q.value[1] if isinstance(q.value, tuple) else q.value)
