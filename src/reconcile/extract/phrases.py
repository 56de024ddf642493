"""The words around a number: the noun phrase after it (its unit) and the qualifier before it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import singular
from .vocabulary import Lexicon

__all__ = ["NounPhrase", "noun_phrase", "qualifier"]

_ACRONYM = re.compile(r"[A-Z]{2,}")
_GUESSABLE = re.compile(r"[A-Za-z][a-z\-]*|[A-Z]{2,}s?")

Token = tuple[str, int, int]  # word, start, end


@dataclass(slots=True)
class NounPhrase:
    end: int
    unit: str | None
    canonical: str | None
    known: bool
    hint: str | None = None  # the country of a demonym ("Australians" → Australia)


def noun_phrase(lex: Lexicon, line: str, pos: int, *, allow_title: bool = False) -> NounPhrase:
    """The unit written after `pos`: a known noun or unit (longest match), a demonym,
    or a guessed noun (a lower-case word that is not a stop word)."""
    toks = _tokens(lex, line, pos)
    return _known_phrase(lex, toks) or _guessed_noun(lex, toks, pos, allow_title)


def qualifier(lex: Lexicon, line: str, start: int) -> tuple[str | None, str, int]:
    """The qualifier phrase right before `start` ("over", "nearly"): as written, its bound,
    and where it starts (`start` and "=" when there is none)."""
    before = line[max(0, start - 40) : start]
    if not _word_right_before(before):
        return None, "=", start  # no word right before the number: nothing to search
    if before.isascii() and not before.rstrip().lower().endswith(lex.qualifier_ends):
        return None, "=", start  # no qualifier's last word at the end: the search would try every position
    m = lex.qualifier_re.search(before)
    if not m:
        return None, "=", start
    phrase = " ".join(m.group("q").split())
    bound = lex.qualifiers[phrase.lower()].bound
    return phrase, bound, start - (len(before) - m.start("q"))


def _word_right_before(text: str) -> bool:
    r"""What `re.search(r"[^\W\d_][^\W\d_]*\W*$|[<>~≈]\s*$", text)` says, without trying it at every
    position: a letter, then only non-word characters to the end; or <, >, ~ or ≈, then only
    white space."""
    i = len(text)
    while i and not (text[i - 1].isalnum() or text[i - 1] == "_"):  # \W: neither alphanumeric nor _
        i -= 1
    if i and not text[i - 1].isdecimal() and text[i - 1] != "_":  # a word character not \d or _: a letter
        return True
    return text.rstrip()[-1:] in ("<", ">", "~", "≈")


def _tokens(lex: Lexicon, line: str, pos: int) -> list[Token]:
    toks: list[Token] = []
    p = pos
    while len(toks) < lex.max_phrase + 2:
        m = lex.token_re.match(line, p)
        if not m:
            break
        w = m.group("w")
        if w.endswith(("’s", "'s")):
            break
        toks.append((w, m.start("w"), m.end("w")))
        p = m.end()
    return toks


def _known_phrase(lex: Lexicon, toks: list[Token]) -> NounPhrase | None:
    """The longest known phrase starting at one of the first three tokens (adjectives may
    precede a known noun), not past a stop word."""
    for i in range(min(len(toks), 3)):
        if i and (toks[i - 1][0].lower() in lex.stop or _is_title(toks[i - 1][0])):
            break  # "2023 Spain spent EUR": a name is no adjective of what follows
        for j in range(min(len(toks), i + lex.max_phrase), i, -1):
            phrase = toks[i][0] if j - i == 1 else " ".join([t[0] for t in toks[i:j]])
            canon, hint = _canonical(lex, phrase, single=j - i == 1)
            if canon is not None and i and not _counted(lex, phrase):
                continue  # only a counted noun keeps its meaning under adjectives, never a unit or currency
            if canon is not None:
                unit = " ".join(t[0] for t in toks[:j])
                return NounPhrase(toks[j - 1][2], unit, canon, True, hint)
    return None


def _counted(lex: Lexicon, phrase: str) -> bool:
    return phrase.lower() in lex.nouns or phrase in lex.nouns or phrase.lower() in lex.demonym_people


def _canonical(lex: Lexicon, phrase: str, *, single: bool) -> tuple[str | None, str | None]:
    """A phrase's canonical noun or unit, and the country when it is a demonym."""
    low = phrase.lower()
    canon = (
        lex.nouns.get(low) or lex.nouns.get(phrase) or lex.units.get(low) or lex.units.get(phrase)
    ) or lex.money_words.get(low)
    if canon is None and low in lex.demonym_people:
        return "person", lex.demonym_people[low]
    if canon is None and single and low in lex.durations:
        canon = singular(low)
    return canon, None


def _guessed_noun(lex: Lexicon, toks: list[Token], pos: int, allow_title: bool) -> NounPhrase:
    """Lower-case words (or acronyms) up to a stop word, two at most."""
    words: list[Token] = []
    if len(toks) > 1 and _ACRONYM.fullmatch(toks[0][0]) and _is_title(toks[1][0]):
        toks, allow_title = toks[1:], True  # "ten EU Member States": the acronym names whose, not what
    for w, s, e in toks[:2]:
        low = w.lower()
        if low in lex.stop or low in lex.scale_words or (_is_title(w) and not allow_title):
            break
        if low.endswith("ly") or (low.endswith(("ed", "ing")) and len(low) > 5):
            break
        if not _GUESSABLE.fullmatch(w) or (len(w) == 1 and w.isupper()):
            break  # "per 100,000 U.S. residents": an initial is no noun
        words.append((w, s, e))
    if not words:
        return NounPhrase(pos, None, None, False)
    unit = " ".join(w for w, _, _ in words)
    return NounPhrase(words[-1][2], unit, singular(words[-1][0]), False)


def _is_title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()
