"""Text → sentences → clauses, and a document's title. The words are vocabulary
(data/extract.toml [sentences] and [clauses]); only the punctuation rules are here."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .keywords import writes_none
from .vocabulary import vocabulary

__all__ = ["MAX_PASS", "clauses", "iter_sentences", "passes", "split_sentences", "title"]

# The longest stretch of text read in one pass: a longer sentence (a table flattened into one
# line, a hostile 100 KB run of "1-2 ") is read in pieces cut at white space, so that reading
# stays linear in the length of the text however it is written.
MAX_PASS = 4000

_SENT_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_TITLE_END = re.compile(r"\s+[–—-]\s+")


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence; a line break always ends a sentence
    (headings and list items are their own sentences), a blank line a paragraph."""
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[tuple[int, int, int]]:
    """`split_sentences` one at a time: a reader that stops early (page.py's only place, at a
    document's second place) splits no more of the text than it reads."""
    para = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        if not line.strip():
            para += 1
        else:
            start = pos + (len(line) - len(line.lstrip()))
            for s, e in _line_sentences(text, start, pos + len(line.rstrip())):
                for a, b in passes(text, s, e):
                    yield a, b, para
        pos += len(line)


def passes(text: str, start: int, end: int, limit: int = MAX_PASS) -> list[tuple[int, int]]:
    """[start, end) cut at white space into pieces of at most `limit` characters."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        out.append((start, cut))
        start = cut
        while start < end and text[start] == " ":
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _line_sentences(text: str, start: int, end_line: int) -> list[tuple[int, int]]:
    v = vocabulary()
    out: list[tuple[int, int]] = []
    s = start
    for m in _SENT_END.finditer(text, start, end_line):
        if text[s : m.start()].strip().isdigit():
            continue  # "5. India": a list number, not a sentence
        if v.abbreviation.search(text[max(s, m.start() - 6) : m.start() + 1]):
            # "U.S. cities", "Dr. Smith": an abbreviation, unless a sentence opener follows
            nxt = text[m.end() : m.end() + 20].split(" ")[0]
            if nxt.lower() not in v.sentence_openers:
                continue
        if len(text[s : m.start() + 1].strip()) > 1:
            out.append((s, m.start() + len(m.group(0).rstrip())))
            s = m.end()
    if s < end_line:
        out.append((s, end_line))
    return out


def clauses(sentence: str) -> list[int]:
    """Start offsets of the clauses of a sentence (0 first). A sentence with no semicolon or
    dash that writes none of the clause words (keywords.py) has one clause: not searched."""
    v = vocabulary()
    if not any(mark in sentence for mark in ";-–—") and writes_none(v.clause_words, sentence):
        return [0]
    return [0] + [m.end() for m in v.clause_break.finditer(sentence)]


def title(text: str) -> str | None:
    """The first line of four words or more, up to its first dash or sentence end (not the
    full stop of an abbreviation: "U.S. budget deficit rises ..." is one title)."""
    for line in text.splitlines():
        if len(line.split()) >= 4:
            line = _TITLE_END.split(line.strip())[0]
            first = _line_sentences(line, 0, len(line))[:1]
            return line[first[0][0] : first[0][1]][:120].strip() if first else line
    return None
