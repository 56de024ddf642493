"""A new claim file written directly (extract/yamltext.py) is byte for byte what ruamel.yaml
dumps, whatever the text of the claims; claims it is not sure of go through ruamel."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reconcile.extract import yamltext
from reconcile.extract.candidates import CandidateClaim, ExtractedDocument
from reconcile.extract.writer import _new_file, _new_file_ruamel, _new_file_text
from reconcile.load.yamlfile import read_yaml

# characters and words where YAML's plain and quoted forms differ, and ordinary text
TRICKY = list("ab :#-?,[]{}&*!|>'\"%@`\\\t\n\r\xa0\u2028\u2029\x85\ufeff\x00é€1.~=<")
texts = st.one_of(
    st.text(alphabet=st.sampled_from(TRICKY), max_size=12),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "true",
            "2021",
            "2021-03-11",
            "null",
            "~",
            "...",
            "- a",
            "a: b",
            "<<",
            "1e3",
            "x " * 2100,
            "a #b",
            "a#b",
            "a:",
            "b:c",
            "-5%",
            "a, b [c]",
            "?x",
            "a  b",
        ]
    ),
    st.sampled_from(["Chile", "19 million people", "GDP per head", "Côte d'Ivoire", "4.3 beds per 1,000 people"]),
)


def _claim(entity: str, value: str, quote: str, period: str, ident: str, doubt: str) -> CandidateClaim:
    return CandidateClaim(
        id=ident or "claim",
        entity=entity,
        value=value,
        quote=quote,
        span=(3, 3 + len(quote)),
        period=period or None,
        measure=doubt or None,
        computed_from=[ident, "chile-2021"] if doubt else [],
        doubts=[doubt] if doubt else [],
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(texts, texts, texts, texts, texts, texts), min_size=0, max_size=4),
    texts,
    texts,
)
@example([("Chile", "19 million people", 'He said "19 million" \\ more', "2021", "chile-2021", "")], "Chile", "a.txt")
@example([("", "2021-03-11", "a\u2028b", "2021-03", "2021", "one; two")], "", "a\xa0b.txt")
@example([("a #b", "5 people", "q", "", "x", "")], "", "")
@example([("a:", "5 people", "q", "", "x", "")], "", "")
@example([("b: c", "5 people", "q", "", "x", "")], "", "")
@example([("...a", "5 people", "q", "", "x", "")], "", "")
@example([("2021", "5 people", "q", "", "x", "")], "", "")
@example([("true", "5 people", "q", "", "x", "")], "", "")
@example([("-a", "5 people", "q", "", "x", "")], "", "")
@example([("[a", "5 people", "q", "", "x", "")], "", "")
@example([("a\u2028b", "5 people", "q", "", "x", "")], "", "")
@example([("a\tb", "5 people", "q", "", "x", "")], "", "")
@example([("a\xa0b", "5 people", "q", "", "x", "")], "", "")
@example([(" a", "5 people", "q", "", "x", "")], "", "")
@example([], "Budget | Congressional Budget Office", "010-cbo.txt")  # no claims: `claims: []` and its note
def test_direct_text_is_what_ruamel_dumps(fields: list[tuple[str, ...]], title: str, document: str) -> None:
    doc = ExtractedDocument("src", document or "doc.txt", title or None, [_claim(*f) for f in fields])
    text, direct = _new_file_text(doc)
    assert text == _new_file(doc) == _new_file_ruamel(doc)
    if direct:  # the writer does not read such a file back: the claim files' reader reads every field as written
        data = read_yaml(text, "src.yaml")
        assert data["source"]["document"] == doc.document and data["source"].get("title") == doc.title
        assert data["claims"] == [_as_read(c.to_yaml_dict()) for c in doc.claims]


def _as_read(fields: dict[str, Any]) -> dict[str, Any]:
    """A claim's fields as the claim files' reader gives them back: every scalar as its text."""
    return {k: [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in fields.items()}


def test_ordinary_claims_are_written_directly() -> None:
    claim = _claim("Chile", "19 million people", 'He said "19 million".', "2021", "chile-2021", "a doubt")
    item = yamltext.claim_item(claim.to_yaml_dict())
    assert item is not None and item.startswith("  - id: chile-2021\n    entity: Chile\n")
    assert '    quote: "He said \\"19 million\\"."\n    span: [3, 24]\n' in item
    # not sure of these: ruamel writes them
    assert yamltext.plain("2021") is None and yamltext.plain("a: b") is None and yamltext.plain("") is None
    assert yamltext.double_quoted("a\u2028b") is None
