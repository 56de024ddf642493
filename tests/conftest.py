"""Shared fixtures: the shipped claims repo, the seed articles (skipped cleanly when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: the machine CI and helpers share is loaded, and a cold first call (a
# cache filling, a GC pause) took over hypothesis's default 200 ms once in three full runs
# (test_indian_grouping_equals_plain_digits: "FlakyFailure … DeadlineExceeded"). Speed is
# measured in benchmarks/, not asserted by tests.
settings.register_profile("reconcile", deadline=None)
settings.load_profile("reconcile")

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_report():
    import reconcile

    return reconcile.check(CLAIMS)


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here (a fresh clone has no ../shared)")
    return SEEDS


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_entries(folder: Path, files: dict[str, list[dict[str, str]]]):
    """A repo of one claim file per source, each claim one JSON flow mapping, checked."""
    import json

    import reconcile

    for source, entries in files.items():
        lines = [f"  - {json.dumps(e)}\n" for e in entries]
        write(folder, f"{source}.yaml", f"source:\n  id: {source}\nclaims:\n" + "".join(lines))
    return reconcile.check(folder)


def source_yaml(id_: str, claims: str, kind: str = "article") -> str:
    """A claim file's text: a source named by its id, then the claims as written."""
    return f"source:\n  id: {id_}\n  title: {id_}\n  publisher: {id_}\n  kind: {kind}\nclaims:\n{claims}"


def raised(report) -> list:
    """The alarms: findings of error or warning severity."""
    return [f for f in report.findings if f.severity in ("error", "warning")]


def assert_same_report(one, other) -> None:
    """Two engines' reports of one repo are the same, object for object and byte for byte in every
    format (tests/test_forked.py, tests/test_engines.py)."""
    import networkx as nx

    from reconcile.present.render import render

    assert other.claims == one.claims
    assert other.derived == one.derived
    assert other.findings == one.findings
    assert other.estimates == one.estimates
    assert dict(other.reliability) == dict(one.reliability)  # learnt over every partition
    assert dict(other.sources) == dict(one.sources)
    assert other.files == one.files
    for fmt in ("json", "sarif", "text"):
        assert render(other, fmt) == render(one, fmt)
    assert render(other, "json", pretty=False) == render(one, "json", pretty=False)
    assert one.graph is not None and other.graph is not None
    assert nx.utils.graphs_equal(other.graph, one.graph)  # nodes, edges and their kinds
