"""What the claim builder knows while it reads a document: the sentence at hand, and
what the sentences before it named (`Memory`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .candidates import CandidateClaim
from .gazetteer import Mention
from .quantities import Quantity

__all__ = ["Memory", "Period", "Sentence"]

Period = tuple[int, int, str]  # start, end (in the sentence), year


@dataclass(slots=True)
class Memory:
    """What was named last, carried from sentence to sentence."""

    last_country: str | None = None
    last_city: str | None = None
    last_entity: str | None = None
    last_subject: str | None = None  # the first place the last sentence naming one named (what "it" refers to)
    subject_unknown: bool = False  # the sentence before listed several places: "it", "the total" point at none
    last_org: str | None = None  # the last author of a study
    heading: str | None = None  # the place a heading line names ("China" above "GDP: $19,374 billion")
    heading_period: str | None = None  # the year a heading line names
    prev_period: str | None = None
    as_of: str | None = None  # "As of September 2023, ...": the date the document's figures are for
    as_of_text: str = ""
    published: date | None = (
        None  # the document's own date, when the caller knows it  # the last year the sentence before named
    )
    title_figures: tuple[str, frozenset[float]] | None = None  # the title's one year, and its figures (when.py)
    title_year: str | None = None  # the one year a title line names ("U.S. budget deficit rises in FY 2023")
    doc_years: int = 0  # how many different years the document names (several: an undated claim is ambiguous)
    last_noun: str | None = None  # the last counted noun of a count or a rate's numerator
    last_den: str | None = None  # the last rate denominator
    projecting_orgs: dict[str, str | None] = field(default_factory=dict)  # org → period of its forecast
    prev_projected: dict[str, str | None] = field(default_factory=dict)  # noun → period, previous sentence
    prev_continuation_source: list[CandidateClaim] = field(default_factory=list)
    # places the sentences read so far name (page.py's kinds; kept up to two: a page naming two has
    # no one place of its own, and who.py asks no more)
    places_named: set[str] = field(default_factory=set)

    @property
    def context_period(self) -> tuple[str, str] | None:
        """The period a claim with none of its own takes, and why."""
        if self.prev_period:
            return self.prev_period, "period taken from the sentence before"
        if self.heading_period:
            return self.heading_period, "period taken from the heading"
        if self.as_of:
            return self.as_of, f"period from {self.as_of_text!r} earlier in the document"
        return None


@dataclass(slots=True, eq=False)
class Sentence:
    """One sentence and what was found in it. Positions of quantities, clauses and periods
    are in the sentence; positions of mentions are in the document (`start` + position).
    Equal only to itself (and hashed so): what is read of it once can be kept for it."""

    index: int
    start: int  # in the document
    text: str
    document: str  # the whole text
    quantities: list[Quantity]
    clauses: list[int]
    mentions: list[Mention]  # "the country" / "the city" resolved
    periods: list[Period]
    first_projection: int = -1  # where the first projection cue starts ("will", "expected"), -1 if none
    places: list[Mention] = field(init=False)
    orgs: list[Mention] = field(init=False)

    def __post_init__(self) -> None:
        self.orgs = [m for m in self.mentions if m.kind == "org"]
        self.places = [m for m in self.mentions if m.kind != "org" and m.name]

    def clause_of(self, q: Quantity) -> tuple[int, int]:
        """The clause a quantity is in: (start, end) in the sentence."""
        start = max(c for c in self.clauses if c <= q.span[0])
        later = [c for c in self.clauses if c > q.span[0]]
        return start, later[0] if later else len(self.text)
