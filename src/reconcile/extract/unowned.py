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
"""

from __future__ import annotations

from .candidates import CandidateClaim
from .context import Memory, Sentence

__all__ = ["as_guesses", "unowned_doubt", "worth_review"]


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
