"""Warnings about the input that do not stop a check: an unknown field, a likely misspelt entity.

Unlike input errors (exit code 2, the check is incomplete), a notice is a finding of
severity warning: a clean repo checked with `--fail-on error` still exits 0.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Notice", "one_edit_apart"]


@dataclass(frozen=True, slots=True)
class Notice:
    rule: str  # a rule of rules.py ("unknown-field", "entity-spelling")
    message: str
    file: str
    line: int | None = None


def one_edit_apart(a: str, b: str) -> bool:
    """Whether b is a with one letter inserted, deleted, replaced, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
