"""Candidate claims: what extraction proposes for a person to review, their ids, and
the de-duplication of one document's candidates (the first of an entity and value wins)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lexicon import plural, qualifiers
from .quantities import Quantity

__all__ = ["CandidateClaim", "Candidates", "ExtractedDocument", "WriteResult", "slug"]


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
    links: tuple[CandidateClaim, CandidateClaim] | None = None  # the claims computed_from names
    measure: str | None = None  # what is measured when the unit alone does not say it ("GDP", "turnout")
    doubts: list[str] = field(default_factory=list)  # why the confidence is below high
    missing: list[str] = field(default_factory=list)  # fields that could not be established
    role: str | None = None  # "comparison" for "24 per cent ahead of Heathrow" (extract/comparisons.py)
    than: str | None = None  # the entity a comparison is with, as the gazetteer names it or as written

    @property
    def confidence(self) -> str:
        """high: nothing doubted; medium: one doubt; low: more, or a field is missing."""
        if self.missing or len(self.doubts) > 1:
            return "low"
        return "medium" if self.doubts else "high"

    @property
    def status(self) -> str:
        """needs-review when a field is missing or two of them were guessed: `check` compares it
        with nothing until a person fills it in."""
        return "needs-review" if self.confidence == "low" else "candidate"

    def doubt(self, why: str) -> None:
        if why not in self.doubts:
            self.doubts.append(why)

    def lacks(self, name: str, why: str) -> None:
        """The field could not be established: written empty, the claim needs review."""
        if name not in self.missing:
            self.missing.append(name)
        self.doubt(why)

    def dated(self, period: str, why: str) -> None:
        """The period, established after all (by a later statement of the same figure, or words
        of its own): what was doubted or missing about the period no longer is."""
        self.period = period
        self.missing = [m for m in self.missing if m != "period"]
        self.doubts = [d for d in self.doubts if not _about_period(d)]
        self.doubt(why)

    def to_yaml_dict(self) -> dict[str, Any]:
        entity = "" if "entity" in self.missing else self.entity
        out: dict[str, Any] = {"id": self.id, "entity": entity, "value": self.value}
        if self.measure and "measure" not in self.missing:
            out["measure"] = self.measure
        if self.scope:
            out["scope"] = self.scope
        if self.of:
            out["of"] = self.of
        if self.role:
            out["role"] = self.role
        if self.than:
            out["than"] = self.than
        out["quote"] = self.quote
        out["span"] = [self.span[0], self.span[1]]
        if self.period and "period" not in self.missing:
            out["period"] = int(self.period) if self.period.isascii() and self.period.isdigit() else self.period
        if self.kind != "estimate":
            out["kind"] = self.kind
        if self.computed_from:
            out["computed_from"] = list(self.computed_from)
        out["status"] = self.status
        out["confidence"] = self.confidence
        if self.doubts:
            out["doubt"] = "; ".join(self.doubts)
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


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    s = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return s or "claim"


class Candidates:
    """One document's candidates in order, each with a unique id; a second claim with the
    same entity and value is dropped, and so is a repeat of a hedged figure without its
    hedge ("Around 20,600 people died ..." then "20,600 people died ..."): the document
    said once how exact it is; the kept claim carries the hedge."""

    def __init__(self) -> None:
        self.claims: list[CandidateClaim] = []
        self._ids: set[str] = set()
        self._next_suffix: dict[str, int] = {}  # base id → the first suffix not yet tried
        self._seen: set[tuple[str, str]] = set()
        self._unhedged: dict[tuple[str, str, str | None], CandidateClaim] = {}
        self._kept: dict[tuple[str, str], CandidateClaim] = {}

    def add(self, c: CandidateClaim) -> bool:
        """Give the claim its id (and its computed_from the ids of its links) and keep it;
        False when the same entity and value is already there."""
        key = (c.entity, c.value)
        if key in self._seen:
            kept = self._kept.get(key)
            if kept is not None:
                _restated_with_period(kept, c)
            return False
        hedge, bare = _hedge(c)
        twin = self._unhedged.get((c.entity, bare, c.period))
        if twin is not None and (hedge or twin.value != bare):
            if hedge and twin.value == bare:  # the hedge comes second: the kept claim takes it
                twin.value, twin.quantity = c.value, c.quantity
            self._seen.add(key)
            return False
        self._unhedged[(c.entity, bare, c.period)] = c
        self._seen.add(key)
        self._kept[key] = c
        self._assign_id(c)
        if c.computed_from and c.links is not None and c.role == "change":
            self._to_kept(c)
        if c.computed_from and c.links is not None:
            a, b = c.links
            c.computed_from = [a.id or self._assign_id(a), b.id or self._assign_id(b)]
        self.claims.append(c)
        return True

    def _to_kept(self, change: CandidateClaim) -> None:
        """A change's level stated before ("Solar power produced … (1,284 TWh) … in 2022", then
        "rose by 24%, from 1,039 TWh in 2021 to 1,284 TWh in 2022") will be dropped as a repeat:
        the change is computed from the claim kept, of the same period, which takes the level's
        measure when it has none; of another period or measure, from neither."""
        assert change.links is not None
        kept = [self._kept.get((x.entity, x.value), x) for x in change.links]
        if any(
            k is not x and (k.period != x.period or k.measure not in (None, x.measure))
            for k, x in zip(kept, change.links, strict=True)
        ):
            change.links, change.computed_from = None, []
            return
        for k, x in zip(kept, change.links, strict=True):
            if k is not x and k.measure is None and "measure" not in k.missing and x.measure:
                k.measure = x.measure
                k.doubt(f"measure {x.measure!r} from the same figure restated: {x.quote[:60]!r}")
        change.links = (kept[0], kept[1])

    def _assign_id(self, c: CandidateClaim) -> str:
        if c.id:
            return c.id
        base = f"{slug(c.entity)}-{slug(_measure(c))}"
        if c.scope:
            base += f"-{slug(c.scope)}"
        if c.period:
            base += f"-{slug(c.period)}"  # "2018/19" → "2018-19": a "/" would split the id
        cid = base
        if cid in self._ids:  # the next free "-2", "-3", …: ids are never given back, so from the last one taken
            n = self._next_suffix.get(base, 2)
            cid = f"{base}-{n}"
            while cid in self._ids:
                n += 1
                cid = f"{base}-{n}"
            self._next_suffix[base] = n + 1
        self._ids.add(cid)
        c.id = cid
        return cid


def _about_period(doubt: str) -> bool:
    return doubt.startswith(
        ("period", "no period", "'the previous", "the level a change started", "undated", "a change with no period")
    ) or ("year it is counted from" in doubt)


def _restated_with_period(kept: CandidateClaim, again: CandidateClaim) -> None:
    """ "US deficit falls slightly to $1.1 trillion" (a title), then "... will total $1.1 trillion for
    the fiscal year that ends in September" (2012): the figure's restatement dates it."""
    if kept.period or not again.period or "period" in kept.missing or "period" in again.missing:
        return
    if not kept.entity or kept.quantity is None or again.quantity is None:
        return
    kept.dated(again.period, f"period {again.period} from the same figure restated: {again.quote[:60]!r}")
    kept.kind = again.kind  # "will total $1.1 trillion": the restatement says what kind of figure it is


def _hedge(c: CandidateClaim) -> tuple[str | None, str]:
    """ "around 20,600 deaths" → ("around", "20,600 deaths"); a value with no about-word → (None, value)."""
    q = c.quantity
    phrase = " ".join(q.qualifier.lower().split()) if q is not None and q.qualifier else None
    reading = qualifiers().get(phrase) if phrase else None
    if phrase and reading is not None and reading.name == "about" and c.value.lower().startswith(phrase + " "):
        return phrase, c.value[len(phrase) + 1 :]
    return None, c.value


def _measure(c: CandidateClaim) -> str:
    """What the claim measures, for its id: "density", "rate", "share", "population", "cameras"."""
    q = c.quantity
    if c.role == "change" and c.measure:
        return f"{c.measure} change"  # "deficit change", as its measure was named before it had a role
    if c.role:
        return c.role
    if q is None and " per " in c.value:  # a table cell
        return "density" if " square " in c.value else "rate"
    if q is None and " square " in c.value:
        return "area"
    if q is not None and q.is_rate:
        if c.den_noun and "**" in c.den_noun:
            return "density"
        return "rate" if c.den_noun == "person" else f"per-{c.den_noun}"
    if q is not None and q.form == "percent":  # a share says so in its role; this is a rate or unknown
        return c.measure if c.measure and len(c.measure) <= 40 else "percent"
    if c.noun == "person":
        return "population"
    return plural(c.noun or "figure")


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def relative_step(value_text: str) -> float | None:
    """Half the last written digit of a value string's number, relative to the number: "1826.58" →
    0.005 / 1826.58; "551,500" → 50 / 551,500 (trailing zeros of an integer are not significant);
    "9.1 million" → 0.05 / 9.1. None when there is no number in digits."""
    m = _DIGITS.search(value_text)
    if m is None:
        return None
    digits = m.group(0).replace(",", "")
    number = float(digits)
    if number == 0:
        return None
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    else:
        step = 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits.rstrip("0") else 1.0
    return step / 2 / abs(number)


def could_be_computed(result: CandidateClaim, operands: tuple[CandidateClaim, CandidateClaim]) -> bool:
    """Whether a stated result could come from its operands as written: not when it is stated far
    more precisely than they allow, by a factor of 100 or more ("551,500 cameras for 302 square
    miles, equating to 1826.58": the author divided unrounded figures, so the written ones cannot
    be held to its last digit; "540 million ... 1.46 billion ... 372.8 per 1,000" can)."""
    mine = relative_step(result.value)
    theirs = [relative_step(o.value) for o in operands]
    if mine is None or any(t is None for t in theirs):
        return True
    return mine * 100 >= max(t for t in theirs if t is not None)
