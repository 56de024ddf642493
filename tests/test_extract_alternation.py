"""The extractor's word lists compiled as prefix trees (vocabulary.alternation) match exactly
what the flat list of words, longest first, matches: the same spans and groups, case-sensitive
or not, with spaces matching any white space or not."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reconcile.extract import split_sentences
from reconcile.extract.vocabulary import Lexicon, Vocabulary, alternation

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "documents"


def flat(words: list[str], *, spaced: bool = True) -> str:
    """The alternation as it was written before: every word, longest first."""
    escaped = [re.escape(w) for w in words]
    if spaced:
        escaped = [w.replace(r"\ ", r"\s+") for w in escaped]
    return "|".join(sorted(escaped, key=len, reverse=True))


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


letters = st.sampled_from(list("aAbB .-\t’sS\u017fkK\u212a1"))
words = st.lists(st.text(letters, min_size=1, max_size=6), max_size=12)


@settings(max_examples=400, deadline=None)
@given(words=words, text=st.text(letters, max_size=40), spaced=st.booleans(), ignore_case=st.booleans())
@example(words=["per cent", "percent", "per"], text="per  cent percent per", spaced=True, ignore_case=True)
@example(words=["US", "us", "u.s."], text="Us us US", spaced=False, ignore_case=True)
@example(words=["a", "ab", "abc"], text="abd abc ab", spaced=True, ignore_case=False)
def test_same_matches_as_the_flat_list(words: list[str], text: str, spaced: bool, ignore_case: bool) -> None:
    flags = re.I if ignore_case else 0
    # what the vocabulary's patterns put around a word list: a group, a word end, a lookbehind
    for wrap in ("(?P<w>{})", r"(?<![\w-])(?P<w>{})(?![\w-])", r"(?P<w>{})\s*$", r"(?P<w>{})s\b"):
        tree = re.compile(wrap.format(alternation(words, spaced=spaced)), flags)
        expected = re.compile(wrap.format(flat(words, spaced=spaced)), flags)
        assert matches(tree, text) == matches(expected, text), (tree.pattern, expected.pattern)


def test_prefix_tree_is_what_is_compiled() -> None:
    assert alternation(["per cent", "percent", "per"]) == r"per(?:\s+cent|cent)?"
    assert alternation(["US", "us"], spaced=False) == "US|us"  # letters equal but for case: the flat list


def test_every_vocabulary_pattern_matches_as_before_on_the_corpus(monkeypatch) -> None:
    """Each compiled pattern of the scanner and the claim builder, built once with the prefix trees
    and once with the flat lists, finds the same matches in every corpus document and sentence."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) == 50
    texts += [t[s:e] for t in texts for s, e, _ in split_sentences(t)]
    trees = [Lexicon(), Vocabulary()]
    import reconcile.extract.vocabulary as module

    monkeypatch.setattr(module, "alternation", lambda ws, spaced=True: flat(list(ws), spaced=spaced))
    flats = [Lexicon(), Vocabulary()]
    compared = 0
    for tree_obj, flat_obj in zip(trees, flats, strict=True):
        for name, pattern in vars(tree_obj).items():
            if not isinstance(pattern, re.Pattern):
                continue
            before = getattr(flat_obj, name)
            compared += pattern.pattern != before.pattern
            for text in texts:
                assert matches(pattern, text) == matches(before, text), name
    assert compared >= 20  # most patterns are built from word lists
    assert trees[1].measure_re.search("its GDP growth rate")
