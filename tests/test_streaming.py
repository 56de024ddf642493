"""Streamed JSON and SARIF are byte for byte what `json.dumps` gives for the whole document."""

from __future__ import annotations

import io
import json
import os
import random
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reconcile
from reconcile.cli import main as cli_main
from reconcile.present.render import json as json_render
from reconcile.present.render import sarif as sarif_render
from reconcile.present.render import streaming
from reconcile.present.render.streaming import RecordList, Records, _lazy, dumps, write_json

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def materialized(value: Any) -> Any:
    """The document as the renderers built it before streaming: every iterator a list."""
    if isinstance(value, dict):
        return {k: materialized(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, Iterator)):
        return [materialized(v) for v in value]
    return value


def whole(document: Any, indent: int | None, allow_nan: bool = False) -> str:
    return json.dumps(materialized(document), ensure_ascii=False, indent=indent, allow_nan=allow_nan)


def streamed(write: Any, *args: Any, **kwargs: Any) -> str:
    out = io.StringIO()
    write(*args, out, **kwargs)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeds() -> reconcile.Report:
    return reconcile.check(ROOT / "claims")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> reconcile.Report:
    from bench_check import generate

    folder = tmp_path_factory.mktemp("repo-10k")
    generate(folder, 10_000)
    return reconcile.check(folder)


@pytest.mark.parametrize("repo", ["seeds", "generated"])
@pytest.mark.parametrize("pretty", [True, False])
def test_json_streamed_equals_the_whole_document(repo: str, pretty: bool, request: pytest.FixtureRequest) -> None:
    report = request.getfixturevalue(repo)
    expected = whole(json_render.document(report), 2 if pretty else None)
    assert json.loads(expected)["summary"]["claims"] == len(report.claims) > 0
    assert json_render.render(report, pretty=pretty) == expected
    assert streamed(json_render.write, report, pretty=pretty) == expected


@pytest.mark.parametrize("repo", ["seeds", "generated"])
def test_sarif_streamed_equals_the_whole_document(repo: str, request: pytest.FixtureRequest) -> None:
    report = request.getfixturevalue(repo)
    expected = whole(sarif_render.document(report), 2, allow_nan=True) + "\n"
    assert len(json.loads(expected)["runs"][0]["results"]) == len(report.findings) > 0
    assert sarif_render.render(report) == expected
    assert streamed(sarif_render.write, report) == expected


def test_cli_writes_the_streamed_json(
    seeds: reconcile.Report, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["reconcile", "check", str(ROOT / "claims"), "--format", "json"])
    with pytest.raises(SystemExit):
        cli_main()
    assert capsys.readouterr().out == json_render.render(seeds, pretty=True)


def test_a_big_document_is_written_in_pieces() -> None:
    """Written to the file as encoded: more than one write for a document over the chunk size."""
    writes: list[int] = []

    class Counting(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(len(text))
            return super().write(text)

    records = ({"id": i, "text": "x" * 100} for i in range(30_000))
    out = Counting()
    write_json({"records": records}, out)
    assert len(writes) > 2
    assert max(writes) < 2 * (1 << 20)
    assert json.loads(out.getvalue())["records"][29_999] == {"id": 29_999, "text": "x" * 100}


json_leaf = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8)
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


def lazified(value: Any, rng: random.Random) -> Any:
    """The same document with some of its lists turned into iterators or tuples, at random, and
    lists that hold no list into `Records` (plain records, written without looking inside)."""
    if isinstance(value, dict):
        return {k: lazified(v, rng) for k, v in value.items()}
    if isinstance(value, list):
        items = [lazified(v, rng) for v in value]
        plain = not any(_lazy(v) for v in items)  # e.g. dicts of leaves, lists of lists
        return rng.choice([items, iter(items), tuple(items), *([Records(items)] if plain else [])])
    return value


@given(json_value, st.randoms(use_true_random=False), st.sampled_from([None, 2, 4]))
def test_streaming_matches_json_dumps_for_any_document(document: Any, rng: random.Random, indent: int | None) -> None:
    expected = json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False)
    assert dumps(lazified(document, rng), indent=indent) == expected
    out = io.StringIO()
    write_json(lazified(document, rng), out, indent=indent)
    assert out.getvalue() == expected


@given(json_value, st.randoms(use_true_random=False))
def test_a_split_document_is_what_json_dumps_writes(document: Any, rng: random.Random) -> None:
    """The members from `split` on encoded by a forked child into a file, then copied after the rest."""
    expected = json.dumps(document, ensure_ascii=False, allow_nan=False)
    split = rng.choice(list(document)) if isinstance(document, dict) and document else "absent"
    out = io.StringIO()
    write_json(lazified(document, rng), out, split=split)
    assert out.getvalue() == expected


def test_the_json_of_a_repo_is_the_same_written_by_two_processes(
    generated: reconcile.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = generated
    whole = json_render.render(report, pretty=False)
    out = io.StringIO()
    json_render.write(report, out, pretty=False, jobs=2)
    assert out.getvalue() == whole
    parent = os.getpid()
    real = streaming._members

    def fails_in_the_child(*args: Any, **kwargs: Any) -> Iterator[str]:
        if os.getpid() != parent:
            raise MemoryError("the child ran out")
        return real(*args, **kwargs)

    monkeypatch.setattr(streaming, "_members", fails_in_the_child)
    out = io.StringIO()
    json_render.write(report, out, pretty=False, jobs=2)  # the child failed: written here instead
    assert out.getvalue() == whole


@given(st.lists(st.dictionaries(st.text(max_size=4), json_leaf, max_size=3), min_size=2, max_size=30), st.data())
def test_a_document_split_inside_a_list_is_what_json_dumps_writes(records: list[Any], data: st.DataObject) -> None:
    """The records from the n-th on, and the members after them, written by a forked child."""
    n = data.draw(st.integers(1, len(records) - 1))
    before = data.draw(st.booleans())
    document = {**({"version": 1} if before else {}), "claims": records, "after": [1, {"x": None}]}
    expected = json.dumps(document, ensure_ascii=False, allow_nan=False)
    out = io.StringIO()
    write_json({**document, "claims": RecordList(records, iter)}, out, split=("claims", n))
    assert out.getvalue() == expected


def test_the_claims_split_gives_both_processes_work(generated: reconcile.Report) -> None:
    """Each process writes about half: this one the first claims, the other the rest and the
    derived values, findings and estimates."""
    n = json_render._halfway(generated)
    assert 0 < n < len(generated.claims)
    claims = len(json_render.render(replace(generated, derived=(), findings=(), estimates=()), pretty=False))
    whole = len(json_render.render(generated, pretty=False))
    here = claims * n / len(generated.claims)
    assert 0.35 < here / whole < 0.65


def test_json_waits_for_claims_another_process_encodes(generated: reconcile.Report) -> None:
    """The members after the claims are encoded while the claims are; the bytes are the same,
    and the claims are encoded here if the other process failed."""
    expected = json_render.render(generated, pretty=False)
    text = io.BytesIO()
    json_render.write_claims(generated.claims, text)
    assert text.getvalue().decode() == json.dumps(json.loads(expected)["claims"], ensure_ascii=False)
    text.seek(0)
    for encoded in (text, None):
        out = io.StringIO()
        streaming.write_json_with(json_render.document(generated), out, "claims", lambda file=encoded: file)
        assert out.getvalue() == expected
