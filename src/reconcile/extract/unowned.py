"""Figures whose owner the text never establishes: written for review, not dropped.

A page can state a country's figures without naming the country ("the federal budget
deficit totaled nearly $1.7 trillion", "the nation's gross domestic product"), or go on
about a subject that is no place ("Net outlays for interest ... rose by 33%"). Such a
figure is still a claim a fact-checker wants to see: it is written with its entity
empty and `status: needs-review`, so `check` lists it and compares it with nothing until
a person says whose it is. Only a figure that says what it measures earns that ("$1.7
trillion" of a deficit, "2.2 million passengers"): a bare percentage, "six times", "a
50-year average" would be noise a reviewer has to reject one by one.

The doubt says what the text offers instead of an owner: the place the document named
last, when there is one (a guess, never written as the entity), else the words that
point at a country the document never names ("the nation's", "the country").

A figure of a page about one place (page.py) that is a change of the aggregate its sentence
opens with, or a level it came to or from, is that place's. Its measure is written when the
subject is the measure with nothing after it ("Total federal outlays, however, slipped 1.4% to
$6.13 trillion" is outlays); otherwise ("Net outlays for interest on the public debt rose by 33%
to $711 billion": neither outlays nor public debt) measure and period are offered in the doubt,
as for a figure nobody owns.
"""

from __future__ import annotations

from .candidates import CandidateClaim
from .context import Memory, Sentence
from .page import PAGE_PLACE, subject_level

__all__ = ["as_guesses", "on_the_page", "unowned_doubt", "worth_review"]


def unowned_doubt(sent: Sentence, memory: Memory) -> str:
    """Why the entity is empty, with the guess the text allows (the doubt a reviewer reads)."""
    guess = None if memory.subject_unknown else memory.last_subject or memory.last_entity
    if guess:
        return f"entity not established (perhaps {guess})"
    pointers = [m.text for m in sent.mentions if m.kind in ("country-ref", "city-ref") and not m.name]
    if pointers:
        return f"entity not established: {pointers[0]!r} points at a place this document never names"
    return "entity not established: this document names no place"


def worth_review(claim: CandidateClaim) -> bool:
    """An owner-less figure is written only when it says what it measures in words of the text
    (a measure read from a cue: "the federal budget deficit totaled nearly $1.7 trillion"); a
    counted noun alone ("9.2 homicides per million", "nearly 80 million people") is too often
    the wrong noun or an average of something unsaid once the owner is unknown. Its measure and
    period are then guesses too: written empty, offered in the doubt (`as_guesses`)."""
    return "measure" not in claim.missing and claim.quantity is not None and bool(claim.measure)


def as_guesses(claim: CandidateClaim) -> None:
    """An owner-less figure's measure and period, read as for any other, are offered to the
    reviewer in the doubt and written empty: measured on the hand-annotated corpus, they are
    right far less often (about 85 % and 70 %) than those of figures whose owner is named."""
    if claim.measure and "measure" not in claim.missing:
        claim.lacks("measure", f"measure perhaps {claim.measure!r}")
    if claim.period and "period" not in claim.missing:
        claim.lacks("period", f"period perhaps {claim.period}")


def on_the_page(claim: CandidateClaim, sent: Sentence) -> None:
    """A figure given the page's only place keeps the measure it was read to have when that is
    the subject its sentence opens with, whole (page.subject_level), and takes it when it was
    read to have none (a bare amount); any other's measure and period are offered in the doubt,
    as for a figure nobody owns."""
    doubt = next((d for d in claim.doubts if d.startswith(PAGE_PLACE)), None)
    if doubt is None:
        return
    claim.doubts.remove(doubt)
    q = claim.quantity
    level = subject_level(sent, q) if q is not None else None
    # "… from $1.375 trillion to $1.69 trillion": a bare amount, the level of the sentence's subject
    bare = "measure" in claim.missing and any(d.endswith(_NO_WORD) for d in claim.doubts)
    if level is None or (not bare and ("measure" in claim.missing or claim.measure != level)):
        # "Net outlays for interest on the public debt rose by 33% to $711 billion": the country's,
        # but what exactly, and when, as unsure as for a figure nobody owns
        as_guesses(claim)
        return
    if bare:
        claim.measure = level
        claim.missing = [m for m in claim.missing if m != "measure"]
        claim.doubts = [d for d in claim.doubts if not d.endswith(_NO_WORD)]


_NO_WORD = "with no word saying what it measures"  # confidence.py's doubt of a bare amount or percentage
