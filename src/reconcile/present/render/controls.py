"""Untrusted text shown to people: characters that would change how it is shown, made visible.

A claim file can carry characters that act on the text *around* them instead of being
read: right-to-left overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069)
reorder a line so that "cameras 5" shows as something else (the "Trojan Source"
trick), and terminal controls (ESC sequences, carriage return, backspace) recolour,
overwrite or clear a terminal. Every renderer people read shows each one as a visible
⟨U+202E⟩ instead of obeying it; a fact-checker should see that the text holds one.
"""

from __future__ import annotations

import re

__all__ = ["reveal"]

# C0 controls except tab and newline, DEL and C1, and the bidi overrides, embeddings and
# isolates. The implicit marks (U+200E/U+200F, U+061C) stay: right-to-left text needs them,
# and they cannot reorder what follows.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def reveal(text: str) -> str:
    """`text` with every control or bidi override shown as ⟨U+XXXX⟩."""
    return _HIDDEN.sub(_visible, text)
