"""The line-by-line reader of plain claim files (load/plainyaml.py) gives exactly what the YAML
parser gives — data, types and every line — or declines (None) and leaves the file to the parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reconcile.load.plainyaml import _OTHER, read_plain
from reconcile.load.yamlfile import Mapping, Sequence, parse_yaml, read_yaml

ROOT = Path(__file__).resolve().parents[1]


def _shape(data: Any) -> Any:
    """Data with the lines the parser records, for comparing all of it at once."""
    if isinstance(data, Mapping):
        return (
            "map",
            data.line,
            dict(data.key_lines),
            data.duplicates,
            {k: _shape(v) for k, v in data.items()},
            list(data),
        )
    if isinstance(data, Sequence):
        return ("seq", list(data.item_lines), [_shape(v) for v in data])
    return (type(data).__name__, data)


def _same_as_parser(text: str) -> bool:
    """Whether the plain reader took the text; if it did, its data must be the parser's."""
    plain = read_plain(text)
    if plain is None:
        return False
    assert _shape(plain) == _shape(parse_yaml(text, "f.yaml"))
    return True


def _yaml_files() -> list[Path]:
    return sorted(p for p in ROOT.glob("**/*.yaml") if ".git" not in p.parts)


def test_the_shipped_claim_files_are_read_plainly_with_the_parsers_data():
    files = _yaml_files()
    taken = [p for p in files if _same_as_parser(p.read_text(encoding="utf-8"))]
    # every shipped claim file is in the plain form: the fast path is the common path
    assert {p.name for p in (ROOT / "claims").glob("*.yaml")} <= {p.name for p in taken}


def test_a_typical_file():
    text = (
        "# a comment\n"
        "source:\n"
        "  id: who-2023   # trailing comment\n"
        "  url: https://example.org/a#b\n"
        "claims:\n"
        "  - id: uk\n"
        "    entity: United Kingdom\n"
        '    value: "1,711 road deaths"\n'
        "    quote: 'the UK: 1,711 deaths # not a comment'\n"
        '    note: "a \\"quoted\\" word, a \\\\ backslash"\n'
        "    computed_from: [a, b c, null]\n"
        "\n"
        "  -   id: fr\n"
        "      of: null\n"
        '      note: "null"\n'
        "      tags: []\n"
    )
    assert _same_as_parser(text)
    data = read_yaml(text, "f.yaml")
    assert data["claims"][0]["computed_from"] == ["a", "b c", None]
    assert data["claims"][1]["of"] is None and data["claims"][1]["note"] == "null"
    assert data["claims"][1].key_lines == {"id": 13, "of": 14, "note": 15, "tags": 16}
    assert data["claims"].item_lines == [6, 13]
    assert data["claims"][0]["note"] == 'a "quoted" word, a \\ backslash'


@pytest.mark.parametrize(
    "text",
    [
        "source:\n  id: a\nclaims:\n  - id: x\n    id: y\n",  # a key written twice: the parser records it
        "source:\n  id: a\nsource:\n  id: b\n",
        "a: b\n\tc: d\n",  # a tab
        "a: b\r\n",  # a carriage return
        "a: &anchor b\n",  # an anchor
        "a: !!str b\n",  # a tag
        "a: |\n  block\n",  # a block string
        "a: long\n  continued\n",  # a plain value going on to the next line
        'a: "quoted\n  on two lines"\n',  # a quoted value going on to the next line
        'claims:\n  - id: x\n    value: "one\n      two"\n',
        'a: "open\n',
        'a: "escaped \\n newline"\n',
        "a: it's: here\n",
        "a: -5\n",  # a value starting with an indicator
        "a:\n",  # an opened key with nothing under it
        "---\na: b\n",  # a document marker
        "null: a\n",
        "a: [x, [y]]\n",
        "a: {x: y}\n",
        "a:\n  - x\n",  # a list of plain values, not of mappings
        "a:\n  b:\n    c: d\n",  # nested deeper
        "",
        "# only a comment\n",
        "\ufeffa: b\n",
        "a: b\x85c\n",
    ],
)
def test_other_forms_are_left_to_the_parser(text):
    assert read_plain(text) is None


_SPECIAL = st.text(alphabet=" abcAB01:#-,'\"[]{}&*!|>%@`?~é“\\", min_size=0, max_size=12)
_ORDINARY = st.text(alphabet=" abc01é“", max_size=12)
_WORDS = st.one_of(_ORDINARY, _ORDINARY, _ORDINARY, _SPECIAL, st.sampled_from(["null", "~", "a # b", "a#b", "a: b"]))
_KEYS = st.one_of(
    *[st.text(alphabet="abcdefghij", min_size=2, max_size=4)] * 4, st.sampled_from(["null", "a-b", "Null", "x_1"])
)
_VALUES = st.one_of(
    _WORDS, _WORDS, _WORDS.map(lambda w: f'"{w}"'), _WORDS.map(lambda w: f"'{w}'"), _WORDS.map(lambda w: f"[{w}]")
)
_GAPS = st.sampled_from(["", "", "", "\n", "\n# c", "\n  # c", "\n   "])


@st.composite
def _plain_like(draw: st.DrawFn) -> str:
    """A claim file's structure (top-level values, `source:` mapping, `claims:` list), its values
    drawn from the characters YAML treats specially, now and then a line out of place."""

    def entry(prefix: str) -> str:
        value = draw(_VALUES)
        return f"{prefix}{draw(_KEYS)}:" + (f" {value}" if value or draw(st.booleans()) else "") + draw(_GAPS)

    lines = [entry("") for _ in range(draw(st.integers(0, 2)))]
    lines.append("source:")
    indent = draw(st.sampled_from(["  ", "    ", " "]))
    lines += [entry(indent) for _ in range(draw(st.integers(1, 3)))]
    lines.append("claims:")
    dash = draw(st.sampled_from(["  - ", "- ", "  -   "]))
    for _ in range(draw(st.integers(1, 3))):
        lines.append(entry(dash))
        lines += [entry(" " * len(dash)) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.integers(0, 4)) == 0:  # a line out of place
        lines.insert(draw(st.integers(0, len(lines))), entry(draw(st.sampled_from(["", " ", "   ", "- ", "      "]))))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=400)  # about one text in 25 is all plain: some 15 of them each run
@given(_plain_like())
@example("source:\n  id: a\nclaims:\n- id: x\n  value: 1\n")
@example("claims:\n  - id: x\n    value: 5 cameras #c\n  - id: y\n")
def test_whatever_the_plain_reader_takes_the_parser_reads_the_same(text):
    try:
        parsed = parse_yaml(text, "f.yaml")
    except Exception:  # noqa: BLE001 - text the parser refuses must be refused by the plain reader too
        assert read_plain(text) is None
        return
    plain = read_plain(text)
    if plain is not None:
        assert _shape(plain) == _shape(parsed)


@pytest.mark.parametrize("block", [range(0, 0x3000), [0xD800, 0xDFFF, 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF]])
def test_every_character_the_plain_reader_keeps_reads_the_same_through_the_parser(block):
    """Controls, YAML's other line breaks, a byte-order mark, surrogates: the parser's business."""
    for code in block:
        text = f"a: x{chr(code)}y\n"
        plain = read_plain(text)
        if plain is None:
            continue
        try:
            parsed = parse_yaml(text, "f.yaml")
        except Exception:  # noqa: BLE001 - whatever the parser refuses, the plain reader must not take
            pytest.fail(f"U+{code:04X} taken by the plain reader, refused by the parser")
        assert _shape(plain) == _shape(parsed), f"U+{code:04X}"


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20), st.sampled_from(["", "é", "\u2028"]))
def test_ascii_text_is_searched_for_the_characters_left_to_the_parser_as_the_pattern_does(text, tail):
    """ASCII text is searched for its control characters one by one; any other text by `_OTHER`."""
    for candidate in (text, text + tail, "a: b\n" + text, "a: b" + text, "a: b" + text + tail):
        plain = read_plain(candidate)
        if _OTHER.search(candidate):
            assert plain is None
        elif plain is not None:
            assert _same_as_parser(candidate)
