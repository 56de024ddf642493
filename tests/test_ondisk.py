"""Sequences kept on disk: runs merged stably (the Dask engine's results) and sorting beyond memory
(the text table and SARIF of a big report), both exactly what `sorted` gives."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile import ondisk

# (key, payload): payloads tell equal keys apart, so stability is checked, not assumed
PAIRS = st.lists(st.tuples(st.integers(-3, 3), st.integers()), max_size=60)


@given(PAIRS, st.integers(1, 9))
def test_ordered_is_sorted_whatever_the_run(pairs: list[tuple[int, int]], run: int) -> None:
    assert list(ondisk.ordered(pairs, key=lambda p: p[0], run=run)) == sorted(pairs, key=lambda p: p[0])


@given(st.lists(PAIRS, max_size=5))
def test_merged_runs_are_the_stable_sort_of_the_runs_in_turn(runs: list[list[tuple[int, int]]]) -> None:
    store = ondisk.Store()
    ordered = [sorted(run, key=lambda p: p[0]) for run in runs]
    # (key, item) pairs with the item itself holding the key: what merges is the key alone
    merged = ondisk.Merged(store, [store.dump([(k, (k, v)) for k, v in run]) for run in ordered], sum(map(len, runs)))
    expected = sorted((pair for run in ordered for pair in run), key=lambda p: p[0])
    assert list(merged) == expected and merged == expected and merged == tuple(expected)
    assert len(merged) == len(expected)
    if expected:
        assert merged[0] == expected[0] and merged[-1] == expected[-1] and list(merged[1:3]) == expected[1:3]
        assert merged != expected[:-1]


def test_a_run_is_read_a_chunk_at_a_time() -> None:
    store = ondisk.Store()
    items = [(n, str(n)) for n in range(ondisk.CHUNK * 2 + 5)]
    addresses = store.dump(items)
    assert len(addresses) == 3
    assert len(store.load(addresses[0])) == ondisk.CHUNK and len(store.load(addresses[2])) == 5
    assert list(store.read(addresses)) == items


def test_text_and_sarif_sorted_on_disk_are_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text table and SARIF of a report with more findings than RUN: sorted through the disk."""
    import io

    import reconcile
    from reconcile.present.render import render, text

    local = reconcile.check(Path(__file__).resolve().parents[1] / "claims")
    assert len(local.findings) > 3
    in_memory = {fmt: render(local, fmt) for fmt in ("text", "sarif")}
    store = ondisk.Store()  # the findings on disk, as the Dask engine's are
    on_disk = ondisk.Merged(store, [store.dump(list(enumerate(local.findings)))], len(local.findings))
    report = replace(local, findings=on_disk)
    monkeypatch.setattr(ondisk, "RUN", 3)
    assert {fmt: render(report, fmt) for fmt in ("text", "sarif")} == in_memory
    out = io.StringIO()
    text.write(report, out)
    assert out.getvalue() == in_memory["text"]
