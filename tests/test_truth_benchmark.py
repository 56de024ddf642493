"""The truth benchmark's generator and scorer on a small repo: what the README's table rests on."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

TRUTH = Path(__file__).resolve().parents[1] / "benchmarks" / "truth"


@pytest.fixture(scope="module")
def score():
    sys.path.insert(0, str(TRUTH))
    try:
        import score as module
    finally:
        sys.path.remove(str(TRUTH))
    return module


def test_the_generator_writes_a_repo_with_its_truth(tmp_path, score):
    counts = score.generate.generate(tmp_path, towns=60, n_sources=30, claims=500, vandalism=0.1, seed=4)
    assert counts["claims"] > 300 and counts["vandalised"] > 10 and counts["wrong"] > 10
    truth = score.read_truth(tmp_path)
    assert len(truth) == counts["objects"]
    with next((tmp_path / "claims").glob("*.csv")).open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["id", "entity", "value", "period"]
    # the same arguments give the same repo
    again = tmp_path / "again"
    assert score.generate.generate(again, towns=60, n_sources=30, claims=500, vandalism=0.1, seed=4) == counts


def test_reconcile_beats_the_plain_median_on_a_small_repo(tmp_path, score):
    score.generate.generate(tmp_path, towns=80, n_sources=40, claims=800, vandalism=0.1, seed=5)
    results, _, claims = score.score_repo(tmp_path)
    assert claims > 500
    assert results["reconcile"][0] < results["median"][0]
    assert results["reconcile"][0] < results["CRH"][0]
    assert 0 < results["reconcile"][0] < 1  # an error rate, not a constant


def test_crh_learns_to_trust_the_reliable_source(score):
    objects = {(f"t{i}", "2020"): [("good", 100.0 + i), ("bad", 150.0 + i), ("meh", 101.0 + i)] for i in range(5)}
    objects[("t9", "2020")] = [("good", 50.0), ("bad", 80.0)]
    truths = score.crh(objects)
    assert truths[("t9", "2020")] == 50.0
    assert score.majority([("a", 1.0), ("b", 2.0), ("c", 2.0)]) == 2.0
