"""Searches skipped where none of their key words is written (extract/keywords.py) find exactly
what the search finds: on every sentence of the corpus, in windows of it, and on made-up text
with the characters a case-insensitive pattern matches apart from `str.lower` (ſ, İ, ı, K)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reconcile.extract import split_sentences
from reconcile.extract.keywords import Keyed, key_words, words_in, writes_none

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "documents"


def keyed_patterns() -> dict[str, Keyed]:
    from reconcile.extract import confidence, who
    from reconcile.extract.vocabulary import vocabulary

    found = {name: p for name, p in vars(vocabulary()).items() if isinstance(p, Keyed)}
    found |= {"_JOINT": who._JOINT, "_CONDITION_OF_A_SET": who._CONDITION_OF_A_SET, "_REVISION": confidence._REVISION}
    assert {"projection", "measure_re", "implied_re", "relative_year", "study"} <= found.keys()
    assert all(p.keys for p in found.values())  # each has key words: searches are skipped
    return found


def spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def same(p: Keyed, text: str, pos: int = 0, endpos: int | None = None) -> None:
    end = len(text) if endpos is None else endpos
    found, expected = p.search(text, pos, end), p.pattern.search(text, pos, end)
    assert (found and found.span()) == (expected and expected.span()), (p.pattern.pattern[:60], text[pos:end])
    assert spans(p.finditer(text, pos, end)) == spans(p.pattern.finditer(text, pos, end))


def test_keyed_searches_on_the_corpus() -> None:
    patterns = keyed_patterns()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    sentences = [t[s:e] for t in texts for s, e, _ in split_sentences(t)]
    skipped = 0
    for p in patterns.values():
        for text in sentences:
            same(p, text)
            skipped += p.absent(text)
            for m in re.finditer(r"\d+", text):  # the windows before a figure the claim builder searches
                for width in (40, 150):
                    same(p, text, max(0, m.start() - width), m.start())
    assert skipped > len(sentences)  # most searches are skipped somewhere


BITS = [
    "year", "years", "Year", "yeaR", "ye", "ar", "GDP", "gdp", "deficit", "cases", "death toll", "will", "is set to",
    "respectively", "between them", "revised", "first estimated", "cities with", "study", "next year",
    " ", "  ", "\n", "-", "_", "’s", "'", ".", ",", "5", "x", "ſ", "İ", "ı", "K", "the", "a",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(BITS), max_size=12).map("".join), st.integers(0, 40), st.integers(0, 40))
@example("two years later", 0, 15)
@example("ten yeaRs later", 0, 3)
@example("the next yearly report", 0, 13)  # a window ending inside a word
@example("it wiſl be next ſoon", 0, 20)
@example("GDP-growth", 0, 3)
def test_keyed_searches_on_made_up_text(text: str, a: int, b: int) -> None:
    pos, endpos = sorted((min(a, len(text)), min(b, len(text))))
    for p in keyed_patterns().values():
        same(p, text)
        same(p, text, pos, endpos)


def test_key_words_and_the_words_of_a_text() -> None:
    assert key_words(["is set to", "plans to", "by the end of", "death toll", "deaths", "number of deaths"]) == {
        "set", "plans", "end", "death", "deaths"
    }  # fmt: skip
    assert key_words(["#"]) is None and key_words(["café"]) is None  # no word in ASCII: never skipped
    assert words_in("The GDP-growth rate, 5_000 x") == {"the", "gdp", "growth", "rate", "5_000", "x"}
    assert words_in("ſoon") is None and words_in("wİll") is None  # re.I matches them with "soon", "will"
    assert writes_none(frozenset({"year"}), "in 2020 the economy grew")
    assert not writes_none(frozenset({"year"}), "a YEAR later")
    assert not writes_none(None, "anything")


def test_lower_keeps_every_character_a_word_character_or_not() -> None:
    """`words_in` lowers the text before splitting it: no character changes from a word
    character to another one or back when lowered, and only İ changes length (refused)."""
    word = re.compile(r"\w")
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        low = ch.lower()
        if len(low) != 1:
            assert ch == "\u0130"
            continue
        assert bool(word.match(ch)) == bool(word.match(low)), hex(code)


def test_listed_places_are_searched_only_where_their_words_are() -> None:
    """The gazetteer's World, aggregates and references: a sentence writing none of their key
    words has none of them."""
    from reconcile.extract.gazetteer import gazetteer

    g = gazetteer()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    made = ["the worldly OECD-ish nation's", "EU-27 and g20", "this city’s metropolis", "globe-trotting"]
    skipped = 0
    for text in [t[s:e] for t in texts for s, e, _ in split_sentences(t)] + made:
        if writes_none(g._listed_words, text):
            skipped += 1
            assert g._listed(text, 0) == []
    assert skipped > 100
