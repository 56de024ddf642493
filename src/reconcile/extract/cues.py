"""A measure cue inside a name is no cue: "According to the Congressional Budget Office (CBO),
this represents roughly a 23% rise" is a rise of something the sentence before named, not of a
budget; "the World Health Organization" does not make a figure a health measure.

A name whose every word belongs to some measure cue or place ("Annual GDP Growth Rate: 1.6%",
"EU GDP", labels) is a measure written in capitals, and its cues count.
"""

from __future__ import annotations

import re

from .context import Sentence
from .gazetteer import gazetteer
from .vocabulary import vocabulary

__all__ = ["inside_a_name"]

_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_FILLER = frozenset({"the", "of", "and", "annual", "total", "real", "nominal", "average", "rate"})


def inside_a_name(sent: Sentence, start: int, end: int) -> bool:
    """The cue at [start, end) of the sentence lies inside a name (an organisation the gazetteer
    found) that is more than a label of measures."""
    a, b = sent.start + start, sent.start + end
    return any(o.start <= a and b <= o.end and not _a_label(o.text) for o in sent.orgs)


def _a_label(name: str) -> bool:
    """ "Annual GDP Growth Rate", "EU GDP": every word is a measure cue's, a filler or a place."""
    v = vocabulary()
    covered = {w.lower() for m in v.measure_re.finditer(name) for w in _WORD.findall(m.group(0))}
    return all(w.lower() in covered or w.lower() in _FILLER or _a_place(w) for w in _WORD.findall(name))


def _a_place(word: str) -> bool:
    return any(m.kind != "org" and m.name for m in gazetteer().mentions(word, 0))
