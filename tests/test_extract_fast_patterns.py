"""The extractor's word lists compiled as prefix trees (vocabulary.alternation) match exactly
what the flat list of words, longest first, matches: the same spans and groups, case-sensitive
or not, with spaces matching any white space or not."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reconcile.extract import split_sentences
from reconcile.extract.gazetteer import Gazetteer
from reconcile.extract.keywords import Keyed
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
    """Each compiled pattern of the scanner, the claim builder and the gazetteer, built once with the prefix trees
    and once with the flat lists, finds the same matches in every corpus document and sentence."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) >= 50  # the corpus grows (051-053: issue 9's budget pages)
    texts += [t[s:e] for t in texts for s, e, _ in split_sentences(t)]
    trees = [Lexicon(), Vocabulary(), Gazetteer()]
    import reconcile.extract.gazetteer as gazetteer_module
    import reconcile.extract.vocabulary as module

    for m in (module, gazetteer_module):
        monkeypatch.setattr(m, "alternation", lambda ws, spaced=True: flat(list(ws), spaced=spaced))
    flats = [Lexicon(), Vocabulary(), Gazetteer()]
    compared = 0
    for tree_obj, flat_obj in zip(trees, flats, strict=True):
        for name, found in vars(tree_obj).items():
            pattern = found.pattern if isinstance(found, Keyed) else found  # a search skipped without its words
            if not isinstance(pattern, re.Pattern):
                continue
            before = getattr(flat_obj, name)
            before = before.pattern if isinstance(before, Keyed) else before
            compared += pattern.pattern != before.pattern
            for text in texts:
                assert matches(pattern, text) == matches(before, text), name
    assert compared >= 25  # most patterns are built from word lists
    assert trees[1].measure_re.search("its GDP growth rate")


# ---------------------------------------------------------------- patterns rewritten for speed

SYMBOLS = [*"ab Z_5٣½ \t\n<>~≈.,-()²é", "\u2009", "\xa0"]


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(SYMBOLS), max_size=12))
@example("x_<")
@example("over  ")
@example("5 ≈ ")
def test_word_right_before_is_the_regex_it_replaces(text: str) -> None:
    from reconcile.extract.phrases import _word_right_before

    regex = re.compile(r"[^\W\d_][^\W\d_]*\W*$|[<>~≈]\s*$")
    assert _word_right_before(text) == (regex.search(text) is not None)


YEARS = [*"0123456789,. a\n", "19", "20", "18", "2019", "1850"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(YEARS), max_size=10).map("".join))
@example("in 2019, 1,2019 and 12019 but 1985.")
def test_year_pattern_is_the_one_it_replaces(text: str) -> None:
    from reconcile.extract.claims import _YEAR

    before = re.compile(r"(?<![\d,.])(?:1[89]\d\d|20\d\d)(?![\d,])")
    assert [m.span() for m in _YEAR.finditer(text)] == [m.span() for m in before.finditer(text)]


def test_rank_pattern_is_the_one_it_replaces() -> None:
    """The rank words before a number, as a tree, find what the list in its order found: in every
    window before a number of the corpus, and in made-up ones."""
    from reconcile.lexicon import read_toml

    words = read_toml("extract.toml")["ranks"]["before"]
    listed = "|".join(rf"\b{re.escape(w)}" if re.match(r"\w", w) else re.escape(w) for w in words)
    before = re.compile(rf"(?:{listed})\s*$", re.I)
    now = Vocabulary().rank_before
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += [f"{a}{w}{b}" for w in words for a in ("", "the ", "x") for b in ("", " ", "  \n", "s", ".")]
    windows = 0
    for text in texts:
        for m in re.finditer(r"\d", text):
            for width in (1, 12, 40):
                a, b = max(0, m.start() - width), m.start()
                found, expected = now.search(text, a, b), before.search(text, a, b)
                assert (found and found.span()) == (expected and expected.span()), text[a:b]
                windows += 1
        assert (now.search(text) and now.search(text).span()) == (before.search(text) and before.search(text).span())
    assert windows > 10_000


def _clause_break_before() -> re.Pattern[str]:
    from reconcile.lexicon import read_toml

    clauses = read_toml("extract.toml")["clauses"]
    return re.compile(
        rf";|,?\s+(?:{flat(clauses['joiners'])})\s+(?=[A-Z])"
        rf"|,\s+(?=(?:{flat(clauses['after_comma'])})\b)"
        rf"|\s+(?=(?:{flat(clauses['anywhere'])})\s)|\s[-–—]\s",
        re.I,
    )


CLAUSE_BITS = [
    " ",
    "  ",
    ",",
    ";",
    "-",
    "—",
    "–",
    "\n",
    "a",
    "B",
    "and ",
    "but ",
    "which ",
    "while ",
    "whereas ",
    "of which",
    " x",
    "é",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CLAUSE_BITS), max_size=14).map("".join))
@example("Cases rose, but deaths fell - and then; while  Which  b — c")
def test_clause_break_is_the_pattern_it_replaces(text: str) -> None:
    assert matches(Vocabulary().clause_break, text) == matches(_clause_break_before(), text)


def test_clause_break_on_the_corpus() -> None:
    now, before = Vocabulary().clause_break, _clause_break_before()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert matches(now, text) == matches(before, text)
        for s, e, _ in split_sentences(text):
            assert matches(now, text[s:e]) == matches(before, text[s:e])


RANK_BITS = ["No", "no", ".", "Number", "#", " ", "\n", "x", "_", "5", "é", "N", "o"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(RANK_BITS), max_size=10).map("".join))
@example("iPhone No. ")
@example("xNo ")
@example("_No")
def test_rank_before_is_the_regex_it_replaces(text: str) -> None:
    from reconcile.extract.numbers import _rank_before

    assert _rank_before(text) == (re.search(r"(?:\bNo\.?|\bno\.|\bNumber|#)\s*$", text) is not None)


AS_OF_BITS = ["As", "as", " of ", " at ", "  ", "2023", "9/29", "September ", "x", "has", "_", "\n", "5, "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(AS_OF_BITS), max_size=10).map("".join))
@example("As of September 2023 and as at 9/29, was as of 2020")
def test_as_of_is_the_pattern_it_replaces(text: str) -> None:
    from reconcile.extract.claims import _AS_OF

    before = re.compile(_AS_OF.pattern.replace(r"[Aa](?<!\w.)s\s+", r"\b[Aa]s\s+", 1))
    assert before.pattern.startswith(r"\b[Aa]s\s+")
    assert [(m.span(), m.groupdict()) for m in _AS_OF.finditer(text)] == [
        (m.span(), m.groupdict()) for m in before.finditer(text)
    ]


TARGET_BITS = ["target", "Goal", "aims", "pledge", " of ", " to reach ", " is ", "the ", "x ", "İ", "objectİve", " "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TARGET_BITS), max_size=10).map("".join), st.integers(0, 30))
@example("its objective of less than ", 0)
def test_target_before_is_the_search_it_replaces(text: str, start: int) -> None:
    from reconcile.extract.claims import _TARGET_BEFORE, _target_before

    start = min(start, len(text))
    assert _target_before(text, start, len(text)) == (_TARGET_BEFORE.search(text, start, len(text)) is not None)


def _runs_word_by_word(text: str) -> list[list[tuple[str, int, int]]]:
    """The gazetteer's runs of capitalised words as it found them before: visiting every word."""
    from reconcile.extract.gazetteer import _CONNECTORS, _POSSESSIVE, _TOKEN

    runs: list[list[tuple[str, int, int]]] = []
    cur: list[tuple[str, int, int]] = []
    last_end, pending_connector = -10, False
    for m in re.finditer(r"[^\s,;:()\[\]“”\"!?—–]+|[,;:()\[\]“”\"!?—–]", text):
        w = m.group(0)
        if w[0].isupper() and _TOKEN.fullmatch(w):
            gap = text[last_end : m.start()]
            if cur and (gap.strip() == "" or pending_connector) and not _POSSESSIVE.search(cur[-1][0]):
                cur.append((w, m.start(), m.end()))
            else:
                if cur:
                    runs.append(cur)
                cur = [(w, m.start(), m.end())]
            last_end, pending_connector = m.end(), False
            continue
        if cur and w.lower() in _CONNECTORS and not pending_connector and text[last_end : m.start()].strip() == "":
            pending_connector, last_end = True, m.end()
            continue
        if cur:
            runs.append(cur)
            cur = []
        pending_connector = False
    if cur:
        runs.append(cur)
    return runs


RUN_BITS = [
    "South",
    " ",
    "China",
    "Morning",
    "Post",
    "of",
    "and",
    ",",
    "(",
    "’s",
    "'s",
    "COVID-19",
    "Éire",
    "x",
    "U.S.",
    "\n",
    "—",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(RUN_BITS), max_size=14).map("".join))
@example("The South China Morning Post of Hong Kong, and Osaka of Japan’s Ubiquitous (Surveillance)")
def test_runs_of_capitalised_words_as_before(text: str) -> None:
    from reconcile.extract.gazetteer import gazetteer

    assert gazetteer()._runs(text) == _runs_word_by_word(text)


def test_runs_of_capitalised_words_on_the_corpus() -> None:
    from reconcile.extract.gazetteer import gazetteer

    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert gazetteer()._runs(text) == _runs_word_by_word(text)
        for s, e, _ in split_sentences(text):
            assert gazetteer()._runs(text[s:e]) == _runs_word_by_word(text[s:e])


def _longest_name_every_length(g: object, run: list[tuple[str, int, int]], i: int) -> tuple[int, str, str] | None:
    """The gazetteer's longest known name at word i as it found it before: every length tried."""
    from reconcile.extract.gazetteer import _POSSESSIVE

    places, demonyms = g.places, g.demonyms  # type: ignore[attr-defined]
    for j in range(min(len(run), i + g.max_words), i, -1):  # type: ignore[attr-defined]
        words = [w for w, _, _ in run[i:j]]
        words[-1] = _POSSESSIVE.sub("", words[-1])
        name = " ".join(words)
        if name in places or name.rstrip(".") in places:
            return j, name, "place"
        if j - i == 1 and (name in demonyms or name.rstrip(".") in demonyms):
            return j, name, "demonym"
    return None


def test_longest_names_as_before() -> None:
    """On every run of capitalised words of the corpus, and on runs of the gazetteer's own names."""
    from reconcile.extract.gazetteer import gazetteer

    g = gazetteer()
    runs = [r for p in sorted(CORPUS.glob("*.txt")) for r in g._runs(p.read_text(encoding="utf-8"))]
    names = sorted(g.places)[::7] + sorted(g.demonyms)[::7]
    for name in names:
        words = name.split(" ")
        for tail in ("", "’s", ".", "'s"):
            made = [*words[:-1], words[-1] + tail, "Post"]
            runs.append([(w, 0, 0) for w in made])
            runs.append([(w, 0, 0) for w in ["The", *made]])
    assert len(runs) > 1000
    for run in runs:
        for i in range(len(run)):
            assert g._longest_name(run, i) == _longest_name_every_length(g, run, i), run


NUMBER_BITS = [
    "5", "12", "1,000", "1 000", "0.5", "3.2e6", "2×10⁹", "€", "€15,3", "EUR ", "US$", "$", "Rs.", "KSh", "try ",
    "one", "Twenty", "hundred", "and", "a", "an", "million", "bn", "m", "k", "minus ", "-", "−", "–", " ", "  ",
    "\u2009", "(", ".", ",", "/", ":", "x", "th", "ſix", "Ten", "é", "٣",
]  # fmt: skip


def _number_matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return matches(pattern, text)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_BITS), max_size=12).map("".join))
@example("over 5.5 million cameras, €15,3 trillion and US$ 20bn; minus 5 and twenty-one hundred")
@example("ſix or Ten  5")
def test_number_pattern_with_its_guards_is_the_pattern_without(text: str) -> None:
    """The number regex with a look-ahead at the first characters of its optional parts finds
    what it found without them."""
    lex = Lexicon()
    plain = re.compile(lex.number_pattern(guarded=False), re.X | re.I)
    assert lex.number_re.pattern == lex.number_pattern()
    assert _number_matches(lex.number_re, text) == _number_matches(plain, text)


def test_number_pattern_on_the_corpus() -> None:
    lex = Lexicon()
    plain = re.compile(lex.number_pattern(guarded=False), re.X | re.I)
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e, _ in split_sentences(text):
            assert _number_matches(lex.number_re, text[s:e]) == _number_matches(plain, text[s:e])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["China", "’s", "'s", "’", "'", "s", " ", "Of"]), max_size=6).map("".join))
def test_without_possessive_is_the_substitution_it_replaces(word: str) -> None:
    from reconcile.extract.gazetteer import _POSSESSIVE, _without_possessive

    assert _without_possessive(word) == _POSSESSIVE.sub("", word)
