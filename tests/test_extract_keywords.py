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
    from reconcile.extract.gazetteer import gazetteer
    from reconcile.extract.vocabulary import lexicon, vocabulary

    found = {name: p for name, p in vars(vocabulary()).items() if isinstance(p, Keyed)}
    found |= {name: p for name, p in vars(lexicon()).items() if isinstance(p, Keyed)}
    found |= {name: p for name, p in vars(gazetteer()).items() if isinstance(p, Keyed)}
    found |= {"_JOINT": who._JOINT, "_CONDITION_OF_A_SET": who._CONDITION_OF_A_SET, "_REVISION": confidence._REVISION}
    assert {"projection", "measure_re", "implied_re", "relative_year", "study", "_world", "_ref_re"} <= found.keys()
    assert {"month_year", "fraction_re"} <= found.keys()
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
    "respectively", "between them", "revised", "first estimated", "cities with", "study", "next year", "world",
    "the world’s", "OECD", "EU-27", "the country", "the nation's", "global", "May 2019", "Sept. 2020", "two-thirds of",
    "a half of", "quarters",
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


class _Probing:
    """Claim ids as candidates.py gave them before: every suffix tried from "-2" on."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def assign(self, base: str) -> str:
        cid, n = base, 2
        while cid in self.ids:
            cid, n = f"{base}-{n}", n + 1
        self.ids.add(cid)
        return cid


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Japan", "EU"]), st.sampled_from([None, "2", "3", "2020"])), max_size=40))
@example([("Japan", None), ("Japan", "2"), ("Japan", None), ("Japan", None), ("Japan", "3"), ("Japan", None)])
def test_claim_ids_are_the_first_free_suffix(claims: list[tuple[str, str | None]]) -> None:
    """Ids start from the suffix after the last one taken for their base (ids are never given
    back): the same ids as trying every suffix, also when another claim's base is such an id
    ("japan-population-2", a claim of period 2, beside the second "japan-population")."""
    from reconcile.extract.candidates import CandidateClaim, Candidates, _measure, slug

    kept, probing = Candidates(), _Probing()
    for i, (entity, period) in enumerate(claims):
        c = CandidateClaim(id="", entity=entity, value=f"{i + 1} million person", quote="", span=(0, 0), period=period)
        assert kept.add(c)
        base = f"{slug(c.entity)}-{slug(_measure(c))}" + (f"-{slug(period)}" if period else "")
        assert c.id == probing.assign(base)


CHECK_BITS = [
    "and ", "And", "but", ", which", "while ", "whereas", "according to", "; ", " - ", " – ", "—", "-",
    "compared to ", "from ", "over", "than they were in ", "versus", "vs. ", "Moreover ", "fiscal year ",
    "on ", "as of ", "April 23", "9/29", "Monday", "2019", "2021 ", "5%", "12 ", " ", ",", "x", "B", "ſ", "K",
]  # fmt: skip


def _readings(text: str) -> tuple[object, ...]:
    """What the checked searches give on a sentence: its clauses, which of its years are compared
    with, the day right after each of its figures."""
    from reconcile.extract import when
    from reconcile.extract.sentences import clauses

    periods = when.find_periods(text)
    figures = [m.span() for m in re.finditer(r"\d+%?", text)]
    return (
        clauses(text),
        [when.is_base_year(text, p) for p in periods],
        [when._day_right_after(_quantity(a, b), text, periods) for a, b in figures],  # type: ignore[arg-type]
    )


def _unchecked(texts: list[str]) -> list[tuple[object, ...]]:
    """`_readings` with each check made to pass always: the searches as they were."""
    import pytest

    from reconcile.extract import when
    from reconcile.extract.vocabulary import vocabulary

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocabulary(), "clause_words", None)
        patch.setattr(when, "_DIGIT", re.compile(""))
        patch.setattr(when, "_BASE_YEAR_WORDS", ("",))
        return [_readings(t) for t in texts]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CHECK_BITS), max_size=14).map("".join))
@example("Cases rose 5%, while deaths fell - and then; But x")
@example("up 12 from 2019 and 5% on April 23, 2021 ")
def test_checks_before_searches_change_nothing(text: str) -> None:
    """A sentence's clauses, a year compared with, a day right after a figure: the same with the
    check that skips their search and without it."""
    assert [_readings(text)] == _unchecked([text])


def test_checks_before_searches_on_the_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    sentences = [t[s:e] for t in texts for s, e, _ in split_sentences(t)]
    assert [_readings(t) for t in sentences] == _unchecked(sentences)


def _quantity(start: int, end: int) -> object:
    from reconcile.extract.quantities import Quantity

    return Quantity("", 1.0, 1.0, 1.0, None, None, None, "=", (start, end), "")


RANK_BITS = [
    "top",
    "Top",
    "TOP",
    "No.",
    "no.",
    "number",
    "ranked",
    "rank",
    "among",
    "#",
    " ",
    "  ",
    "\n",
    "x",
    "s",
    "é",
    "5",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(RANK_BITS), max_size=10).map("".join), st.integers(0, 12))
@example("the top ", 0)
@example("stop ", 0)
@example("No. \n", 2)
def test_rank_before_is_the_search_it_replaces(text: str, start: int) -> None:
    from reconcile.extract.claims import _rank_before
    from reconcile.extract.vocabulary import vocabulary

    start = min(start, len(text))
    expected = vocabulary().rank_before.search(text, start, len(text)) is not None
    assert _rank_before(text, start, len(text)) == expected


def test_rank_before_on_the_corpus() -> None:
    from reconcile.extract.claims import _rank_before
    from reconcile.extract.vocabulary import vocabulary

    ranks = 0
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\d+", text):
            a = max(0, m.start() - 40)
            expected = vocabulary().rank_before.search(text, a, m.start()) is not None
            assert _rank_before(text, a, m.start()) == expected
            ranks += expected
    assert ranks >= 5  # ranks ("top 10", "No. 1") are found, not only skipped
